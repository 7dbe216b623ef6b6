"""Rank and score over the years for a few provinces (bump chart and score lines).

Lines join only consecutive editions of one methodology period (``theme.segments``) unless
the caller asks to join everything; methodology breaks are marked. The national median is
drawn only for complete editions (a median of the published top 30 is not a national one).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pci import fmt
from pci.charts import theme
from pci.i18n import t


def bump_chart(
    traj: pd.DataFrame,
    lang: str = "vi",
    *,
    big: bool = False,
    join: bool = False,
    title: str | None = None,
    order: list[str] | None = None,
) -> go.Figure:
    """Rank (1 at the top) by year, one line per province, split at breaks and gaps."""
    df = traj.dropna(subset=["rank"])
    fig = go.Figure()
    _lines(fig, df, "rank", lang, join=join, order=order)
    theme.apply(fig, lang, big=big, title=title, height=460)
    n = int(traj["n_provinces"].max()) if len(traj) else 63
    theme.rank_axis(fig, n)
    fig.update_yaxes(title=t("trajectory.rank_axis", lang))
    _year_axis(fig, traj, lang, big)
    return fig


def score_chart(
    traj: pd.DataFrame,
    national: pd.DataFrame,
    lang: str = "vi",
    *,
    big: bool = False,
    join: bool = False,
    title: str | None = None,
    order: list[str] | None = None,
) -> go.Figure:
    """Score by year per province, with the national median of complete editions."""
    df = traj.dropna(subset=["score"])
    fig = go.Figure()
    years = sorted(int(y) for y in df["year"].unique())
    nat = national[national["complete"].astype(bool) & national["median"].notna()]
    if len(years):
        nat = nat[(nat["year"] >= min(years)) & (nat["year"] <= max(years))]
    label = t("trajectory.median", lang)
    runs = [sorted(nat["year"].astype(int))] if join else theme.segments(nat["year"].tolist())
    for i, run in enumerate(r for r in runs if r):
        part = nat[nat["year"].isin(run)]
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["median"],
                mode="lines+markers",
                name=label,
                legendgroup="median",
                showlegend=i == 0,
                line={"color": theme.MEDIAN, "dash": "dot", "width": 2},
                marker={"symbol": "diamond", "size": 7},
                hovertext=[
                    f"<b>{label}</b><br>{y}: {fmt.number(v, lang, 2)}"
                    for y, v in zip(part["year"], part["median"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    _lines(fig, df, "score", lang, join=join, order=order)
    theme.apply(fig, lang, big=big, title=title, height=460)
    fig.update_yaxes(title=t("trajectory.score_axis", lang))
    _year_axis(fig, traj, lang, big)
    return fig


def _lines(
    fig: go.Figure, df: pd.DataFrame, value: str, lang: str, *, join: bool, order: list[str] | None
) -> None:
    name_col = "name_vi" if lang == "vi" else "name_en"
    ids = [p for p in (order or []) if p in set(df["province_id"])]
    ids += [p for p in dict.fromkeys(df["province_id"]) if p not in ids]
    for k, pid in enumerate(ids):
        g = df[df["province_id"] == pid].sort_values("year")
        colour = theme.HIGHLIGHT if k == 0 else _palette()[(k - 1) % len(_palette())]
        years = g["year"].astype(int).tolist()
        runs = [years] if join else theme.segments(years)
        for i, run in enumerate(runs):
            part = g[g["year"].isin(run)]
            fig.add_trace(
                go.Scatter(
                    x=part["year"],
                    y=part[value],
                    mode="lines+markers",
                    name=str(g[name_col].iloc[0]),
                    legendgroup=pid,
                    showlegend=i == 0,
                    line={"color": colour, "width": 3.5 if k == 0 else 2.5},
                    marker={"size": 9 if k == 0 else 7, "color": colour},
                    hovertext=[_hover(r, name_col, lang) for r in part.itertuples()],
                    hoverinfo="text",
                )
            )


def _hover(r, name_col: str, lang: str) -> str:
    src = str(r.source)[:70] if isinstance(r.source, str) else t("common.na_short", lang)
    return (
        f"<b>{getattr(r, name_col)}</b> · {r.year}"
        f"<br>{t('tilemap.score', lang)}: {fmt.number(r.score, lang, 2)}"
        f"<br>{t('tilemap.rank', lang)}: {fmt.rank_of(r.rank, r.n_provinces, lang)}"
        f"<br>{t('tilemap.source', lang)}: {src}"
    )


def _palette() -> list[str]:
    return [c for c in theme.OKABE_ITO if c != theme.HIGHLIGHT]


def _year_axis(fig: go.Figure, traj: pd.DataFrame, lang: str, big: bool) -> None:
    years = sorted(int(y) for y in traj["year"].unique()) if len(traj) else []
    theme.mark_breaks(fig, years, lang, big=big)
    if years:
        # a break label in the right half would run off the plot: anchor it to the left
        mid = (min(years) + max(years)) / 2
        for a in fig.layout.annotations:
            if isinstance(a.x, int | float) and a.x > mid and a.yref == "paper":
                a.xanchor = "right"
    fig.update_xaxes(dtick=1 if len(years) <= 12 else 2, title=t("trajectory.year_axis", lang))
    if years:
        fig.update_xaxes(range=[min(years) - 0.6, max(years) + 0.6])
    fig.update_layout(
        legend={"orientation": "h", "y": -0.18, "yanchor": "top"},
        hovermode="closest",
        margin={"t": 90},
    )
