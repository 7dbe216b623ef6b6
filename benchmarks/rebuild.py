"""Benchmark: `pci rebuild` with every VCCI workbook loaded, next to the floor.

The floor is simply reading every sheet of every workbook with the fastest reader (pandas +
calamine, openpyxl where calamine fails), measured in the same run on the same machine.
Target (issue 2): rebuild within 3× the floor, under 400 MB peak memory. Not pass/fail.

    uv run python benchmarks/rebuild.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VCCI = ROOT.parent / "shared" / "data" / "vcci"


def floor_once() -> tuple[float, float]:
    """Wall and CPU seconds to read every sheet of every workbook."""
    import pandas as pd

    t = time.perf_counter()
    c = time.process_time()
    for f in sorted(VCCI.glob("PCI_*.xls*")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                pd.read_excel(f, sheet_name=None, header=None, engine="calamine")
            except Exception:
                pd.read_excel(f, sheet_name=None, header=None, engine="openpyxl")
    return time.perf_counter() - t, time.process_time() - c


CHILD = """
import json, resource, sys, time
from pathlib import Path
t = time.perf_counter()
from etl.load import rebuild
imported = time.perf_counter() - t
t = time.perf_counter()
c = time.process_time()
result = rebuild(Path(sys.argv[1]))
elapsed = time.perf_counter() - t
cpu = time.process_time() - c
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"rebuild": elapsed, "cpu": cpu, "import": imported, "peak_mb": peak,
                  "scores": result.scores, "indicators": result.indicator_values}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if not VCCI.exists():
        sys.exit(f"no workbooks in {VCCI}")
    from etl.load import load_paths

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "pci.duckdb"
        summary = load_paths(db, [VCCI])
        if not summary.ok:
            sys.exit(
                "loading the workbooks failed: "
                + "; ".join(p.message("en") for f in summary.rejected for p in f.problems[:3])
            )
        floors, runs = [], []
        for _ in range(args.repeat):
            floors.append(floor_once())
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(db)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    floor = statistics.median(f[0] for f in floors)
    floor_cpu = statistics.median(f[1] for f in floors)
    rebuild = statistics.median(r["rebuild"] for r in runs)
    rebuild_cpu = statistics.median(r["cpu"] for r in runs)
    peak = max(r["peak_mb"] for r in runs)
    print(f"workbooks: {len(list(VCCI.glob('PCI_*.xls*')))}, repeats: {args.repeat}")
    print(f"floor  (read every sheet, calamine/openpyxl): median {floor:.3f} s")
    print(
        f"rebuild (shipped facts + all workbooks):      median {rebuild:.3f} s "
        f"= {rebuild / floor:.2f}× floor  (target ≤ 3×)"
    )
    # CPU seconds as well: on a shared machine wall time mostly measures the neighbours.
    print(
        f"CPU time: floor {floor_cpu:.3f} s, rebuild {rebuild_cpu:.3f} s "
        f"= {rebuild_cpu / floor_cpu:.2f}× floor"
    )
    print(f"python import of the ETL (not in rebuild):    {runs[-1]['import']:.3f} s")
    print(f"peak memory of the rebuild process:           {peak:.0f} MB (target < 400 MB)")
    print(f"rows: {runs[-1]['scores']} scores/ranks, {runs[-1]['indicators']} indicator values")


if __name__ == "__main__":
    main()
