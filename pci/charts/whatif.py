"""Charts of the simulator: actual vs simulated sub-indices, and where a score sits in the field.

DataFrame / plain values in, plotly Figure out; labels arrive translated from the caller.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from pci import fmt
from pci.charts import theme


def subindex_bars(
    rows: pd.DataFrame,
    *,
    actual_label: str,
    simulated_label: str,
    lang: str = "vi",
    big: bool = False,
    title: str | None = None,
) -> go.Figure:
    """Grouped horizontal bars, one pair per sub-index: published score and simulated score.

    ``rows``: columns ``label`` (sub-index name), ``actual``, ``simulated`` (0–10).
    """
    rows = rows.iloc[::-1]  # first sub-index at the top
    fig = go.Figure()
    # Horizontal groups stack the first trace at the bottom: add "simulated" first so the
    # published bar sits on top, and reverse the legend so it reads published, simulated.
    for col, name, colour, opacity in (
        ("simulated", simulated_label, theme.HIGHLIGHT, 1.0),
        ("actual", actual_label, theme.NEUTRAL, 1.0),
    ):
        fig.add_trace(
            go.Bar(
                y=rows["label"].tolist(),
                x=[float(v) for v in rows[col]],
                name=name,
                orientation="h",
                marker={"color": colour, "opacity": opacity},
                text=[fmt.number(v, lang, 2) for v in rows[col]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{x:.2f}<extra>" + name + "</extra>",
            )
        )
    fig.update_layout(
        barmode="group",
        bargap=0.25,
        legend={"orientation": "h", "y": -0.08, "traceorder": "reversed"},
    )
    fig.update_xaxes(range=[0, 10.9], dtick=1)
    theme.apply(fig, lang, big=big, title=title, height=60 + 52 * len(rows))
    return fig


def field_strip(
    others: Sequence[float],
    *,
    actual: float | None,
    simulated: float | None,
    to_beat: float | None,
    labels: dict[str, str],
    lang: str = "vi",
    big: bool = False,
    title: str | None = None,
) -> go.Figure:
    """The other provinces' published scores as ticks on one axis, with the province's
    published score, its simulated score and the score to reach the target rank.

    ``labels``: ``others``, ``actual``, ``simulated``, ``to_beat`` (legend / line texts).
    """
    sizes = theme.font_sizes(big)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[float(v) for v in others],
            y=[0] * len(others),
            mode="markers",
            name=labels["others"],
            marker={
                "symbol": "line-ns-open",
                "size": 34,
                "color": theme.NEUTRAL,
                "line": {"width": 2},
            },
            hovertemplate="%{x:.2f}<extra></extra>",
        )
    )
    for value, key, symbol, colour in (
        (actual, "actual", "circle-open", theme.MEDIAN),
        (simulated, "simulated", "diamond", theme.HIGHLIGHT),
    ):
        if value is None:
            continue
        # An untouched simulation sits on the published score: one number is enough.
        same = (
            key == "simulated"
            and actual is not None
            and fmt.number(value, lang, 2) == fmt.number(actual, lang, 2)
        )
        fig.add_trace(
            go.Scatter(
                x=[value],
                y=[0],
                mode="markers" if same else "markers+text",
                name=labels[key],
                marker={
                    "symbol": symbol,
                    "size": 22,
                    "color": colour,
                    "line": {"width": 3, "color": colour},
                },
                text=[fmt.number(value, lang, 2)],
                textposition="top center" if key == "simulated" else "bottom center",
                textfont={"color": colour, "size": sizes["base"]},
                hovertemplate="%{x:.2f}<extra>" + labels[key] + "</extra>",
            )
        )
    if to_beat is not None:
        fig.add_vline(x=to_beat, line_dash="dash", line_color=theme.OKABE_ITO[0], line_width=2)
        fig.add_annotation(
            x=to_beat,
            y=1,
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            text=labels["to_beat"],
            font={"color": theme.OKABE_ITO[0], "size": sizes["tick"]},
        )
    fig.update_yaxes(visible=False, range=[-1, 1])
    fig.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.25})
    theme.apply(fig, lang, big=big, title=title, height=240)
    return fig
