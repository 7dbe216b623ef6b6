"""Importing files: all or nothing, idempotent, serialised, and reported.

``load_paths`` is what ``pci load`` and the data page call. Each file is parsed on its own
first; if any file is rejected, nothing is stored and the database is untouched. Otherwise the
originals are stored, the whole database is rebuilt from the shipped facts plus every accepted
import into a new file, checked, and swapped in. A file already imported (same SHA-256) is
reported as unchanged and changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

from etl import build as builder
from etl import store
from etl.errors import ImportRejected, Problem
from etl.readers import SUPPORTED_SUFFIXES, ReadOptions, detect_kind, read_file
from pci import db as pdb

Progress = Callable[[str, str], None]  # (file name, sheet name)


@dataclass
class FileOutcome:
    file: str
    sha256: str
    status: str  # added | unchanged | rejected
    kind: str | None = None
    sheets: int = 0
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    # What the reader skipped or left out of an accepted file (empty sheets, a column it
    # could not trust, a stale copy of another year's summary): shown, never silent.
    notes: list[Problem] = field(default_factory=list)


@dataclass
class LoadSummary:
    files: list[FileOutcome]
    added: int = 0  # (year, province, measure) facts new to the database
    replaced: int = 0  # facts whose shown value or source changed
    unchanged: int = 0
    indicator_values_added: int = 0
    rebuilt: bool = False
    problems: list[Problem] = field(default_factory=list)  # dataset-level (whole build)

    @property
    def rejected(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == "rejected"]

    @property
    def ok(self) -> bool:
        return not self.rejected and not self.problems


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files given directly, plus supported files found in given folders (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(
                q
                for q in p.rglob("*")
                if q.is_file()
                and q.suffix.lower() in SUPPORTED_SUFFIXES
                and not q.name.startswith((".", "~$"))
            )
        else:
            out.append(p)
    return out


def load_paths(
    db: Path,
    paths: Iterable[Path],
    *,
    options: ReadOptions | None = None,
    user: str | None = None,
    display_names: dict[Path, str] | None = None,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> LoadSummary:
    """Import files into ``db``. See the module docstring for the guarantees.

    ``dry_run`` parses and validates everything (including the rebuilt whole) and reports what
    would be added, replaced and rejected, without storing or swapping anything: the data
    page's preview.
    """
    options = options or ReadOptions()
    user = user or store.current_user()
    names = display_names or {}
    files = expand(paths)
    with store.import_lock(db):
        known = {i.sha256 for i in store.accepted_imports(db)}
        outcomes: list[FileOutcome] = []
        new: list[tuple[Path, FileOutcome]] = []
        for path in files:
            name = names.get(path, path.name)
            if not path.exists():
                outcomes.append(
                    FileOutcome(
                        name, "", "rejected", problems=[Problem(file=name, key="etl.file.missing")]
                    )
                )
                continue
            sha = store.sha256_of(path)
            if sha in known or sha in {o.sha256 for _, o in new}:
                outcomes.append(FileOutcome(name, sha, "unchanged"))
                continue
            outcome = FileOutcome(name, sha, "added")
            try:
                outcome.kind = detect_kind(path, name)
                obs = read_file(
                    path,
                    outcome.kind,
                    display_name=name,
                    options=options,
                    progress=(lambda s, n=name: progress(n, s)) if progress else None,
                )
                outcome.sheets, outcome.rows = obs.sheets, obs.rows
                outcome.notes = list(obs.notes)
                new.append((path, outcome))
            except ImportRejected as exc:
                outcome.status, outcome.problems = "rejected", exc.problems
            outcomes.append(outcome)
        summary = LoadSummary(files=outcomes)
        if summary.rejected or not new:
            if summary.rejected and not dry_run:
                store.log_imports(
                    db, [_log_row(o, None, options, user, "rejected") for o in summary.rejected]
                )
            return summary
        before = _snapshot(db)
        accepted = store.accepted_imports(db)
        staged = []
        for path, outcome in new:
            stored_as = store.store_original(db, path, outcome.sha256) if not dry_run else None
            batch = store.new_batch_id(outcome.sha256)
            staged.append((outcome, stored_as, batch))
            accepted.append(
                builder.StoredImport(
                    batch_id=batch,
                    path=path,
                    file_name=outcome.file,
                    kind=outcome.kind or "",
                    sha256=outcome.sha256,
                    options=options,
                )
            )
        target = db if not dry_run else db.with_name(db.name + ".preview")
        log_rows = [_log_row(o, s, options, user, "accepted", batch=b) for o, s, b in staged]

        def record() -> None:
            if not dry_run:
                store.log_imports(db, log_rows)

        try:
            builder.build(
                target,
                accepted,
                progress=progress,
                before_swap=record,
                import_log=_log_frame(db, log_rows if not dry_run else []),
            )
        except ImportRejected as exc:
            summary.problems = exc.problems
            for o, _, _ in staged:
                o.status = "rejected"
            if not dry_run:
                store.log_imports(
                    db, [_log_row(o, None, options, user, "rejected") for o, _, _ in staged]
                )
            return summary
        after = _snapshot(target)
        if dry_run:
            target.unlink(missing_ok=True)
        summary.rebuilt = not dry_run
        _diff(summary, before, after)
        return summary


def rebuild(db: Path, *, progress: Progress | None = None) -> builder.BuildResult:
    """Rebuild from the shipped facts and every accepted import (``pci rebuild``)."""
    with store.import_lock(db):
        imports = store.accepted_imports(db)
        missing = [i for i in imports if not i.path.exists()]
        if missing:
            raise ImportRejected(
                [
                    Problem(
                        file=i.file_name,
                        key="etl.store.missing_original",
                        params={"path": str(i.path), "sha": i.sha256[:12]},
                    )
                    for i in missing
                ]
            )
        return builder.build(db, imports, progress=progress, import_log=store.import_log(db))


def ensure_built(db: Path) -> bool:
    """Build the database if it is missing or behind the import log; True if it built."""
    if db.exists():
        try:
            with pdb.read(db) as con:
                built = con.execute("SELECT value FROM build_info WHERE key = 'batches'").fetchone()
            want = [i.batch_id for i in store.accepted_imports(db)]
            if built and json.loads(built[0]) == want:
                return False
        except Exception:
            pass
    rebuild(db)
    return True


# --- helpers -------------------------------------------------------------------------------


def _snapshot(db: Path) -> pd.DataFrame:
    if not db.exists():
        return pd.DataFrame(columns=["year", "province_id", "measure", "score", "rank", "source"])
    return pdb.query_df(
        db, "SELECT year, province_id, measure, score, rank, source FROM pci_scores"
    )


def _diff(summary: LoadSummary, before: pd.DataFrame, after: pd.DataFrame) -> None:
    key = ["year", "province_id", "measure"]
    merged = after.merge(before, on=key, how="left", suffixes=("", "_old"), indicator=True)
    summary.added = int((merged["_merge"] == "left_only").sum())
    both = merged[merged["_merge"] == "both"]
    changed = (
        (both["score"].fillna(-1) != both["score_old"].fillna(-1))
        | (both["rank"].fillna(-1) != both["rank_old"].fillna(-1))
        | (both["source"] != both["source_old"])
    )
    summary.replaced = int(changed.sum())
    summary.unchanged = int(len(both) - changed.sum())


def _log_row(
    o: FileOutcome,
    stored_as: str | None,
    options: ReadOptions,
    user: str,
    outcome: str,
    batch: str | None = None,
) -> dict:
    return {
        "batch_id": batch or store.new_batch_id(o.sha256 or "0" * 8),
        "file_name": o.file,
        "sha256": o.sha256,
        "stored_as": stored_as,
        "kind": o.kind or "unknown",
        "options": json.dumps({"year": options.year} if options.year else {}),
        "sheets": o.sheets,
        "rows": o.rows,
        "imported_at": datetime.now(),
        "imported_by": user,
        "outcome": outcome,
        "message": "; ".join(p.message("en") for p in o.problems[:5]) or None,
    }


def _log_frame(db: Path, pending: list[dict]) -> pd.DataFrame:
    log = store.import_log(db)
    if pending:
        log = pd.concat([pd.DataFrame(pending), log], ignore_index=True)
    return log
