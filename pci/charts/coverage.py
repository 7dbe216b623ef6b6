"""Coverage heatmap: editions × measures, shaded by the share of provinces with a figure.

Each cell says how many provinces have a figure out of those ranked that year, and (on
hover) from which kind of source — official workbook, public tables and press, a province's
private results — and how many have none. Empty cells are a fact to show, never to fill.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pci.charts import theme
from pci.i18n import t
from pci.reference import break_years

MEASURE_ORDER = ("PCI", *(f"CSTP{i}" for i in range(1, 11)), "CSTP_TW")


def _code(measure: str) -> str:
    """ "CSTP 1", "CSTP TW": the codes as the other pages write them (never "CSTP_TW")."""
    return "CSTP TW" if measure == "CSTP_TW" else measure.replace("CSTP", "CSTP ")


def coverage_heatmap(grid: pd.DataFrame, lang: str = "vi", *, big: bool = False) -> go.Figure:
    """``grid`` is ``pci.queries.quality.coverage_grid``: year, measure, n_provinces,
    official, public, private, missing."""
    measures = [m for m in MEASURE_ORDER if m in set(grid["measure"])]
    years = sorted(grid["year"].unique())
    g = grid.set_index(["year", "measure"])
    z, text, custom = [], [], []
    for y in years:
        zr, tr_, cr = [], [], []
        for m in measures:
            if (y, m) not in g.index:
                zr.append(None)
                tr_.append("")
                cr.append([0, 0, 0, 0, 0])
                continue
            r = g.loc[(y, m)]
            have = int(r.official + r.public + r.private)
            n = int(r.n_provinces)
            zr.append(have / n if n else None)
            tr_.append(f"{have}/{n}" if have else t("common.na_short", lang))
            cr.append([int(r.official), int(r.public), int(r.private), int(r.missing), n])
        z.append(zr)
        text.append(tr_)
        custom.append(cr)
    # Projector type: code over number ("CSTP<br>10") so the labels stay level and clear of
    # the title (plotly tilts labels that do not fit, into the title).
    labels = [
        t(
            "data.chart.measure_label",
            lang,
            measure=_code(m).replace(" ", "<br>", 1) if big else _code(m),
        )
        for m in measures
    ]
    hover = (
        t("data.chart.hover_year", lang)
        + " %{y} — %{x}<br>"
        + t("data.chart.official", lang)
        + ": %{customdata[0]}<br>"
        + t("data.chart.public", lang)
        + ": %{customdata[1]}<br>"
        + t("data.chart.private", lang)
        + ": %{customdata[2]}<br>"
        + t("data.chart.missing", lang)
        + ": %{customdata[3]} / %{customdata[4]}<extra></extra>"
    )
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=labels,
            y=[str(y) for y in years],
            text=text,
            texttemplate="%{text}",
            customdata=custom,
            hovertemplate=hover,
            colorscale=theme.SEQUENTIAL,
            zmin=0,
            zmax=1,
            xgap=2,
            ygap=2,
            colorbar={"title": {"text": t("data.chart.share", lang)}, "tickformat": ".0%"},
        )
    )
    theme.apply(
        fig,
        lang,
        big=big,
        title=t("data.chart.title", lang),
        height=max(360, 34 * len(years) + 140),
    )
    fig.update_yaxes(autorange="reversed", type="category", title=None)
    # Methodology breaks: a dashed line above the first year of each new period.
    for y in break_years():
        if y in years and years.index(y) > 0:
            i = years.index(y) - 0.5
            fig.add_shape(
                type="line",
                xref="paper",
                x0=0,
                x1=1,
                yref="y",
                y0=i,
                y1=i,
                line={"dash": "dash", "color": theme.MEDIAN, "width": 2},
            )
    fig.update_xaxes(side="top", title=None, tickangle=0)
    # The measure labels sit above the grid: room for them between the title and the grid.
    fig.update_layout(
        margin={"t": 125 if big else 85},
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12}},
    )
    return fig
