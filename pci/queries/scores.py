"""Scores and ranks: the questions every page asks.

``include_private`` chooses the view: ``pci_scores`` (with a province's private results,
for signed-in editors) or ``pci_scores_public``. Every frame carries the source and its kind,
so a page can label private figures "Dữ liệu nội bộ" and show provenance in tooltips.

National statistics (median, top-10 average, best) are computed only for editions where
every province's score is known: a median of the published top 30 is not a national median.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd

from pci.db import query_df


def view_name(include_private: bool) -> str:
    """The scores view a caller may see: with a province's private results (editors) or not."""
    return "pci_scores" if include_private else "pci_scores_public"


def years(db: Path, measure: str = "PCI", include_private: bool = False) -> list[int]:
    """Editions with at least one figure for ``measure``, newest first."""
    df = query_df(
        db,
        f"SELECT DISTINCT year FROM {view_name(include_private)} WHERE measure = $m ORDER BY year DESC",
        {"m": measure},
    )
    return df["year"].astype(int).tolist()


def province_year(
    db: Path, province_id: str, year: int, include_private: bool = False
) -> pd.DataFrame:
    """One province, one edition: every measure's score and rank with provenance."""
    return query_df(
        db,
        f"""
        SELECT measure, score, rank, source, source_kind, rank_source
        FROM {view_name(include_private)}
        WHERE province_id = $p AND year = $y
        ORDER BY measure""",
        {"p": province_id, "y": year},
    )


def provinces(db: Path) -> pd.DataFrame:
    """All provinces with names, region and lifetime (for selectors and joins)."""
    return query_df(
        db,
        """
        SELECT province_id, name_vi, name_en, name_ascii, region_id, region_vi, region_en,
               first_year, last_year, successor_id, unit_2025_id
        FROM provinces ORDER BY name_ascii""",
    )


def editions(db: Path) -> pd.DataFrame:
    return query_df(db, "SELECT * FROM editions ORDER BY year")


def year_scores(db: Path, year: int, include_private: bool = False) -> pd.DataFrame:
    """Long frame: every (province, measure) figure of one edition, with provenance.

    Provinces that existed that year but have no figure are included with NULL score and
    rank, so nothing is silently dropped from a ranking table.
    """
    return query_df(
        db,
        f"""
        WITH present AS (
            SELECT p.province_id, p.name_vi, p.name_en, p.region_id, p.region_vi, p.region_en
            FROM provinces p
            WHERE p.first_year <= $y AND coalesce(p.last_year, 9999) >= $y
        ),
        s AS (SELECT * FROM {view_name(include_private)} WHERE year = $y),
        final AS (
            SELECT $y AS year, p.province_id, p.name_vi, p.name_en, p.region_id, p.region_vi,
                   p.region_en, s.measure, s.score, s.rank, s.source, s.source_kind,
                   s.rank_source, s.rank_source_kind
            FROM present p LEFT JOIN s USING (province_id)
        )
        SELECT * FROM final ORDER BY name_vi, measure""",
        {"y": year},
    )


def ranking_table(db: Path, year: int, include_private: bool = False) -> pd.DataFrame:
    """Wide frame, one row per province existing that year: PCI and each CSTP score/rank.

    Columns: province_id, name_vi, name_en, region_*, PCI_score, PCI_rank, CSTP1_score, …,
    plus ``private`` (True when any figure in the row is the province's own private data)
    and ``source`` (source of the composite).
    """
    return ranking_from_long(year_scores(db, year, include_private))


def ranking_from_long(long: pd.DataFrame) -> pd.DataFrame:
    """``ranking_table`` from the rows of ``year_scores`` (no database access)."""
    base = long.drop_duplicates("province_id")[
        ["province_id", "name_vi", "name_en", "region_id", "region_vi", "region_en"]
    ]
    figs = long.dropna(subset=["measure"])
    wide_score = figs.pivot(index="province_id", columns="measure", values="score")
    wide_rank = figs.pivot(index="province_id", columns="measure", values="rank")
    wide = base.set_index("province_id")
    for m in wide_score.columns:
        wide[f"{m}_score"] = wide_score[m]
        wide[f"{m}_rank"] = wide_rank[m].astype("Int64")
    private = figs.groupby("province_id")["source_kind"].apply(lambda s: (s == "private").any())
    wide["private"] = private.reindex(wide.index).fillna(False).astype(bool)
    comp = figs[figs["measure"] == "PCI"].set_index("province_id")
    wide["source"] = comp["source"].reindex(wide.index)
    wide["source_kind"] = comp["source_kind"].reindex(wide.index)
    if "PCI_rank" in wide:
        # Unranked provinces follow in alphabetical order as a reader expects it (Bạc Liêu
        # near Bắc Ninh, not after Bình Định as code-point order puts it).
        wide["_alpha"] = wide["name_vi"].map(_alpha_key)
        wide = wide.sort_values(
            ["PCI_rank", "PCI_score", "_alpha"], ascending=[True, False, True], na_position="last"
        ).drop(columns="_alpha")
    return wide.reset_index()


def _alpha_key(name: str) -> str:
    """Diacritics folded (đ → d), so "Bạc Liêu" sorts among the "Bac…" names."""
    folded = unicodedata.normalize("NFD", str(name).replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def trajectory(
    db: Path, province_ids: list[str], measure: str = "PCI", include_private: bool = False
) -> pd.DataFrame:
    """Score and rank over all editions for some provinces and one measure."""
    return query_df(
        db,
        f"""
        SELECT s.year, s.province_id, p.name_vi, p.name_en, s.measure, s.score, s.rank,
               s.source, s.source_kind, s.rank_source, e.n_provinces
        FROM {view_name(include_private)} s
        JOIN provinces p USING (province_id)
        JOIN editions e USING (year)
        WHERE s.province_id IN (SELECT unnest($ids)) AND s.measure = $m
        ORDER BY s.province_id, s.year""",
        {"ids": list(province_ids), "m": measure},
    )


def province_history(db: Path, province_id: str, include_private: bool = False) -> pd.DataFrame:
    """Every figure of one province: all editions, all measures."""
    return query_df(
        db,
        f"""
        SELECT s.*, e.n_provinces FROM {view_name(include_private)} s JOIN editions e USING (year)
        WHERE s.province_id = $p ORDER BY s.year, s.measure""",
        {"p": province_id},
    )


def national_stats(db: Path, measure: str = "PCI", include_private: bool = False) -> pd.DataFrame:
    """Per edition: median, top-10 average, best score — only where the edition is complete.

    ``complete`` is True when every province of the edition has a score for the measure; the
    statistics are NULL otherwise (a median of the published top 30 would mislead).
    """
    return query_df(
        db,
        f"""
        WITH s AS (SELECT * FROM {view_name(include_private)} WHERE measure = $m AND score IS NOT NULL),
        per_year AS (
            SELECT year, count(*) AS n, median(score) AS med, max(score) AS best,
                   avg(score) FILTER (WHERE rk <= 10) AS top10
            FROM (SELECT *, row_number() OVER (PARTITION BY year ORDER BY score DESC) AS rk FROM s)
            GROUP BY year
        ),
        final AS (
            SELECT e.year, e.n_provinces, coalesce(p.n, 0) AS n_with_score,
                   coalesce(p.n, 0) = e.n_provinces AS complete,
                   CASE WHEN p.n = e.n_provinces THEN p.med END AS median,
                   CASE WHEN p.n = e.n_provinces THEN p.top10 END AS top10_avg,
                   CASE WHEN p.n = e.n_provinces THEN p.best END AS best
            FROM editions e LEFT JOIN per_year p USING (year)
        )
        SELECT * FROM final ORDER BY year""",
        {"m": measure},
    )


def region_stats(
    db: Path, year: int, region_id: str, include_private: bool = False
) -> pd.DataFrame:
    """Per measure: the region's average and how many of its provinces it covers."""
    return query_df(
        db,
        f"""
        WITH members AS (
            SELECT province_id FROM provinces
            WHERE region_id = $r AND first_year <= $y AND coalesce(last_year, 9999) >= $y
        ),
        s AS (SELECT * FROM {view_name(include_private)} WHERE year = $y AND score IS NOT NULL)
        SELECT s.measure, avg(s.score) AS region_avg, count(*) AS n_with_score,
               (SELECT count(*) FROM members) AS n_members
        FROM s JOIN members USING (province_id)
        GROUP BY s.measure""",
        {"y": year, "r": region_id},
    )


def measure_stats(db: Path, year: int, include_private: bool = False) -> pd.DataFrame:
    """Per measure of one edition: median, best (with who), top-10 average, completeness."""
    return query_df(
        db,
        f"""
        WITH s AS (SELECT * FROM {view_name(include_private)} WHERE year = $y AND score IS NOT NULL),
        n AS (SELECT n_provinces FROM editions WHERE year = $y),
        ranked AS (SELECT *, row_number() OVER (PARTITION BY measure ORDER BY score DESC,
                                                 province_id) AS rk FROM s),
        final AS (
            SELECT measure, count(*) AS n_with_score, (SELECT n_provinces FROM n) AS n_provinces,
                   count(*) = (SELECT n_provinces FROM n) AS complete,
                   median(score) AS median, avg(score) FILTER (WHERE rk <= 10) AS top10_avg,
                   max(score) AS best, arg_max(province_id, score) AS best_province
            FROM ranked GROUP BY measure
        )
        SELECT * FROM final ORDER BY measure""",
        {"y": year},
    )


def weights(db: Path, year: int) -> dict[str, float]:
    """Sub-index weights of ``year`` ({} when unknown, e.g. 2022 onwards)."""
    df = query_df(
        db,
        "SELECT measure, weight FROM weights WHERE $y BETWEEN first_year AND last_year",
        {"y": year},
    )
    return dict(zip(df["measure"], df["weight"].astype(float), strict=True))


def weights_source(db: Path, year: int) -> str | None:
    df = query_df(
        db,
        "SELECT any_value(source) AS s, bool_or(derived) AS d FROM weights "
        "WHERE $y BETWEEN first_year AND last_year",
        {"y": year},
    )
    return None if df.empty else df["s"].iloc[0]
