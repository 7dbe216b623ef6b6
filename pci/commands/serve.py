"""`pci serve` — start the dashboard (building the database first if it is missing)."""

from __future__ import annotations

import argparse
import os
import sys

from etl.errors import ImportRejected
from etl.load import ensure_built
from pci.cli import EXIT_REJECTED
from pci.config import ROOT
from pci.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="start the dashboard")
    p.add_argument("--port", type=int, default=int(os.environ.get("PCI_PORT", "8501")))
    p.add_argument(
        "--address",
        default=os.environ.get("PCI_ADDRESS", "localhost"),
        help="interface to listen on (0.0.0.0 for an internal server)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        if ensure_built(args.db):
            print(t("cli.serve.built", args.lang, path=str(args.db)))
    except ImportRejected as exc:
        print(exc.render(args.lang), file=sys.stderr)
        return EXIT_REJECTED
    env = {**os.environ, "PCI_DB": str(args.db)}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(args.port),
        "--server.address",
        args.address,
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    print(t("cli.serve.url", args.lang, url=f"http://{args.address}:{args.port}"))
    os.execve(sys.executable, cmd, env)
    return 0  # not reached
