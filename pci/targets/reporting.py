"""Targets with their status, ready for a page, an export or a slide.

``report`` is what the briefing builds slides from; the pages call ``target_rows`` and
``indicator_rows`` with their cached query function so nothing is fetched twice.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from pci import fmt
from pci.analysis import targets as an
from pci.i18n import t as tr_
from pci.queries import targets as qt
from pci.reference import editions, measure_name, n_provinces
from pci.targets.register import Target

Call = Callable[..., Any]  # call(fn, *args) → fn(db, *args), possibly cached


def report(
    db: Path,
    state_path: Path,
    province_id: str,
    year: int | None = None,
    lang: str = "vi",
    include_private: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The targets of ``province_id`` with status, and its indicator goals, as of edition
    ``year`` (figures of later editions are ignored; None = everything loaded).

    Returns ``(targets, indicators)``.

    ``targets`` — one row per PCI / sub-index target (indicator targets are in the second
    table): target_id, version, position, level, measure, measure_label (name in ``lang``),
    indicator_label, metric (rank|score), comparator, target_text ("≤ 25/63 (2024)"),
    baseline_text, baseline_year, baseline_value, target_year, target_value, target_group,
    goal (rank or score to reach; for "up N places" the rank), latest_year, latest_value,
    latest_text ("32/63 (2023)"), latest_private (True = the province's own unpublished
    results: label "Dữ liệu nội bộ"), gap_places (places still to climb; ≤ 0 = reached),
    gap_points (points still missing: for a rank target the points to the score of the
    province holding the goal rank in ``takes_year``), status (met|on_track|at_risk|no_data),
    status_label, reason (sentence), takes_year, takes_text (what it takes, a sentence),
    takes_needs (list of dicts: measure, label, weight, current, needed, possible),
    missing_text (which figures are missing and how to fill them), lead_unit,
    support_units, plan_ref, plan_date, notes, example_set.

    ``indicators`` — one row per sub-indicator target: target_id, position, indicator_label,
    lead_unit, support_units, direction (higher|lower), unit, target_value, target_text,
    year, value, value_text, private, matched (False = its name is not in
    data/reference/indicator_map.csv: listed, never dropped), matched_name, median,
    median_text, best, best_text, best_province, met (True/False/None), at_least_median,
    status, status_label, reason. ``indicators.attrs["summary"]`` holds the counts
    (n, met, median, no_value, unmatched) and ``attrs["summary_text"]`` the sentence
    "9/16 chỉ tiêu đạt mục tiêu; 8/16 bằng hoặc tốt hơn trung vị …".
    """
    from pci.targets.store import list_targets

    regs = list_targets(state_path, province_id)
    call: Call = lambda fn, *a: fn(db, *a)  # noqa: E731
    return (
        target_rows(call, regs, province_id, lang, include_private, year),
        indicator_rows(call, regs, lang, include_private, year),
    )


def latest_edition(as_of: int | None = None) -> int:
    last = max(editions())
    return min(last, as_of) if as_of else last


def target_rows(
    call: Call,
    regs: pd.DataFrame,
    province_id: str,
    lang: str,
    include_private: bool,
    as_of: int | None = None,
) -> pd.DataFrame:
    """Status and what it takes for every PCI / sub-index target in ``regs``."""
    regs = regs[(regs["province_id"] == province_id) & (regs["level"] != "INDICATOR")]
    if regs.empty:
        return pd.DataFrame(columns=["target_id", "status"])
    last = latest_edition(as_of)
    mine = call(qt.province_figures, province_id, include_private)
    if as_of:
        mine = mine[mine["year"] <= as_of]
    weights = _weights(call(qt.all_weights))
    rows = []
    for rec in regs.to_dict("records"):
        t = Target.from_mapping(rec)
        measure = t.measure or "PCI"
        col = "rank" if t.metric == "rank" else "score"
        own = mine[mine["measure"] == measure]
        kind_col = "rank_source_kind" if col == "rank" else "source_kind"
        figs = pd.DataFrame(
            {"year": own["year"], "value": own[col], "private": own[kind_col] == "private"}
        )
        ev = an.evaluate(t, figs, last)
        takes = None
        if t.metric == "rank":
            allm = call(qt.measure_figures, measure, include_private)
            if as_of:
                allm = allm[allm["year"] <= as_of]
            years_with_own = set(own["year"].astype(int))
            eds = {int(y): g for y, g in allm.groupby("year") if int(y) in years_with_own}
            subs = {
                int(y): dict(zip(g["measure"], g["score"], strict=True))
                for y, g in mine[mine["measure"].str.startswith("CSTP")].groupby("year")
            }
            takes = an.what_it_takes(t, eds, subs, weights, _scope)
        rows.append(_target_row(t, ev, takes, lang))
    return pd.DataFrame(rows)


def trajectory_figures(
    call: Call, t: Target, include_private: bool, as_of: int | None = None
) -> pd.DataFrame:
    """The province's figures for a rank or score target (year, value, private) — what the
    trajectory chart draws; private means the province's own unpublished results."""
    mine = call(qt.province_figures, t.province_id, include_private)
    own = mine[mine["measure"] == (t.measure or "PCI")]
    if as_of:
        own = own[own["year"] <= as_of]
    col = "rank" if t.metric == "rank" else "score"
    kind = "rank_source_kind" if col == "rank" else "source_kind"
    return pd.DataFrame(
        {"year": own["year"], "value": own[col], "private": own[kind] == "private"}
    ).reset_index(drop=True)


def indicator_rows(
    call: Call,
    regs: pd.DataFrame,
    lang: str,
    include_private: bool,
    as_of: int | None = None,
) -> pd.DataFrame:
    """Indicator goals (with the summary in ``attrs``) for the INDICATOR targets in ``regs``."""
    from pci.targets.mapping import indicator_map

    ind = regs[regs["level"] == "INDICATOR"]
    values = call(qt.indicator_values, include_private) if len(ind) else pd.DataFrame()
    if len(values) and as_of:
        values = values[values["year"] <= as_of]
    if values.empty:
        values = pd.DataFrame(
            columns=[
                "year",
                "province_id",
                "measure",
                "indicator_code",
                "indicator_name_vi",
                "unit",
                "value",
                "source_kind",
            ]
        )
    goals = an.indicator_goals(ind, values, indicator_map(), n_provinces, latest_edition(as_of))
    if goals.empty:
        goals = goals.reindex(columns=["target_id", "matched", "met", "at_least_median", "value"])
    else:
        goals = _indicator_text(goals, lang)
    s = an.summary(goals)
    goals.attrs["summary"] = s
    goals.attrs["summary_text"] = summary_text(s, lang)
    return goals


def summary_text(s: dict[str, int], lang: str) -> str:
    if not s["n"]:
        return tr_("targets.ind.none", lang)
    return tr_("targets.ind.summary", lang, **s)


# --- text ----------------------------------------------------------------------------------


def target_text(t: Target, lang: str) -> str:
    """How the plan states the goal: "≤ 25/63 (2024)", "tăng ≥ 1 bậc so với 2022 (35/63)"."""
    y = t.target_year
    if t.comparator == "in_group":
        return tr_(
            "targets.text.in_group",
            lang,
            group=tr_(f"targets.group.{t.target_group}", lang),
            year=y,
        )
    if t.comparator == "up_n":
        return tr_(
            "targets.text.up_n",
            lang,
            n=fmt.integer(t.target_value, lang),
            base_year=t.baseline_year,
            base=value_text(t, t.baseline_value, t.baseline_year, lang),
            goal=value_text(t, t.baseline_value - t.target_value, y, lang)  # type: ignore[operator]
            if t.baseline_value is not None and t.target_value is not None
            else "?",
            year=y,
        )
    sym = {"le": "≤", "ge": "≥", "eq": "="}[t.comparator]
    return f"{sym} {value_text(t, t.target_value, y, lang)} ({y})"


def value_text(t: Target, v: object, year: int | None, lang: str) -> str:
    if fmt.is_missing(v):
        return tr_("common.na_short", lang)
    if t.metric == "rank":
        return fmt.rank_of(v, n_provinces(year) if year else None, lang)
    if t.unit == "percent":
        return fmt.percent(v, lang, 1 if float(v) != int(float(v)) else 0)  # type: ignore[arg-type]
    if t.unit in ("days", "count"):
        return fmt.number(v, lang, 0 if float(v) == int(float(v)) else 1)  # type: ignore[arg-type]
    return fmt.number(v, lang, 2)


def _target_row(t: Target, ev: an.Evaluation, takes: an.Takes | None, lang: str) -> dict:
    measure = t.measure or "PCI"
    row = {
        "target_id": t.target_id,
        "version": t.version,
        "position": t.position,
        "level": t.level,
        "measure": measure,
        "measure_label": measure_name(measure, t.target_year, lang),
        "indicator_label": t.indicator_label,
        "metric": t.metric,
        "comparator": t.comparator,
        "target_text": target_text(t, lang),
        "baseline_text": (
            f"{value_text(t, t.baseline_value, t.baseline_year, lang)} ({t.baseline_year})"
            if t.baseline_year is not None and t.baseline_value is not None
            else tr_("common.na_short", lang)
        ),
        "baseline_year": t.baseline_year,
        "baseline_value": t.baseline_value,
        "target_year": t.target_year,
        "target_value": t.target_value,
        "target_group": t.target_group,
        "goal": ev.goal,
        "latest_year": ev.latest_year,
        "latest_value": ev.latest_value,
        "latest_text": (
            f"{value_text(t, ev.latest_value, ev.latest_year, lang)} ({ev.latest_year})"
            if ev.latest_year is not None
            else tr_("common.na_short", lang)
        ),
        "latest_private": ev.latest_private,
        "gap_places": ev.gap if t.metric == "rank" else None,
        "gap_points": ev.gap if t.metric == "score" else None,
        "status": ev.status,
        "status_label": tr_(f"targets.status.{ev.status}", lang),
        "reason": tr_(f"targets.reason.{ev.reason}", lang, **ev.params)
        + (
            " " + tr_("targets.reason.baseline_other_period", lang)
            if ev.baseline_other_period
            else ""
        ),
        "takes_year": None,
        "takes_text": None,
        "takes_needs": [],
        "missing_text": None,
        "lead_unit": t.lead_unit,
        "support_units": t.support_units,
        "plan_ref": t.plan_ref,
        "plan_date": t.plan_date,
        "notes": t.notes,
        "example_set": t.example_set,
    }
    if takes is not None:
        row.update(_takes_text(t, takes, lang))
        if takes.gap is not None and takes.gap.points_missing is not None and t.metric == "rank":
            row["gap_points"] = takes.gap.points_missing
    return row


def _takes_text(t: Target, k: an.Takes, lang: str) -> dict:
    from etl.provinces import resolver

    names = resolver()
    pname = names.name(t.province_id, lang)
    measure = t.measure or "PCI"
    out: dict[str, Any] = {"takes_year": k.year}
    missing = []
    for m in k.missing:
        if m.what == "own_score":
            s = tr_(
                "targets.missing.own_score",
                lang,
                measure=measure_name(measure, m.year, lang, short=True),
                year=m.year,
                province=pname,
                rank=fmt.rank_of(m.rank, n_provinces(m.year), lang)
                if m.rank
                else tr_("common.na_short", lang),
            )
        else:
            s = tr_(
                "targets.missing.score_at_rank",
                lang,
                measure=measure_name(measure, m.year, lang, short=True),
                year=m.year,
                rank=m.rank,
            )
        s += " " + tr_(
            "targets.missing.unpublished" if m.unpublished else "targets.missing.not_loaded",
            lang,
            year=m.year,
        )
        missing.append(s)
    out["missing_text"] = " ".join(missing) if missing else None
    g = k.gap
    if g is None:
        out["takes_text"] = tr_("targets.takes.none", lang, rank=k.goal_rank)
        return out
    if g.reached:
        out["takes_text"] = tr_(
            "targets.takes.reached", lang, year=g.year, rank=g.own_rank, goal=k.goal_rank
        )
        return out
    holder = names.name(g.holder_id, lang) if g.holder_id in names.provinces else g.holder_id
    out["takes_text"] = tr_(
        "targets.takes.sentence",
        lang,
        year=g.year,
        goal=k.goal_rank,
        holder=holder,
        to_beat=fmt.number(g.score_to_beat, lang),
        province=pname,
        own=fmt.number(g.own_score, lang),
        own_rank=fmt.rank_of(g.own_rank, n_provinces(g.year), lang)
        if g.own_rank
        else tr_("common.na_short", lang),
        points=fmt.number(g.points_missing, lang),
    )
    if measure == "PCI" and not g.weights_known:
        out["takes_text"] += " " + tr_("targets.takes.no_weights", lang, year=g.year)
    out["takes_needs"] = [
        {
            "measure": n.measure,
            "label": f"{n.measure.replace('CSTP', 'CSTP ')} · {measure_name(n.measure, g.year, lang, short=True)}",
            "weight": n.weight,
            "current": n.current,
            "needed": n.needed,
            "possible": n.possible,
        }
        for n in g.needs
    ]
    return out


def _indicator_text(goals: pd.DataFrame, lang: str) -> pd.DataFrame:
    g = goals.copy()
    texts, vtexts, mtexts, btexts, labels, reasons = [], [], [], [], [], []
    for r in g.to_dict("records"):
        t = Target(
            province_id="",
            level="INDICATOR",
            metric="value",
            comparator=r["comparator"],
            target_year=r["target_year"],
            target_value=r["target_value"],
            unit=r["unit"],
            direction=r["direction"],
        )
        sym = {"le": "≤", "ge": "≥", "eq": "="}.get(r["comparator"], "")
        texts.append(f"{sym} {value_text(t, r['target_value'], None, lang)} ({r['target_year']})")
        vtexts.append(
            f"{value_text(t, r['value'], None, lang)} ({int(r['year'])})"
            if not fmt.is_missing(r["year"])
            else tr_("common.na_short", lang)
        )
        mtexts.append(value_text(t, r["median"], None, lang))
        btexts.append(value_text(t, r["best"], None, lang))
        labels.append(tr_(f"targets.status.{r['status']}", lang))
        params = r["reason_params"] if isinstance(r["reason_params"], dict) else {}
        reason = tr_(f"targets.reason.{r['reason']}", lang, **params)
        if not fmt.is_missing(r["earlier_year"]) and fmt.is_missing(r["year"]):
            reason += " " + tr_(
                "targets.reason.earlier_value",
                lang,
                year=int(r["earlier_year"]),
                value=value_text(t, r["earlier_value"], None, lang),
            )
        reasons.append(reason)
    g["target_text"], g["value_text"], g["median_text"], g["best_text"] = (
        texts,
        vtexts,
        mtexts,
        btexts,
    )
    g["status_label"], g["reason"] = labels, reasons
    return g


def _scope(year: int) -> str:
    e = editions().get(year)
    return e.published_scope if e else "top30"


def _weights(df: pd.DataFrame) -> dict[int, dict[str, float]]:
    out: dict[int, dict[str, float]] = {}
    for r in df.to_dict("records"):
        for y in range(int(r["first_year"]), int(r["last_year"]) + 1):
            out.setdefault(y, {})[r["measure"]] = float(r["weight"])
    return out
