"""`pci backup FILE` — one zip with the published and state databases and the import store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pci.backup import ImportBusy, backup
from pci.cli import EXIT_OK, EXIT_REJECTED
from pci.config import state_path
from pci.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="back up databases, targets and imported files to one file")
    p.add_argument("file", type=Path, metavar="FILE", help="the backup to write (a .zip)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    lang, db = args.lang, args.db
    if not db.exists() and not state_path(db).exists():
        print(t("backup.nothing", lang, path=str(db.parent)), file=sys.stderr)
        return EXIT_REJECTED
    try:
        info = backup(db, args.file)
    except ImportBusy:
        print(t("backup.busy", lang), file=sys.stderr)
        return EXIT_REJECTED
    print(
        t(
            "backup.written",
            lang,
            path=str(info.path),
            files=info.files,
            size_mb=f"{info.size / 1e6:.1f}",
        )
    )
    return EXIT_OK
