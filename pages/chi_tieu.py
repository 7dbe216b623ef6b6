"""Chỉ tiêu — sub-indicator goals of the chosen province, grouped by lead department: latest
value, national median, best province, target, met or not (direction-aware), and the summary
committees report ("9/16 chỉ tiêu đạt mục tiêu; 8/16 ≥ trung vị"); unmatched names listed."""

import pandas as pd
import streamlit as st

from pci.charts.targets import STATUS_COLOURS
from pci.config import state_path
from pci.targets import store
from pci.targets.reporting import indicator_rows, latest_edition
from pci.ui import auth, components, state
from pci.ui.data import database, q
from pci.ui.figcache import cached
from pci.ui.shell import province_choices

tr = state.tr()
lang = state.lang()
st.title(tr("targets.ind_title"))

STATE = state_path(database())
private = auth.include_private()
regs_all = store.list_targets(STATE)
current, names = cached(province_choices, database(), lang)  # today's provinces by name
with_goals = sorted(
    set(regs_all.loc[regs_all["level"] == "INDICATOR", "province_id"]),
    key=lambda p: names.get(p, p),
)
province = state.select_province(
    with_goals + [p for p in current if p not in with_goals],
    label=tr("targets.province"),
    key="indicators",
    format_func=names.get,
)
regs = regs_all[regs_all["province_id"] == province]
goals = indicator_rows(lambda fn, *a: q(fn, *a), regs, lang, private)
st.caption(tr("targets.as_of", year=latest_edition()))

if goals.empty:
    st.info(tr("targets.ind.none"))
    st.stop()

st.metric(
    tr("targets.ind.title"),
    f"{goals.attrs['summary']['met']}/{goals.attrs['summary']['n']}",
    help=goals.attrs["summary_text"],
)
st.markdown(f"**{goals.attrs['summary_text']}**")
st.caption(tr("targets.ind.median_note"))
if goals["private"].astype(bool).any():
    components.private_badge(tr)

yes, no, na = tr("targets.col.yes"), tr("targets.col.no"), tr("common.na_short")


def _yn(v: object) -> str:
    return na if v is None or pd.isna(v) else (yes if v else no)


def _display(g: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("targets.field.position"): g["position"],
            tr("targets.col.indicator"): g["indicator_label"],
            tr("targets.col.direction"): g["direction"].map(
                lambda d: tr(f"targets.ind.{d}") if d in ("higher", "lower") else na
            ),
            tr("targets.col.value"): g["value_text"]
            + g["private"].map(lambda p: " 🔒" if p else ""),
            tr("targets.col.median"): g["median_text"],
            tr("targets.col.best"): [
                f"{b} ({names.get(p, p)})" if isinstance(p, str) else na
                for b, p in zip(g["best_text"], g["best_province"], strict=True)
            ],
            tr("targets.col.target"): g["target_text"],
            tr("targets.col.met"): g["met"].map(_yn),
            tr("targets.col.vs_median"): g["at_least_median"].map(_yn),
            tr("targets.col.status"): g["status_label"],
            tr("targets.col.reason"): g["reason"],
            tr("targets.support"): g["support_units"].fillna(na),
        }
    )


colours = {tr(f"targets.status.{k}"): c for k, c in STATUS_COLOURS.items()}
lead = goals["lead_unit"].fillna(tr("targets.ind.no_lead"))
everything = []
for unit in dict.fromkeys(lead):
    g = goals[lead == unit]
    s = {
        "n": len(g),
        "met": int((g["met"] == True).sum()),  # noqa: E712
        "median": int((g["at_least_median"] == True).sum()),  # noqa: E712
    }
    st.subheader(unit)
    st.caption(tr("targets.ind.group_summary", **s))
    shown = _display(g)
    st.dataframe(
        shown.style.map(
            lambda v: f"background-color: {colours.get(v, '')}", subset=[tr("targets.col.status")]
        ),
        hide_index=True,
    )
    everything.append(shown.assign(**{tr("targets.lead"): unit}))

allshown = pd.concat(everything, ignore_index=True)
components.table_downloads(
    allshown, key="indicators_table", tr=tr, file_stem=f"chi-tieu-{province}"
)

st.subheader(tr("targets.ind.unmatched_title"))
unmatched = goals[~goals["matched"].astype(bool)]
if unmatched.empty:
    st.caption(tr("targets.ind.unmatched_none"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                tr("targets.field.position"): unmatched["position"],
                tr("targets.col.indicator"): unmatched["indicator_label"],
                tr("targets.col.lead"): unmatched["lead_unit"].fillna(na),
                tr("targets.col.target"): unmatched["target_text"],
            }
        ),
        hide_index=True,
    )
    st.caption(tr("targets.reason.unmatched"))
