"""Opening the two databases safely while other processes read and write them.

DuckDB lets one process write a file and then blocks every other process from opening it,
even read-only. So:

* the **published** database is never written in place: a build writes a temporary file in
  the same folder, checkpoints it, closes it and ``os.replace``s it over the old one. Readers
  open a fresh read-only connection per query by ATTACHing the file to an in-memory database
  (a plain ``duckdb.connect(path)`` would hand back the old, replaced database while any other
  connection to that path is open in the process). A reader therefore sees the old build or
  the new one, never a mix.
* the **state** database (targets, history, import log) is written in place, in short
  transactions: a process-wide lock serialises this process's threads and a retry loop waits
  out another process's lock.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb

from pci.schema import state_ddl


class DatabaseMissing(FileNotFoundError):
    """The published database has not been built yet (run `pci rebuild`)."""


class DatabaseBusy(RuntimeError):
    """Another process holds the state database for longer than we are willing to wait."""


def version(db: Path) -> tuple[int, int, int]:
    """A value that changes whenever a build is swapped in: cache keys use it."""
    try:
        st = os.stat(db)
    except FileNotFoundError:
        return (0, 0, 0)
    return (st.st_ino, st.st_mtime_ns, st.st_size)


@contextlib.contextmanager
def read(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the current build of the published database."""
    if not db.exists():
        raise DatabaseMissing(str(db))
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{_sql_path(db)}' AS pci (READ_ONLY)")
        con.execute("USE pci")
        yield con
    finally:
        con.close()


def query_df(db: Path, sql: str, params: dict[str, object] | list[object] | None = None):
    """Run one query against the published database and return a pandas DataFrame."""
    with read(db) as con:
        return con.execute(sql, params or {}).df()


@contextlib.contextmanager
def write_new(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a fresh temporary database that replaces ``db`` only on success.

    If the block raises, the temporary file is deleted and ``db`` is untouched: a failed or
    killed build leaves the previous state (at worst a stray ``*.tmp-*`` file, removed by the
    next build).
    """
    db.parent.mkdir(parents=True, exist_ok=True)
    for stray in db.parent.glob(db.name + ".tmp-*"):
        with contextlib.suppress(OSError):
            if time.time() - stray.stat().st_mtime > 3600:
                stray.unlink()
    tmp = db.with_name(f"{db.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    con = duckdb.connect(str(tmp))
    ok = False
    try:
        yield con
        con.execute("CHECKPOINT")
        ok = True
    finally:
        con.close()
        if ok:
            os.replace(tmp, db)
        else:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()


_STATE_LOCK = threading.RLock()


@contextlib.contextmanager
def state(path: Path, *, timeout: float = 15.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write transaction on the state database (created on first use).

    The whole block is one transaction: it commits if the block returns and rolls back if it
    raises, so an edit is either fully recorded or not at all — also if the process is killed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    with _STATE_LOCK:
        while True:
            try:
                con = duckdb.connect(str(path))
                break
            except duckdb.IOException as exc:  # another process holds the file lock
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise DatabaseBusy(str(exc)) from exc
                time.sleep(0.05)
        try:
            for ddl in state_ddl():
                con.execute(ddl)
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        finally:
            con.close()


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
