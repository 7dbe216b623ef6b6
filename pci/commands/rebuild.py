"""`pci rebuild` — rebuild the published data from shipped facts plus every imported file."""

from __future__ import annotations

import argparse
import sys
import time

from etl.errors import ImportRejected
from etl.load import rebuild
from etl.store import ImportBusy
from pci.cli import EXIT_OK, EXIT_REJECTED
from pci.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rebuild", help="rebuild the database from shipped data and imports")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        result = rebuild(args.db)
    except ImportBusy:
        print(t("cli.load.busy", args.lang), file=sys.stderr)
        return EXIT_REJECTED
    except ImportRejected as exc:
        print(exc.render(args.lang), file=sys.stderr)
        return EXIT_REJECTED
    print(
        t(
            "cli.rebuild.done",
            args.lang,
            path=str(result.path),
            scores=result.scores,
            indicators=result.indicator_values,
            conflicts=result.conflicts,
            seconds=f"{time.perf_counter() - started:.2f}",
        )
    )
    return EXIT_OK
