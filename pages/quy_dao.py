"""Quỹ đạo xếp hạng — rank and score over the years for a few provinces, why each year's rank
changed (own score vs the others), and how fragile a rank is."""

import streamlit as st

from pci import fmt
from pci.queries import scores, trajectory
from pci.reference import editions, measure_name
from pci.schema import MEASURES
from pci.trajectory_tables import bands_display, changes_display, missing_years
from pci.ui import auth, components, state
from pci.ui.data import database, q
from pci.ui.figcache import cached
from pci.views import trajectory as views

tr = state.tr()
lang = state.lang()
big = state.big()
private = auth.include_private()
st.title(tr("trajectory.title"))
st.caption(tr("trajectory.intro"))

provs = q(scores.provinces)
names = dict(zip(provs["province_id"], provs[f"name_{lang}"], strict=True))
ascii_names = dict(zip(provs["province_id"], provs["name_ascii"], strict=True))
c_prov, c_measure = st.columns([3, 2])
measure = state.select_measure(
    list(MEASURES),
    label=tr("trajectory.measure"),
    key="trajectory",
    format_func=lambda m: measure_name(m, None, lang, short=m != "PCI"),
    container=c_measure,
)
chosen = state.select_provinces(
    sorted(names, key=ascii_names.get),
    label=tr("trajectory.provinces"),
    key="trajectory",
    format_func=names.get,
    max_selections=6,
    default=q(trajectory.best_covered, measure, 3, private),
    container=c_prov,
)
join = st.checkbox(tr("trajectory.join"), key="w_trajectory_join", help=tr("trajectory.join_help"))
if not chosen:
    st.info(tr("trajectory.choose"), icon=":material/info:")
    st.stop()

label = measure_name(measure, None, lang, short=True)
traj = q(scores.trajectory, chosen, measure, private)
fig_rank, fig_score = cached(
    views.figures,
    database(),
    tuple(chosen),
    measure,
    lang,
    big=big,
    join=join,
    rank_title=tr("trajectory.rank_title", measure=label),
    score_title=tr("trajectory.score_title", measure=label),
    include_private=private,
)
stem = tr("trajectory.rank_stem", measure=measure)
components.chart(fig_rank, key="traj_rank", tr=tr, file_stem=stem)
stem = tr("trajectory.score_stem", measure=measure)
components.chart(fig_score, key="traj_score", tr=tr, file_stem=stem)
st.caption(tr("trajectory.median_note"))
gaps = missing_years(traj, provs, chosen, sorted(editions()))
for pid, years in gaps.items():
    st.caption(tr("trajectory.missing_years", name=names[pid], years=", ".join(map(str, years))))
components.sources_caption(tr, traj["source"])

st.subheader(tr("trajectory.changes_title"))
st.caption(tr("trajectory.changes_intro"))
changes = q(trajectory.rank_changes, chosen, measure, private)
if changes.empty:
    components.not_published(tr, tr("trajectory.changes_none"))
else:
    shown = changes_display(changes, names, lang)
    st.dataframe(shown, hide_index=True)
    if changes["own"].isna().any():
        st.caption(tr("trajectory.unknown_note"))
    components.table_downloads(
        shown, key="traj_changes", tr=tr, file_stem=tr("trajectory.changes_stem", measure=measure)
    )

st.subheader(tr("trajectory.sens_title"))
st.caption(tr("trajectory.sens_intro"))
c_focus, c_year = st.columns(2)
focus = c_focus.selectbox(
    tr("trajectory.sens_province"), chosen, key="w_trajectory_focus", format_func=names.get
)
own_years = sorted(traj.loc[(traj["province_id"] == focus) & traj["score"].notna(), "year"])
if not own_years:
    components.not_published(
        tr, tr("trajectory.sens_none", name=names[focus], measure=label, year="")
    )
    st.stop()
year = state.select_year(
    [int(y) for y in reversed(own_years)],
    label=tr("trajectory.sens_year"),
    key="trajectory",
    container=c_year,
)
bands = q(trajectory.rank_bands, focus, year, measure, private)
m1, m2 = st.columns(2)
m1.metric(tr("trajectory.sens_score"), fmt.number(bands["score"], lang))
m2.metric(tr("trajectory.sens_rank"), fmt.rank_of(bands["rank"], bands["n"], lang))
sens = bands_display(bands["bands"], lang)
st.dataframe(sens, hide_index=True)
if bands["cluster"] is None:
    st.caption(tr("trajectory.cluster_unknown"))
elif bands["cluster"] >= 3:
    st.warning(tr("trajectory.cluster", n=bands["cluster"]), icon=":material/warning:")
else:
    st.caption(tr("trajectory.no_cluster", n=bands["cluster"]))
components.table_downloads(
    sens, key="traj_sens", tr=tr, file_stem=tr("trajectory.sens_stem", province=focus, year=year)
)
