"""Provinces side by side on every sub-index of one edition: grouped bars, and a radar when
there are at most three series (more overlapping polygons cannot be read).

Unpublished figures are not drawn as zero: the bar is absent and the hover/label says
"chưa công bố"; on the radar the outline is broken there and the shape left unfilled.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from pci import fmt
from pci.charts import theme
from pci.i18n import t
from pci.profile_tables import measure_label, subindices_of

RADAR_MAX = 3
# Others' colours: Okabe–Ito without the highlight (vermillion) and its near neighbour
# (orange), so "my province" stands out in both charts with the same colour.
_OTHERS = ("#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#000000", "#E69F00")


def colours(province_ids: list[str], highlight: str | None) -> dict[str, str]:
    """One colour per province, the same in bars and radar; ``highlight`` gets vermillion."""
    out: dict[str, str] = {}
    others = iter(_OTHERS * 2)
    for pid in province_ids:
        out[pid] = theme.HIGHLIGHT if pid == highlight else next(others)
    return out


def _legend_room(fig: go.Figure, big: bool) -> None:
    """Title on the first line, legend below it: neither covers the other.

    A legend of long names ("Thua Thien Hue (not published)" × 5) wraps onto a second row that
    grows upwards into the title; the top margin makes room for the rows it will need (an
    estimate for a chart about 900 px wide).
    """
    names = [tr.name or "" for tr in fig.data if tr.showlegend is not False]
    per_char, per_item, row_h = (10, 55, 30) if big else (7.5, 40, 22)
    rows = max(1, math.ceil(sum(per_item + per_char * len(n) for n in names) / 900))
    fig.update_layout(
        margin={"t": (130 if big else 100) + (rows - 1) * row_h},
        title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )


def grouped_bars(
    long: pd.DataFrame,
    year: int,
    *,
    lang: str = "vi",
    big: bool = False,
    title: str | None = None,
    highlight: str | None = None,
) -> go.Figure:
    """One group per sub-index (the year's names), one bar per province (0–10 scale)."""
    measures = subindices_of(year)
    labels = [measure_label(m, year, lang) for m in measures]
    name_col = "name_vi" if lang == "vi" else "name_en"
    short_na = t("compare.not_published_short", lang)
    fig = go.Figure()
    provs = long.drop_duplicates("province_id")[["province_id", name_col]]
    palette = colours(provs["province_id"].tolist(), highlight)
    for pid, name in provs.itertuples(index=False):
        rows = long[long["province_id"] == pid].set_index("measure").reindex(measures)
        colour = palette[pid]
        hover = [
            _hover(name, lab, s, r, year, src, lang)
            for lab, s, r, src in zip(
                labels, rows["score"], rows["rank"], rows["source"], strict=True
            )
        ]
        missing = rows["score"].isna().to_numpy()
        none_at_all = bool(missing.all())
        fig.add_bar(
            x=labels,
            y=rows["score"],
            # A province without any sub-index figure says so once, in the legend.
            name=f"{name} ({short_na})" if none_at_all else name,
            marker_color=colour,
            offsetgroup=pid,
            hovertext=hover,
            hoverinfo="text",
        )
        if missing.any() and not none_at_all:
            # In the province's slot, a zero-height bar carries the words "chưa công bố"
            # so an absent bar is read as unpublished, not overlooked or taken for zero.
            fig.add_bar(
                x=labels,
                y=[0 if m else None for m in missing],
                name=name,
                offsetgroup=pid,
                marker_color=colour,
                text=[short_na if m else "" for m in missing],
                textposition="outside",
                textangle=-90,
                textfont={"color": theme.MEDIAN},
                cliponaxis=False,
                constraintext="none",
                showlegend=False,
                hovertext=hover,
                hoverinfo="text",
            )
    fig.update_yaxes(range=[0, 10.5], title=t("profile.chart.axis_score", lang))
    # Code on one line, name on the next: readable without tilting the labels.
    fig.update_xaxes(
        tickmode="array",
        tickvals=labels,
        ticktext=[_wrap(lab, 8 if big else 14) for lab in labels],
        tickangle=0,
    )
    fig.update_layout(barmode="group")
    theme.apply(fig, lang, big=big, title=title, height=560)
    _legend_room(fig, big)
    return fig


def radar(
    long: pd.DataFrame,
    year: int,
    *,
    lang: str = "vi",
    big: bool = False,
    title: str | None = None,
    highlight: str | None = None,
) -> go.Figure:
    """A radar of the sub-indices for at most ``RADAR_MAX`` provinces."""
    provs = long.drop_duplicates("province_id")
    if len(provs) > RADAR_MAX:
        raise ValueError(f"a radar is readable for at most {RADAR_MAX} series, got {len(provs)}")
    measures = subindices_of(year)
    labels = [measure_label(m, year, lang) for m in measures]
    name_col = "name_vi" if lang == "vi" else "name_en"
    fig = go.Figure()
    palette = colours(provs["province_id"].tolist(), highlight)
    for pid, name in provs[["province_id", name_col]].itertuples(index=False):
        rows = long[long["province_id"] == pid].set_index("measure").reindex(measures)
        if rows["score"].isna().all():
            continue
        complete = bool(rows["score"].notna().all())
        # A missing sub-index leaves a gap in the outline (no vertex is invented there) and
        # the shape is not filled, since a filled polygon would imply the missing value.
        r = [None if fmt.is_missing(v) else float(v) for v in rows["score"]]
        fig.add_scatterpolar(
            r=[*r, r[0]],
            theta=[*labels, labels[0]],
            name=name,
            mode="lines+markers",
            connectgaps=False,
            fill="toself" if complete else "none",
            fillcolor=_translucent(palette[pid], 0.12),
            line={"color": palette[pid], "width": 3},
            marker={"size": 7},
            hovertext=[
                _hover(name, lab, s, rk, year, src, lang)
                for lab, s, rk, src in zip(
                    [*labels, labels[0]],
                    [*rows["score"], rows["score"].iloc[0]],
                    [*rows["rank"], rows["rank"].iloc[0]],
                    [*rows["source"], rows["source"].iloc[0]],
                    strict=True,
                )
            ],
            hoverinfo="text",
        )
    # CSTP 1 at the top, clockwise; the radial scale between the first two spokes so its
    # numbers never sit on a sub-index label.
    step = 360 / max(len(measures), 1)
    fig.update_layout(
        polar={
            "radialaxis": {"range": [0, 10], "dtick": 2, "angle": 90 - step / 2},
            "angularaxis": {"rotation": 90, "direction": "clockwise"},
            # Room above for the legend; labels around the circle need side margins.
            "domain": {"x": [0, 1], "y": [0, 0.88]},
        }
    )
    theme.apply(fig, lang, big=big, title=title, height=640)
    _legend_room(fig, big)
    side = 170 if big else 120
    fig.update_layout(margin={"b": 60 if big else 50, "l": side, "r": side})
    return fig


def _wrap(label: str, width: int) -> str:
    """ "CSTP 5 · Chi phí không chính thức" → code, then the name over short lines."""
    code, _, name = label.partition(" · ")
    return "<br>".join([code, *textwrap.wrap(name, width)])


def _translucent(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _hover(name: str, label: str, score, rank, year: int, source, lang: str) -> str:
    na = t("common.na", lang)
    src = na if fmt.is_missing(source) else str(source)
    src = src if len(src) <= 80 else src[:77] + "…"
    return "<br>".join(
        [
            f"<b>{name}</b> — {label}",
            f"{t('profile.chart.hover_score', lang)}: {fmt.number(score, lang)}",
            f"{t('profile.chart.hover_rank', lang)}: {fmt.integer(rank, lang)}",
            f"{t('profile.chart.hover_year', lang)}: {year}",
            f"{t('profile.chart.hover_source', lang)}: {src}",
        ]
    )
