"""What the deck needs from the target register, and fetching it when the register exists.

The register (``pci.targets``) is built by another part of the project; the deck only needs
two small tables, declared here so that a caller (a test, the CLI, a future register) can hand
them over directly:

* **targets** — one row per target: ``measure`` (PCI, CSTP1 …), ``kind`` ("rank" or "score"),
  ``target_value``, ``target_year``, ``status`` (free text already in the user's language,
  e.g. "Đạt", "Chưa đạt") and optionally ``current_value`` and ``private``.
* **goals** — sub-indicator goals by department: ``department``, ``measure``, ``indicator``,
  ``goal`` (text as written in the plan), ``status``, optionally ``current`` and ``private``.

When the register is absent or holds nothing for the province, the slides say that no target
is registered — they never invent one.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pandas as pd

TARGET_COLUMNS = ("measure", "kind", "target_value", "target_year", "status")
GOAL_COLUMNS = ("department", "measure", "indicator", "goal", "status")


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
    return _usable(targets, TARGET_COLUMNS), _usable(goals, GOAL_COLUMNS)


def _usable(df: object, columns: tuple[str, ...]) -> pd.DataFrame | None:
    if isinstance(df, pd.DataFrame) and all(c in df.columns for c in columns):
        return df
    return None
