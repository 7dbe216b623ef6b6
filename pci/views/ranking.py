"""What the ranking page shows, from plain arguments: the table and the two charts."""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go

from pci.charts import ranking, tilemap
from pci.queries import scores, trajectory
from pci.reference import n_provinces


def table(
    db: Path,
    year: int,
    lang: str,
    my_province: str | None,
    regions: tuple[str, ...],
    include_private: bool,
) -> ranking.RankingFrame:
    wide = scores.ranking_table(db, year, include_private)
    return ranking.ranking_frame(wide, year, lang, my_province=my_province, regions=list(regions))


def tile_map(
    db: Path,
    year: int,
    measure: str,
    lang: str,
    *,
    big: bool,
    title: str,
    my_province: str | None,
    overlay: bool,
    include_private: bool,
) -> go.Figure:
    long = scores.year_scores(db, year, include_private)
    tiles = tilemap.tile_frame(long, measure, lang, scores.provinces(db))
    return tilemap.tile_map(
        tiles,
        lang=lang,
        big=big,
        title=title,
        n_total=n_provinces(year),
        my_province=my_province,
        units=trajectory.units_2025(db) if overlay else None,
    )


def bars(
    db: Path,
    year: int,
    measure: str,
    lang: str,
    *,
    big: bool,
    title: str,
    my_province: str | None,
    include_private: bool,
) -> go.Figure:
    wide = scores.ranking_table(db, year, include_private)
    return ranking.ranking_bars(
        wide, measure, year, lang, big=big, my_province=my_province, title=title
    )
