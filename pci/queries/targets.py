"""Published figures the target pages need (the register itself lives in the state database,
see ``pci.targets.store``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pci.db import query_df
from pci.queries.scores import view_name


def measure_figures(db: Path, measure: str, include_private: bool = False) -> pd.DataFrame:
    """Every province's score and rank for one measure, all editions (for gaps to a rank)."""
    view = view_name(include_private)
    return query_df(
        db,
        f"""SELECT year, province_id, score, rank, source_kind, rank_source_kind
            FROM {view} WHERE measure = $m ORDER BY year, rank NULLS LAST""",
        {"m": measure},
    )


def province_figures(db: Path, province_id: str, include_private: bool = False) -> pd.DataFrame:
    """One province's score and rank for every measure and edition."""
    view = view_name(include_private)
    return query_df(
        db,
        f"""SELECT year, measure, score, rank, source_kind, rank_source_kind, source
            FROM {view} WHERE province_id = $p ORDER BY measure, year""",
        {"p": province_id},
    )


def indicator_values(db: Path, include_private: bool = False) -> pd.DataFrame:
    """Sub-indicator values of every province, best source kept; without a province's private
    results unless ``include_private`` (left out *before* choosing the best source, so a
    public value is never hidden behind a private one)."""
    return query_df(
        db,
        """
        WITH ranked AS (
            SELECT v.year, v.province_id, i.measure, v.indicator_code,
                   i.name_vi AS indicator_name_vi, i.unit, v.value, s.source_kind, s.title AS source
            FROM indicator_observations v
            JOIN indicators i USING (year, indicator_code)
            JOIN sources s USING (source_id)
            WHERE $private OR s.source_kind <> 'private'
            QUALIFY row_number() OVER (PARTITION BY v.year, v.province_id, v.indicator_code
                                       ORDER BY s.priority, v.source_id) = 1
        )
        SELECT * FROM ranked ORDER BY year, indicator_code, province_id""",
        {"private": bool(include_private)},
    )


def all_weights(db: Path) -> pd.DataFrame:
    """Sub-index weights per period (first_year, last_year, measure, weight)."""
    return query_df(db, "SELECT first_year, last_year, measure, weight FROM weights")
