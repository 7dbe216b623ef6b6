"""`pci restore FILE` — validate a backup, then swap it in (refused while an import runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pci.backup import BackupInvalid, ImportBusy, restore
from pci.cli import EXIT_OK, EXIT_REJECTED
from pci.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("restore", help="restore a backup made with `pci backup`")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    if not args.file.is_file():
        print(t("restore.not_a_backup", lang, path=str(args.file), detail="?"), file=sys.stderr)
        return EXIT_REJECTED
    try:
        info, aside = restore(args.db, args.file)
    except BackupInvalid as exc:
        print(t(exc.key, lang, **exc.params), file=sys.stderr)
        return EXIT_REJECTED
    except ImportBusy:
        print(t("restore.busy", lang), file=sys.stderr)
        return EXIT_REJECTED
    print(
        t(
            "restore.done",
            lang,
            path=str(args.file),
            created_at=info.created_at,
            files=info.files,
            old=str(aside),
        )
    )
    return EXIT_OK
