"""Keeping the target register: every edit recorded, nothing silently overwritten.

The register lives in the **state** database (``pci.config.state_path``), which no import or
rebuild replaces. Each change is one short transaction through ``pci.db.state`` that writes
the new current row in ``targets`` *and* appends the same row to ``target_history`` — so who
changed what, and when, is never lost, and undo can always go back.

Concurrency is optimistic: an edit carries the version it started from. If someone saved the
same target in between, the edit is refused with ``StaleEdit`` (naming who and when) instead of
overwriting their work. The check and the write happen in one transaction while this process
holds the state database's lock, so two processes or threads cannot both pass the check.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from pci import db as pdb
from pci.schema import STATE_TABLES
from pci.targets.register import InvalidTarget, Target, errors, validate

_TABLE = next(t for t in STATE_TABLES if t.name == "targets")
COLUMNS: tuple[str, ...] = tuple(c.name for c in _TABLE.columns)
_CONTENT = tuple(c for c in COLUMNS if c not in ("target_id", "version", "edited_by", "edited_at"))


class StaleEdit(RuntimeError):
    """The target changed since the editor loaded it; their edit was not applied."""

    def __init__(self, target_id: str, expected: int, current: int, by: str, at: datetime) -> None:
        self.target_id, self.expected, self.current, self.by, self.at = (
            target_id,
            expected,
            current,
            by,
            at,
        )
        super().__init__(
            f"target {target_id}: you started from version {expected}, but version {current} "
            f"was saved by {by} at {at:%Y-%m-%d %H:%M}; reload and edit again"
        )


class TargetNotFound(KeyError):
    """No target with that id."""


class NothingToUndo(RuntimeError):
    """The target has a single version and is already deleted."""


@dataclass(frozen=True)
class Saved:
    target_id: str
    version: int
    action: str


def list_targets(
    state: Path,
    province_id: str | None = None,
    *,
    include_deleted: bool = False,
    examples: bool = True,
) -> pd.DataFrame:
    """Current targets (all provinces, or one), in plan order. Loads the shipped example
    registers the first time the register is opened (``examples=False`` skips that)."""
    if examples:
        from pci.targets.examples import ensure_examples

        ensure_examples(state)
    sql = "SELECT * FROM targets WHERE ($p IS NULL OR province_id = $p)"
    if not include_deleted:
        sql += " AND NOT deleted"
    sql += " ORDER BY province_id, plan_ref NULLS LAST, position NULLS LAST, edited_at, target_id"
    with pdb.state(state) as con:
        return con.execute(sql, {"p": province_id}).df()


def get(state: Path, target_id: str) -> Target:
    with pdb.state(state) as con:
        row = _current(con, target_id)
    return Target.from_mapping(row)


def history(
    state: Path, target_id: str | None = None, province_id: str | None = None
) -> pd.DataFrame:
    """Every version (newest first) of one target, or of all targets of a province."""
    with pdb.state(state) as con:
        return con.execute(
            """SELECT * FROM target_history
               WHERE ($t IS NULL OR target_id = $t) AND ($p IS NULL OR province_id = $p)
               ORDER BY edited_at DESC, target_id, version DESC""",
            {"t": target_id, "p": province_id},
        ).df()


def create(state: Path, target: Target, user: str, *, action: str = "create") -> Saved:
    """Add a new target (validated); returns its id and version 1."""
    with pdb.state(state) as con:
        return _create(con, target, user, action)


def update(
    state: Path, target_id: str, changes: Mapping[str, object], base_version: int, user: str
) -> Saved:
    """Apply ``changes`` to a target last seen at ``base_version`` (StaleEdit if it moved on).

    An edit that changes nothing is not recorded (returns the current version).
    """
    with pdb.state(state) as con:
        return _update(con, target_id, changes, base_version, user, "edit")


def delete(state: Path, target_id: str, base_version: int, user: str) -> Saved:
    """Soft delete: hidden from pages and exports, kept in history, recoverable by restore."""
    with pdb.state(state) as con:
        return _set_deleted(con, target_id, True, base_version, user, "delete")


def restore(state: Path, target_id: str, base_version: int, user: str) -> Saved:
    with pdb.state(state) as con:
        return _set_deleted(con, target_id, False, base_version, user, "restore")


def undo(state: Path, target_id: str, base_version: int, user: str) -> Saved:
    """Go back to the previous version's content, recorded as a new version (history is never
    rewritten, so an undo can itself be undone). Undoing a creation deletes the target."""
    with pdb.state(state) as con:
        cur = _current(con, target_id)
        _check_version(cur, base_version)
        v = int(cur["version"])
        if v == 1:
            if cur["deleted"]:
                raise NothingToUndo(target_id)
            return _write(con, {**cur, "deleted": True}, v + 1, user, "undo")
        prev = con.execute(
            "SELECT * FROM target_history WHERE target_id = $t AND version = $v",
            {"t": target_id, "v": v - 1},
        ).df()
        row = prev.iloc[0].to_dict()
        return _write(con, row, v + 1, user, "undo")


def apply_batch(
    state: Path,
    creates: Iterable[Target],
    edits: Iterable[tuple[str, dict, int]],
    user: str,
    *,
    action: str = "import",
) -> list[Saved]:
    """Create and edit many targets in ONE transaction: all are recorded or none (an import
    with one stale row changes nothing)."""
    out: list[Saved] = []
    with pdb.state(state) as con:
        for t in creates:
            out.append(_create(con, t, user, action))
        for target_id, changes, base in edits:
            out.append(_update(con, target_id, changes, base, user, action))
    return out


# --- inside a transaction -------------------------------------------------------------------


def _create(con: duckdb.DuckDBPyConnection, target: Target, user: str, action: str) -> Saved:
    t = target.normalized()
    problems = errors(validate(t))
    if problems:
        raise InvalidTarget(problems)
    row = {**t.content(), "target_id": t.target_id or uuid.uuid4().hex[:12], "deleted": False}
    if con.execute(
        "SELECT 1 FROM targets WHERE target_id = $t", {"t": row["target_id"]}
    ).fetchone():
        raise ValueError(f"target {row['target_id']} already exists")
    return _write(con, row, 1, user, action)


def _update(
    con: duckdb.DuckDBPyConnection,
    target_id: str,
    changes: Mapping[str, object],
    base_version: int,
    user: str,
    action: str,
) -> Saved:
    cur = _current(con, target_id)
    _check_version(cur, base_version)
    unknown = set(changes) - set(_CONTENT)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    merged = Target.from_mapping({**cur, **changes}).normalized()
    problems = errors(validate(merged))
    if problems:
        raise InvalidTarget(problems)
    new = {**merged.content(), "target_id": target_id, "deleted": bool(cur["deleted"])}
    if _same(new, cur):
        return Saved(target_id, int(cur["version"]), "unchanged")
    return _write(con, new, int(cur["version"]) + 1, user, action)


def _set_deleted(con, target_id: str, deleted: bool, base: int, user: str, action: str) -> Saved:
    cur = _current(con, target_id)
    _check_version(cur, base)
    if bool(cur["deleted"]) == deleted:
        return Saved(target_id, int(cur["version"]), "unchanged")
    return _write(con, {**cur, "deleted": deleted}, int(cur["version"]) + 1, user, action)


def _write(con, row: Mapping[str, object], version: int, user: str, action: str) -> Saved:
    values = {c: _py(row.get(c)) for c in _CONTENT}
    values.update(
        target_id=row["target_id"],
        version=version,
        deleted=bool(row.get("deleted") or False),
        edited_by=user or "unknown",
        edited_at=datetime.now(UTC).replace(tzinfo=None),
    )
    cols = list(COLUMNS)
    params = {c: values[c] for c in cols}
    placeholders = ", ".join(f"${c}" for c in cols)
    con.execute("DELETE FROM targets WHERE target_id = $target_id", {"target_id": row["target_id"]})
    con.execute(f"INSERT INTO targets ({', '.join(cols)}) VALUES ({placeholders})", params)
    con.execute(
        f"INSERT INTO target_history ({', '.join(cols)}, action) VALUES ({placeholders}, $action)",
        {**params, "action": action},
    )
    return Saved(str(row["target_id"]), version, action)


def _current(con, target_id: str) -> dict:
    df = con.execute("SELECT * FROM targets WHERE target_id = $t", {"t": target_id}).df()
    if df.empty:
        raise TargetNotFound(target_id)
    return df.iloc[0].to_dict()


def _check_version(cur: Mapping[str, object], base_version: int) -> None:
    if int(cur["version"]) != int(base_version):
        raise StaleEdit(
            str(cur["target_id"]),
            int(base_version),
            int(cur["version"]),  # type: ignore[arg-type]
            str(cur["edited_by"]),
            pd.Timestamp(cur["edited_at"]).to_pydatetime(),  # type: ignore[arg-type]
        )


def _same(new: Mapping[str, object], cur: Mapping[str, object]) -> bool:
    for c in _CONTENT:
        a, b = _py(new.get(c)), _py(cur.get(c))
        if isinstance(a, float) and isinstance(b, float | int):
            if round(a, 9) != round(float(b), 9):
                return False
        elif a != b:
            return False
    return True


def _py(v: object) -> object:
    from pci.targets.register import _clean

    v = _clean(v)
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    return v
