"""One look for every chart: colour-blind-safe, readable on a projector, Vietnamese numbers.

Palette: Okabe–Ito (distinguishable with the common colour-vision deficiencies). Rank axes run
with 1 at the top. Methodology breaks are drawn as dashed vertical lines with a label, so a
viewer never compares across them unknowingly.
"""

from __future__ import annotations

import plotly.graph_objects as go

from pci.fmt import d3_format
from pci.i18n import t
from pci.reference import break_years, period_of

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
HIGHLIGHT = "#D55E00"  # "my province"
NEUTRAL = "#9AA5B1"
MEDIAN = "#4D4D4D"
# Sequential scale for heat colouring (viridis is colour-blind-safe and prints in grey).
SEQUENTIAL = "Viridis"
FONT = "Inter, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"


def font_sizes(big: bool) -> dict[str, int]:
    """Base, title and tick sizes; ``big`` is the projector mode."""
    return {"base": 20, "title": 26, "tick": 18} if big else {"base": 14, "title": 18, "tick": 13}


def apply(
    fig: go.Figure,
    lang: str = "vi",
    *,
    big: bool = False,
    title: str | None = None,
    height: int | None = None,
) -> go.Figure:
    """Apply the house style (fonts, separators, colours, margins) to ``fig`` in place."""
    sizes = font_sizes(big)
    fig.update_layout(
        template="plotly_white",
        colorway=list(OKABE_ITO),
        font={"family": FONT, "size": sizes["base"], "color": "#1F2933"},
        title={"text": title, "font": {"size": sizes["title"]}, "x": 0, "xanchor": "left"}
        if title
        else None,
        margin={"l": 10, "r": 10, "t": 60 if title else 20, "b": 10},
        hoverlabel={"font": {"family": FONT, "size": sizes["base"]}},
        legend={"font": {"size": sizes["base"]}},
        **d3_format(lang),
    )
    fig.update_xaxes(tickfont={"size": sizes["tick"]}, automargin=True)
    fig.update_yaxes(tickfont={"size": sizes["tick"]}, automargin=True)
    if height:
        fig.update_layout(height=int(height * (1.25 if big else 1)))
    return fig


def rank_axis(fig: go.Figure, n: int, *, row: int | None = None, col: int | None = None) -> None:
    """Rank 1 at the top, whole numbers, a little room around 1 and n."""
    kwargs = {"row": row, "col": col} if row else {}
    fig.update_yaxes(
        autorange=False,
        range=[n + 1, 0],
        # 1, 10, 20 … as people count ranks (a 5-step from 1 gave 1, 6, 11 … 61).
        tickmode="array",
        tickvals=[1, *range(10, n + 1, 10)] if n > 20 else list(range(1, n + 1)),
        zeroline=False,
        **kwargs,
    )


def mark_breaks(fig: go.Figure, years: list[int], lang: str = "vi", *, big: bool = False) -> None:
    """Dashed vertical lines at methodology breaks inside the plotted year range."""
    if not years:
        return
    lo, hi = min(years), max(years)
    for y in break_years():
        if lo < y <= hi:
            # A label near the right edge reads leftwards from its line, or the plot cuts it.
            near_end = (y - lo) / (hi - lo + 1) > 0.7
            fig.add_vline(x=y - 0.5, line_dash="dash", line_color=NEUTRAL, line_width=1.5)
            fig.add_annotation(
                x=y - 0.5,
                y=1,
                yref="paper",
                yanchor="bottom",
                showarrow=False,
                text=t("charts.break_label", lang, year=y, period=period_of(y).label(lang)),
                font={"size": font_sizes(big)["tick"] - 2, "color": MEDIAN},
                textangle=0,
                xanchor="right" if near_end else "left",
            )


def segments(years: list[int]) -> list[list[int]]:
    """Split sorted years into runs that a line may join: consecutive and in one period.

    A line is not drawn across a missing edition (2009 has no workbook; 2023+ may be
    unpublished) nor across a methodology break.
    """
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1 and period_of(y) == period_of(runs[-1][-1]):
            runs[-1].append(y)
        else:
            runs.append([y])
    return runs
