"""Read the public facts shipped in ``data/public`` (the embedded default dataset).

These CSVs were transcribed from pcivietnam.vn ranking tables, VCCI province pages and news
or government portals; every row names its source. The same reader accepts a user's CSV in
any of these formats (``pci load facts.csv``), so a new press release can be added with its
source instead of being typed into a spreadsheet.

Source kind comes from the source itself: a VCCI province page outranks a news article, a
VCCI ranking table outranks a page (priority order in ``pci.schema.SOURCE_KINDS``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from etl.errors import ImportRejected, Problem
from etl.observations import CONFLICT_COLUMNS, Observations
from etl.provinces import resolver
from pci.config import PUBLIC_DIR

# Shipped files, in the order they are read (order matters only for messages).
SHIPPED = (
    "pci_composite.csv",
    "pci_subindex.csv",
    "pci_province_pages.csv",
    "pci_headline_facts_composite.csv",
    "pci_headline_facts_subindex.csv",
    "pci_facts_from_plans.csv",
)

_MEASURE_FROM_NO = {str(i): f"CSTP{i}" for i in range(1, 11)} | {"11": "CSTP_TW"}


def source_kind(title: str) -> str:
    """Classify a source string: official workbook, VCCI table, VCCI page, or news."""
    low = title.lower()
    if "vcci official pci data file" in low or re.search(r"pci_\d{4}\.xlsx?", low):
        return "official"
    if "pcivietnam" in low and ("/provinces/" in low or "pcivietnam.org/" in low):
        return "vcci_page"
    if "pcivietnam" in low:
        return "vcci_table"
    return "news"


def read_shipped(public_dir: Path = PUBLIC_DIR) -> Observations:
    """Every shipped public fact, plus the recorded conflicts between sources."""
    parts = [
        read_public_csv(public_dir / name, display_name=f"data/public/{name}") for name in SHIPPED
    ]
    parts.append(read_recorded_conflicts(public_dir / "pci_conflicts.csv"))
    return Observations.concat(parts)


def read_public_csv(path: Path, *, display_name: str | None = None) -> Observations:
    """One CSV in a public-facts format (composite, sub-index, or province-page rows)."""
    name = display_name or path.name
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    cols = set(df.columns)
    problems: list[Problem] = []
    if "subindex_no" in cols and {"year", "province", "score", "rank", "source"} <= cols:
        # An empty sub-index number means the composite (a file may mix both).
        measure = df["subindex_no"].str.strip().map(lambda v: _MEASURE_FROM_NO.get(v, v) or "PCI")
    elif {"year", "province", "measure", "score", "rank", "source"} <= cols:
        measure = df["measure"].str.strip().str.upper()
    elif {"year", "province", "score", "rank", "source"} <= cols:
        measure = pd.Series("PCI", index=df.index)
    else:
        raise ImportRejected(
            [
                Problem(
                    file=name,
                    key="etl.public.unknown_columns",
                    params={"columns": ", ".join(df.columns)},
                )
            ]
        )
    res = resolver()
    rows = []
    for i, r in df.iterrows():
        excel_row = int(i) + 2  # header is row 1
        pid = res.try_resolve(r["province"])
        m = measure[i]
        if pid is None:
            problems.append(
                Problem(
                    file=name,
                    key="etl.unknown_province",
                    row=excel_row,
                    column="province",
                    params={"name": r["province"]},
                )
            )
            continue
        if not isinstance(m, str) or m not in {"PCI", *_MEASURE_FROM_NO.values()}:
            problems.append(
                Problem(
                    file=name,
                    key="etl.public.bad_measure",
                    row=excel_row,
                    params={"value": r.get("measure", r.get("subindex_no"))},
                )
            )
            continue
        try:
            year = int(r["year"])
            score = float(r["score"]) if r["score"].strip() else None
            rank = int(r["rank"]) if r["rank"].strip() else None
        except ValueError as exc:
            problems.append(
                Problem(
                    file=name,
                    key="etl.public.bad_number",
                    row=excel_row,
                    params={"detail": str(exc)},
                )
            )
            continue
        if score is None and rank is None:
            continue  # a row that only names a province carries no figure
        src = r["source"].strip()
        if not src:
            problems.append(
                Problem(file=name, key="etl.public.no_source", row=excel_row, column="source")
            )
            continue
        rows.append(
            {
                "year": year,
                "province_id": pid,
                "measure": m,
                "score": score,
                "rank": rank,
                "source_title": src,
                "source_kind": source_kind(src),
                "preferred": False,
                "location": f"{name}, dòng {excel_row}",
            }
        )
    if problems:
        raise ImportRejected(problems)
    scores = pd.DataFrame(rows)
    if scores.empty:
        return Observations()
    # The same fact listed twice by the same source is one observation; keep the first.
    scores = scores.drop_duplicates(["year", "province_id", "measure", "source_title"])
    return Observations(scores=scores, sheets=1)


def read_recorded_conflicts(path: Path) -> Observations:
    """Known disagreements between sources and the value kept (``pci_conflicts.csv``).

    The kept value enters as an observation of its own source marked ``preferred``: it wins
    among equals (two news reports) and, when it comes from a VCCI workbook, it corrects a
    known error on a VCCI page (Lâm Đồng 2010 shows Lai Châu's row) even before the user has
    loaded the workbooks.
    """
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    res = resolver()
    obs, conflicts = [], []
    for i, r in df.iterrows():
        pid = res.resolve(r["province"])
        measure = "PCI" if r["table"] == "composite" else _MEASURE_FROM_NO[r["subindex_no"]]
        year = int(r["year"])
        kept_score = float(r["kept_score"]) if r["kept_score"] else None
        kept_rank = int(r["kept_rank"]) if r["kept_rank"] else None
        obs.append(
            {
                "year": year,
                "province_id": pid,
                "measure": measure,
                "score": kept_score,
                "rank": kept_rank,
                "source_title": r["kept_source"],
                "source_kind": source_kind(r["kept_source"]),
                "preferred": True,
                "location": f"data/public/pci_conflicts.csv, dòng {int(i) + 2}",
            }
        )
        for field, kept, other in (
            ("score", r["kept_score"], r["other_score"]),
            ("rank", r["kept_rank"], r["other_rank"]),
        ):
            if other and other != kept:
                conflicts.append(
                    {
                        "year": year,
                        "province_id": pid,
                        "measure": measure,
                        "field": field,
                        "kept_value": float(kept) if kept else None,
                        "kept_source": r["kept_source"],
                        "other_value": float(other),
                        "other_source": r["other_source"],
                        "origin": "recorded",
                        "note": None,
                    }
                )
    return Observations(
        scores=pd.DataFrame(obs),
        conflicts=pd.DataFrame(conflicts, columns=CONFLICT_COLUMNS),
        sheets=1,
    )
