"""Read the public facts shipped in ``data/public`` (the embedded default dataset).

These CSVs were transcribed from pcivietnam.vn ranking tables, VCCI province pages and news
or government portals; every row names its source. The same reader accepts a user's CSV in
any of these formats (``pci load facts.csv``), so a new press release can be added with its
source instead of being typed into a spreadsheet.

Source kind comes from the source itself: a VCCI province page outranks a news article, a
VCCI ranking table outranks a page (priority order in ``pci.schema.SOURCE_KINDS``).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

from etl.errors import ImportRejected, Problem
from etl.excel import decode_csv
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
    # Decoded like every other CSV (UTF-8, or the legacy Windows-1258 code page; mixed →
    # rejected with the line), never a UnicodeDecodeError escaping to the user.
    text = decode_csv(path.read_bytes(), name)
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
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
    # Vectorised: the shipped files hold ~3,000 rows and every build reads them.
    res = resolver()
    names = {n: res.try_resolve(n) for n in df["province"].unique()}
    pid = df["province"].map(names)
    excel_row = df.index.to_series() + 2  # header is row 1
    year = pd.to_numeric(df["year"], errors="coerce")
    score = pd.to_numeric(df["score"].str.strip().replace("", None), errors="coerce")
    rank = pd.to_numeric(df["rank"].str.strip().replace("", None), errors="coerce")
    src = df["source"].str.strip()
    valid_measure = measure.isin(["PCI", *_MEASURE_FROM_NO.values()])
    for i in df.index[pid.isna()]:
        problems.append(
            Problem(
                file=name,
                key="etl.unknown_province",
                row=int(excel_row[i]),
                column="province",
                params={"name": df.at[i, "province"]},
            )
        )
    for i in df.index[~valid_measure & pid.notna()]:
        problems.append(
            Problem(
                file=name,
                key="etl.public.bad_measure",
                row=int(excel_row[i]),
                params={"value": measure[i]},
            )
        )
    for col, parsed in (("year", year), ("score", score), ("rank", rank)):
        bad = parsed.isna() & df[col].str.strip().ne("")
        for i in df.index[bad]:
            problems.append(
                Problem(
                    file=name,
                    key="etl.public.bad_number",
                    row=int(excel_row[i]),
                    column=col,
                    params={"detail": df.at[i, col]},
                )
            )
    has_figure = score.notna() | rank.notna()
    for i in df.index[has_figure & src.eq("")]:
        problems.append(
            Problem(file=name, key="etl.public.no_source", row=int(excel_row[i]), column="source")
        )
    if problems:
        raise ImportRejected(problems)
    keep = has_figure  # a row that only names a province carries no figure
    scores = pd.DataFrame(
        {
            "year": year[keep].astype("int64"),
            "province_id": pid[keep],
            "measure": measure[keep],
            "score": score[keep],
            "rank": rank[keep].astype("Int64"),
            "source_title": src[keep],
            "source_kind": src[keep].map(source_kind),
            "preferred": False,
            "location": name + ", dòng " + excel_row[keep].astype(str),
        }
    )
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
    # Decoded like every other CSV (UTF-8, or the legacy Windows-1258 code page; mixed →
    # rejected with the line), never a UnicodeDecodeError escaping to the user.
    text = decode_csv(path.read_bytes(), path.name)
    df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
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
