"""Import in the browser: stage uploaded files, preview (dry run), confirm.

The preview and the import are the very same ``etl.load.load_paths`` that ``pci load`` runs
(first with ``dry_run=True``), so the browser gets the same guarantees: all or nothing,
serialised by the import lock, the original stored by SHA-256, the whole database rebuilt,
checked and swapped. Uploaded bytes are written to a private staging folder beside the
database and removed after the import or when the user starts over.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.load import LoadSummary, load_paths
from etl.readers import ReadOptions
from pci.i18n import t

_UNSAFE = re.compile(r"[^\w.\- ]+")


@dataclass
class Staged:
    """Uploaded files written to disk, with the names the user knows them by."""

    folder: Path
    paths: list[Path] = field(default_factory=list)
    names: dict[Path, str] = field(default_factory=dict)
    fingerprint: str = ""


def fingerprint(files: list[tuple[str, bytes]], year: int | None) -> str:
    h = hashlib.sha256(str(year).encode())
    for name, data in files:
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def stage(db: Path, files: list[tuple[str, bytes]], year: int | None) -> Staged:
    """Write uploaded (name, bytes) pairs to a fresh staging folder (owner-only)."""
    root = db.parent / ".uploads"
    for old in root.glob("*") if root.is_dir() else []:  # sessions that left mid-preview
        if time.time() - old.stat().st_mtime > 24 * 3600:
            shutil.rmtree(old, ignore_errors=True)
    folder = root / uuid.uuid4().hex
    folder.mkdir(parents=True, mode=0o700)
    staged = Staged(folder, fingerprint=fingerprint(files, year))
    for i, (name, data) in enumerate(files):
        base = _UNSAFE.sub("_", Path(name).name)[-120:] or "file"
        path = folder / f"{i:02d}-{base}"
        path.write_bytes(data)
        staged.paths.append(path)
        staged.names[path] = Path(name).name
    return staged


def discard(staged: Staged | None) -> None:
    if staged is not None:
        shutil.rmtree(staged.folder, ignore_errors=True)


def preview(db: Path, staged: Staged, year: int | None, user: str) -> LoadSummary:
    return load_paths(
        db,
        staged.paths,
        options=ReadOptions(year=year),
        user=user,
        display_names=staged.names,
        dry_run=True,
    )


def commit(db: Path, staged: Staged, year: int | None, user: str) -> LoadSummary:
    return load_paths(
        db, staged.paths, options=ReadOptions(year=year), user=user, display_names=staged.names
    )


def files_table(summary: LoadSummary, lang: str) -> pd.DataFrame:
    """One row per file: name, kind, what will happen, sheets and rows read."""
    return pd.DataFrame(
        [
            {
                t("data.col.file", lang): f.file,
                t("data.col.kind", lang): t(f"data.kind.{f.kind}", lang)
                if f.kind in ("vcci_workbook", "private_results", "public_csv")
                else t("common.na_short", lang),
                t("data.col.status", lang): t(f"data.status.{f.status}", lang),
                t("data.col.sheets", lang): f.sheets if f.status == "added" else None,
                t("data.col.rows", lang): f.rows if f.status == "added" else None,
            }
            for f in summary.files
        ]
    )


def problems_table(summary: LoadSummary, lang: str, limit: int = 500) -> pd.DataFrame:
    """Every problem with file, sheet, row, column and reason, in the user's language."""
    problems = [p for f in summary.files for p in f.problems] + list(summary.problems)
    return _located(problems[:limit], lang)


def notes_table(summary: LoadSummary, lang: str, limit: int = 500) -> pd.DataFrame:
    """What the readers skipped or set aside without rejecting the file (a sheet that is not
    a sub-index, a column VCCI sorted apart from its provinces): the editor should know."""
    notes = [n for f in summary.files for n in getattr(f, "notes", [])]
    return _located(notes[:limit], lang)


def _located(problems: list, lang: str) -> pd.DataFrame:
    rows = []
    for p in problems:
        d = p.as_dict(lang)
        rows.append(
            {
                t("data.col.file", lang): d["file"],
                t("data.col.sheet", lang): d["sheet"],
                t("data.col.row", lang): d["row"],
                t("data.col.column", lang): d["column"],
                t("data.col.reason", lang): d["message"],
            }
        )
    return pd.DataFrame(rows)
