"""Rank trajectories: every province's figures of one measure over all editions, and the rank
maths the trajectory page explains (why a rank changed, how fragile it is).

The maths is in ``pci.analysis.ranks`` (pure); these functions only fetch the editions it
needs and return plain DataFrames so pages can cache them with ``q``. A rank change is only
explained inside one methodology period, and only where the others' year-0 scores are known
well enough (``Field``): otherwise the row says "unknown", never a guess.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pci.analysis.ranks import cluster_size, decompose, field_from_frame, sensitivity
from pci.db import query_df
from pci.queries.scores import view_name as _view
from pci.reference import period_of

DELTAS = (0.1, 0.25, 0.5)
CLUSTER_WIDTH = 0.25


def measure_history(db: Path, measure: str = "PCI", include_private: bool = False) -> pd.DataFrame:
    """Every province's score and rank for ``measure`` in every edition (with edition size)."""
    return query_df(
        db,
        f"""
        SELECT s.year, s.province_id, s.score, s.rank, s.source, s.source_kind, e.n_provinces
        FROM {_view(include_private)} s JOIN editions e USING (year)
        WHERE s.measure = $m
        ORDER BY s.year, s.rank NULLS LAST, s.score DESC""",
        {"m": measure},
    )


def best_covered(
    db: Path, measure: str = "PCI", n: int = 3, include_private: bool = False
) -> list[str]:
    """The ``n`` provinces with the most editions of ``measure`` (a data-driven default)."""
    df = query_df(
        db,
        f"""
        SELECT province_id, count(*) AS k, min(rank) AS best
        FROM {_view(include_private)} WHERE measure = $m AND score IS NOT NULL
        GROUP BY province_id ORDER BY k DESC, best NULLS LAST, province_id LIMIT $n""",
        {"m": measure, "n": n},
    )
    return df["province_id"].tolist()


def rank_changes(
    db: Path, province_ids: list[str], measure: str = "PCI", include_private: bool = False
) -> pd.DataFrame:
    """For each province and each pair of consecutive editions in one methodology period:
    places gained, split into the province's own score change and the others' movement.

    ``own``/``others`` are NULL (unknown) when the others' year-0 scores are not published
    far enough down (since 2023 only the top 30; older editions only partly loaded).
    """
    hist = measure_history(db, measure, include_private)
    cols = ["province_id", "year0", "year1", "score0", "score1", "rank0", "rank1"]
    cols += ["total", "own", "others", "counterfactual_rank", "source1"]
    rows: list[dict[str, object]] = []
    by_year = {int(y): g for y, g in hist.groupby("year")}
    for pid in province_ids:
        mine = hist[(hist["province_id"] == pid) & hist["score"].notna() & hist["rank"].notna()]
        mine = mine.set_index("year")
        for y1 in sorted(int(y) for y in mine.index):
            y0 = y1 - 1
            if y0 not in mine.index or period_of(y0) != period_of(y1):
                continue
            a, b = mine.loc[y0], mine.loc[y1]
            field0 = field_from_frame(by_year[y0], pid, int(a["n_provinces"]))
            rc = decompose(
                float(a["score"]), float(b["score"]), int(a["rank"]), int(b["rank"]), field0
            )
            rows.append(
                {
                    "province_id": pid,
                    "year0": y0,
                    "year1": y1,
                    "score0": float(a["score"]),
                    "score1": float(b["score"]),
                    "rank0": int(a["rank"]),
                    "rank1": int(b["rank"]),
                    "total": int(a["rank"]) - int(b["rank"]),
                    "own": rc.own if rc else None,
                    "others": rc.others if rc else None,
                    "counterfactual_rank": rc.counterfactual_rank if rc else None,
                    "source1": b["source"],
                }
            )
    out = pd.DataFrame(rows, columns=cols)
    for c in ("own", "others", "counterfactual_rank"):
        out[c] = out[c].astype("Int64")
    return out


def rank_bands(
    db: Path, province_id: str, year: int, measure: str = "PCI", include_private: bool = False
) -> dict[str, object]:
    """How fragile a rank is: ranks held with score ± 0,1/0,25/0,5 (others unchanged), and how
    many others sit within ±0,25 points. Unknown bounds (unpublished field) are None."""
    hist = measure_history(db, measure, include_private)
    ed = hist[hist["year"] == year]
    me = ed[(ed["province_id"] == province_id) & ed["score"].notna()]
    if me.empty:
        return {"score": None, "rank": None, "n": None, "bands": pd.DataFrame(), "cluster": None}
    score = float(me["score"].iloc[0])
    n = int(me["n_provinces"].iloc[0])
    field = field_from_frame(ed, province_id, n)
    bands = pd.DataFrame(
        [
            {"delta": b.delta, "best_rank": b.best_rank, "worst_rank": b.worst_rank}
            for b in sensitivity(score, field, DELTAS)
        ]
    )
    for c in ("best_rank", "worst_rank"):
        bands[c] = bands[c].astype("Int64")
    rank = me["rank"].iloc[0]
    return {
        "score": score,
        "rank": None if pd.isna(rank) else int(rank),
        "n": n,
        "bands": bands,
        "cluster": cluster_size(score, field, CLUSTER_WIDTH),
        "complete": field.complete,
    }


def units_2025(db: Path) -> pd.DataFrame:
    """The 34 units from 1 July 2025 and their old provinces (for the map overlay)."""
    return query_df(
        db,
        "SELECT unit_id, name_vi, name_ascii, merged, members FROM units_2025 ORDER BY name_ascii",
    )
