"""Provinces side by side on every sub-index of one edition: grouped bars, and a radar when
there are at most three series (more overlapping polygons cannot be read).

Unpublished figures are not drawn as zero: the bar is absent and the hover/label says
"chưa công bố"; a radar closes only over the sub-indices where the province has a score.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pci import fmt
from pci.charts import theme
from pci.i18n import t
from pci.profile_tables import measure_label, subindices_of

RADAR_MAX = 3


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
    na = t("common.na", lang)
    fig = go.Figure()
    provs = long.drop_duplicates("province_id")[["province_id", name_col]]
    for i, (pid, name) in enumerate(provs.itertuples(index=False)):
        rows = long[long["province_id"] == pid].set_index("measure").reindex(measures)
        colour = theme.HIGHLIGHT if pid == highlight else theme.OKABE_ITO[i % 8]
        if pid != highlight and colour == theme.HIGHLIGHT:
            colour = theme.OKABE_ITO[(i + 1) % 8]
        fig.add_bar(
            x=labels,
            y=rows["score"],
            name=name,
            marker_color=colour,
            text=[na if fmt.is_missing(v) else "" for v in rows["score"]],
            textposition="outside",
            textangle=-90,
            hovertext=[
                _hover(name, lab, s, r, year, src, lang)
                for lab, s, r, src in zip(
                    labels, rows["score"], rows["rank"], rows["source"], strict=True
                )
            ],
            hoverinfo="text",
        )
    fig.update_yaxes(range=[0, 10.5], title=t("profile.chart.axis_score", lang))
    fig.update_layout(
        barmode="group", legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}
    )
    theme.apply(fig, lang, big=big, title=title, height=520)
    return fig


def radar(
    long: pd.DataFrame,
    year: int,
    *,
    lang: str = "vi",
    big: bool = False,
    title: str | None = None,
) -> go.Figure:
    """A radar of the sub-indices for at most ``RADAR_MAX`` provinces."""
    provs = long.drop_duplicates("province_id")
    if len(provs) > RADAR_MAX:
        raise ValueError(f"a radar is readable for at most {RADAR_MAX} series, got {len(provs)}")
    measures = subindices_of(year)
    labels = [measure_label(m, year, lang) for m in measures]
    name_col = "name_vi" if lang == "vi" else "name_en"
    fig = go.Figure()
    for i, (pid, name) in enumerate(provs[["province_id", name_col]].itertuples(index=False)):
        rows = long[long["province_id"] == pid].set_index("measure").reindex(measures)
        known = rows["score"].notna().to_numpy()
        theta = [lab for lab, k in zip(labels, known, strict=True) if k]
        r = rows["score"][known].tolist()
        if not r:
            continue
        fig.add_scatterpolar(
            r=[*r, r[0]],
            theta=[*theta, theta[0]],
            name=name,
            fill="toself",
            opacity=0.55,
            line={"color": theme.OKABE_ITO[i % 8], "width": 3},
            hovertext=[
                _hover(name, lab, s, rk, year, src, lang)
                for lab, s, rk, src in zip(
                    theta + theta[:1],
                    [*r, r[0]],
                    [*rows["rank"][known], rows["rank"][known].iloc[0]],
                    [*rows["source"][known], rows["source"][known].iloc[0]],
                    strict=True,
                )
            ],
            hoverinfo="text",
        )
    fig.update_layout(
        polar={"radialaxis": {"range": [0, 10], "dtick": 2}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.05, "x": 0},
    )
    theme.apply(fig, lang, big=big, title=title, height=560)
    return fig


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
