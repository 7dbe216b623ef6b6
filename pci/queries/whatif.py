"""Questions the simulator and `pci gap` ask: one province's figures of one edition, the field
of one measure, the editions a province can be simulated in, and year-on-year pairs for the
median trend. ``include_private`` picks ``pci_scores`` (editors) or ``pci_scores_public``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pci.analysis.ranks import Field, field_from_frame
from pci.db import query_df
from pci.queries.scores import province_year
from pci.queries.scores import view_name as _view


def field(db: Path, year: int, measure: str, include_private: bool = False) -> pd.DataFrame:
    """One measure of one edition for every province that existed that year.

    Columns province_id, score, rank, source_kind; NULL where not published (so the caller can
    tell a complete edition from the published top 30).
    """
    return query_df(
        db,
        f"""
        WITH present AS (
            SELECT province_id FROM provinces
            WHERE first_year <= $y AND coalesce(last_year, 9999) >= $y
        ),
        s AS (SELECT * FROM {_view(include_private)} WHERE year = $y AND measure = $m),
        final AS (
            SELECT p.province_id, s.score, s.rank, s.source_kind
            FROM present p LEFT JOIN s USING (province_id)
        )
        SELECT * FROM final ORDER BY rank NULLS LAST, score DESC NULLS LAST, province_id""",
        {"y": year, "m": measure},
    )


def simulator_years(db: Path, province_id: str, include_private: bool = False) -> list[int]:
    """Editions where the province has at least one sub-index score (a slider to move)."""
    df = query_df(
        db,
        f"""
        SELECT DISTINCT year FROM {_view(include_private)}
        WHERE province_id = $p AND measure LIKE 'CSTP%' AND score IS NOT NULL
        ORDER BY year DESC""",
        {"p": province_id},
    )
    return df["year"].astype(int).tolist()


def year_pairs(db: Path, year: int, measure: str, include_private: bool = False) -> pd.DataFrame:
    """Scores of ``measure`` in editions year−1 and year, per province published in either.

    Columns province_id, before, after (NULL where not published).
    """
    return query_df(
        db,
        f"""
        WITH s AS (
            SELECT * FROM {_view(include_private)}
            WHERE measure = $m AND year IN ($y - 1, $y) AND score IS NOT NULL
        ),
        final AS (
            SELECT province_id,
                   max(score) FILTER (WHERE year = $y - 1) AS before,
                   max(score) FILTER (WHERE year = $y) AS after
            FROM s GROUP BY province_id
        )
        SELECT * FROM final ORDER BY province_id""",
        {"y": year, "m": measure},
    )


@dataclass(frozen=True)
class SimInputs:
    """Everything the simulator needs for one province, edition and measure (plain values, so
    the page can cache it)."""

    province_id: str
    year: int
    measure: str
    n_total: int
    weights: dict[str, float]
    weights_source: str | None
    subscores: dict[str, float]  # the province's published sub-index scores (those known)
    sub_kinds: dict[str, str]  # source kind per sub-index (private results are labelled)
    own_score: float | None  # the province's published score of ``measure``
    own_rank: int | None
    own_kind: str | None
    field: Field  # the others' scores of ``measure``
    trend: float | None  # median change year−1 → year (None across a break / no pairs)
    trend_n: int
    trend_reason: str | None  # None | "break" | "no_previous" | "no_pairs"
    n_published: int  # provinces with a published score of ``measure`` this edition
    private_used: bool


def inputs(
    db: Path, province_id: str, year: int, measure: str, include_private: bool = False
) -> SimInputs:
    """Gather a province's figures, the field and the median trend for the simulator."""
    from pci.analysis.whatif import median_trend
    from pci.queries.scores import weights, weights_source
    from pci.reference import editions, n_provinces, period_of

    own = province_year(db, province_id, year, include_private)
    subs = own[own["measure"].str.startswith("CSTP") & own["score"].notna()]
    row = own[own["measure"] == measure]
    own_score = float(row["score"].iloc[0]) if len(row) and pd.notna(row["score"].iloc[0]) else None
    own_rank = int(row["rank"].iloc[0]) if len(row) and pd.notna(row["rank"].iloc[0]) else None
    n_total = n_provinces(year)
    frame = field(db, year, measure, include_private)
    fld = field_from_frame(frame, province_id, n_total)
    trend, trend_n, reason = None, 0, None
    if (year - 1) not in editions():
        reason = "no_previous"
    elif period_of(year - 1) != period_of(year):
        reason = "break"
    else:
        pairs = year_pairs(db, year, measure, include_private)
        trend, trend_n = median_trend(
            dict(zip(pairs["province_id"], pairs["before"], strict=True)),
            dict(zip(pairs["province_id"], pairs["after"], strict=True)),
        )
        reason = None if trend_n else "no_pairs"
    return SimInputs(
        province_id=province_id,
        year=year,
        measure=measure,
        n_total=n_total,
        weights=weights(db, year),
        weights_source=weights_source(db, year),
        subscores=dict(zip(subs["measure"], subs["score"].astype(float), strict=True)),
        sub_kinds=dict(zip(subs["measure"], subs["source_kind"], strict=True)),
        own_score=own_score,
        own_rank=own_rank,
        own_kind=str(row["source_kind"].iloc[0]) if len(row) else None,
        field=fld,
        trend=trend,
        trend_n=trend_n,
        trend_reason=reason,
        n_published=int(frame["score"].notna().sum()),
        private_used=bool((own["source_kind"] == "private").any()),
    )


def weights_span(db: Path, year: int) -> dict[str, object] | None:
    """The weight set ``year`` uses: first and last edition it covers, whether derived, source.

    None when no weights are known for ``year`` (2022 on)."""
    df = query_df(
        db,
        """
        SELECT min(first_year) AS first_year, max(last_year) AS last_year,
               bool_or(derived) AS derived, any_value(source) AS source
        FROM weights WHERE $y BETWEEN first_year AND last_year""",
        {"y": year},
    )
    if df.empty or pd.isna(df["first_year"].iloc[0]):
        return None
    r = df.iloc[0]
    return {
        "first_year": int(r["first_year"]),
        "last_year": int(r["last_year"]),
        "derived": bool(r["derived"]),
        "source": str(r["source"]),
    }


def simulable_provinces(db: Path, include_private: bool = False) -> list[str]:
    """Provinces with at least one sub-index score in some edition, ordered by name."""
    df = query_df(
        db,
        f"""
        SELECT DISTINCT s.province_id, p.name_ascii
        FROM {_view(include_private)} s JOIN provinces p USING (province_id)
        WHERE s.measure LIKE 'CSTP%' AND s.score IS NOT NULL
        ORDER BY p.name_ascii""",
    )
    return df["province_id"].tolist()
