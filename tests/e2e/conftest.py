"""End-to-end fixtures: the real server on loopback and Debian's headless Chromium.

Never `playwright install` (no download here): Playwright drives /usr/bin/chromium.
Screenshots go to ``artifacts/screenshots`` for a human to look at.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from pci import server as pci_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PCI_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "artifacts" / "screenshots"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def start_server(db: Path, *, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """Start the real app (`python -m pci.server`, as `pci serve` does) on a free port."""
    return pci_server.start(db, env=env, timeout=60)


@pytest.fixture(scope="session")
def server(shipped_db):
    proc, url = start_server(shipped_db)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's package "
            "(apt-get install chromium) — scripts/test does this",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="vi-VN")
    pg = ctx.new_page()
    yield pg
    ctx.close()


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait until the script has finished (Streamlit reports idle ~0.3 s late: callers first
    wait for the content they expect)."""
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout
    )


def wait_charts(page, n: int = 1, timeout: float = 30_000) -> None:
    """Wait until ``n`` plotly charts have drawn their SVG."""
    page.wait_for_function(
        f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {n}", timeout=timeout
    )


def shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
