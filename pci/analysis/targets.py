"""Where each target stands: latest actual, gap, status, and what it takes. Pure maths.

Status rules (shown on the Mục tiêu page, ``targets.rules.*``). T = target year, V(y) = the
province's figure in year y (rank, score or indicator value; the province's own private
results count and are labelled "Dữ liệu nội bộ"). Only figures from the methodology period of
T are compared with the target (a 2015 value is not held against a 2025 goal).

* **đạt (met)** — V(T) is known and meets the target; or edition T is not out yet and the
  latest V(L) already meets it.
* **có nguy cơ (at risk)** — V(T) is known and misses the target; or edition T is not out yet
  and V(L) (L after the starting year) is no better than the start, or behind the straight
  line from the start to the target at year L.
* **đúng hướng (on track)** — edition T is not out yet and V(L) is better than the start and
  at or ahead of that straight line.
* **chưa có dữ liệu (no data)** — everything else: edition T is out but V(T) is not known
  (e.g. outside VCCI's published top 30 and the province's own results not loaded); no figure
  after the start; no starting point to judge the direction; or a VCCI group target (the
  groups are not in the data).

The start is the plan's baseline; without one, the earliest figure of T's period before L.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from pci.analysis.gap import RankGap, rank_gap
from pci.reference import period_of
from pci.targets.register import Target, better, meets, target_rank

STATUSES = ("met", "on_track", "at_risk", "no_data")
TOP_PUBLISHED = 30  # since 2023 VCCI publishes only the top 30


@dataclass(frozen=True)
class Evaluation:
    status: str  # met | on_track | at_risk | no_data
    reason: str  # message key under targets.reason
    params: dict[str, object] = field(default_factory=dict)
    latest_year: int | None = None
    latest_value: float | None = None
    latest_private: bool = False
    goal: float | None = None  # the value to reach (rank for up_n)
    gap: float | None = None  # goal distance: places (rank) or points/units, >0 = still to go
    baseline_other_period: bool = False


def evaluate(t: Target, figures: pd.DataFrame, latest_edition: int) -> Evaluation:
    """Status of ``t`` from ``figures`` (columns year, value, private; the province's figures
    for the target's measure and metric, in the target's unit)."""
    goal = float(target_rank(t)) if t.comparator == "up_n" else t.target_value
    figs = figures.dropna(subset=["value"]).sort_values("year") if len(figures) else figures
    latest = figs.iloc[-1] if len(figs) else None
    base_kw = {
        "latest_year": int(latest["year"]) if latest is not None else None,
        "latest_value": float(latest["value"]) if latest is not None else None,
        "latest_private": bool(latest["private"]) if latest is not None else False,
        "goal": goal,
        "baseline_other_period": t.baseline_year is not None
        and period_of(t.baseline_year) != period_of(t.target_year),
    }
    if latest is not None and goal is not None and t.comparator != "in_group":
        base_kw["gap"] = _gap(t, float(latest["value"]), goal)
    T = t.target_year
    if t.comparator == "in_group":
        return Evaluation("no_data", "group_not_in_data", {}, **base_kw)
    at_t = figs[figs["year"] == T] if len(figs) else figs
    if len(at_t):
        v = float(at_t["value"].iloc[0])
        kw = {
            **base_kw,
            "latest_year": T,
            "latest_value": v,
            "latest_private": bool(at_t["private"].iloc[0]),
            "gap": _gap(t, v, goal),
        }
        if meets(t, v):
            return Evaluation("met", "met_target_year", {"year": T}, **kw)
        return Evaluation("at_risk", "missed_target_year", {"year": T}, **kw)
    if latest_edition >= T:
        return Evaluation("no_data", "target_year_missing", {"year": T}, **base_kw)
    period = period_of(T)
    inp = figs[[period_of(int(y)) == period for y in figs["year"]]] if len(figs) else figs
    if not len(inp):
        return Evaluation("no_data", "no_figure_in_period", {"period": period.period_id}, **base_kw)
    last = inp.iloc[-1]
    L, vl = int(last["year"]), float(last["value"])
    kw = {
        **base_kw,
        "latest_year": L,
        "latest_value": vl,
        "latest_private": bool(last["private"]),
        "gap": _gap(t, vl, goal),
    }
    if meets(t, vl):
        return Evaluation("met", "met_early", {"year": L, "target_year": T}, **kw)
    if t.baseline_year is not None and t.baseline_value is not None:
        B, b = t.baseline_year, t.baseline_value
    else:
        earlier = inp[inp["year"] < L]
        if not len(earlier):
            return Evaluation("no_data", "no_trend", {"year": L}, **kw)
        B, b = int(earlier["year"].iloc[0]), float(earlier["value"].iloc[0])
    if L <= B:
        return Evaluation("no_data", "no_figure_after_baseline", {"year": B}, **kw)
    if goal is None or not better(t, vl, b):
        return Evaluation("at_risk", "not_better_than_start", {"year": L, "start": B}, **kw)
    expected = b + (goal - b) * (L - B) / (T - B)
    if vl == expected or better(t, vl, expected):
        return Evaluation("on_track", "ahead_of_line", {"year": L, "start": B}, **kw)
    return Evaluation("at_risk", "behind_line", {"year": L, "start": B}, **kw)


def _gap(t: Target, value: float, goal: float | None) -> float | None:
    """Distance still to go (positive) or beyond the goal (≤ 0), in the target's units."""
    if goal is None:
        return None
    lower = t.metric == "rank" or t.direction == "lower"
    g = value - goal if lower else goal - value
    return round(g, 2)


# --- what it takes (rank targets) -------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """A figure the calculation needs that is not in the data."""

    what: str  # own_score | score_at_rank
    year: int
    measure: str
    rank: int | None  # the rank whose score is missing (score_at_rank), or own rank if known
    unpublished: bool  # True when VCCI did not publish it (outside the top 30 since 2023)


@dataclass(frozen=True)
class Takes:
    goal_rank: int
    year: int | None  # the year the calculation uses (latest with all figures)
    gap: RankGap | None
    missing: list[Missing] = field(default_factory=list)  # for years after ``year``
    weights_known: bool = False


def what_it_takes(
    t: Target,
    editions: Mapping[int, pd.DataFrame],
    subscores: Mapping[int, Mapping[str, float | None]],
    weights: Mapping[int, Mapping[str, float]],
    scope: Callable[[int], str],
) -> Takes | None:
    """For a rank target: per year (newest first, up to T), the score of whoever holds the
    goal rank, the points missing and the need per sub-index (``pci.analysis.gap``).

    ``editions[year]`` = that edition's figures for the target's measure (province_id, score,
    rank); only years in which the province has a figure are considered. The first year with
    every figure known is used; for the newest year with data the missing figures are named.
    ``scope(year)`` is 'all' or 'top30'.
    """
    if t.metric != "rank" or t.comparator == "in_group":
        return None
    goal = target_rank(t)
    if goal is None:
        return None
    measure = t.measure or "PCI"
    missing: list[Missing] = []
    # Only years from the baseline's methodology period on (the target's period without a
    # baseline): a gap in an older period's scores says nothing about the target.
    try:
        first = period_of(t.baseline_year or t.target_year).first_year
    except KeyError:  # a year outside every known period
        first = min(editions, default=t.target_year)
    for year in sorted((y for y in editions if first <= y <= t.target_year), reverse=True):
        df = editions[year]
        own = df[df["province_id"] == t.province_id]
        if own.empty or (own["score"].isna().all() and own["rank"].isna().all()):
            continue
        g = rank_gap(
            df,
            t.province_id,
            goal,
            year=year,
            measure=measure,
            weights=weights.get(year) or None,
            subscores=subscores.get(year),
        )
        if g.points_missing is not None:
            return Takes(goal, year, g, missing, bool(weights.get(year)))
        if missing:  # name the gaps of the newest year with data only
            continue
        own_rank = g.own_rank
        for key in g.missing:
            r = own_rank if key == "own_score" else goal
            top30 = scope(year) == "top30"
            unpublished = top30 and (r is None or r > TOP_PUBLISHED)
            missing.append(Missing(key, year, measure, r, unpublished))
    return Takes(goal, None, None, missing, False)


# --- indicator goals --------------------------------------------------------------------------


def fold(text: object) -> str:
    """Match key for indicator names: no case, diacritics, punctuation or spacing differences."""
    s = unicodedata.normalize("NFC", str(text)).replace("Đ", "D").replace("đ", "d")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in s).split())


def indicator_goals(
    targets: pd.DataFrame,
    values: pd.DataFrame,
    imap: pd.DataFrame,
    n_of: Callable[[int], int],
    latest_edition: int,
) -> pd.DataFrame:
    """One row per indicator target: matched?, latest value, national median, best province,
    met?, at least as good as the median? — direction-aware.

    ``values``: pci_indicator_values rows (year, province_id, measure, indicator_code,
    indicator_name_vi, unit, value, source_kind), all provinces. ``imap``: the mapping file
    (plan_label, vcci_name_vi, measure …). The median and the best are given only for a year in
    which every province has a value (otherwise they would describe a subset).
    """
    vals = values.copy()
    vals["_key"] = vals["indicator_name_vi"].map(fold) if len(vals) else []
    by_plan: dict[str, list[Mapping]] = {}
    for r in imap.to_dict("records"):
        by_plan.setdefault(fold(r["plan_label"]), []).append(r)
    rows = []
    for rec in targets.to_dict("records"):
        t = Target.from_mapping(rec)
        label = t.indicator_label or ""
        maps = by_plan.get(fold(label), [])
        names = {fold(label)} | {fold(m["vcci_name_vi"]) for m in maps}
        codes = {t.indicator_code} if t.indicator_code else set()
        hit = (
            vals[vals["_key"].isin(names) | vals["indicator_code"].isin(codes)]
            if len(vals)
            else vals
        )
        matched = bool(maps) or bool(codes) or len(hit) > 0
        map_measure = next((m["measure"] for m in maps if _s(m.get("measure"))), None)
        out = {
            "target_id": t.target_id,
            "version": t.version,
            "position": t.position,
            "indicator_label": label,
            "lead_unit": t.lead_unit,
            "support_units": t.support_units,
            "direction": t.direction,
            "unit": t.unit,
            "comparator": t.comparator,
            "target_value": t.target_value,
            "target_year": t.target_year,
            "plan_ref": t.plan_ref,
            "matched": matched,
            "measure": t.measure or map_measure,
            "year": None,
            "value": None,
            "private": False,
            "matched_name": None,
            "median": None,
            "best": None,
            "best_province": None,
            "complete": False,
            "met": None,
            "at_least_median": None,
            "earlier_year": None,
            "earlier_value": None,
            "status": "no_data",
            "reason": "unmatched" if not matched else "no_value",
            "reason_params": {},
        }
        own = hit[hit["province_id"] == t.province_id] if len(hit) else hit
        if len(own):
            own = own.assign(
                value_t=[
                    _to_unit(v, u, t.unit) for v, u in zip(own["value"], own["unit"], strict=True)
                ]
            )
            units = sorted({str(u) for u in own["unit"]})
            own = own.dropna(subset=["value_t"]).sort_values("year")
            if not len(own):  # values exist but in a unit that cannot be compared
                out["reason"] = "unit_mismatch"
                out["reason_params"] = {"units": ", ".join(units), "unit": t.unit or ""}
        if len(own):
            period = period_of(t.target_year)
            inp = own[[period_of(int(y)) == period for y in own["year"]]]
            older = own[[period_of(int(y)) != period for y in own["year"]]]
            if len(older):
                out["earlier_year"] = int(older["year"].iloc[-1])
                out["earlier_value"] = float(older["value_t"].iloc[-1])
            figs = pd.DataFrame(
                {
                    "year": own["year"],
                    "value": own["value_t"],
                    "private": own["source_kind"] == "private",
                }
            )
            ev = evaluate(t, figs, latest_edition)
            out.update(status=ev.status, reason=ev.reason, reason_params=ev.params)
            if len(inp):
                last = inp.iloc[-1]
                y = int(last["year"])
                out.update(
                    year=y,
                    value=float(last["value_t"]),
                    private=last["source_kind"] == "private",
                    matched_name=last["indicator_name_vi"],
                    measure=out["measure"] or last["measure"],
                )
                out["met"] = meets(t, out["value"])
                same = hit[(hit["year"] == y) & (hit["_key"] == last["_key"])]
                same = same.assign(
                    value_t=[
                        _to_unit(v, u, t.unit)
                        for v, u in zip(same["value"], same["unit"], strict=True)
                    ]
                ).dropna(subset=["value_t"])
                same = same.drop_duplicates("province_id")
                if len(same) >= n_of(y):
                    out["complete"] = True
                    out["median"] = float(same["value_t"].median())
                    lower = t.direction == "lower"
                    best = same.sort_values(
                        ["value_t", "province_id"], ascending=[lower, True]
                    ).iloc[0]
                    out["best"], out["best_province"] = float(best["value_t"]), best["province_id"]
                    v, m = out["value"], out["median"]
                    out["at_least_median"] = v <= m if lower else v >= m
        rows.append(out)
    cols = list(rows[0]) if rows else ["target_id"]
    df = pd.DataFrame(rows, columns=cols)
    for c in ("year", "earlier_year", "position", "target_year"):
        if c in df:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    return df


def summary(goals: pd.DataFrame) -> dict[str, int]:
    """The counts committees report by hand: met, at least the median, no data, unmatched."""
    n = len(goals)
    if not n:
        return {"n": 0, "met": 0, "median": 0, "no_value": 0, "unmatched": 0}
    return {
        "n": n,
        "met": int((goals["met"] == True).sum()),  # noqa: E712 (None-aware)
        "median": int((goals["at_least_median"] == True).sum()),  # noqa: E712
        "no_value": int(goals["value"].isna().sum()),
        "unmatched": int((~goals["matched"].astype(bool)).sum()),
    }


def _to_unit(value: object, unit: object, target_unit: str | None) -> float | None:
    """A data value in the target's unit: VCCI's 0–1 shares become percentages."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    v = float(value)  # type: ignore[arg-type]
    u = str(unit or "")
    if target_unit == "percent" and u == "share":
        return round(v * 100, 6)
    if target_unit == "percent" and u not in ("percent", "share"):
        return None  # e.g. a score or days: not comparable with a percentage goal
    if target_unit in ("days", "count") and u not in (target_unit, "", "other"):
        return None
    return v


def _s(v: object) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = str(v).strip()
    return s or None
