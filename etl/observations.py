"""The common shape every reader produces, so the loader never cares where a figure came from.

A reader turns its file into an ``Observations`` bundle: score rows, indicator rows and
recorded conflicts, each carrying its source title, source kind and the exact location it was
read from. Keys are checked here, at the hop from reader to loader (habit: check the key at
every hop).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from etl.errors import Problem

SCORE_COLUMNS: dict[str, str] = {
    "year": "int64",
    "province_id": "string",
    "measure": "string",
    "score": "float64",
    "rank": "Int64",
    "source_title": "string",
    "source_kind": "string",
    "preferred": "bool",
    "location": "string",
}
SCORE_KEY = ["year", "province_id", "measure", "source_title"]

INDICATOR_COLUMNS: dict[str, str] = {
    "year": "int64",
    "province_id": "string",
    "measure": "string",
    "indicator_code": "string",
    "indicator_name_vi": "string",
    "unit": "string",
    "value": "float64",
    "source_title": "string",
    "source_kind": "string",
    "location": "string",
}
INDICATOR_KEY = ["year", "province_id", "indicator_code", "source_title"]

CONFLICT_COLUMNS = [
    "year",
    "province_id",
    "measure",
    "field",
    "kept_value",
    "kept_source",
    "other_value",
    "other_source",
    "origin",
    "note",
]


def empty_scores() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in SCORE_COLUMNS.items()})


def empty_indicators() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in INDICATOR_COLUMNS.items()})


def empty_conflicts() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in CONFLICT_COLUMNS})


@dataclass
class Observations:
    """What one input contributes to the database."""

    scores: pd.DataFrame = field(default_factory=empty_scores)
    indicators: pd.DataFrame = field(default_factory=empty_indicators)
    conflicts: pd.DataFrame = field(default_factory=empty_conflicts)
    sheets: int = 0
    # What a reader skipped or left out of an accepted file, said in the user's language.
    notes: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.scores = conform(self.scores, SCORE_COLUMNS)
        self.indicators = conform(self.indicators, INDICATOR_COLUMNS)

    @property
    def rows(self) -> int:
        return len(self.scores) + len(self.indicators)

    @staticmethod
    def concat(parts: list[Observations]) -> Observations:
        parts = [p for p in parts if p is not None]
        if not parts:
            return Observations()
        return Observations(
            scores=pd.concat([p.scores for p in parts], ignore_index=True),
            indicators=pd.concat([p.indicators for p in parts], ignore_index=True),
            conflicts=pd.concat([p.conflicts for p in parts], ignore_index=True),
            sheets=sum(p.sheets for p in parts),
            notes=[n for p in parts for n in p.notes],
        )


def conform(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Exactly these columns, in this order, with these dtypes (missing ones → error)."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"observations lack columns {missing}")
    return df[list(columns)].astype(columns).reset_index(drop=True)


def duplicate_problems(
    df: pd.DataFrame, key: list[str], file: str, problem_key: str
) -> list[Problem]:
    """One Problem per row whose key repeats an earlier row of the same input."""
    dup = df[df.duplicated(key, keep="first")]
    return [
        Problem(
            file=file,
            key=problem_key,
            params={
                "province": r.province_id,
                "year": int(r.year),
                "what": getattr(r, "measure", None) or getattr(r, "indicator_code", ""),
                "location": r.location,
            },
        )
        for r in dup.itertuples()
    ]
