"""`pci targets list|export|import` — the target register from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.errors import ImportRejected, Problem
from etl.store import current_user
from pci.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE
from pci.config import state_path
from pci.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("targets", help="list, export or import the target register")
    tsub = p.add_subparsers(dest="targets_command", metavar="ACTION")
    tsub.required = True
    ls = tsub.add_parser("list", help="targets with their status")
    ls.add_argument("--province", help="province name or id (default: all)")
    ex = tsub.add_parser("export", help="write the register as the Excel template")
    ex.add_argument("--out", type=Path, default=Path("so_muc_tieu.xlsx"))
    ex.add_argument("--province", help="province name or id (default: all)")
    im = tsub.add_parser("import", help="import a filled template (all rows or none)")
    im.add_argument("file", type=Path)
    im.add_argument("--user", help="who is importing (default: the OS user)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from etl.provinces import resolver
    from pci.targets import store, template

    lang = args.lang
    state = state_path(args.db)
    province = None
    if getattr(args, "province", None):
        province = resolver().try_resolve(args.province)
        if province is None:
            print(t("targets.cli.unknown_province", lang, value=args.province), file=sys.stderr)
            return EXIT_USAGE
    if args.targets_command == "export":
        args.out.write_bytes(template.write_template(store.list_targets(state, province), lang))
        print(t("targets.cli.exported", lang, path=str(args.out)))
        return EXIT_OK
    if args.targets_command == "import":
        if not args.file.exists():
            print(
                Problem(file=str(args.file), key="etl.file.missing").message(lang), file=sys.stderr
            )
            return EXIT_REJECTED
        try:
            r = template.import_template(state, args.file, args.user or current_user())
        except ImportRejected as exc:
            print(t("targets.editor.import_rejected", lang), file=sys.stderr)
            print(exc.render(lang), file=sys.stderr)
            return EXIT_REJECTED
        print(
            t(
                "targets.editor.imported",
                lang,
                created=r.created,
                edited=r.edited,
                unchanged=r.unchanged,
            )
        )
        return EXIT_OK
    return _list(args.db, state, province, lang)


def _list(db: Path, state: Path, province: str | None, lang: str) -> int:
    from etl.load import ensure_built
    from etl.provinces import resolver
    from pci.targets import report, store

    ensure_built(db)
    regs = store.list_targets(state, province)
    names = resolver()
    for pid in dict.fromkeys(regs["province_id"]):
        targets, indicators = report(db, state, pid, None, lang)
        print(f"\n{names.name(pid, lang)}")
        for r in targets.to_dict("records"):
            print(
                f"  [{r['status_label']}] {r['measure_label']}: {r['target_text']}"
                f" — {r['latest_text']}. {r['reason']}"
            )
        if len(indicators):
            print(f"  {indicators.attrs['summary_text']}")
            for r in indicators.to_dict("records"):
                print(
                    f"    [{r['status_label']}] {r['indicator_label']}: {r['target_text']}"
                    f" — {r['value_text']}"
                )
    return EXIT_OK
