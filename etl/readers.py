"""Which reader handles a file, and turning each reader's output into ``Observations``.

Kinds: ``vcci_workbook`` (VCCI's yearly "Dữ liệu PCI" Excel files), ``private_results`` (a
province's own VCCI results, in the project's template), ``public_csv`` (facts in the
shipped public-CSV formats, each row with its source). Detection looks at the extension and
the headers, never at the file name alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from etl.errors import ImportRejected, Problem
from etl.observations import Observations

EXCEL_SUFFIXES = {".xls", ".xlsx", ".xlsm"}
CSV_SUFFIXES = {".csv"}
SUPPORTED_SUFFIXES = EXCEL_SUFFIXES | CSV_SUFFIXES


@dataclass(frozen=True)
class ReadOptions:
    """What the user told us about a file that the file itself may not say."""

    year: int | None = None  # override the edition year of a VCCI workbook


def detect_kind(path: Path, display_name: str | None = None) -> str:
    """``vcci_workbook``, ``private_results`` or ``public_csv`` — or ImportRejected.

    The file is opened (first rows only) before anything else, so an empty, corrupt,
    encrypted or renamed file is rejected here with its own message, whatever its kind.
    """
    from etl import private_results
    from etl.excel import read_sheets

    name = display_name or path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ImportRejected(
            [Problem(file=name, key="etl.unsupported_type", params={"suffix": suffix or "?"})]
        )
    head = read_sheets(path, display_name=name, nrows=12)
    if private_results.is_template(head):
        return "private_results"
    return "vcci_workbook" if suffix in EXCEL_SUFFIXES else "public_csv"


def read_file(
    path: Path,
    kind: str,
    *,
    display_name: str | None = None,
    options: ReadOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> Observations:
    """Parse one file of a known kind into observations (raises ImportRejected)."""
    from etl import private_results, public_facts

    name = display_name or path.name
    options = options or ReadOptions()
    if kind == "vcci_workbook":
        return workbook_observations(path, name, options, progress)
    if kind == "private_results":
        return private_results.read_private_results(path, display_name=name, progress=progress)
    if kind == "public_csv":
        if progress:
            progress(name)
        return public_facts.read_public_csv(path, display_name=name)
    raise ValueError(f"unknown kind {kind!r}")


def workbook_observations(
    path: Path, name: str, options: ReadOptions, progress: Callable[[str], None] | None
) -> Observations:
    """A VCCI workbook as observations: every score with its sheet and cell."""
    from etl.vcci_workbook import read_vcci_workbook

    wb = read_vcci_workbook(path, year=options.year, progress=progress, display_name=name)
    title = f"{name} — tệp dữ liệu PCI {wb.year} của VCCI"
    scores = wb.scores.assign(
        year=wb.year,
        source_title=lambda d: title + ", trang «" + d["sheet"] + "»",
        source_kind="official",
        preferred=False,
        location=lambda d: (
            name + ", trang «" + d["sheet"] + "», ô " + d["column"] + d["row"].astype(str)
        ),
    )
    indicators = wb.indicators.assign(
        year=wb.year,
        source_title=lambda d: title + ", trang «" + d["sheet"] + "»",
        source_kind="official",
        location=lambda d: (
            name + ", trang «" + d["sheet"] + "», ô " + d["column"] + d["row"].astype(str)
        ),
    )
    sheets = len(set(wb.scores["sheet"]) | set(wb.indicators["sheet"]))
    return Observations(scores=scores, indicators=indicators, sheets=sheets, notes=list(wb.notes))
