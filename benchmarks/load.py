"""Benchmark: many viewers at once on the real server, beside one viewer alone (the floor).

Starts the app with ``pci.server.start`` (the project's one server launcher) on loopback,
for a database built from the shipped facts (or ``--db``), and drives it with N viewers.

Two kinds of viewer (``--mode``):

- **ws** (default): a websocket client that speaks Streamlit's own protocol, as the browser
  does, without a browser: it connects to ``/_stcore/stream``, sends a ``rerun_script``
  BackMsg (query string ``year=2020``, page ``xep-hang``) and reads ForwardMsgs until
  ``script_finished``. A *page update* is a change of the ranking page's year or map-measure
  drop-down: the BackMsg carries the widget's new value exactly as the frontend sends it, and
  the update counts only if the rerun shows the chosen value. This measures the server: the
  client's cost is a few protobuf parses, printed beside the server's CPU time.
- **browser**: Playwright pages in one headless Chromium (Debian's, never
  ``playwright install``), each choosing a year in the drop-down. On a 2-core machine the
  browsers' own rendering dominates this figure; it is kept to check the whole path.

Each viewer opens the page, waits until every viewer is in, then makes ``--updates`` page
updates with a pause (``--think`` seconds, uniform) between them, as a committee member
clicking through would. Page-update latency: from sending the change until the script run
it causes has finished. One viewer alone, in the same run, is the floor. Bounded: at most
``--sessions`` viewers (50), ``--updates`` each, ``--deadline`` seconds per phase.

Target (issue 7): 20 concurrent viewers, p95 page update < 1 s, no errors. Not pass/fail.

    uv run python benchmarks/load.py [--mode ws|browser] [--sessions 20] [--updates 5]
                                     [--think 0.3,1.2] [--db PATH] [--port 8670]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PAGE = "xep-hang"
FIRST_QUERY = "year=2020"
YEAR_KEY = "w_ranking_year"  # the ranking page's widget keys (pci.ui.state.select_year/measure)
MEASURE_KEY = "w_ranking_measure"
MAX_SESSIONS = 50


# --- pure helpers --------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    """The ``q``-th percentile by nearest rank (a value that was measured, never interpolated)."""
    if not values:
        return float("nan")
    s = sorted(values)
    rank = -(-q * len(s) // 100)  # ceil(q/100 * n)
    return s[min(len(s) - 1, max(0, int(rank) - 1))]


def rerun_message(query_string: str, page_name: str, widgets: Mapping[str, str] = {}) -> bytes:
    """A serialized ``rerun_script`` BackMsg, as the frontend sends it: the URL's query string,
    the page's URL path and the string values of the drop-downs that changed (by widget id)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query_string
    state.page_name = page_name
    for wid, value in widgets.items():
        w = state.widget_states.widgets.add()
        w.id = wid
        w.string_value = value
    return msg.SerializeToString()


def parse_forward(raw: bytes):
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = ForwardMsg()
    msg.ParseFromString(raw)
    return msg


def selectbox_of(msg, key: str):
    """The selectbox element with user key ``key`` in a ForwardMsg, else None."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return None
    el = msg.delta.new_element
    if el.WhichOneof("type") == "selectbox" and el.selectbox.id.endswith("-" + key):
        return el.selectbox
    return None


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system, all threads) the process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- websocket viewer ----------------------------------------------------------------------------


class RunFailed(Exception):
    pass


class WsViewer:
    """One browser tab's worth of session: one websocket, one Streamlit session."""

    def __init__(self, url: str, timeout: float = 60) -> None:
        self.ws_url = url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.timeout = timeout
        self.query = FIRST_QUERY
        self.boxes: dict[str, object] = {}  # widget key -> last selectbox proto seen
        self.values: dict[str, str] = {}  # widget key -> the value the page shows
        self.texts: list[str] = []  # markdown and caption text of the last run
        self.ws = None

    async def open(self) -> float:
        import websockets

        t = time.perf_counter()
        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout
        )
        await self._run(rerun_message(self.query, PAGE))
        return time.perf_counter() - t

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def update(self, key: str, rnd: random.Random) -> float:
        """Choose another option in the drop-down ``key``; the time until the page shows it."""
        box = self.boxes.get(key)
        if box is None:
            raise RunFailed(f"no drop-down {key} on the page")
        choices = [o for o in box.options if o != self.values.get(key)]
        if not choices:
            raise RunFailed(f"drop-down {key} has one option")
        value = rnd.choice(choices)
        t = time.perf_counter()
        await self._run(rerun_message(self.query, PAGE, {box.id: value}), chosen={key: value})
        elapsed = time.perf_counter() - t
        if self.values.get(key) != value:
            raise RunFailed(f"{key}: chose {value!r}, page shows {self.values.get(key)!r}")
        if key == YEAR_KEY and not any(value in text for text in self.texts):
            raise RunFailed(f"no text on the page names the chosen year {value}")
        return elapsed

    async def _run(self, back: bytes, chosen: Mapping[str, str] = {}) -> None:
        """Send ``back`` and read until its script run has finished. A drop-down the server
        draws without a value of its own keeps the value the viewer chose (``chosen``)."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        early = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
        self.texts = []
        await self.ws.send(back)
        async with asyncio.timeout(self.timeout):
            while True:
                msg = parse_forward(await self.ws.recv())
                kind = msg.WhichOneof("type")
                if kind == "delta":
                    if msg.delta.WhichOneof("type") == "new_element":
                        el = msg.delta.new_element
                        if el.WhichOneof("type") == "exception":
                            raise RunFailed(f"exception on page: {el.exception.message[:120]}")
                        if el.WhichOneof("type") == "markdown":
                            self.texts.append(el.markdown.body)
                    for key in (YEAR_KEY, MEASURE_KEY):
                        if (box := selectbox_of(msg, key)) is not None:
                            self.boxes[key] = box
                            if box.set_value and box.HasField("raw_value"):
                                self.values[key] = box.raw_value
                            elif key in chosen:
                                self.values[key] = chosen[key]
                elif kind == "page_info_changed":
                    self.query = msg.page_info_changed.query_string
                elif kind == "page_not_found":
                    raise RunFailed(f"page not found: {msg.page_not_found.page_name}")
                elif kind == "script_finished" and msg.script_finished != early:
                    return


async def ws_session(url: str, updates: int, seed: int, out: dict, gate: dict, think) -> None:
    rnd = random.Random(seed)
    viewer = WsViewer(url)
    try:
        async with gate["arrivals"]:
            out["first_load"].append(await viewer.open())
        await _all_in(gate)
        for i in range(updates):
            await asyncio.sleep(rnd.uniform(*think))
            # mostly years, every third change the map's measure
            key = MEASURE_KEY if i % 3 == 2 else YEAR_KEY
            out["latency"].append(await viewer.update(key, rnd))
    except Exception as exc:  # counted, not raised: the benchmark reports errors
        out["errors"].append(f"{type(exc).__name__}: {str(exc)[:160]}")
        _give_up(gate)
    finally:
        await viewer.close()


async def _all_in(gate: dict) -> None:
    gate["ready"] += 1
    if gate["ready"] >= gate["n"]:
        gate["all_in"].set()
    await gate["all_in"].wait()


def _give_up(gate: dict) -> None:
    """Do not keep the others waiting for a viewer who failed before all were in."""
    if not gate["all_in"].is_set():
        gate["n"] -= 1
        if gate["ready"] >= gate["n"]:
            gate["all_in"].set()


# --- browser viewer ------------------------------------------------------------------------------

CHROMIUM = os.environ.get("PCI_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


async def browser_session(browser, url, updates, seed, out, gate, think) -> None:
    """One viewer in a browser tab: open the ranking page, then switch the year."""
    rnd = random.Random(seed)
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await ctx.new_page()
    page.on("pageerror", lambda exc: out["errors"].append(f"pageerror: {exc}"))
    try:
        async with gate["arrivals"]:
            t = time.perf_counter()
            await page.goto(f"{url}/{PAGE}?{FIRST_QUERY}", timeout=120_000)
            await page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=120_000)
            await page.wait_for_selector(IDLE, timeout=120_000)
            out["first_load"].append(time.perf_counter() - t)
        select = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
        await select.click()
        options = await page.locator('[role="option"]').all_inner_texts()
        await page.keyboard.press("Escape")
        years = [o.strip() for o in options if o.strip().isdigit()]
        current = "2020"
        await _all_in(gate)
        for _ in range(updates):
            await asyncio.sleep(rnd.uniform(*think))
            year = rnd.choice([y for y in years if y != current])
            await select.click()
            option = page.locator('[role="option"]', has_text=year).first
            t = time.perf_counter()
            await option.click()
            # the caption under the title names the year once the script has run with it
            await page.locator('[data-testid="stCaptionContainer"]', has_text=year).first.wait_for(
                timeout=30_000
            )
            await page.wait_for_selector(IDLE, timeout=30_000)
            out["latency"].append(time.perf_counter() - t)
            current = year
            if await page.locator('[data-testid="stException"]').count():
                out["errors"].append("exception shown on page")
    except Exception as exc:
        out["errors"].append(f"{type(exc).__name__}: {str(exc)[:160]}")
        _give_up(gate)
    finally:
        await ctx.close()


# --- phases --------------------------------------------------------------------------------------


async def phase(mode: str, url: str, sessions: int, updates: int, args, pid: int) -> dict:
    out: dict = {"latency": [], "first_load": [], "errors": []}
    gate = {
        "arrivals": asyncio.Semaphore(args.arrivals),
        "ready": 0,
        "n": sessions,
        "all_in": asyncio.Event(),
    }
    cpu0, client0, t0 = server_cpu(pid), time.process_time(), time.perf_counter()

    async def drive(make) -> None:
        tasks = [make(s) for s in range(sessions)]
        try:
            await asyncio.wait_for(asyncio.gather(*tasks), timeout=args.deadline)
        except TimeoutError:
            out["errors"].append(f"deadline of {args.deadline:.0f} s reached")

    if mode == "ws":
        await drive(lambda s: ws_session(url, updates, s, out, gate, args.think))
    else:
        from playwright.async_api import async_playwright

        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            try:
                await drive(
                    lambda s: browser_session(browser, url, updates, s, out, gate, args.think)
                )
            finally:
                await browser.close()
    out["wall"] = time.perf_counter() - t0
    out["server_cpu"] = server_cpu(pid) - cpu0
    out["client_cpu"] = time.process_time() - client0
    return out


def report(name: str, r: dict) -> None:
    lat = r["latency"]
    first = statistics.median(r["first_load"]) if r["first_load"] else float("nan")
    runs = len(lat) + len(r["first_load"])
    per_run = r["server_cpu"] / runs * 1000 if runs else float("nan")
    print(
        f"{name:<18} updates={len(lat):>3}  p50={pct(lat, 50):.2f}s  p95={pct(lat, 95):.2f}s  "
        f"p99={pct(lat, 99):.2f}s  max={max(lat, default=float('nan')):.2f}s  "
        f"first load median={first:.2f}s  errors={len(r['errors'])}  wall={r['wall']:.1f}s"
    )
    print(
        f"{'':<18} server CPU={r['server_cpu']:.1f}s ({per_run:.0f} ms per script run, "
        f"{r['server_cpu'] / r['wall'] * 100:.0f}% of one core)  "
        f"client CPU={r['client_cpu']:.1f}s (this process; Chromium not counted)"
    )
    for e in r["errors"][:5]:
        print("    ", e)


def think_range(text: str) -> tuple[float, float]:
    lo, _, hi = text.partition(",")
    lo_f = float(lo)
    return lo_f, float(hi or lo_f)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("ws", "browser"), default="ws")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--updates", type=int, default=5, help="page updates per viewer")
    ap.add_argument("--think", type=think_range, default=(0.3, 1.2), help="pause, s: LO,HI")
    ap.add_argument("--arrivals", type=int, default=2, help="viewers opening the page at once")
    ap.add_argument("--port", type=int, default=8670)
    ap.add_argument("--db", type=Path, help="an existing database (default: the shipped facts)")
    ap.add_argument("--deadline", type=float, default=300, help="seconds per phase, at most")
    args = ap.parse_args()
    args.sessions = max(1, min(args.sessions, MAX_SESSIONS))
    args.arrivals = max(1, args.arrivals)

    from pci import server

    with tempfile.TemporaryDirectory(prefix="pci-load-") as tmp:
        if args.db:
            db = args.db.resolve()
        else:
            from etl.load import rebuild

            db = Path(tmp) / "pci.duckdb"
            rebuild(db)
        proc, url = server.start(db, port=args.port, quiet=True)
        load_before = os.getloadavg()
        try:
            asyncio.run(phase(args.mode, url, 1, 2, args, proc.pid))  # warm imports, caches
            floor = asyncio.run(phase(args.mode, url, 1, args.updates * 2, args, proc.pid))
            load = asyncio.run(phase(args.mode, url, args.sessions, args.updates, args, proc.pid))
        finally:
            server.stop(proc)
    print(
        f"load benchmark ({args.mode}) — {os.cpu_count()} cores, loopback, page {PAGE}, "
        f"{'year/measure' if args.mode == 'ws' else 'year'} changes, "
        f"think {args.think[0]}–{args.think[1]} s, database {db.name}"
        f"{' (' + str(args.db) + ')' if args.db else ' (shipped facts)'}"
    )
    print(
        "load average before: {:.2f} {:.2f} {:.2f}".format(*load_before)
        + "   after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    )
    report("floor (1 viewer)", floor)
    report(f"{args.sessions} viewers", load)
    target = pct(load["latency"], 95) < 1.0 and not load["errors"]
    print(f"target p95 < 1 s with no errors: {'met' if target else 'NOT met'}")


if __name__ == "__main__":
    main()
