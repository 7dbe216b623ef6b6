"""What the deck needs from the target register, and fetching it when the register exists.

The register (``pci.targets``) is built by another part of the project; the deck only needs
two small tables, declared here so that a caller (a test, the CLI, a future register) can hand
them over directly:

* **targets** — one row per target: ``measure`` (PCI, CSTP1 …), ``kind`` ("rank" or "score"),
  ``target_value``, ``target_year``, ``status`` (free text already in the user's language,
  e.g. "Đạt", "Chưa đạt") and optionally ``current_value`` and ``private``.
  Optional: ``target_text`` (the goal as the plan states it, "≤ 25/63 (2025)").
* **goals** — sub-indicator goals by department: ``department``, ``indicator``, ``goal`` (text
  as written in the plan), ``status``, optionally ``measure``, ``current`` and ``private``.

``from_register`` turns what ``pci.targets.report`` returns (its own, richer columns) into
these two tables.

When the register is absent or holds nothing for the province, the slides say that no target
is registered — they never invent one.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd

TARGET_COLUMNS = ("measure", "kind", "target_value", "target_year", "status")
GOAL_COLUMNS = ("department", "indicator", "goal", "status")


class BadInput(ValueError):
    """A targets or goals table lacks a column the deck needs."""


def check(df: pd.DataFrame | None, columns: tuple[str, ...], what: str) -> pd.DataFrame | None:
    """Return ``df`` unchanged when it has ``columns``; None when it is None."""
    if df is None:
        return None
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise BadInput(f"{what}: missing column(s) {', '.join(missing)}")
    return df


def fetch(
    db: Path,
    state_path: Path | None,
    province_id: str,
    year: int,
    lang: str,
    include_private: bool = False,
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """(targets, goals) from ``pci.targets.report`` when that module exists, else (None, None).

    The register may answer with a dict (``{"targets": df, "goals": df}``), a pair, or a single
    frame of targets; anything without the columns above is treated as "no register".
    """
    try:
        mod = importlib.import_module("pci.targets")
    except ImportError:
        return None, None
    report = getattr(mod, "report", None)
    if report is None or state_path is None or not Path(state_path).exists():
        return None, None
    result = report(db, state_path, province_id, year, lang, include_private=include_private)
    if isinstance(result, dict):
        targets, goals = result.get("targets"), result.get("goals")
    elif isinstance(result, tuple) and len(result) == 2:
        targets, goals = result
    else:
        targets, goals = result, None
    return from_register(targets, goals)


def from_register(
    targets: object, goals: object
) -> tuple[pd.DataFrame | None, pd.DataFrame | None]:
    """The register's report → the deck's two tables (already-fitting frames pass through).

    Register columns used: targets — measure, metric (rank|score), goal (the rank or score to
    reach), target_value, target_year, target_text, status_label, latest_private; indicator
    goals — lead_unit, indicator_label, target_text, value_text, status_label, private.
    """
    return _targets(targets), _goals(goals)


def _targets(df: object) -> pd.DataFrame | None:
    if not isinstance(df, pd.DataFrame):
        return None
    if all(c in df.columns for c in TARGET_COLUMNS):
        return df
    if df.empty and "status" in df.columns:
        return df.reindex(columns=list(TARGET_COLUMNS))
    if not {"metric", "target_year", "status_label"} <= set(df.columns):
        return None
    df = df[df["metric"].isin(["rank", "score"])]
    goal = df["goal"] if "goal" in df.columns else df["target_value"]
    out = pd.DataFrame(
        {
            "measure": df["measure"].fillna("PCI") if "measure" in df else "PCI",
            "kind": df["metric"],
            "target_value": goal.where(goal.notna(), df.get("target_value")),
            "target_year": df["target_year"],
            "status": df["status_label"],
        }
    )
    if "target_text" in df:
        out["target_text"] = df["target_text"]
    if "baseline_year" in df:
        out["baseline_year"] = df["baseline_year"]
    if "latest_private" in df:
        out["private"] = df["latest_private"].fillna(False).astype(bool)
    return out.reset_index(drop=True)


def _goals(df: object) -> pd.DataFrame | None:
    if not isinstance(df, pd.DataFrame):
        return None
    if all(c in df.columns for c in GOAL_COLUMNS):
        return df
    if not {"indicator_label", "target_text", "status_label"} <= set(df.columns):
        return None
    out = pd.DataFrame(
        {
            "department": df.get("lead_unit"),
            "indicator": df["indicator_label"],
            "goal": df["target_text"],
            "status": df["status_label"],
        }
    )
    if "value_text" in df:
        out["current"] = df["value_text"]
    if "private" in df:
        out["private"] = df["private"].fillna(False).astype(bool)
    out.attrs = dict(df.attrs)
    return out.reset_index(drop=True)
