"""Data-quality questions: coverage, reconstruction residuals, conflicts, findings, imports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pci.db import query_df


def build_info(db: Path) -> dict[str, str]:
    df = query_df(db, "SELECT key, value FROM build_info")
    return dict(zip(df["key"], df["value"], strict=True))


def coverage(db: Path) -> pd.DataFrame:
    """Per edition: provinces expected, composites with score and rank, sub-index and
    indicator rows, and the kinds of source they come from."""
    return query_df(
        db,
        """
        WITH s AS (SELECT * FROM pci_scores),
        comp AS (
            SELECT year, count(score) AS with_score, count(rank) AS with_rank,
                   string_agg(DISTINCT source_kind, ', ' ORDER BY source_kind) AS kinds
            FROM s WHERE measure = 'PCI' GROUP BY year
        ),
        sub AS (SELECT year, count(*) AS subindex_rows FROM s WHERE measure <> 'PCI' GROUP BY year),
        ind AS (SELECT year, count(*) AS indicator_values FROM pci_indicator_values GROUP BY year),
        final AS (
            SELECT e.year, e.n_provinces, coalesce(c.with_score, 0) AS with_score,
                   coalesce(c.with_rank, 0) AS with_rank,
                   coalesce(b.subindex_rows, 0) AS subindex_rows,
                   coalesce(i.indicator_values, 0) AS indicator_values,
                   coalesce(c.kinds, '') AS kinds
            FROM editions e
            LEFT JOIN comp c USING (year) LEFT JOIN sub b USING (year)
            LEFT JOIN ind i USING (year)
        )
        SELECT * FROM final ORDER BY year""",
    )


def residuals(db: Path) -> pd.DataFrame:
    """Composite minus its reconstruction from sub-indices at the period's weights."""
    return query_df(
        db,
        """
        SELECT year, province_id, value AS residual, expected AS rebuilt, actual AS published
        FROM findings WHERE check_name = 'reconstruction' ORDER BY year, province_id""",
    )


def residuals_by_year(db: Path) -> pd.DataFrame:
    return query_df(
        db,
        """
        SELECT year, count(*) AS n, max(abs(value)) AS max_abs, avg(abs(value)) AS mean_abs,
               count(*) FILTER (WHERE abs(value) > 0.011) AS over_001
        FROM findings WHERE check_name = 'reconstruction'
        GROUP BY year ORDER BY year""",
    )


def conflicts(db: Path) -> pd.DataFrame:
    return query_df(
        db,
        """
        SELECT c.*, p.name_vi AS province_name
        FROM conflicts c JOIN provinces p USING (province_id)
        ORDER BY c.origin DESC, c.year, p.name_vi, c.measure, c.field""",
    )


def findings(db: Path, check: str | None = None) -> pd.DataFrame:
    return query_df(
        db,
        """
        SELECT * FROM findings WHERE $check IS NULL OR check_name = $check
        ORDER BY check_name, year, province_id""",
        {"check": check},
    )


def imports(db: Path) -> pd.DataFrame:
    return query_df(db, "SELECT * FROM import_batches ORDER BY imported_at DESC")


def coverage_grid(db: Path, include_private: bool = False) -> pd.DataFrame:
    """Per (edition, measure): how many provinces have a figure from an official workbook,
    from a public source (VCCI tables/pages, press), from a province's private results, and
    how many have none. Viewers (``include_private`` False) count private rows as missing."""
    return query_df(
        db,
        """
        WITH s AS (
            SELECT year, measure, province_id, source_kind FROM pci_scores
            WHERE $private OR source_kind <> 'private'
        ), m AS (
            SELECT DISTINCT e.year, e.n_provinces, n.measure
            FROM editions e JOIN subindex_names n
              ON e.year >= n.first_year AND (n.last_year IS NULL OR e.year <= n.last_year)
        ), counts AS (
            SELECT year, measure,
                   count(*) FILTER (WHERE source_kind = 'official') AS official,
                   count(*) FILTER (WHERE source_kind IN ('vcci_table', 'vcci_page', 'news'))
                       AS public,
                   count(*) FILTER (WHERE source_kind = 'private') AS private
            FROM s GROUP BY year, measure
        ), final AS (
            SELECT m.year, m.measure, m.n_provinces,
                   coalesce(c.official, 0) AS official, coalesce(c.public, 0) AS public,
                   coalesce(c.private, 0) AS private,
                   greatest(m.n_provinces - coalesce(c.official, 0) - coalesce(c.public, 0)
                            - coalesce(c.private, 0), 0) AS missing
            FROM m LEFT JOIN counts c USING (year, measure)
        )
        SELECT * FROM final ORDER BY year, measure""",
        {"private": include_private},
    )


def sources(db: Path, include_private: bool = False) -> pd.DataFrame:
    """Every source with what it contributed (figures, editions) and the import behind it."""
    return query_df(
        db,
        """
        WITH obs AS (
            SELECT source_id, count(*) AS figures, min(year) AS first_year,
                   max(year) AS last_year
            FROM observations GROUP BY source_id
        ), ind AS (
            SELECT source_id, count(*) AS indicator_values FROM indicator_observations
            GROUP BY source_id
        ), final AS (
            SELECT s.source_kind, s.priority, s.title, coalesce(o.figures, 0) AS figures,
                   coalesce(i.indicator_values, 0) AS indicator_values,
                   o.first_year, o.last_year, b.file_name, b.imported_at, b.imported_by
            FROM sources s
            LEFT JOIN obs o USING (source_id) LEFT JOIN ind i USING (source_id)
            LEFT JOIN import_batches b USING (batch_id)
            WHERE $private OR s.source_kind <> 'private'
        )
        SELECT * FROM final ORDER BY priority, title""",
        {"private": include_private},
    )
