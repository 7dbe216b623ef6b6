"""The store of imported originals and the import log (in the state database).

Every accepted file is copied to the store under its SHA-256, and logged with who and when,
so ``pci rebuild`` can replay exactly what was imported, in order, on any machine that has the
store and the state database (``pci backup`` packs both).
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pandas as pd

from etl.build import StoredImport
from etl.readers import ReadOptions
from pci import db as pdb
from pci.config import state_path, store_dir


class ImportBusy(RuntimeError):
    """Another import or rebuild is running on this database."""


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


@contextlib.contextmanager
def import_lock(db: Path, *, wait: float = 120.0) -> Iterator[None]:
    """Serialise imports and rebuilds on one database across processes and threads.

    The second import waits (up to ``wait`` seconds) for the first to finish, then raises
    ImportBusy with a clear message rather than interleaving two builds.
    """
    lock_file = db.with_name(db.name + ".lock")
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fh = lock_file.open("a+")
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as exc:
                if time.monotonic() > deadline:
                    raise ImportBusy(str(lock_file)) from exc
                time.sleep(0.1)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        fh.close()


def accepted_imports(db: Path) -> list[StoredImport]:
    """Accepted imports in the order they were made (the order a rebuild replays them)."""
    with pdb.state(state_path(db)) as con:
        rows = con.execute("""
            SELECT batch_id, stored_as, file_name, kind, sha256, options, imported_at,
                   imported_by, sheets, rows, message
            FROM imports WHERE outcome = 'accepted' ORDER BY imported_at, batch_id""").fetchall()
    store = store_dir(db)
    out = []
    for bid, stored, fname, kind, sha, options, at, by, sheets, nrows, msg in rows:
        opts = json.loads(options or "{}")
        out.append(
            StoredImport(
                batch_id=bid,
                path=store / stored,
                file_name=fname,
                kind=kind,
                sha256=sha,
                options=ReadOptions(year=opts.get("year")),
                imported_at=at,
                imported_by=by,
                sheets=sheets,
                rows=nrows,
                message=msg,
            )
        )
    return out


def import_log(db: Path) -> pd.DataFrame:
    """The whole import log, newest first (for the data page and the published copy)."""
    with pdb.state(state_path(db)) as con:
        return con.execute("SELECT * FROM imports ORDER BY imported_at DESC, batch_id").df()


def store_original(db: Path, path: Path, sha: str) -> str:
    """Copy ``path`` into the store (write to a temp name, then rename: no half files)."""
    store = store_dir(db)
    store.mkdir(parents=True, exist_ok=True)
    stored_as = sha + path.suffix.lower()
    target = store / stored_as
    if not target.exists():
        tmp = store / f".{stored_as}.{os.getpid()}.tmp"
        shutil.copyfile(path, tmp)
        os.replace(tmp, target)
    return stored_as


def new_batch_id(sha: str) -> str:
    return datetime.now().strftime("%Y%m%dT%H%M%S%f") + "-" + sha[:8]


def log_imports(db: Path, rows: list[dict]) -> None:
    """Append rows to the import log in one transaction."""
    if not rows:
        return
    with pdb.state(state_path(db)) as con:
        for r in rows:
            con.execute(
                """
                INSERT INTO imports (batch_id, file_name, sha256, stored_as, kind, options,
                                     sheets, rows, imported_at, imported_by, outcome, message)
                VALUES ($batch_id, $file_name, $sha256, $stored_as, $kind, $options, $sheets,
                        $rows, $imported_at, $imported_by, $outcome, $message)""",
                r,
            )
