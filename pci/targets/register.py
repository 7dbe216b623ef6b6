"""The target register's model: what a target is, and what makes one valid.

A target is what a provincial plan writes: "CSTP 8, rank 32 in 2023 → ≤ 25 in 2024, led by
the investment department", or "share of firms finding one-stop staff friendly ≥ 70 % by
2025". Every path into the register (the page's table editor, the Excel template, the example
registers, the CLI) goes through ``validate`` so a rank of 70 out of 63, a percentage of 120 or
a year VCCI never published is refused with a message that names the field — before anything
is written.

Problems are ``Issue``s (field, message key, parameters, severity). Errors block the write;
warnings (e.g. a target year after the province merged in 2025) are shown but do not.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields

from pci.reference import editions, measure_exists, n_provinces
from pci.schema import SUBINDICES

LEVELS = ("PCI", "CSTP", "INDICATOR")
METRICS = ("rank", "score", "value")
COMPARATORS = ("le", "ge", "eq", "up_n", "in_group")
DIRECTIONS = ("higher", "lower")
UNITS = ("percent", "days", "score", "count", "other")
# VCCI's ranking groups (nhóm xếp hạng), best first.
GROUPS = ("rat_tot", "tot", "kha", "trung_binh", "tuong_doi_thap", "thap")
FIRST_YEAR = 2005
LAST_TARGET_YEAR = 2040


@dataclass
class Target:
    """One target. ``target_id``/``version`` are empty for a target not yet stored."""

    province_id: str
    level: str
    metric: str
    comparator: str
    target_year: int
    measure: str | None = None
    indicator_code: str | None = None
    indicator_label: str | None = None
    unit: str | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_value: float | None = None
    target_group: str | None = None
    direction: str | None = None
    lead_unit: str | None = None
    support_units: str | None = None
    plan_ref: str | None = None
    plan_date: str | None = None
    notes: str | None = None
    example_set: str | None = None
    position: int | None = None
    target_id: str | None = None
    version: int | None = None
    deleted: bool = False

    @classmethod
    def from_mapping(cls, row: Mapping[str, object]) -> Target:
        """Build from a dict/Series, turning NaN/"" into None and numbers into their types."""
        names = {f.name for f in fields(cls)}
        kw = {k: _clean(v) for k, v in dict(row).items() if k in names}
        for k in ("target_year", "baseline_year", "position", "version"):
            if kw.get(k) is not None:
                kw[k] = int(float(kw[k]))  # type: ignore[arg-type]
        for k in ("baseline_value", "target_value"):
            if kw.get(k) is not None:
                kw[k] = float(kw[k])  # type: ignore[arg-type]
        kw["deleted"] = bool(kw.get("deleted") or False)
        for k in ("province_id", "level", "metric", "comparator"):
            kw.setdefault(k, None)
        kw.setdefault("target_year", None)
        return cls(**kw)  # type: ignore[arg-type]

    def content(self) -> dict[str, object]:
        """The editable fields (what a version records), without id/version/deleted."""
        d = asdict(self)
        for k in ("target_id", "version", "deleted"):
            d.pop(k)
        return d

    def normalized(self) -> Target:
        """Fill what follows from other fields: a PCI target's measure is PCI, an indicator's
        metric is its value, a rank's direction is lower-is-better."""
        t = Target(**asdict(self))
        if t.level == "PCI":
            t.measure = "PCI"
        if t.level == "INDICATOR":
            t.metric = "value"
        elif t.metric == "rank":
            t.direction = "lower"
        elif t.metric == "score":
            t.direction = "higher"
        if t.comparator == "up_n":
            t.metric = "rank" if t.level != "INDICATOR" else t.metric
        for k in (
            "indicator_label",
            "lead_unit",
            "support_units",
            "plan_ref",
            "plan_date",
            "notes",
        ):
            v = getattr(t, k)
            if isinstance(v, str):
                setattr(t, k, " ".join(v.split()) or None)
        return t


EDITABLE = tuple(k for k in Target.__dataclass_fields__ if k not in ("target_id", "version"))


@dataclass(frozen=True)
class Issue:
    """A problem with one field of one target: ``key`` is a message in targets.toml."""

    field: str
    key: str
    params: dict[str, object] = field(default_factory=dict)
    severity: str = "error"  # error | warning


class InvalidTarget(ValueError):
    """The target cannot be stored; carries every issue found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("; ".join(f"{i.field}: {i.key} {i.params}" for i in issues))


def validate(
    t: Target, *, provinces: Mapping[str, tuple[int, int | None]] | None = None
) -> list[Issue]:
    """Every issue with ``t`` (errors and warnings), each naming its field.

    ``provinces`` maps province id → (first_year, last_year); by default the shipped reference.
    """
    provinces = provinces if provinces is not None else _province_years()
    out: list[Issue] = []

    def err(f: str, key: str, **p: object) -> None:
        out.append(Issue(f, f"targets.v.{key}", p))

    def warn(f: str, key: str, **p: object) -> None:
        out.append(Issue(f, f"targets.v.{key}", p, "warning"))

    if not t.province_id:
        err("province_id", "required")
    elif t.province_id not in provinces:
        err("province_id", "unknown_province", value=t.province_id)
    if t.level not in LEVELS:
        err("level", "choice", value=t.level or "", choices=", ".join(LEVELS))
        return out
    if t.comparator not in COMPARATORS:
        err("comparator", "choice", value=t.comparator or "", choices=", ".join(COMPARATORS))
    allowed_metrics = ("value",) if t.level == "INDICATOR" else ("rank", "score")
    if t.metric not in allowed_metrics:
        err("metric", "metric_for_level", value=t.metric or "", choices=", ".join(allowed_metrics))
    # measure
    if t.level == "CSTP" and t.measure not in SUBINDICES:
        err("measure", "cstp_required", value=t.measure or "")
    if t.level == "INDICATOR" and t.measure and t.measure not in SUBINDICES:
        err("measure", "cstp_required", value=t.measure)
    if t.level == "INDICATOR":
        if not (t.indicator_label or t.indicator_code):
            err("indicator_label", "indicator_required")
        if t.direction not in DIRECTIONS:
            err("direction", "direction_required", value=t.direction or "")
        if t.unit is not None and t.unit not in UNITS:
            err("unit", "choice", value=t.unit, choices=", ".join(UNITS))
        if t.comparator in ("up_n", "in_group"):
            err("comparator", "comparator_for_indicator")
        elif (t.direction == "lower" and t.comparator == "ge") or (
            t.direction == "higher" and t.comparator == "le"
        ):
            warn("comparator", "comparator_against_direction")
    # years
    eds = editions()
    latest = max(eds)
    if t.target_year is None:
        err("target_year", "required")
    elif not FIRST_YEAR <= t.target_year <= LAST_TARGET_YEAR or (
        t.target_year <= latest and t.target_year not in eds
    ):
        err("target_year", "bad_year", value=t.target_year, first=FIRST_YEAR, last=LAST_TARGET_YEAR)
    if t.baseline_year is not None and t.baseline_year not in eds:
        err("baseline_year", "no_edition", value=t.baseline_year, first=min(eds), last=latest)
    if (
        t.baseline_year is not None
        and t.target_year is not None
        and t.baseline_year > t.target_year
    ):
        err("baseline_year", "baseline_after_target", value=t.baseline_year, target=t.target_year)
    if t.baseline_value is not None and t.baseline_year is None:
        err("baseline_year", "baseline_year_required")
    # the province existed
    years = provinces.get(t.province_id or "")
    if years:
        first, last = years
        for f, y in (("baseline_year", t.baseline_year), ("target_year", t.target_year)):
            if y is None:
                continue
            if y < first:
                err(f, "province_not_yet", value=y, first=first)
            elif last is not None and y > last:
                warn(f, "province_merged", value=y, last=last)
    # sub-index existed in that methodology
    if t.measure in SUBINDICES:
        for y in (t.baseline_year, t.target_year):
            if y is not None and not measure_exists(t.measure, y):
                err("measure", "measure_not_in_year", measure=t.measure, year=y)
    # values
    if t.comparator == "in_group":
        if t.level != "PCI":
            err("comparator", "group_pci_only")
        if t.target_group not in GROUPS:
            err("target_group", "choice", value=t.target_group or "", choices=", ".join(GROUPS))
    elif t.comparator == "up_n":
        if t.metric != "rank":
            err("metric", "up_n_rank")
        if t.baseline_year is None or t.baseline_value is None:
            err("baseline_value", "up_n_baseline")
        if t.target_value is None or t.target_value < 1 or t.target_value != int(t.target_value):
            err("target_value", "up_n_places", value=_show(t.target_value))
        elif t.baseline_value is not None and t.baseline_value - t.target_value < 1:
            err(
                "target_value",
                "up_n_too_far",
                value=_show(t.target_value),
                base=_show(t.baseline_value),
            )
    elif t.target_value is None:
        err("target_value", "required")
    else:
        out += _value_issues("target_value", t.target_value, t, t.target_year)
    if t.baseline_value is not None and t.level in LEVELS:
        out += _value_issues("baseline_value", t.baseline_value, t, t.baseline_year)
    return out


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "error"]


def target_rank(t: Target) -> int | None:
    """The rank a rank target asks for (``up_n``: baseline rank − N), else None."""
    if t.metric != "rank":
        return None
    if t.comparator == "up_n":
        if t.baseline_value is None or t.target_value is None:
            return None
        return int(t.baseline_value - t.target_value)
    return None if t.target_value is None else int(t.target_value)


def meets(t: Target, actual: float | None) -> bool | None:
    """Does ``actual`` satisfy the target? None when it cannot be judged."""
    if actual is None or (isinstance(actual, float) and math.isnan(actual)):
        return None
    if t.comparator == "in_group":
        return None
    if t.comparator == "up_n":
        goal = target_rank(t)
        return None if goal is None else actual <= goal
    if t.target_value is None:
        return None
    a, g = round(float(actual), 6), round(float(t.target_value), 6)
    if t.comparator == "le":
        return a <= g
    if t.comparator == "ge":
        return a >= g
    if t.comparator == "eq":
        return round(a, 2) == round(g, 2)
    return None


def better(t: Target, a: float, b: float) -> bool:
    """Is value ``a`` strictly better than ``b`` for this target's direction?"""
    lower = t.metric == "rank" or t.direction == "lower"
    return a < b if lower else a > b


# --- helpers --------------------------------------------------------------------------------


def _value_issues(f: str, v: float, t: Target, year: int | None) -> list[Issue]:
    out: list[Issue] = []
    if t.metric == "rank":
        n = n_provinces(year) if year is not None else 63
        if v != int(v) or not 1 <= v <= n:
            out.append(Issue(f, "targets.v.rank_range", {"value": _show(v), "n": n, "year": year}))
    elif t.metric == "score":
        top = 100 if t.level == "PCI" else 10
        if not 0 <= v <= top:
            out.append(Issue(f, "targets.v.score_range", {"value": _show(v), "max": top}))
    elif t.unit == "percent" and not 0 <= v <= 100:
        out.append(Issue(f, "targets.v.percent_range", {"value": _show(v)}))
    elif t.unit in ("days", "count") and v < 0:
        out.append(Issue(f, "targets.v.negative", {"value": _show(v)}))
    return out


def _show(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v == int(v):
        return str(int(v))
    return str(v)


def _clean(v: object) -> object:
    if v is None:
        return None
    try:
        if v != v:  # NaN / NA
            return None
    except (TypeError, ValueError):
        if str(v) in ("<NA>", "NaT"):
            return None
    if isinstance(v, str) and not v.strip():
        return None
    if hasattr(v, "item") and not isinstance(v, str):
        try:
            return v.item()  # numpy scalar
        except (AttributeError, ValueError):
            return v
    return v


def _province_years() -> dict[str, tuple[int, int | None]]:
    from etl.provinces import resolver

    return {pid: (p.first_year, p.last_year) for pid, p in resolver().provinces.items()}
