"""`pci load PATH...` — import VCCI workbooks, a province's own results, or public-fact CSVs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from etl.errors import ImportRejected
from etl.load import expand, load_paths
from etl.readers import ReadOptions
from etl.store import ImportBusy
from pci.cli import EXIT_OK, EXIT_REJECTED
from pci.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("load", help="import files or folders (.xls, .xlsx, .csv)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--year", type=int, help="edition year, when a workbook does not say it")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="validate and report what would change, change nothing",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    files = expand(args.paths)
    if not files:
        print(t("cli.load.no_files", lang), file=sys.stderr)
        return EXIT_REJECTED
    bars: dict[str, tqdm] = {}

    def progress(file: str, sheet: str) -> None:
        bar = bars.get(file)
        if bar is None:
            bar = bars[file] = tqdm(
                desc=file[:40],
                unit=" " + t("cli.load.sheet_unit", lang),
                leave=False,
                file=sys.stderr,
            )
        bar.set_postfix_str(sheet[:30])
        bar.update(1)

    try:
        summary = load_paths(
            args.db,
            files,
            options=ReadOptions(year=args.year),
            progress=progress,
            dry_run=args.dry_run,
        )
    except ImportBusy:
        print(t("cli.load.busy", lang), file=sys.stderr)
        return EXIT_REJECTED
    except ImportRejected as exc:
        print(exc.render(lang), file=sys.stderr)
        return EXIT_REJECTED
    finally:
        for bar in bars.values():
            bar.close()
    for f in summary.files:
        status = t(f"cli.load.status_{f.status}", lang)
        print(
            f"  {status:<14} {f.file}"
            + (
                f"  ({f.sheets} {t('cli.load.sheet_unit', lang)}, "
                f"{f.rows} {t('cli.load.row_unit', lang)})"
                if f.status == "added"
                else ""
            )
        )
        for p in f.problems[:50]:
            print("      " + p.message(lang), file=sys.stderr)
        if len(f.problems) > 50:
            print("      " + t("etl.more_problems", lang, n=len(f.problems) - 50), file=sys.stderr)
    for p in summary.problems[:50]:
        print("  " + p.message(lang), file=sys.stderr)
    for f in summary.files:
        if f.notes and f.status != "rejected":
            print("  " + t("etl.workbook.notes_heading", lang, file=f.file))
            for n in f.notes:
                print("      " + n.message(lang))
    if not summary.ok:
        print(t("cli.load.rejected", lang), file=sys.stderr)
        return EXIT_REJECTED
    key = "cli.load.summary_dry" if args.dry_run else "cli.load.summary"
    print(
        t(
            key,
            lang,
            added=summary.added,
            replaced=summary.replaced,
            unchanged=summary.unchanged,
            rejected=len(summary.rejected),
        )
    )
    return EXIT_OK
