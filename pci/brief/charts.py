"""The deck's two charts, drawn large for a projector and for slide images.

Rank trajectory: one line per run of consecutive editions within one methodology period
(``theme.segments``), breaks dashed (``theme.mark_breaks``), unpublished years left empty.
Sub-indices: the province's scores as bars, the national median and best as markers — only
when the edition is complete (otherwise the caller passes no median/best).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pci import fmt
from pci.charts import theme


def rank_trajectory(hist: pd.DataFrame, n_max: int, lang: str, title: str) -> go.Figure:
    """``hist``: year, rank, n_provinces (rows with a published rank only)."""
    fig = go.Figure()
    years = [int(y) for y in hist["year"]]
    by_year = hist.set_index("year")
    for run in theme.segments(years):
        rows = by_year.loc[run]
        fig.add_trace(
            go.Scatter(
                x=run,
                y=rows["rank"].astype(int).tolist(),
                mode="lines+markers+text",
                line={"color": theme.HIGHLIGHT, "width": 4},
                marker={"size": 14, "color": theme.HIGHLIGHT},
                text=[
                    fmt.rank_of(r, n, lang)
                    for r, n in zip(rows["rank"], rows["n_provinces"], strict=True)
                ],
                textposition="top center",
                textfont={"size": 18},
                showlegend=False,
                hoverinfo="skip",
            )
        )
    theme.apply(fig, lang, big=True, title=title)
    theme.rank_axis(fig, n_max)
    lo, hi = (min(years), max(years)) if years else (0, 1)
    fig.update_xaxes(range=[lo - 0.7, hi + 0.7], dtick=1, tickformat="d")
    theme.mark_breaks(fig, years, lang, big=True)
    fig.update_layout(margin={"l": 10, "r": 30, "t": 90, "b": 10})
    return fig


def subindex_bars(df: pd.DataFrame, lang: str, title: str, names: dict[str, str]) -> go.Figure:
    """``df``: label, own, median, best (median/best may be all missing)."""
    fig = go.Figure()
    labels = df["label"].tolist()[::-1]  # first sub-index at the top
    own = df["own"].tolist()[::-1]
    fig.add_trace(
        go.Bar(
            y=labels,
            x=own,
            orientation="h",
            name=names["own"],
            marker_color=theme.HIGHLIGHT,
            text=[fmt.number(v, lang, 2, missing="") for v in own],
            textposition="inside",
            insidetextanchor="start",  # clear of the median and best markers
            textfont={"size": 18, "color": "white"},
        )
    )
    if df["median"].notna().any():
        fig.add_trace(
            go.Scatter(
                y=labels,
                x=df["median"].tolist()[::-1],
                mode="markers",
                name=names["median"],
                marker={
                    "symbol": "line-ns",
                    "size": 30,
                    "line": {"width": 5, "color": theme.MEDIAN},
                },
            )
        )
    if df["best"].notna().any():
        fig.add_trace(
            go.Scatter(
                y=labels,
                x=df["best"].tolist()[::-1],
                mode="markers",
                name=names["best"],
                marker={"symbol": "diamond", "size": 16, "color": theme.OKABE_ITO[0]},
            )
        )
    theme.apply(fig, lang, big=True, title=title)
    fig.update_xaxes(range=[0, 10], dtick=1)
    fig.update_layout(
        legend={"orientation": "h", "y": -0.08, "yanchor": "top", "x": 0, "xanchor": "left"},
        bargap=0.3,
    )
    return fig
