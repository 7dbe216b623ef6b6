"""`pci template --out FILE` — the Excel template for a province's own PCI results."""

from __future__ import annotations

import argparse
from pathlib import Path

from etl.private_results import write_template
from pci.cli import EXIT_OK
from pci.i18n import t


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("template", help="write the Excel template for a province's own results")
    p.add_argument("--out", type=Path, default=Path("mau_ket_qua_PCI_tinh.xlsx"))
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    path = write_template(args.out, args.lang)
    print(t("cli.template.written", args.lang, path=str(path)))
    return EXIT_OK
