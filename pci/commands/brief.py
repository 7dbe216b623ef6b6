"""`pci brief` — the meeting deck of one province and edition as PowerPoint or A4 PDF.

For batch use (one file per province before a meeting); the same deck as the Trình chiếu
page. Private results are left out unless ``--private`` is given, and then every slide that
uses them carries the "Dữ liệu nội bộ" label.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.load import ensure_built
from pci.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE
from pci.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("brief", help="meeting deck of a province as .pptx or A4 .pdf")
    p.add_argument("--province", required=True, metavar="ID", help="province id, e.g. kon-tum")
    p.add_argument("--year", required=True, type=int, metavar="YEAR", help="PCI edition")
    p.add_argument("--format", choices=("pptx", "pdf"), default=None, help="default: from --out")
    p.add_argument("--out", required=True, metavar="FILE", help="file to write")
    p.add_argument("--lang", dest="brief_lang", choices=("vi", "en"), default=None)
    p.add_argument(
        "--private",
        action="store_true",
        help="include the province's private results (labelled 'Dữ liệu nội bộ')",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pci.brief import pdf, pptx
    from pci.brief.deck import DeckError, build_deck

    lang = args.brief_lang or args.lang
    out = Path(args.out)
    fmt = args.format or out.suffix.lstrip(".").lower()
    if fmt not in ("pptx", "pdf"):
        print("--format pptx|pdf (or an --out ending in .pptx or .pdf)", file=sys.stderr)
        return EXIT_USAGE
    from pci.brief.layout import prewarm_images

    prewarm_images()
    try:
        ensure_built(args.db)
        deck = build_deck(args.db, args.province, args.year, lang, include_private=args.private)
    except DeckError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
    data = (pptx if fmt == "pptx" else pdf).render(deck)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    print(t("brief.written", lang, path=str(out), n=len(deck)))
    return EXIT_OK
