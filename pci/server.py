"""Start the Streamlit server for this app: one launcher for `pci serve`, tests and benchmarks.

Why not plain `streamlit run app.py`: the project keeps its page scripts in a top-level
``pages/`` folder, and Streamlit decides *before the first script run* whether a ``pages/``
folder means the old automatic multipage mode. For the very first session after a start it
then resolves the requested URL against file names (``so_sanh``) instead of our
``st.navigation`` paths (``so-sanh``) and shows a "Page not found" dialog over a shared link.
``st.navigation`` switches that mode off, but only once it has run. Running Streamlit
in-process with the mode already off (``python -m pci.server …``) removes the dialog.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from pci.config import ROOT


def command(
    port: int, address: str = "127.0.0.1", script: Path | None = None, *extra: str
) -> list[str]:
    """The command line that serves ``script`` (default: the app) on ``address:port``."""
    return [
        sys.executable,
        "-m",
        "pci.server",
        str(script or ROOT / "app.py"),
        "--server.headless",
        "true",
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        *extra,
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(
    db: Path,
    *,
    script: Path | None = None,
    port: int | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 90,
    quiet: bool = False,
) -> tuple[subprocess.Popen, str]:
    """Start a server on loopback for ``db`` and wait until it answers its health check.

    Returns the process and its base URL. Raises RuntimeError with the server's output when it
    does not come up in ``timeout`` seconds.
    """
    port = port or free_port()
    out = subprocess.DEVNULL if quiet else subprocess.PIPE
    proc = subprocess.Popen(
        command(port, "127.0.0.1", script),
        cwd=ROOT,
        env={**os.environ, "PCI_DB": str(db), **(env or {})},
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.2)
        if proc.poll() is not None:
            break
    proc.kill()
    text = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
    raise RuntimeError(f"streamlit did not start for {script or 'app.py'}:\n{text[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def main(argv: list[str] | None = None) -> None:
    """``python -m pci.server SCRIPT [streamlit options]`` = ``streamlit run`` without the
    first-session "Page not found" dialog (see the module docstring)."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    args = sys.argv[1:] if argv is None else argv
    sys.argv = ["streamlit", "run", *args]
    cli.main()


if __name__ == "__main__":
    main()
