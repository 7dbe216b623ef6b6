"""Benchmark: every page of the app next to a minimal one-chart Streamlit page, same run.

Two timings per page (issue 3):
- **script**: warm script-run time through ``streamlit.testing.v1.AppTest`` (the page run
  inside the real app shell, caches warm), median of ``--repeat`` runs;
- **browser**: navigation → first plotly chart drawn (``.js-plotly-plot .main-svg``) in
  headless Chromium against the real server, median of ``--repeat`` navigations.

The floor is a minimal page (title + one plotly chart) written to a temporary folder and
measured the same way in the same run, so a busy shared machine slows both alike. Targets:
each page within 1.5x the minimal page and under 300 ms of script time (with all workbooks
loaded, when the workbook reader and ../shared/data/vcci are present). Not pass/fail.

Pages are taken from ``pci.ui.shell.PAGES`` (those whose file exists), so pages added later
are measured without editing this file.

    uv run python benchmarks/pages.py [--repeat 7] [--no-browser] [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
VCCI = ROOT.parent / "shared" / "data" / "vcci"
CHROMIUM = os.environ.get("PCI_CHROMIUM", "/usr/bin/chromium")
PARAMS = {"province": "kon-tum", "year": "2020"}
SCRIPT_TARGET_MS = 300.0
RATIO_TARGET = 1.5

MINIMAL_PAGE = """
import plotly.graph_objects as go
import streamlit as st

st.title("Minimal")
st.plotly_chart(go.Figure(go.Scatter(x=[2018, 2019, 2020], y=[60.1, 61.5, 62.02])))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--no-browser", action="store_true", help="script timings only")
    ap.add_argument("--db", type=Path, help="an existing database (default: build one)")
    args = ap.parse_args()

    from pci.config import ROOT as APP_ROOT
    from pci.ui.shell import PAGES

    pages = [p for p in PAGES if (APP_ROOT / p.path).exists()]
    with tempfile.TemporaryDirectory(prefix="pci-bench-") as tmp:
        tmpdir = Path(tmp)
        db = args.db.resolve() if args.db else build_database(tmpdir)
        os.environ["PCI_DB"] = str(db)
        minimal = tmpdir / "minimal.py"
        minimal.write_text(MINIMAL_PAGE, encoding="utf-8")

        print(f"database: {db}  (repeat {args.repeat})")
        floor_script = script_time_minimal(minimal, args.repeat)
        scripts = {p.url: script_time_page(p.url, args.repeat) for p in pages}

        floor_browser = None
        browser: dict[str, float | None] = {}
        if not args.no_browser:
            floor_browser, browser = browser_times(db, minimal, [p.url for p in pages], args)
        report(pages, floor_script, scripts, floor_browser, browser)


# --- database ----------------------------------------------------------------------------------


def build_database(tmpdir: Path) -> Path:
    """Shipped facts plus every VCCI workbook when the reader and the workbooks are present."""
    db = tmpdir / "pci.duckdb"
    try:
        import etl.vcci_workbook  # noqa: F401  (the workbook reader of issue 2)

        have_reader = True
    except ImportError:
        have_reader = False
    if have_reader and VCCI.exists():
        from etl.load import load_paths

        summary = load_paths(db, [VCCI])
        print(f"built with all workbooks in {VCCI} (ok={summary.ok})")
    else:
        from etl.load import rebuild

        rebuild(db)
        print("built from the shipped public facts only (no workbook reader or workbooks)")
    return db


# --- script time (AppTest) -----------------------------------------------------------------------


def _median_runs(at, repeat: int) -> float:
    for _ in range(2):  # warm: imports, caches, first render
        at.run()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
        if at.exception:
            raise RuntimeError(at.exception[0].message)
    return statistics.median(times) * 1000


def script_time_minimal(minimal: Path, repeat: int) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(minimal), default_timeout=120)
    at.run()
    return _median_runs(at, repeat)


def script_time_page(url: str, repeat: int) -> float | None:
    sys.path.insert(0, str(ROOT / "tests" / "ui"))
    from conftest import open_page  # the same opener the UI tests use

    try:
        at = open_page(url, lang="vi", params=PARAMS, timeout=120)
        return _median_runs(at, repeat)
    except Exception as exc:  # report and go on: one broken page must not hide the others
        print(f"  {url}: script run failed: {exc}")
        return None


# --- browser time (Chromium) ---------------------------------------------------------------------


def browser_times(db: Path, minimal: Path, urls: list[str], args) -> tuple:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: browser timings skipped")
        return None, {}
    from pci import server

    app, app_url = server.start(db, quiet=True)
    floor, floor_url = server.start(db, script=minimal, quiet=True)
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(
                executable_path=CHROMIUM,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
            )
            ctx = b.new_context(viewport={"width": 1600, "height": 1000})
            query = "&".join(f"{k}={v}" for k, v in PARAMS.items())
            floor_ms = first_chart_ms(ctx, f"{floor_url}/", args.repeat)
            out = {u: first_chart_ms(ctx, f"{app_url}/{u}?{query}", args.repeat) for u in urls}
            b.close()
    finally:
        for proc in (app, floor):
            server.stop(proc)
    return floor_ms, out


def first_chart_ms(ctx, url: str, repeat: int, timeout_ms: float = 60_000) -> float | None:
    """Median time from navigation to the first drawn plotly chart (None: no chart drawn)."""
    times = []
    for i in range(repeat + 1):
        page = ctx.new_page()
        t = time.perf_counter()
        page.goto(url)
        try:
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=timeout_ms)
        except Exception:
            page.close()
            return None
        if i:  # the first navigation warms the server's caches and the browser's assets
            times.append(time.perf_counter() - t)
        page.close()
    return statistics.median(times) * 1000


# --- report --------------------------------------------------------------------------------------


def report(pages, floor_script, scripts, floor_browser, browser) -> None:
    def ms(v: float | None) -> str:
        return "—" if v is None else f"{v:8.0f}"

    def ratio(v: float | None, floor: float | None) -> str:
        return "—" if v is None or not floor else f"{v / floor:5.2f}x"

    print()
    print(f"{'page':<14}{'script ms':>10}{'ratio':>8}{'browser ms':>12}{'ratio':>8}  targets")
    print(f"{'(minimal)':<14}{ms(floor_script):>10}{'1.00x':>8}{ms(floor_browser):>12}{'1.00x':>8}")
    for p in pages:
        s, b = scripts.get(p.url), browser.get(p.url)
        ok = []
        if s is not None:
            ok.append("script<300ms " + ("yes" if s < SCRIPT_TARGET_MS else "NO"))
            ok.append("script<=1.5x " + ("yes" if s <= RATIO_TARGET * floor_script else "NO"))
        if b is not None and floor_browser:
            ok.append("browser<=1.5x " + ("yes" if b <= RATIO_TARGET * floor_browser else "NO"))
        print(
            f"{p.url:<14}{ms(s):>10}{ratio(s, floor_script):>8}"
            f"{ms(b):>12}{ratio(b, floor_browser):>8}  {', '.join(ok)}"
        )
    print(f"\nload average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared machine)")


if __name__ == "__main__":
    main()
