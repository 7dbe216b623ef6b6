"""Small reference facts every layer needs: editions, methodology periods, sub-index names.

Read from the shipped CSVs in ``data/reference`` (not from the database) because the ETL
needs them before any database exists, to validate what it reads.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from pci.config import REFERENCE_DIR


@dataclass(frozen=True)
class Edition:
    year: int
    n_provinces: int
    published_scope: str  # 'all' | 'top30'


@dataclass(frozen=True)
class Period:
    period_id: str
    first_year: int
    last_year: int | None
    label_vi: str
    label_en: str
    note_vi: str
    note_en: str

    def covers(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def note(self, lang: str) -> str:
        return self.note_vi if lang == "vi" else self.note_en


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def editions() -> dict[int, Edition]:
    return {
        int(r["year"]): Edition(int(r["year"]), int(r["n_provinces"]), r["published_scope"])
        for r in _rows("editions.csv")
    }


def n_provinces(year: int) -> int:
    """Provinces ranked in ``year``: 42 (2005), 64 (2006–08), 63 (2009–24), 34 from 2025."""
    if year in editions():
        return editions()[year].n_provinces
    return 34 if year >= 2025 else 63


@cache
def periods() -> tuple[Period, ...]:
    return tuple(
        Period(
            r["period_id"],
            int(r["first_year"]),
            int(r["last_year"]) if r["last_year"] else None,
            r["label_vi"],
            r["label_en"],
            r["note_vi"],
            r["note_en"],
        )
        for r in _rows("methodology_periods.csv")
    )


def period_of(year: int) -> Period:
    """The methodology period of an edition; scores are comparable only within one."""
    for p in periods():
        if p.covers(year):
            return p
    raise KeyError(year)


def break_years() -> list[int]:
    """First years of every period after the first: where lines must not be drawn across."""
    return [p.first_year for p in periods()][1:]


@cache
def _names() -> tuple[dict[str, str], ...]:
    return tuple(_rows("subindex_names.csv"))


def measure_name(measure: str, year: int | None, lang: str = "vi", *, short: bool = False) -> str:
    """The name of ``measure`` as used in ``year`` (CSTP 8 is "Chính sách hỗ trợ DN" from 2021)."""
    col = ("short_" if short else "name_") + ("vi" if lang == "vi" else "en")
    rows = [r for r in _names() if r["measure"] == measure]
    if not rows:
        raise KeyError(measure)
    if year is not None:
        for r in rows:
            if int(r["first_year"]) <= year and (not r["last_year"] or year <= int(r["last_year"])):
                return r[col]
    return sorted(rows, key=lambda r: int(r["first_year"]))[-1][col]


def measure_exists(measure: str, year: int) -> bool:
    """Did the methodology of ``year`` have this sub-index? (No CSTP6 in 2009–2012.)"""
    for r in _names():
        if (
            r["measure"] == measure
            and int(r["first_year"]) <= year
            and (not r["last_year"] or year <= int(r["last_year"]))
        ):
            return True
    return False
