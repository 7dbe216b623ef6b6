"""Small Streamlit pieces every page uses: charts with image downloads, tables with
Excel/CSV downloads, "not published" and "internal data" notes, source captions."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pci import export, source_text
from pci.charts.images import figure_bytes
from pci.i18n import Translator

_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def slug(text: str) -> str:
    from etl.provinces import normalize_name

    return _SAFE.sub("-", normalize_name(text)).strip("-")[:60] or "pci"


def chart(
    fig: go.Figure, *, key: str, tr: Translator, file_stem: str, height: int | None = None
) -> None:
    """A plotly chart with PNG and SVG download buttons (images made only on click)."""
    st.plotly_chart(
        fig,
        key=key,
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": slug(file_stem), "scale": 2},
        },
        height=height or "content",
    )
    row = _button_row()
    stem = slug(file_stem)
    row.download_button(
        tr("ui.download_png"),
        data=lambda: figure_bytes(fig, "png", scale=2),
        file_name=f"{stem}.png",
        mime="image/png",
        key=f"{key}_png",
        on_click="ignore",
        icon=":material/image:",
    )
    row.download_button(
        tr("ui.download_svg"),
        data=lambda: figure_bytes(fig, "svg"),
        file_name=f"{stem}.svg",
        mime="image/svg+xml",
        key=f"{key}_svg",
        on_click="ignore",
        icon=":material/draw:",
    )


def _button_row():
    """Buttons side by side at their natural width (fixed columns cut the labels off in
    projector type), wrapping onto a second line on a narrow screen."""
    return st.container(horizontal=True, gap="small", wrap=True)


def table_downloads(
    df: pd.DataFrame, *, key: str, tr: Translator, file_stem: str, sheet: str = "PCI"
) -> None:
    """Excel and CSV downloads of exactly the table shown (headers as displayed)."""
    stem = slug(file_stem)
    row = _button_row()
    row.download_button(
        tr("ui.download_xlsx"),
        data=lambda: export.to_xlsx_bytes(df, sheet),
        file_name=f"{stem}.xlsx",
        key=f"{key}_xlsx",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/table_view:",
    )
    row.download_button(
        tr("ui.download_csv"),
        data=lambda: export.to_csv_bytes(df),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
        icon=":material/download:",
    )


def not_published(tr: Translator, detail: str | None = None) -> None:
    """The one way the app says a figure is missing: never a zero, never a guess."""
    st.info(tr("common.na_long") + (f" {detail}" if detail else ""), icon=":material/info:")


def private_badge(tr: Translator) -> None:
    st.warning(tr("ui.private_badge"), icon=":material/lock:")


def sources_caption(tr: Translator, sources: pd.Series | list[str]) -> None:
    """A compact list of the distinct sources behind what is shown."""
    texts = (source_text.localize(s, tr.lang) for s in pd.Series(sources).dropna().astype(str))
    unique = [s for s in dict.fromkeys(texts) if s]
    if not unique:
        return
    shown = unique[:6]
    more = len(unique) - len(shown)
    text = "; ".join(shown) + (f" {tr('ui.and_more', n=more)}" if more > 0 else "")
    st.caption(f"{tr('ui.sources')}: {text}")


def projector_css(big: bool) -> None:
    """Larger type for a projected screen (charts scale their own fonts)."""
    if not big:
        return
    st.html("""<style>
    html, body, [data-testid="stAppViewContainer"] { font-size: 20px; }
    [data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] > p,
    [data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] li { font-size: 1.25rem; }
    [data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 3rem !important; }
    [data-testid="stSliderThumbValue"] p, [data-testid="stTickBar"] p { font-size: 1rem !important; }
    [data-testid="stDataFrame"] { font-size: 1.1rem; }
    h1 { font-size: 2.8rem !important; } h2 { font-size: 2.2rem !important; }
    </style>""")
