"""`pci serve` — start the dashboard (building the database first if it is missing)."""

from __future__ import annotations

import argparse
import os
import sys

from etl.errors import ImportRejected
from etl.load import ensure_built
from pci import server
from pci.cli import EXIT_REJECTED
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
    cmd = server.command(args.port, args.address)
    print(t("cli.serve.url", args.lang, url=f"http://{args.address}:{args.port}"))
    os.execve(sys.executable, cmd, env)
    return 0  # not reached
