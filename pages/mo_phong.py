"""Mô phỏng — what a province must change to reach a rank, and what a change would imply.

Renders ``pci.analysis.whatif``: sliders move the province's sub-index scores; the composite is
recomputed with that period's weights; the rank is implied against the others' published
scores (held fixed, and moving at their median trend); "what it takes" per sub-index.
"""

import pandas as pd
import streamlit as st

from pci import fmt
from pci.analysis import whatif as wi
from pci.charts import whatif as wc
from pci.profile_tables import measure_label
from pci.queries import scores
from pci.queries import whatif as wq
from pci.reference import measure_exists, measure_name, period_of
from pci.ui import auth, components, state
from pci.ui.data import q

tr = state.tr()
lang = state.lang()
big = state.big()
private = auth.include_private()
st.title(tr("whatif.title"))
st.caption(tr("whatif.intro"))

SUBS = [f"CSTP{i}" for i in range(1, 11)]
STEPS = [i / 100 for i in range(1001)]  # 0,00 … 10,00 in steps of 0,01


def num(x, d: int = 2, signed: bool = False) -> str:
    return fmt.number(x, lang, d, signed=signed)


def rank_text(r) -> str:
    return fmt.rank_of(r, inp.n_total, lang) if r is not None else tr("common.na")


provs = q(scores.provinces)
names = dict(
    zip(provs["province_id"], provs["name_vi" if lang == "vi" else "name_en"], strict=True)
)
options = q(wq.simulable_provinces, private)
if not options:
    components.not_published(tr, tr("whatif.no_provinces"))
    st.stop()
if state.my_province() and state.my_province() not in options:
    st.info(tr("whatif.my_province_no_data", province=names.get(state.my_province(), "")))
c_prov, c_year, c_measure, c_target = st.columns([3, 1.3, 3, 1.5])
# Not state.select_province: that would make the first listed province "my province" when
# mine has no sub-index scores. Here the choice becomes "my province" only when the user
# picks one, and the page follows the sidebar when "my province" can be simulated.
mine = state.my_province()
if mine in options and st.session_state.get("_whatif_mine") != mine:
    st.session_state["w_whatif_province"] = mine
st.session_state["_whatif_mine"] = mine
if st.session_state.get("w_whatif_province") not in options:
    st.session_state["w_whatif_province"] = options[0]


def _adopt_province() -> None:
    chosen = st.session_state["w_whatif_province"]
    state.set_provinces([chosen] + [p for p in state.provinces() if p != chosen])
    st.session_state["_whatif_mine"] = chosen


pid = c_prov.selectbox(
    tr("whatif.province"),
    options,
    key="w_whatif_province",
    format_func=lambda p: names.get(p, p),
    on_change=_adopt_province,
)
years = q(wq.simulator_years, pid, private)
asked = state.year()
year = state.select_year(years, label=tr("whatif.year"), key="whatif", container=c_year)
if asked is not None and asked not in years and year is not None:
    # Say why the year differs from the one chosen elsewhere, and keep that shared year for
    # the other pages (the simulator only lists years with the province's sub-index scores).
    st.caption(tr("whatif.year_fallback", asked=asked, year=year))
    state.set_value("year", asked)
weights = q(scores.weights, year)
pci_inp = q(wq.inputs, pid, year, "PCI", private)
measures = (["PCI"] if weights else []) + [
    m for m in SUBS if measure_exists(m, year) and m in pci_inp.subscores
]
if not measures:
    components.not_published(tr, tr("whatif.no_measures", year=year))
    st.stop()
measure = state.select_measure(
    measures,
    label=tr("whatif.measure"),
    key="whatif",
    format_func=lambda m: tr("whatif.composite") if m == "PCI" else measure_label(m, year, lang),
    container=c_measure,
)
inp = pci_inp if measure == "PCI" else q(wq.inputs, pid, year, measure, private)
target = int(
    c_target.number_input(
        tr("whatif.target_rank"),
        min_value=1,
        max_value=inp.n_total,
        value=min(10, inp.n_total),
        step=1,
        key="whatif_target",
        help=tr("whatif.target_help"),
    )
)

if not weights:
    st.warning(tr("whatif.weights_unknown", year=year), icon=":material/warning:")
if inp.private_used or pci_inp.private_used:
    components.private_badge(tr)

# --- sliders ---------------------------------------------------------------------------------
shown = [m for m in SUBS if m in pci_inp.subscores and measure_exists(m, year)]
keys = {m: f"whatif_s_{pid}_{year}_{m}" for m in shown}
for m, k in keys.items():
    if k not in st.session_state:
        st.session_state[k] = round(float(pci_inp.subscores[m]), 2)


def _reset(defaults: dict[str, float]) -> None:
    for k, v in defaults.items():
        st.session_state[k] = v


st.subheader(tr("whatif.sliders_title"))
head = st.columns([6, 1])
head[0].caption(tr("whatif.sliders_help"))
head[1].button(
    tr("whatif.reset"),
    key="whatif_reset",
    on_click=_reset,
    args=({keys[m]: round(float(pci_inp.subscores[m]), 2) for m in shown},),
    icon=":material/restart_alt:",
    width="stretch",
)
cols = st.columns(2)
for i, m in enumerate(shown):
    w = weights.get(m)
    label = measure_label(m, year, lang) + (
        f" ({fmt.percent(w, lang, 0, fraction=True)})" if w else ""
    )
    # A select-slider over 0,00 … 10,00 so the thumb shows the number the Vietnamese way
    # (st.slider formats with printf, always with a decimal point).
    cols[i % 2].select_slider(
        label,
        options=STEPS,
        key=keys[m],
        format_func=num,
        help=tr(
            "whatif.slider_help", name=measure_name(m, year, lang), actual=num(pci_inp.subscores[m])
        ),
    )
# An untouched slider keeps the published score at full precision (VCCI's workbooks carry
# more than the two decimals a slider shows), so unchanged sliders give the published result.
sim_subs = {
    m: float(pci_inp.subscores[m])
    if st.session_state[keys[m]] == round(float(pci_inp.subscores[m]), 2)
    else float(st.session_state[keys[m]])
    for m in shown
}
missing_subs = [m for m in weights if m not in pci_inp.subscores]
if missing_subs:
    st.caption(
        tr(
            "whatif.missing_subs",
            measures=", ".join(measure_label(m, year, lang) for m in missing_subs),
        )
    )

# --- results ---------------------------------------------------------------------------------
comp = wi.simulate_composite(pci_inp.own_score, pci_inp.subscores, sim_subs, weights)
if measure == "PCI":
    score_sim, score_act = comp.value, inp.own_score
else:
    score_sim, score_act = sim_subs.get(measure), inp.own_score
ranks = wi.implied_ranks(score_sim, inp.field, inp.trend)
actual_rank = inp.own_rank

st.subheader(
    tr(
        "whatif.results_title",
        measure=tr("whatif.composite") if measure == "PCI" else measure_name(measure, year, lang),
        year=year,
    )
)
if big:
    # The shared projector CSS enlarges every markdown paragraph, which also catches the
    # metric values (drawn as markdown) and shrinks them back; restore them for this page.
    st.html(
        "<style>[data-testid='stMetricValue'] [data-testid='stMarkdownContainer'] p,"
        "[data-testid='stMetricValue'] div { font-size: 2.6rem !important; }"
        "[data-testid='stSliderThumbValue'] p { font-size: 1rem !important; }</style>"
    )
# Four metrics in a row read well on a laptop; on a projector two per row keep labels whole.
m1, m2, m3, m4 = st.columns(4) if not big else [*st.columns(2), *st.columns(2)]
if score_sim is None:
    m1.metric(
        tr("whatif.simulated_score"),
        tr("common.na_short"),
        help=tr(f"whatif.composite_{comp.status}"),
    )
else:
    m1.metric(
        tr("whatif.simulated_score"),
        num(score_sim),
        delta=num(score_sim - score_act, signed=True)
        if score_act is not None and abs(score_sim - score_act) >= 0.005
        else None,
        help=tr("whatif.simulated_help", actual=num(score_act)),
    )
rank_delta = (
    tr("whatif.places", n=fmt.integer(actual_rank - ranks.fixed, lang, signed=True))
    if actual_rank is not None and ranks.fixed is not None and actual_rank != ranks.fixed
    else None
)
m2.metric(
    tr("whatif.rank_fixed"),
    rank_text(ranks.fixed),
    delta=rank_delta,
    help=tr("whatif.rank_fixed_help", actual=rank_text(actual_rank)),
)
trend_help = (
    tr("whatif.trend_help", trend=num(inp.trend, signed=True), n=inp.trend_n, y0=year - 1, y1=year)
    if inp.trend is not None
    else tr(f"whatif.trend_{inp.trend_reason}", y0=year - 1, y1=year)
)
m3.metric(tr("whatif.rank_moving"), rank_text(ranks.moving), help=trend_help)
wit = wi.what_it_takes(
    score_sim, inp.field, target, measure=measure, weights=weights, subscores=sim_subs
)
if wit.reached:
    m4.metric(tr("whatif.target_metric", rank=target), tr("whatif.reached"))
else:
    m4.metric(
        tr("whatif.target_metric", rank=target),
        tr("whatif.points", points=num(wit.points_missing))
        if wit.points_missing is not None
        else tr("common.na_short"),
        help=tr("whatif.to_beat_help", score=num(wit.score_to_beat), rank=target),
    )
st.caption(trend_help)

if not inp.field.complete:
    own_missing = [tr("whatif.own_score")] if score_act is None else []
    own_missing += missing_subs
    st.info(
        tr(
            "whatif.incomplete_top30" if inp.year >= 2023 else "whatif.incomplete",
            year=year,
            published=inp.n_published,
            n=inp.n_total,
            floor=num(inp.field.known_down_to),
        )
        + (" " + tr("whatif.own_missing", items=", ".join(own_missing)) if own_missing else "")
        + " "
        + tr("whatif.private_fills"),
        icon=":material/info:",
    )

# --- what it takes ---------------------------------------------------------------------------
st.subheader(tr("whatif.takes_title", rank=target))
if wit.reached:
    st.success(tr("whatif.takes_reached", rank=target, implied=rank_text(wit.rank)))
elif wit.points_missing is None:
    components.not_published(tr, tr("whatif.takes_unknown", rank=target))
else:
    st.markdown(
        tr(
            "whatif.takes_summary",
            rank=target,
            score=num(wit.score_to_beat),
            points=num(wit.points_missing),
        )
    )
    if wit.status == wi.UNKNOWN_WEIGHTS:
        st.caption(tr("whatif.takes_no_weights", year=year))
    rows = [
        {
            tr("whatif.col_measure"): measure_label(n.measure, year, lang),
            tr("whatif.col_weight"): fmt.percent(n.weight, lang, 0, fraction=True)
            if measure == "PCI"
            else tr("common.na_short"),
            tr("whatif.col_current"): num(n.current),
            tr("whatif.col_needed"): num(n.needed, signed=True),
            tr("whatif.col_after"): num(n.current + n.needed)
            if n.current is not None
            else tr("common.na_short"),
            tr("whatif.col_possible"): tr("whatif.possible")
            if n.possible
            else (tr("whatif.impossible") if n.possible is False else tr("common.na_short")),
        }
        for n in wit.needs
    ]
    if rows:
        table = pd.DataFrame(rows)
        st.dataframe(table, hide_index=True, width="stretch")
        components.table_downloads(
            table,
            key="whatif_table",
            tr=tr,
            file_stem=f"mo-phong-{pid}-{year}-{measure}-hang-{target}",
        )

# --- charts ----------------------------------------------------------------------------------
if shown:
    bars = pd.DataFrame(
        {
            "label": [measure_label(m, year, lang) for m in shown],
            "actual": [pci_inp.subscores[m] for m in shown],
            "simulated": [sim_subs[m] for m in shown],
        }
    )
    fig = wc.subindex_bars(
        bars,
        actual_label=tr("whatif.actual_label", year=year),
        simulated_label=tr("whatif.simulated_label"),
        lang=lang,
        big=big,
        title=tr("whatif.bars_title", province=names[pid], year=year),
    )
    components.chart(fig, key="whatif_bars", tr=tr, file_stem=f"mo-phong-{pid}-{year}")
if score_sim is not None and inp.field.scores:
    strip = wc.field_strip(
        inp.field.scores,
        actual=score_act,
        simulated=score_sim,
        to_beat=wit.score_to_beat,
        labels={
            "others": tr("whatif.others_label"),
            "actual": tr("whatif.actual_label", year=year),
            "simulated": tr("whatif.simulated_label"),
            "to_beat": tr("whatif.to_beat_label", rank=target),
        },
        lang=lang,
        big=big,
        title=tr(
            "whatif.strip_title",
            measure=tr("whatif.composite") if measure == "PCI" else measure,
            year=year,
        ),
    )
    components.chart(
        fig=strip, key="whatif_strip", tr=tr, file_stem=f"mo-phong-vi-tri-{pid}-{year}"
    )

# --- why the rank changed since the previous edition -----------------------------------------
st.subheader(tr("whatif.change_title", y0=year - 1, y1=year))
prev_years = q(scores.years, measure, private)
if year - 1 not in prev_years:
    components.not_published(tr, tr("whatif.change_no_previous", y0=year - 1))
else:
    prev = q(wq.inputs, pid, year - 1, measure, private)
    ex = wi.explain_rank_change(
        prev.own_score,
        inp.own_score,
        prev.own_rank,
        inp.own_rank,
        prev.field,
        same_period=period_of(year - 1) == period_of(year),
    )
    if ex.change is None:
        st.info(tr(f"whatif.change_{ex.reason}", y0=year - 1, y1=year), icon=":material/info:")
    else:
        rc = ex.change
        st.markdown(
            tr(
                "whatif.change_text",
                y0=year - 1,
                y1=year,
                r0=rc.rank0,
                r1=rc.rank1,
                total=fmt.integer(rc.total, lang, signed=True),
                s0=num(prev.own_score),
                s1=num(inp.own_score),
                cf=rc.counterfactual_rank,
                own=fmt.integer(rc.own, lang, signed=True),
                others=fmt.integer(rc.others, lang, signed=True),
            )
        )
if weights:
    span = q(wq.weights_span, year)
    st.caption(
        tr(
            "whatif.weights_caption",
            first=span["first_year"],
            last=span["last_year"],
            period=period_of(year).label(lang),
        )
        + (" " + tr("whatif.weights_derived") if span["derived"] else "")
    )
