"""One-file backups of everything the dashboard knows, and restoring them safely.

A backup is a zip holding the published database, the state database (targets and their
history, the import log, sign-ins) and every imported original from the store, plus
``manifest.json`` with the SHA-256 and size of each member. Editor accounts are operator
configuration, not data: they are not in the backup.

``restore`` checks everything before it touches anything — the manifest, every checksum,
member names (no ``..``), that both databases open — and refuses while an import holds the
lock. It then keeps the current databases in ``backups/pre-restore-<time>/`` beside them, adds
the originals to the store (content-addressed, so adding never harms), and swaps the state and
then the published database in with ``os.replace``. A reader sees the old build or the
restored one. Should the process die between the two swaps, the published build is behind
the import log and ``ensure_built`` (run by ``pci serve`` and the app) rebuilds it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

import duckdb

from etl.store import ImportBusy, import_lock
from pci import db as pdb
from pci.config import state_path, store_dir

FORMAT = "pci-backup"
FORMAT_VERSION = 1
PUBLISHED, STATE, STORE = "published.duckdb", "state.duckdb", "store"
MAX_MEMBER_BYTES = 4 * 1024**3  # a member larger than this is not one of ours


class BackupInvalid(ValueError):
    """The file is not a usable backup; ``key`` and ``params`` say why (nothing changed)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        super().__init__(f"{key} {params}")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: str
    files: int  # imported originals
    size: int


def backup(db: Path, out: Path) -> BackupInfo:
    """Write a backup of ``db``, its state database and its store to ``out`` (atomically).

    Holds the import lock so the three parts belong together (waits for a running import).
    """
    out = out.expanduser().resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}-{uuid.uuid4().hex[:6]}.tmp")
    created = datetime.now().replace(microsecond=0).isoformat()
    members: dict[str, dict[str, object]] = {}
    with import_lock(db, wait=30.0):
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                if db.exists():
                    _add(zf, members, PUBLISHED, db)
                state = state_path(db)
                if state.exists():
                    with _state_snapshot(state) as snap:
                        _add(zf, members, STATE, snap)
                store = store_dir(db)
                if store.is_dir():
                    for f in sorted(store.iterdir()):
                        if f.is_file() and not f.name.startswith("."):
                            _add(zf, members, f"{STORE}/{f.name}", f)
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "created_at": created,
                    "members": members,
                }
                zf.writestr("manifest.json", json.dumps(manifest, indent=2))
            os.replace(tmp, out)
        finally:
            tmp.unlink(missing_ok=True)
    n = sum(1 for m in members if m.startswith(STORE + "/"))
    return BackupInfo(out, created, n, out.stat().st_size)


def restore(db: Path, src: Path, *, wait: float = 0.0) -> tuple[BackupInfo, Path]:
    """Replace ``db``'s data with the backup ``src``; returns the info and where the old
    databases were kept. Raises BackupInvalid (nothing changed) or ImportBusy."""
    staging = db.parent / f".restore-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        manifest = _extract_verified(src, staging)
        for role in (PUBLISHED, STATE):
            if role in manifest["members"]:
                _check_opens(src, staging / role, role)
        with import_lock(db, wait=wait):
            aside = (
                db.parent / "backups" / ("pre-restore-" + datetime.now().strftime("%Y%m%dT%H%M%S"))
            )
            aside.mkdir(parents=True, exist_ok=True)
            state = state_path(db)
            if db.exists():
                shutil.copy2(db, aside / db.name)
            if state.exists():
                with _state_snapshot(state) as snap:
                    shutil.copy2(snap, aside / state.name)
            store = store_dir(db)
            store.mkdir(parents=True, exist_ok=True)
            for f in sorted((staging / STORE).glob("*")) if (staging / STORE).is_dir() else []:
                target = store / f.name
                if not target.exists():
                    os.replace(f, target)
            if (staging / STATE).exists():
                # Holding the old file's write lock while swapping: no thread or process is
                # mid-transaction on it, and the next one to connect opens the restored file.
                with pdb._STATE_LOCK:
                    con = _connect_retry(state) if state.exists() else None
                    try:
                        if con is not None:
                            con.execute("CHECKPOINT")
                        os.replace(staging / STATE, state)
                    finally:
                        if con is not None:
                            con.close()
                    with contextlib.suppress(FileNotFoundError):
                        state.with_name(state.name + ".wal").unlink()
            if (staging / PUBLISHED).exists():
                os.replace(staging / PUBLISHED, db)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    n = sum(1 for m in manifest["members"] if m.startswith(STORE + "/"))
    return BackupInfo(src, str(manifest.get("created_at", "?")), n, src.stat().st_size), aside


def verify(src: Path) -> dict:
    """Check a backup without restoring it (manifest, checksums, databases open)."""
    staging = Path(os.environ.get("TMPDIR", "/tmp")) / f"pci-verify-{uuid.uuid4().hex[:8]}"
    try:
        manifest = _extract_verified(src, staging)
        for role in (PUBLISHED, STATE):
            if role in manifest["members"]:
                _check_opens(src, staging / role, role)
        return manifest
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# --- helpers -------------------------------------------------------------------------------


def _add(zf: zipfile.ZipFile, members: dict, name: str, path: Path) -> None:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    zf.write(path, name)
    members[name] = {"sha256": h.hexdigest(), "size": path.stat().st_size}


@contextlib.contextmanager
def _state_snapshot(state: Path):
    """A consistent copy of the state database: taken while holding its write lock (no other
    process can be writing), after a checkpoint (no pending WAL)."""
    tmp = state.with_name(f".{state.name}.{os.getpid()}-{uuid.uuid4().hex[:6]}.snap")
    try:
        with pdb.state(state):  # waits out other writers; creates missing tables
            pass
        with pdb._STATE_LOCK:
            con = _connect_retry(state)
            try:
                con.execute("CHECKPOINT")
                shutil.copyfile(state, tmp)
            finally:
                con.close()
        yield tmp
    finally:
        tmp.unlink(missing_ok=True)


def _connect_retry(path: Path, timeout: float = 15.0) -> duckdb.DuckDBPyConnection:
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            return duckdb.connect(str(path))
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise pdb.DatabaseBusy(str(exc)) from exc
            time.sleep(0.05)


def _extract_verified(src: Path, staging: Path) -> dict:
    try:
        zf = zipfile.ZipFile(src)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupInvalid("restore.not_a_backup", path=str(src), detail=str(exc)[:120]) from exc
    with zf:
        try:
            manifest = json.loads(zf.read("manifest.json"))
        except (KeyError, ValueError) as exc:
            raise BackupInvalid(
                "restore.not_a_backup", path=str(src), detail="manifest.json"
            ) from exc
        if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
            raise BackupInvalid("restore.not_a_backup", path=str(src), detail="format")
        members = manifest.get("members") or {}
        names = set(zf.namelist()) - {"manifest.json"}
        if set(members) != names:
            raise BackupInvalid(
                "restore.not_a_backup",
                path=str(src),
                detail="members: " + ", ".join(sorted(set(members) ^ names))[:120],
            )
        staging.mkdir(parents=True)
        for name, meta in members.items():
            pure = PurePosixPath(name)
            ok_name = name in (PUBLISHED, STATE) or (
                len(pure.parts) == 2 and pure.parts[0] == STORE and not pure.name.startswith(".")
            )
            info = zf.getinfo(name)
            if not ok_name or ".." in pure.parts or info.file_size > MAX_MEMBER_BYTES:
                raise BackupInvalid("restore.not_a_backup", path=str(src), detail=name[:80])
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            h = hashlib.sha256()
            with zf.open(info) as fin, target.open("wb") as fout:
                for chunk in iter(lambda fin=fin: fin.read(1 << 20), b""):
                    h.update(chunk)
                    fout.write(chunk)
            if h.hexdigest() != meta.get("sha256"):
                raise BackupInvalid("restore.checksum", path=str(src), member=name)
    return manifest


def _check_opens(src: Path, path: Path, role: str) -> None:
    table = "build_info" if role == PUBLISHED else "imports"
    try:
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"ATTACH '{str(path).replace(chr(39), chr(39) * 2)}' AS b (READ_ONLY)")
            con.execute(f"SELECT count(*) FROM b.{table}").fetchone()
        finally:
            con.close()
    except duckdb.Error as exc:
        raise BackupInvalid(
            "restore.bad_db", path=str(src), member=role, detail=str(exc)[:120]
        ) from exc


__all__ = ["BackupInfo", "BackupInvalid", "ImportBusy", "backup", "restore", "verify"]
