"""Questions the province profile (/ho-so) and the comparison (/so-sanh) ask.

Every function takes the published database first and returns a DataFrame or plain values.
Missing figures stay NULL (never 0) so the pages can say "chưa công bố / không có dữ liệu".
National statistics for sub-indicators, like those for scores, are only computed where every
province of the edition has a value: a median of a few provinces is not a national median.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pci.db import query_df
from pci.queries.scores import view_name as _view


def edition_measure(
    db: Path, year: int, measure: str = "PCI", include_private: bool = False
) -> pd.DataFrame:
    """Every province existing in ``year`` with its score and rank for one measure.

    Provinces without a published figure are kept with NULLs (the ``Field`` of rank maths
    needs to know how many provinces were ranked, not only who was published).
    """
    return query_df(
        db,
        f"""
        WITH present AS (
            SELECT province_id, name_vi, name_en, region_id FROM provinces
            WHERE first_year <= $y AND coalesce(last_year, 9999) >= $y
        ),
        s AS (SELECT * FROM {_view(include_private)} WHERE year = $y AND measure = $m),
        final AS (
            SELECT p.province_id, p.name_vi, p.name_en, p.region_id, s.score, s.rank,
                   s.source, s.source_kind
            FROM present p LEFT JOIN s USING (province_id)
        )
        SELECT * FROM final ORDER BY rank NULLS LAST, score DESC NULLS LAST, name_vi""",
        {"y": year, "m": measure},
    )


def province_years(db: Path, province_id: str, include_private: bool = False) -> list[int]:
    """Editions with at least one figure (score or rank) for the province, newest first."""
    df = query_df(
        db,
        f"""
        SELECT DISTINCT year FROM {_view(include_private)}
        WHERE province_id = $p AND (score IS NOT NULL OR rank IS NOT NULL)
        ORDER BY year DESC""",
        {"p": province_id},
    )
    return df["year"].astype(int).tolist()


def region_peers(db: Path, province_id: str, year: int) -> list[str]:
    """The province's region (from data/reference/provinces.csv) members existing in ``year``.

    The province itself comes first, then the others by name.
    """
    df = query_df(
        db,
        """
        WITH me AS (SELECT region_id FROM provinces WHERE province_id = $p)
        SELECT province_id FROM provinces
        WHERE region_id = (SELECT region_id FROM me)
          AND first_year <= $y AND coalesce(last_year, 9999) >= $y
        ORDER BY province_id <> $p, name_ascii""",
        {"p": province_id, "y": year},
    )
    return df["province_id"].tolist()


def compare_scores(
    db: Path,
    year: int,
    province_ids: list[str],
    measures: list[str],
    include_private: bool = False,
) -> pd.DataFrame:
    """Long frame: (province, measure) score and rank for some provinces in one edition.

    Every requested province appears for every requested measure (the edition's methodology:
    ``pci.profile_tables.subindices_of``), with NULL where a figure is not published — so
    "not published" can be shown instead of a missing bar.
    """
    return query_df(
        db,
        f"""
        WITH chosen AS (
            SELECT p.province_id, p.name_vi, p.name_en, x.ord
            FROM provinces p
            JOIN (SELECT unnest($ids) AS province_id, generate_subscripts($ids, 1) AS ord) x
              USING (province_id)
        ),
        measures AS (SELECT unnest($ms) AS measure, generate_subscripts($ms, 1) AS m_ord),
        s AS (SELECT * FROM {_view(include_private)} WHERE year = $y),
        final AS (
            SELECT c.province_id, c.name_vi, c.name_en, c.ord, m.m_ord, m.measure, s.score,
                   s.rank, s.source, s.source_kind
            FROM chosen c CROSS JOIN measures m
            LEFT JOIN s ON s.province_id = c.province_id AND s.measure = m.measure
        )
        SELECT * EXCLUDE (ord, m_ord) FROM final ORDER BY ord, m_ord""",
        {"y": year, "ids": list(province_ids), "ms": list(measures)},
    )


def indicator_years(db: Path, province_id: str, include_private: bool = False) -> list[int]:
    """Editions with sub-indicator values for the province, newest first."""
    df = query_df(
        db,
        f"""
        SELECT DISTINCT year FROM pci_indicator_values
        WHERE province_id = $p {"" if include_private else "AND source_kind <> 'private'"}
        ORDER BY year DESC""",
        {"p": province_id},
    )
    return df["year"].astype(int).tolist()


def indicator_profile(
    db: Path, province_id: str, year: int, include_private: bool = False
) -> pd.DataFrame:
    """The province's sub-indicators of one edition beside the national picture.

    Columns: measure, indicator_code, indicator_name_vi, unit, value, n_with_value,
    n_provinces, complete, median, max_value, max_province, min_value, min_province, source.
    ``median``/``max``/``min`` are NULL unless every province of the edition has a value:
    the workbooks do not say whether more or less is better, so both ends are given.
    """
    private = "" if include_private else "AND source_kind <> 'private'"
    return query_df(
        db,
        f"""
        WITH v AS (SELECT * FROM pci_indicator_values WHERE year = $y {private}),
        n AS (SELECT n_provinces FROM editions WHERE year = $y),
        stats AS (
            SELECT indicator_code, count(value) AS n_with_value,
                   median(value) AS med, max(value) AS hi, arg_max(province_id, value) AS hi_p,
                   min(value) AS lo, arg_min(province_id, value) AS lo_p
            FROM v GROUP BY indicator_code
        ),
        mine AS (SELECT * FROM v WHERE province_id = $p),
        final AS (
            SELECT m.measure, m.indicator_code, m.indicator_name_vi, m.unit, m.value,
                   s.n_with_value, (SELECT n_provinces FROM n) AS n_provinces,
                   s.n_with_value >= (SELECT n_provinces FROM n) AS complete,
                   CASE WHEN s.n_with_value >= (SELECT n_provinces FROM n) THEN s.med END
                       AS median,
                   CASE WHEN s.n_with_value >= (SELECT n_provinces FROM n) THEN s.hi END
                       AS max_value,
                   CASE WHEN s.n_with_value >= (SELECT n_provinces FROM n) THEN s.hi_p END
                       AS max_province,
                   CASE WHEN s.n_with_value >= (SELECT n_provinces FROM n) THEN s.lo END
                       AS min_value,
                   CASE WHEN s.n_with_value >= (SELECT n_provinces FROM n) THEN s.lo_p END
                       AS min_province,
                   m.source, m.source_kind
            FROM mine m JOIN stats s USING (indicator_code)
        )
        SELECT * FROM final
        ORDER BY TRY_CAST(regexp_extract(measure, '[0-9]+') AS INTEGER) NULLS LAST, indicator_code""",
        {"p": province_id, "y": year},
    )
