"""Where things live. One place for paths so the CLI, the app and the tests agree.

The published database (``data/pci.duckdb``) is an artefact: it is rebuilt from the shipped
public facts plus every imported file, and swapped in atomically. What users edit (targets,
import history, sign-in log) lives in a separate state database that no rebuild replaces.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
PUBLIC_DIR = DATA_DIR / "public"
REFERENCE_DIR = DATA_DIR / "reference"
EXAMPLES_DIR = DATA_DIR / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"  # VCCI workbooks beside the clone (tests, benchmarks)


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The published database: ``--db`` beats ``PCI_DB`` beats ``data/pci.duckdb``."""
    raw = override or os.environ.get("PCI_DB") or DATA_DIR / "pci.duckdb"
    return _resolved(os.fspath(raw), os.getcwd())


@functools.lru_cache(maxsize=64)
def _resolved(raw: str, cwd: str) -> Path:
    """``raw`` made absolute, symlinked folders resolved. Pages ask for the database path
    several times a run; resolving walks the file system each time (~7 ms a run under load).
    Keyed on the working folder too, so a relative ``PCI_DB`` still means the same file."""
    return Path(raw).expanduser().resolve()


def state_path(db: Path) -> Path:
    """The user-state database (targets, history, imports) that sits beside ``db``."""
    return (
        db.with_name(db.stem + "_state.duckdb")
        if db.stem != "pci"
        else db.with_name("pci_state.duckdb")
    )


def store_dir(db: Path) -> Path:
    """Where imported originals are kept, by SHA-256, so ``pci rebuild`` is reproducible."""
    return db.parent / "store" if db.stem == "pci" else db.parent / f"{db.stem}_store"
