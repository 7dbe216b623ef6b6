"""A tile map of Vietnam: one square per province, placed by geography (north at top).

Positions are hand-placed in ``data/reference/tilemap.csv`` (no map data is fetched at run
time). A tile is coloured by the chosen measure; a province with no published figure is grey
and says so on hover, never coloured as a zero. The 2025 overlay draws the border of each
merged unit (Nghị quyết 202/2025/QH15) around its old provinces.
"""

from __future__ import annotations

import csv
from functools import cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from pci import fmt
from pci.charts import theme
from pci.config import REFERENCE_DIR
from pci.i18n import t

MISSING = "#D9D9D9"


@cache
def positions() -> pd.DataFrame:
    """province_id, row, col, abbr — one tile per province (64 incl. Hà Tây)."""
    with (REFERENCE_DIR / "tilemap.csv").open(encoding="utf-8") as fh:
        df = pd.DataFrame(list(csv.DictReader(fh)))
    df["row"] = df["row"].astype(int)
    df["col"] = df["col"].astype(int)
    return df[["province_id", "row", "col", "abbr"]]


def tile_frame(
    long: pd.DataFrame, measure: str, lang: str, provinces: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Tiles for every province of one edition from a ``scores.year_scores`` (long) frame.

    Columns: province_id, name, score, rank, source, unit_2025_id (from ``provinces``, the
    ``scores.provinces`` frame, when given), row, col, abbr. Provinces absent from the tile
    layout raise: a silently missing tile would hide a province.
    """
    name_col = "name_vi" if lang == "vi" else "name_en"
    base = long.drop_duplicates("province_id")[["province_id", name_col]]
    base = base.rename(columns={name_col: "name"})
    figs = long[long["measure"] == measure][["province_id", "score", "rank", "source"]]
    df = base.merge(figs.drop_duplicates("province_id"), on="province_id", how="left")
    if provinces is not None:
        units = dict(zip(provinces["province_id"], provinces["unit_2025_id"], strict=True))
        df["unit_2025_id"] = df["province_id"].map(units)
    out = df.merge(positions(), on="province_id", how="left")
    missing = out[out["row"].isna()]["province_id"].tolist()
    if missing:
        raise KeyError(f"provinces without a tile in data/reference/tilemap.csv: {missing}")
    return out


def tile_map(
    tiles: pd.DataFrame,
    *,
    lang: str = "vi",
    big: bool = False,
    title: str | None = None,
    n_total: int | None = None,
    my_province: str | None = None,
    units: pd.DataFrame | None = None,
    height: int = 720,
) -> go.Figure:
    """Tiles coloured by ``score``; grey where not published; optional 2025 unit borders.

    ``units`` (unit_id, name_vi, merged, members) switches the overlay on: merged units get a
    thick outline and their hover names the 2025 unit and its old provinces.
    """
    tiles = tiles.copy()
    nrow, ncol = int(positions()["row"].max()) + 1, int(positions()["col"].max()) + 1
    na = t("common.na", lang)
    unit_label = _unit_labels(tiles, units, lang)
    tiles["hover"] = [
        _hover(r, lang, na, n_total, unit_label.get(r.province_id)) for r in tiles.itertuples()
    ]
    shown = tiles["score"].notna()
    fig = go.Figure()
    fig.add_trace(_layer(tiles[~shown], nrow, ncol, constant=True, name=na))
    fig.add_trace(_layer(tiles[shown], nrow, ncol, constant=False, name=title or ""))
    if units is not None:
        xs, ys = _unit_borders(tiles, units)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": "#1F2933", "width": 3.5 if big else 2.5},
                hoverinfo="skip",
                showlegend=False,
                name="units_2025",
            )
        )
    if my_province and my_province in set(tiles["province_id"]):
        r = tiles[tiles["province_id"] == my_province].iloc[0]
        fig.add_shape(
            type="rect",
            x0=r["col"] - 0.5,
            x1=r["col"] + 0.5,
            y0=r["row"] - 0.5,
            y1=r["row"] + 0.5,
            line={"color": theme.HIGHLIGHT, "width": 4},
        )
    theme.apply(fig, lang, big=big, title=title, height=height)
    fig.update_xaxes(visible=False, range=[-0.6, ncol - 0.4], constrain="domain")
    fig.update_yaxes(
        visible=False, range=[nrow - 0.4, -0.6], scaleanchor="x", scaleratio=1, constrain="domain"
    )
    fig.update_layout(plot_bgcolor="white", showlegend=False)
    return fig


def _layer(df: pd.DataFrame, nrow: int, ncol: int, *, constant: bool, name: str) -> go.Heatmap:
    z = np.full((nrow, ncol), np.nan)
    text = np.full((nrow, ncol), "", dtype=object)
    hover = np.full((nrow, ncol), "", dtype=object)
    for r in df.itertuples():
        z[int(r.row), int(r.col)] = 1.0 if constant else float(r.score)
        text[int(r.row), int(r.col)] = r.abbr
        hover[int(r.row), int(r.col)] = r.hover
    kwargs: dict[str, object] = (
        {"colorscale": [[0, MISSING], [1, MISSING]], "showscale": False, "zmin": 0, "zmax": 1}
        if constant
        else {
            "colorscale": theme.SEQUENTIAL,
            "showscale": True,
            "colorbar": {"thickness": 12, "len": 0.5, "y": 0.75},
        }
    )
    return go.Heatmap(
        z=z,
        text=text,
        customdata=hover,
        texttemplate="%{text}",
        hovertemplate="%{customdata}<extra></extra>",
        xgap=3,
        ygap=3,
        name=name,
        hoverongaps=False,
        **kwargs,
    )


def _hover(r, lang: str, na: str, n_total: int | None, unit: str | None) -> str:
    lines = [f"<b>{r.name}</b>"]
    if fmt.is_missing(r.score):
        lines.append(na)
    else:
        lines.append(f"{t('tilemap.score', lang)}: {fmt.number(r.score, lang, 2)}")
        lines.append(f"{t('tilemap.rank', lang)}: {fmt.rank_of(r.rank, n_total, lang)}")
    src = getattr(r, "source", None)
    if isinstance(src, str) and src:
        lines.append(f"{t('tilemap.source', lang)}: {src[:70]}")
    if unit:
        lines.append(unit)
    return "<br>".join(lines)


def _unit_labels(tiles: pd.DataFrame, units: pd.DataFrame | None, lang: str) -> dict[str, str]:
    if units is None or "unit_2025_id" not in tiles:
        return {}
    names = dict(zip(tiles["province_id"], tiles["name"], strict=True))
    out: dict[str, str] = {}
    for u in units.itertuples():
        members = [m for m in str(u.members).split(";") if m]
        label = t("tilemap.unit", lang, name=u.name_vi)
        if u.merged:
            label += " (" + ", ".join(names.get(m, m) for m in members) + ")"
        for m in members:
            out[m] = label
    return out


def _unit_borders(tiles: pd.DataFrame, units: pd.DataFrame) -> tuple[list, list]:
    """Edges between tiles of different 2025 units (and around each merged unit)."""
    unit_of = {}
    for u in units.itertuples():
        for m in str(u.members).split(";"):
            unit_of[m] = u.unit_id
    merged = set(units.loc[units["merged"].astype(bool), "unit_id"])
    cell = {(int(r.row), int(r.col)): unit_of.get(r.province_id) for r in tiles.itertuples()}
    xs: list[float | None] = []
    ys: list[float | None] = []
    for (row, col), unit in cell.items():
        if unit not in merged:
            continue
        for dr, dc, (x0, y0, x1, y1) in (
            (-1, 0, (col - 0.5, row - 0.5, col + 0.5, row - 0.5)),
            (1, 0, (col - 0.5, row + 0.5, col + 0.5, row + 0.5)),
            (0, -1, (col - 0.5, row - 0.5, col - 0.5, row + 0.5)),
            (0, 1, (col + 0.5, row - 0.5, col + 0.5, row + 0.5)),
        ):
            if cell.get((row + dr, col + dc)) != unit:
                xs += [x0, x1, None]
                ys += [y0, y1, None]
    return xs, ys


def units_table(units: pd.DataFrame, provinces: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The merged 2025 units and the old provinces each one took in (for the overlay list)."""
    name_col = "name_vi" if lang == "vi" else "name_en"
    names = dict(zip(provinces["province_id"], provinces[name_col], strict=True))
    merged = units[units["merged"].astype(bool)]
    return pd.DataFrame(
        {
            t("ranking.unit", lang): merged["name_vi"].tolist(),
            t("ranking.unit_members", lang): [
                ", ".join(names.get(m, m) for m in str(ms).split(";") if m)
                for ms in merged["members"]
            ],
        }
    )
