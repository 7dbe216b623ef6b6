"""The ranking of one edition as people read it: a sortable table with a colour scale per
column, "my province" highlighted, and what is not published said in words.

``ranking_frame`` keeps numbers as numbers (so sorting a column sorts by value) and
``styled`` formats them the user's way (62,02 / 62.02) with "—" for missing — never 0.
``export_frame`` is the same table as text for the Excel/CSV downloads. ``ranking_bars`` is
the chart version for one measure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler
from plotly.colors import sample_colorscale

from pci import fmt
from pci.charts import theme
from pci.i18n import t
from pci.reference import measure_exists, measure_name
from pci.schema import MEASURES

# Light single-hue scale: readable black text on every cell, prints in grey, colour-blind-safe.
CELL_SCALE = "Blues"
CELL_MAX = 0.55
MY_ROW = "#FFD8B0"


@dataclass
class RankingFrame:
    """The display table plus which columns hold scores, ranks and text."""

    df: pd.DataFrame
    score_cols: list[str] = field(default_factory=list)
    rank_cols: list[str] = field(default_factory=list)
    empty_measures: list[str] = field(default_factory=list)  # no figure at all this year
    my_row: int | None = None
    export: pd.DataFrame | None = None  # the same table as text, for Excel/CSV
    css: pd.DataFrame | None = None  # every cell's CSS, computed once with the frame


def ranking_frame(
    table: pd.DataFrame,
    year: int,
    lang: str,
    *,
    my_province: str | None = None,
    regions: list[str] | None = None,
) -> RankingFrame:
    """One row per province of the edition (filtered by ``regions`` ids when given).

    Sub-index columns the year's methodology has, named as that year named them; a
    sub-index with no figure at all in the loaded sources is listed in ``empty_measures``
    instead of filling a column with dashes. Rows without a composite score are kept and
    marked "chưa công bố / không có dữ liệu" in the status column.
    """
    if regions:
        table = table[table["region_id"].isin(regions)]
    table = table.reset_index(drop=True)
    name_col = "name_vi" if lang == "vi" else "name_en"
    region_col = "region_vi" if lang == "vi" else "region_en"
    na = t("common.na", lang)
    private = t("ranking.private_mark", lang)
    names = table[name_col].astype(str)
    names = names.where(~table["private"].astype(bool), names + f" ({private})")
    names = names.where(table["province_id"] != my_province, names + " ★")
    pci_score = _col(table, "PCI_score")
    df = pd.DataFrame(
        {
            t("tables.rank", lang): _col(table, "PCI_rank").astype("Int64"),
            t("tables.province", lang): names,
            t("tables.region", lang): table[region_col],
            t("tables.pci_score", lang): pci_score.astype(float),
        }
    )
    out = RankingFrame(df, [t("tables.pci_score", lang)], [t("tables.rank", lang)])
    for m in MEASURES[1:]:  # every sub-index, incl. 2005's central-policy one
        if not measure_exists(m, year):
            continue
        score = _col(table, f"{m}_score")
        name = measure_name(m, year, lang, short=True)
        if score.notna().sum() == 0:
            out.empty_measures.append(name)
            continue
        df[name] = score.astype(float)
        df[t("ranking.rank_col", lang, name=name)] = _col(table, f"{m}_rank").astype("Int64")
        out.score_cols.append(name)
        out.rank_cols.append(t("ranking.rank_col", lang, name=name))
    df[t("ranking.status", lang)] = pci_score.map(
        lambda v: na if fmt.is_missing(v) else t("ranking.status_published", lang)
    )
    hits = table.index[table["province_id"] == my_province].tolist()
    out.my_row = hits[0] if hits else None
    out.export = export_frame(out, lang)
    # The frame is cached across reruns (pci.ui.figcache); the cell colours are part of it, so a
    # rerun does not recompute them (~15-30 ms a run on the 2-core server).
    out.css = _css(out)
    return out


def styled(frame: RankingFrame, lang: str) -> Styler:
    """Numbers the user's way, "—" where missing, a colour scale per column, my row marked."""
    df = frame.df
    dec, thou = (",", ".") if lang == "vi" else (".", ",")
    na = t("common.na_short", lang)
    sty = df.style.format(
        precision=2, decimal=dec, thousands=thou, na_rep=na, subset=frame.score_cols
    )
    sty = sty.format(
        lambda v: na if fmt.is_missing(v) else fmt.integer(v, lang), subset=frame.rank_cols
    )
    # One pass for every cell's CSS (a Styler.apply per column costs ~20x more per run).
    css = frame.css if frame.css is not None else _css(frame)
    return sty.apply(lambda _: css, axis=None)


def _css(frame: RankingFrame) -> pd.DataFrame:
    df = frame.df
    blank = [""] * len(df)
    cols: dict[str, list[str]] = {c: blank for c in df.columns}
    for c in frame.score_cols:
        cols[c] = cell_colours(df[c], higher_is_better=True)
    for c in frame.rank_cols:
        cols[c] = cell_colours(df[c], higher_is_better=False)
    if frame.my_row is not None and 0 <= frame.my_row < len(df):
        for c in df.columns[1:3]:
            cols[c] = [
                f"background-color: {MY_ROW}" if i == frame.my_row else "" for i in range(len(df))
            ]
    return pd.DataFrame(cols, index=df.index)


def cell_colours(values: pd.Series, *, higher_is_better: bool) -> list[str]:
    """CSS background per cell: darker = better within the column; blank where missing."""
    v = pd.to_numeric(values, errors="coerce").astype(float).to_numpy()
    lo, hi = np.nanmin(v, initial=np.inf), np.nanmax(v, initial=-np.inf)
    if not np.isfinite(lo):
        return [""] * len(v)
    frac = np.full(len(v), 0.5) if hi == lo else (v - lo) / (hi - lo)
    if not higher_is_better:
        frac = 1 - frac
    palette = _palette()
    idx = np.nan_to_num(frac * (len(palette) - 1), nan=-1).round().astype(int)
    return [
        "" if np.isnan(x) else f"background-color: {palette[i]}"
        for x, i in zip(v, idx, strict=True)
    ]


@cache
def _palette(steps: int = 64) -> tuple[str, ...]:
    return tuple(sample_colorscale(CELL_SCALE, [i / (steps - 1) * CELL_MAX for i in range(steps)]))


def export_frame(frame: RankingFrame, lang: str) -> pd.DataFrame:
    """The shown table as text for Excel/CSV: same headers, same numbers, "—" where missing."""
    out = frame.df.copy()
    na = t("common.na_short", lang)
    for c in frame.score_cols:
        out[c] = out[c].map(lambda v: fmt.number(v, lang, 2, missing=na))
    for c in frame.rank_cols:
        out[c] = out[c].map(lambda v: fmt.integer(v, lang, missing=na))
    return out


def ranking_bars(
    table: pd.DataFrame,
    measure: str,
    year: int,
    lang: str,
    *,
    big: bool = False,
    my_province: str | None = None,
    title: str | None = None,
) -> go.Figure:
    """Published scores of one measure, best at the top; unpublished provinces are counted in
    a note below rather than drawn as empty or zero bars."""
    name_col = "name_vi" if lang == "vi" else "name_en"
    score = _col(table, f"{measure}_score")
    rank = _col(table, f"{measure}_rank")
    df = pd.DataFrame({"name": table[name_col], "id": table["province_id"], "score": score})
    df["rank"] = rank
    df["source"] = table["source"] if measure == "PCI" else ""
    shown = df[df["score"].notna()].sort_values("score", ascending=True)
    colours = [theme.HIGHLIGHT if p == my_province else theme.OKABE_ITO[0] for p in shown["id"]]
    hover = [
        f"<b>{r.name}</b><br>{t('tilemap.score', lang)}: {fmt.number(r.score, lang, 2)}"
        f"<br>{t('tilemap.rank', lang)}: {fmt.integer(r.rank, lang)}<br>{year}"
        + (f"<br>{t('tilemap.source', lang)}: {str(r.source)[:70]}" if r.source else "")
        for r in shown.itertuples()
    ]
    fig = go.Figure(
        go.Bar(
            x=shown["score"],
            y=shown["name"],
            orientation="h",
            marker_color=colours,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    n_missing = int(df["score"].isna().sum())
    theme.apply(fig, lang, big=big, title=title, height=max(300, 18 * len(shown) + 120))
    if n_missing:
        fig.add_annotation(
            text=t("ranking.bars_missing", lang, n=n_missing),
            xref="paper",
            yref="paper",
            x=0,
            y=-0.02,
            yanchor="top",
            showarrow=False,
            font={"color": theme.MEDIAN},
        )
    fig.update_xaxes(title=measure_name(measure, year, lang, short=True))
    return fig


def _col(table: pd.DataFrame, name: str) -> pd.Series:
    if name in table:
        return table[name]
    return pd.Series(pd.NA, index=table.index, dtype="Float64")
