"""So sánh — 2 to 5 provinces side by side on every sub-index of one edition (bars, a table,
and a radar for at most three), by default "my province" and its region peers."""

import streamlit as st

from pci import fmt
from pci.charts.compare import RADAR_MAX, grouped_bars, radar
from pci.profile_tables import compare_display, subindices_of
from pci.queries import profile, scores
from pci.reference import period_of
from pci.ui import auth, components, state
from pci.ui.data import q

MAX_PROVINCES = 5

tr = state.tr()
lang = state.lang()
big = state.big()
private = auth.include_private()
st.title(tr("compare.title"))

provs = q(scores.provinces)
name_col = "name_vi" if lang == "vi" else "name_en"
names = dict(zip(provs["province_id"], provs[name_col], strict=True))
years = q(scores.years, "PCI", private)
c1, c2 = st.columns([1, 3])
year = state.select_year(years, label=tr("compare.year"), key="compare", default=2020, container=c1)
present = provs[
    (provs["first_year"] <= year) & (provs["last_year"].isna() | (provs["last_year"] >= year))
]
options = sorted(present["province_id"], key=lambda p: names[p])
mine = state.my_province()
if (
    "w_compare_provinces" not in st.session_state
    and mine in options
    and len([p for p in state.provinces() if p in options]) < 2
):
    # First visit with only "my province": start from its region (data/reference/provinces.csv).
    state.set_provinces(q(profile.region_peers, mine, year)[:MAX_PROVINCES])
chosen = state.select_provinces(
    options,
    label=tr("compare.provinces"),
    key="compare",
    format_func=lambda p: names.get(p, p),
    max_selections=MAX_PROVINCES,
    container=c2,
    help=tr("compare.provinces_help"),
)
period = period_of(year)
st.caption(tr("compare.period", period=period.label(lang), note=period.note(lang)))
if len(chosen) < 2:
    st.info(tr("compare.choose"), icon=":material/info:")
    st.stop()

long = q(profile.compare_scores, year, chosen, ["PCI", *subindices_of(year)], private)
if (long["source_kind"] == "private").any():
    components.private_badge(tr)
gaps = long[long["score"].isna()]
if len(gaps):
    subs = set(subindices_of(year))

    def _missing(ms: list[str]) -> str:
        if subs <= set(ms):  # say "every sub-index" rather than listing ten codes
            ms = [m for m in ms if m not in subs] + [tr("compare.all_subindices")]
        return ", ".join(m.replace("CSTP", "CSTP ") for m in ms)

    items = "; ".join(
        f"{names[pid]}: {_missing(list(grp['measure']))}"
        for pid, grp in gaps.groupby("province_id", sort=False)
    )
    components.not_published(tr, tr("compare.missing_note", items=items))

components.chart(
    grouped_bars(
        long,
        year,
        lang=lang,
        big=big,
        title=tr("compare.bars_title", year=year),
        highlight=mine,
    ),
    key="compare_bars",
    tr=tr,
    file_stem=f"so-sanh-{year}",
)
if len(chosen) <= RADAR_MAX:
    components.chart(
        radar(
            long,
            year,
            lang=lang,
            big=big,
            title=tr("compare.radar_title", year=year),
            highlight=mine,
        ),
        key="compare_radar",
        tr=tr,
        file_stem=f"so-sanh-radar-{year}",
    )
else:
    st.caption(tr("compare.radar_only_few"))

st.subheader(tr("compare.table_title", year=year))
table = compare_display(long, year, lang)
# Every sub-index row visible at once (the default height hid CSTP 10 behind a scroll).
st.dataframe(table, hide_index=True, height="content")
components.table_downloads(table, key="compare_table", tr=tr, file_stem=f"so-sanh-{year}")
st.caption(tr("compare.table_note"))
pci_rows = long[long["measure"] == "PCI"]
st.caption(
    " · ".join(
        f"{r[name_col]}: PCI {fmt.number(r['score'], lang, missing=tr('common.na_short'))}"
        for _, r in pci_rows.iterrows()
    )
)
components.sources_caption(tr, long["source"])
