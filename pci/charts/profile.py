"""The province against the country: one row per sub-index, the province's score as a bar,
national median, best, top-10 average and region average as markers.

Markers are drawn only where the figure exists (complete editions); a sub-index without a
published score gets no bar and the text "chưa công bố" instead of a zero-length bar.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pci import fmt
from pci.charts import theme
from pci.i18n import t

_MARKERS = (
    # column, translation key, symbol, colour
    ("median", "profile.chart.median", "line-ns-open", theme.MEDIAN),
    ("top10_avg", "profile.chart.top10", "triangle-up", theme.OKABE_ITO[2]),
    ("best", "profile.chart.best", "star", theme.OKABE_ITO[1]),
    ("region_avg", "profile.chart.region", "circle-open", theme.OKABE_ITO[4]),
)


def benchmark_chart(
    frame: pd.DataFrame,
    *,
    province_name: str,
    year: int,
    lang: str = "vi",
    big: bool = False,
    title: str | None = None,
) -> go.Figure:
    """Horizontal bars (0–10) of ``pci.profile_tables.benchmark_frame`` with reference marks."""
    df = frame.iloc[::-1]  # first sub-index at the top
    na = t("common.na", lang)
    hover = [
        "<br>".join(
            [
                f"<b>{r.label}</b> — {province_name}",
                f"{t('profile.chart.hover_score', lang)}: {fmt.number(r.score, lang)}",
                f"{t('profile.chart.hover_rank', lang)}: {fmt.integer(r.rank, lang)}",
                f"{t('profile.chart.hover_year', lang)}: {year}",
                f"{t('profile.chart.hover_source', lang)}: {_short(r.source, na)}",
            ]
        )
        for r in df.itertuples(index=False)
    ]
    fig = go.Figure()
    fig.add_bar(
        y=df["label"],
        x=df["score"],
        orientation="h",
        name=province_name,
        marker_color=theme.OKABE_ITO[0],
        text=[fmt.number(v, lang) if not fmt.is_missing(v) else "" for v in df["score"]],
        textposition="inside",
        insidetextanchor="start",
        hovertext=hover,
        hoverinfo="text",
    )
    missing = df[df["score"].isna()]
    if len(missing):
        fig.add_scatter(
            y=missing["label"],
            x=[0.05] * len(missing),
            mode="text",
            text=[na] * len(missing),
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
            textfont={"color": theme.MEDIAN},
        )
    size = 16 if big else 12
    for col, key, symbol, colour in _MARKERS:
        if col not in df or df[col].isna().all():
            continue
        shown = df[df[col].notna()]
        label = t(key, lang)
        extra = (
            shown["best_province"].fillna("").map(lambda p: f" ({p})" if p else "")
            if col == "best"
            else pd.Series([""] * len(shown), index=shown.index)
        )
        fig.add_scatter(
            y=shown["label"],
            x=shown[col],
            mode="markers",
            name=label,
            marker={"symbol": symbol, "size": size, "color": colour, "line": {"width": 2}},
            hovertext=[
                f"{label}{e}: {fmt.number(v, lang)} — {r}"
                for v, e, r in zip(shown[col], extra, shown["label"], strict=True)
            ],
            hoverinfo="text",
        )
    fig.update_xaxes(range=[0, 10.2], title=t("profile.chart.axis_score", lang), dtick=1)
    fig.update_layout(barmode="overlay", showlegend=True)
    theme.apply(fig, lang, big=big, title=title, height=130 + 48 * len(df))
    fig.update_layout(
        margin={"t": (130 if big else 100) if title else (60 if big else 50)},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )
    return fig


def _short(source: object, na: str) -> str:
    if fmt.is_missing(source):
        return na
    s = str(source)
    return s if len(s) <= 80 else s[:77] + "…"
