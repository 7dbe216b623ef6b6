"""Bảng xếp hạng — every province of one edition: composite and sub-index scores and ranks."""

import streamlit as st

from pci.queries import scores
from pci.tables import ranking_display
from pci.ui import auth, components, state
from pci.ui.data import q

tr = state.tr()
lang = state.lang()
st.title(tr("ranking.title"))

years = q(scores.years, "PCI", auth.include_private())
year = state.select_year(
    years, label=tr("ranking.year"), key="ranking", default=2020 if 2020 in years else None
)
table = q(scores.ranking_table, year, auth.include_private())
shown = ranking_display(table, year, lang, my_province=state.my_province())
n_scored = int(table["PCI_score"].notna().sum()) if "PCI_score" in table else 0
st.caption(tr("ranking.coverage", n=n_scored, total=len(table), year=year))
if n_scored < len(table):
    components.not_published(tr, tr("ranking.partial_note"))
st.dataframe(shown, hide_index=True)
components.table_downloads(shown, key="ranking_table", tr=tr, file_stem=f"xep-hang-pci-{year}")
components.sources_caption(tr, table["source"])
