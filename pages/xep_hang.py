"""Bảng xếp hạng — every province of one edition: composite and sub-index scores and ranks,
beside a tile map of Vietnam coloured by the chosen measure."""

import streamlit as st

from pci.charts import ranking, tilemap
from pci.queries import scores, trajectory
from pci.reference import editions, measure_exists, measure_name
from pci.schema import MEASURES
from pci.ui import auth, components, state
from pci.ui.data import database, q
from pci.ui.figcache import cached
from pci.views import ranking as views

tr = state.tr()
lang = state.lang()
big = state.big()
private = auth.include_private()
st.title(tr("ranking.title"))

years = q(scores.years, "PCI", private)
provs = q(scores.provinces)
c_year, c_measure, c_region = st.columns([1, 2, 3])
year = state.select_year(
    years, label=tr("ranking.year"), key="ranking", default=2020, container=c_year
)
measures = [m for m in MEASURES if m == "PCI" or measure_exists(m, year)]
measure = state.select_measure(
    measures,
    label=tr("ranking.measure"),
    key="ranking",
    format_func=lambda m: measure_name(m, year, lang, short=m != "PCI"),
    container=c_measure,
)
region_names = dict(zip(provs["region_id"], provs[f"region_{lang}"], strict=False))
regions = c_region.multiselect(
    tr("ranking.regions"),
    sorted(region_names, key=region_names.get),
    key="w_ranking_regions",
    format_func=region_names.get,
    placeholder=tr("ranking.regions_placeholder"),
)

table = q(scores.ranking_table, year, private)
db = database()
mine = state.my_province()
frame = cached(views.table, db, year, lang, mine, tuple(regions), private)
n_scored = int(table["PCI_score"].notna().sum()) if "PCI_score" in table else 0
st.caption(tr("ranking.coverage", n=n_scored, total=len(table), year=year))
edition = editions().get(year)
if edition and edition.n_provinces < len(table):
    st.info(tr("ranking.edition_scope", year=year, n=edition.n_provinces), icon=":material/info:")
if edition and edition.published_scope == "top30":
    components.not_published(tr, tr("ranking.top30_note", year=year))
elif n_scored < len(table):
    components.not_published(tr, tr("ranking.partial_note"))
if bool(table["private"].any()):
    components.private_badge(tr)

# On a projector the table takes the full width and the map follows below it.
left, right = (st.container(), st.container()) if big else st.columns([3, 2], gap="medium")
# The map is drawn first (it sits on the right): the first chart reaches the browser sooner.
with right:
    overlay = st.toggle(
        tr("ranking.overlay"), key="w_ranking_units", help=tr("ranking.overlay_help")
    )
    label = measure_name(measure, year, lang, short=True)
    tab_map, tab_bars = st.tabs([tr("ranking.tab_map"), tr("ranking.tab_bars")])
    title = tr("ranking.map_title", measure=label, year=year)
    with tab_map:
        fig = cached(
            views.tile_map,
            db,
            year,
            measure,
            lang,
            big=big,
            title=title,
            my_province=mine,
            overlay=overlay,
            include_private=private,
        )
        stem = tr("ranking.map_stem", measure=measure, year=year)
        components.chart(fig, key="ranking_map", tr=tr, file_stem=stem)
        st.caption(tr("ranking.map_caption"))
    with tab_bars:
        bars = cached(
            views.bars,
            db,
            year,
            measure,
            lang,
            big=big,
            title=title,
            my_province=mine,
            include_private=private,
        )
        stem = tr("ranking.bars_stem", measure=measure, year=year)
        components.chart(bars, key="ranking_bars", tr=tr, file_stem=stem)
    if overlay:
        st.subheader(tr("ranking.units_title"))
        units = q(trajectory.units_2025)
        st.dataframe(tilemap.units_table(units, provs, lang), hide_index=True)
with left:
    st.dataframe(
        ranking.styled(frame, lang),
        hide_index=True,
        height=720 if not big else 900,
        placeholder=tr("common.na_short"),
        column_config={
            tr("tables.rank"): st.column_config.NumberColumn(width="small"),
            tr("tables.province"): st.column_config.TextColumn(width="medium"),
        },
    )
    st.caption(tr("ranking.sort_hint"))
    if frame.empty_measures:
        st.caption(tr("ranking.empty_measures", year=year, names=", ".join(frame.empty_measures)))
    components.table_downloads(
        frame.export,
        key="ranking_table",
        tr=tr,
        file_stem=tr("ranking.file_stem", year=year),
    )
    components.sources_caption(tr, table["source"])
