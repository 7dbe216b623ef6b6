"""Hồ sơ tỉnh — one province, one edition: a quotable headline, rank sensitivity, the
sub-indices against the country and the region, the history and the sub-indicators."""

import streamlit as st

from pci import captions, fmt
from pci.charts.profile import benchmark_chart
from pci.profile_tables import (
    benchmark_display,
    benchmark_frame,
    history_display,
    history_names,
    indicator_display,
    sensitivity_display,
    strengths,
)
from pci.queries import profile, scores
from pci.reference import n_provinces
from pci.ui import auth, components, state
from pci.ui.data import q

tr = state.tr()
lang = state.lang()
big = state.big()
private = auth.include_private()
st.title(tr("profile.title"))

provs = q(scores.provinces)
name_col = "name_vi" if lang == "vi" else "name_en"
names = dict(zip(provs["province_id"], provs[name_col], strict=True))
regions = dict(zip(provs["province_id"], provs["region_id"], strict=True))
region_names = dict(
    zip(provs["region_id"], provs["region_vi" if lang == "vi" else "region_en"], strict=False)
)
c1, c2, c3 = st.columns([2, 1, 1])
pid = state.select_province(
    sorted(names, key=lambda p: names[p]),
    label=tr("profile.province"),
    key="profile",
    format_func=lambda p: names.get(p, p),
    container=c1,
)
# Every edition is offered (choosing 2023 must say "not published", not hide the year); the
# default is the newest edition with a figure for the province.
with_data = q(profile.province_years, pid, private)
years = q(scores.years, "PCI", private)
year = state.select_year(
    years,
    label=tr("profile.year"),
    key="profile",
    default=with_data[0] if with_data else None,
    container=c2,
)
if (st.session_state.get("w_profile_target") or 0) > n_provinces(year):
    st.session_state["w_profile_target"] = None  # a rank that year did not have (2005: 42)
target = c3.number_input(
    tr("profile.target"),
    min_value=1,
    max_value=n_provinces(year),
    value=None,
    step=1,
    key="w_profile_target",
    placeholder=tr("profile.target_default_none"),
    help=tr("profile.target_help"),
)

# --- headline --------------------------------------------------------------------------------
h = q(captions.headline, pid, year, lang, target, include_private=private)
st.subheader(h.title)
st.code(h.text, language=None, wrap_lines=True)
m1, m2, m3 = st.columns(3)
if h.rank_change is None:
    delta = None
elif h.rank_change == 0:
    delta = tr("profile.headline.same", prev=h.prev_year)
else:
    n = fmt.integer(h.rank_change, lang, signed=True)
    delta = tr("profile.metric_change", n=n, prev=h.prev_year)
m1.metric(
    tr("profile.metric_rank"),
    fmt.rank_of(h.rank, h.n_provinces, lang) if h.rank is not None else tr("common.na_short"),
    delta=delta,
    delta_color="normal" if h.rank_change else "off",
    delta_arrow="auto" if h.rank_change else "off",
)
m2.metric(
    tr("profile.metric_score"),
    fmt.number(h.score, lang, missing=tr("common.na_short")),
)
if h.gap is not None:
    m3.metric(
        tr("profile.metric_gap", target=h.gap.target_rank),
        fmt.number(h.gap.points_missing, lang, missing=tr("common.na_short")),
    )
if h.source:
    st.caption(tr("profile.source", source=h.source))

# --- rank sensitivity ------------------------------------------------------------------------
sens = q(captions.rank_sensitivity, pid, year, include_private=private)
st.subheader(tr("profile.sensitivity_title", year=year))
if sens.bands:
    st.caption(tr("profile.sensitivity_caption"))
    band_table = sensitivity_display(sens.bands, sens.rank, lang)
    st.dataframe(band_table, hide_index=True)
    components.table_downloads(
        band_table, key="profile_sens", tr=tr, file_stem=f"do-nhay-{pid}-{year}"
    )
note = captions.sensitivity_note(sens, lang)
if sens.cluster is not None and sens.cluster >= captions.CLUSTER_NOTE_MIN:
    st.warning(note, icon=":material/warning:")
else:
    st.info(note, icon=":material/info:")

# --- sub-indices against the country and the region ----------------------------------------
st.subheader(tr("profile.benchmarks_title", year=year))
mine = q(scores.province_year, pid, year, private)
stats = q(scores.measure_stats, year, private)
region = q(scores.region_stats, year, regions[pid], private)
frame = benchmark_frame(mine, stats, region, year, lang, names)
if (mine["source_kind"] == "private").any():
    components.private_badge(tr)
if frame["score"].isna().all():
    components.not_published(tr, tr("profile.no_subindex", province=names[pid], year=year))
else:
    if not frame["complete"].all():
        st.caption(
            tr(
                "profile.benchmarks_incomplete",
                year=year,
                n=int(frame["n_with_score"].max()),
                total=n_provinces(year),
            )
        )
    if frame["region_avg"].isna().all() and len(frame):
        st.caption(
            tr(
                "profile.region_incomplete",
                region=region_names.get(regions[pid], ""),
                n=int(frame["region_n"].max()),
                total=int(frame["region_members"].max()),
            )
        )
    components.chart(
        benchmark_chart(frame, province_name=names[pid], year=year, lang=lang, big=big),
        key="profile_bench",
        tr=tr,
        file_stem=f"ho-so-{pid}-{year}",
    )
    bench_table = benchmark_display(frame, lang)
    st.dataframe(bench_table, hide_index=True, height="content")
    components.table_downloads(
        bench_table, key="profile_bench_t", tr=tr, file_stem=f"ho-so-{pid}-{year}"
    )
    strong, weak, basis = strengths(frame)
    st.subheader(tr("profile.strengths_title"))
    s1, s2 = st.columns(2)
    s1.markdown(f"**{tr('profile.strongest')}**\n\n" + "\n".join(f"- {x}" for x in strong))
    s2.markdown(f"**{tr('profile.weakest')}**\n\n" + "\n".join(f"- {x}" for x in weak))
    st.caption(tr(f"profile.basis_{basis}"))

# --- history ---------------------------------------------------------------------------------
st.subheader(tr("profile.history_title"))
hist = q(scores.province_history, pid, private)
hist_table = history_display(hist, lang)
# All years visible: the default height showed ten rows and hid the most recent editions.
st.dataframe(
    hist_table,
    hide_index=True,
    height="content",
    column_config={tr("profile.cols.note"): st.column_config.TextColumn(width="medium")},
)
components.table_downloads(hist_table, key="profile_hist", tr=tr, file_stem=f"lich-su-{pid}")
st.caption(tr("profile.history_note"))
st.caption(tr("profile.history_names", names=history_names(hist, lang)))

# --- sub-indicators --------------------------------------------------------------------------
ind_years = q(profile.indicator_years, pid, private)
if not ind_years:
    st.subheader(tr("profile.indicators_title", year=year))
    components.not_published(tr, tr("profile.indicators_none"))
else:
    ind_year = next((y for y in ind_years if y <= year), ind_years[0])
    st.subheader(tr("profile.indicators_title", year=ind_year))
    if ind_year != year:
        st.caption(tr("profile.indicators_fallback", year=year, shown=ind_year))
    ind = q(profile.indicator_profile, pid, ind_year, private)
    ind_table = indicator_display(ind, ind_year, lang, names)
    st.dataframe(ind_table, hide_index=True)
    components.table_downloads(
        ind_table, key="profile_ind", tr=tr, file_stem=f"chi-tieu-{pid}-{ind_year}"
    )
    st.caption(tr("profile.indicators_note", total=n_provinces(ind_year)))
    components.sources_caption(tr, ind["source"])

components.sources_caption(tr, [h.source or "", *frame["source"].dropna().astype(str)])
