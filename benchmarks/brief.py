"""Benchmark: the full meeting deck of one province (PowerPoint and PDF), next to the floor.

Cold = a fresh process: imports, kaleido starting Chromium, queries, chart images, both files.
Warm = the same again in that process (kaleido's server running, fonts loaded). The floor is
one kaleido PNG export of a small chart in a fresh process — the least any deck with a chart
costs — measured in the same run. Target (issue 5): under 10 s. Not pass/fail. On a shared machine the wall times swing with
the load: compare the cold time with the floor of the same run.

    uv run python benchmarks/brief.py [--province kon-tum --year 2020 --repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FLOOR = """
import json, time
t = time.perf_counter()
import plotly.graph_objects as go
from pci.charts.images import figure_bytes
figure_bytes(go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2])), "png", width=1200, height=480, scale=2)
print(json.dumps({"floor": time.perf_counter() - t}))
"""

DECK = """
import json, os, sys, time
from pathlib import Path
t0 = time.perf_counter()
from pci.brief import pdf, pptx
from pci.brief.deck import build_deck
from pci.brief.layout import prewarm_images
prewarm_images()  # as `pci brief` does: Chromium starts while the data is read
db, province, year = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
out = {}
for run in ("cold", "warm"):
    t = time.perf_counter()
    deck = build_deck(db, province, year, "vi", register=False)
    built = time.perf_counter() - t
    p = pptx.render(deck)
    d = pdf.render(deck)
    out[run] = time.perf_counter() - (t0 if run == "cold" else t)
    out[run + "_build"] = built
out["cpu"] = sum(os.times()[:2])  # this process only (Chromium runs in its own)
out["slides"] = len(deck)
out["pptx_kb"] = len(p) // 1024
out["pdf_kb"] = len(d) // 1024
print(json.dumps(out))
"""


def _child(code: str, *args: str) -> dict:
    r = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--province", default="kon-tum")
    ap.add_argument("--year", type=int, default=2020)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from etl.load import rebuild

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "pci.duckdb"
        rebuild(db)
        floors, decks = [], []
        for _ in range(args.repeat):
            floors.append(_child(FLOOR)["floor"])
            decks.append(_child(DECK, str(db), args.province, str(args.year)))
    med = statistics.median
    floor = med(floors)
    cold = med(d["cold"] for d in decks)
    warm = med(d["warm"] for d in decks)
    print(
        f"deck: {args.province} {args.year}, {decks[0]['slides']} slides, "
        f"pptx {decks[0]['pptx_kb']} kB, pdf {decks[0]['pdf_kb']} kB (median of {args.repeat})"
    )
    print(f"floor  (one kaleido PNG, fresh process): {floor:6.2f} s")
    print(f"cold   (fresh process, pptx + pdf):      {cold:6.2f} s  = {cold / floor:4.1f}× floor")
    print(
        f"warm   (same process again):             {warm:6.2f} s"
        f"  (of which deck data {med(d['warm_build'] for d in decks):.2f} s)"
    )
    print(
        f"CPU of the deck process (both runs, without Chromium): {med(d['cpu'] for d in decks):.2f} s"
    )
    print(f"target: under 10 s — {'met' if cold < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
