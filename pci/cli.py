"""The `pci` command: one entry point for serving, loading, checking and briefing.

Exit codes: 0 success, 1 rejected input (nothing changed), 2 usage error. Each sub-command
lives in its own module under ``pci/commands`` and registers itself here.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from pathlib import Path

from pci.config import db_path
from pci.i18n import normalize_lang

# Modules under pci.commands, each with ``register(subparsers)`` and handlers returning an
# exit code. Order = order in `pci --help`.
COMMANDS = (
    "serve",
    "load",
    "rebuild",
    "check",
    "template",
    "gap",
    "brief",
    "users",
    "backup",
    "restore",
    "targets",
)

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pci",
        description="PCI Việt Nam — dữ liệu và bảng điều khiển chỉ số năng lực cạnh tranh cấp tỉnh.",
    )
    parser.add_argument(
        "--db", metavar="FILE", help="database file (default: $PCI_DB or data/pci.duckdb)"
    )
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=None,
        help="language of messages (default: $PCI_LANG or vi)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        importlib.import_module(f"pci.commands.{name}").register(sub)
    # `pci load FILE --db X` is how people type it: accept the global options after the
    # command too (SUPPRESS: given there, they override; absent, the global value stays).
    for command in sub.choices.values():
        _global_options(command)
    return parser


def _global_options(parser: argparse.ArgumentParser) -> None:
    """Add --db/--lang to a command parser and to its own sub-commands (`pci users add`)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _global_options(child)
    default = argparse.SUPPRESS
    names = {a for action in parser._actions for a in action.option_strings}
    if "--db" not in names:
        parser.add_argument("--db", metavar="FILE", default=default, help=argparse.SUPPRESS)
    if "--lang" not in names:
        parser.add_argument("--lang", choices=("vi", "en"), default=default, help=argparse.SUPPRESS)


def main(argv: list[str] | None = None) -> int:
    if hasattr(signal, "SIGPIPE"):  # `pci check | head` must not end in a traceback
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.db = db_path(args.db)
    args.lang = normalize_lang(args.lang or os.environ.get("PCI_LANG"))
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130


def db_arg(args: argparse.Namespace) -> Path:
    return args.db


if __name__ == "__main__":
    sys.exit(main())
