"""A target's trajectory: the province's results over the years with the target as a band.

Ranks run with 1 at the top; the band covers every rank (or score) that meets the target, the
star marks the target year, the ring the plan's baseline. Lines are drawn only within a
methodology period and between consecutive editions; the province's own private results are
drawn as open diamonds and named "Dữ liệu nội bộ" in the legend.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pci import fmt
from pci.charts import theme
from pci.i18n import t
from pci.reference import n_provinces
from pci.targets.register import Target, target_rank

BAND = "rgba(0, 158, 115, 0.15)"  # Okabe–Ito green, light
BAND_LINE = "#009E73"
# Status cell tints (light Okabe–Ito); the status is also written out, so colour is never the
# only cue.
STATUS_COLOURS = {
    "met": "rgba(0, 158, 115, 0.25)",
    "on_track": "rgba(86, 180, 233, 0.25)",
    "at_risk": "rgba(230, 159, 0, 0.35)",
    "no_data": "rgba(154, 165, 177, 0.20)",
}


def trajectory(
    figures: pd.DataFrame,
    target: Target,
    *,
    lang: str = "vi",
    province: str,
    measure_label: str,
    big: bool = False,
) -> go.Figure:
    """``figures``: year, value, private (the province's figures for the target's metric)."""
    fig = go.Figure()
    figs = figures.dropna(subset=["value"]).sort_values("year")
    is_rank = target.metric == "rank"
    unit_pct = target.unit == "percent"
    goal = float(target_rank(target)) if target.comparator == "up_n" else target.target_value

    def label(v: float, year: int | None) -> str:
        if is_rank:
            return fmt.rank_of(v, n_provinces(year) if year else None, lang)
        return fmt.percent(v, lang, 1) if unit_pct else fmt.number(v, lang, 2)

    years = [int(y) for y in figs["year"]]
    for run in theme.segments(years):
        part = figs[figs["year"].isin(run)]
        fig.add_trace(
            go.Scatter(
                x=part["year"],
                y=part["value"],
                mode="lines+markers+text",
                line={"color": theme.HIGHLIGHT, "width": 3},
                marker={
                    "size": 10,
                    "color": theme.HIGHLIGHT,
                    "symbol": ["diamond-open" if p else "circle" for p in part["private"]],
                },
                text=[label(v, int(y)) for y, v in zip(part["year"], part["value"], strict=True)],
                textposition="top center",
                name=t("targets.chart.actual", lang),
                legendgroup="actual",
                showlegend=run == theme.segments(years)[0],
                hovertemplate="%{x}: %{text}<extra></extra>",
            )
        )
    if figs["private"].any():
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "diamond-open", "size": 10, "color": theme.HIGHLIGHT},
                name=t("targets.chart.private", lang),
            )
        )
    x_years = (
        years + [target.target_year] + ([target.baseline_year] if target.baseline_year else [])
    )
    lo, hi = (min(x_years) - 0.5, max(x_years) + 0.5) if x_years else (2005, 2025)
    n = n_provinces(target.target_year) if is_rank else None
    if goal is not None and target.comparator != "in_group":
        if is_rank:
            y0, y1 = 0.5, goal + 0.5
            if target.comparator == "ge":
                y0, y1 = goal - 0.5, (n or 63) + 0.5
        else:
            top = 100 if (target.level == "PCI" or unit_pct) else 10
            if target.level == "INDICATOR" and not unit_pct:
                top = max([goal * 1.5, *figs["value"].tolist()]) if len(figs) else goal * 1.5
            if target.comparator == "le":
                y0, y1 = 0, goal
            elif target.comparator == "ge":
                y0, y1 = goal, top
            else:
                y0, y1 = goal - 0.01 * top, goal + 0.01 * top
        fig.add_shape(
            type="rect",
            x0=lo,
            x1=hi,
            y0=y0,
            y1=y1,
            fillcolor=BAND,
            line={"width": 0},
            layer="below",
        )
        fig.add_trace(
            go.Scatter(
                x=[target.target_year],
                y=[goal],
                mode="markers+text",
                marker={"symbol": "star", "size": 18, "color": BAND_LINE},
                text=[label(goal, target.target_year)],
                textposition="bottom center",
                name=t("targets.chart.target_point", lang, year=target.target_year),
                hovertemplate="%{x}: %{text}<extra></extra>",
            )
        )
        fig.add_trace(  # legend entry for the band
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 14, "color": BAND},
                name=t("targets.chart.target_band", lang),
            )
        )
    if target.baseline_year is not None and target.baseline_value is not None:
        fig.add_trace(
            go.Scatter(
                x=[target.baseline_year],
                y=[target.baseline_value],
                mode="markers",
                marker={
                    "symbol": "circle-open",
                    "size": 18,
                    "color": theme.MEDIAN,
                    "line": {"width": 2},
                },
                name=t("targets.chart.baseline_point", lang, year=target.baseline_year),
                hovertemplate="%{x}: "
                + label(target.baseline_value, target.baseline_year)
                + "<extra></extra>",
            )
        )
    theme.apply(
        fig,
        lang,
        big=big,
        title=t("targets.chart.title", lang, measure=measure_label, province=province),
        height=440,
    )
    fig.update_xaxes(range=[lo, hi], dtick=1, title=t("targets.chart.year_axis", lang))
    if is_rank:
        theme.rank_axis(fig, n or 63)
        fig.update_yaxes(title=t("targets.chart.rank_axis", lang))
    else:
        key = "targets.chart.score_axis" if target.metric == "score" else "targets.chart.value_axis"
        fig.update_yaxes(title=t(key, lang))
    theme.mark_breaks(fig, [*years, target.target_year], lang, big=big)
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    return fig
