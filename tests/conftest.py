"""Shared fixtures: databases built from the shipped data (and, for real-data tests, from
VCCI's workbooks in ../shared/data), made once per session in a temporary folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
VCCI_DIR = SHARED_DATA / "vcci"
EXTRACT_DIR = SHARED_DATA / "vcci_extract"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "realdata" in item.keywords and not VCCI_DIR.exists():
            item.add_marker(pytest.mark.skip(reason=f"VCCI workbooks not found in {VCCI_DIR}"))


@pytest.fixture(scope="session")
def shipped_db(tmp_path_factory) -> Path:
    """A database built from the shipped public facts only (what a fresh clone shows)."""
    from etl.load import rebuild

    db = tmp_path_factory.mktemp("shipped") / "pci.duckdb"
    rebuild(db)
    return db


@pytest.fixture(scope="session")
def workbooks_db(tmp_path_factory) -> Path:
    """Shipped facts plus every VCCI workbook in ../shared/data/vcci, loaded with `pci load`."""
    if not VCCI_DIR.exists():
        pytest.skip(f"VCCI workbooks not found in {VCCI_DIR}")
    from etl.load import load_paths

    db = tmp_path_factory.mktemp("workbooks") / "pci.duckdb"
    summary = load_paths(db, [VCCI_DIR])
    assert summary.ok, [p.message("en") for f in summary.rejected for p in f.problems] + [
        p.message("en") for p in summary.problems
    ]
    return db


@pytest.fixture
def fresh_db(tmp_path) -> Path:
    """A path for a database of this test only (not built yet)."""
    return tmp_path / "pci.duckdb"


@pytest.fixture
def copy_db(tmp_path):
    """Copy a session database (and its state and store) so a test may change it."""

    def _copy(src: Path) -> Path:
        dst = tmp_path / "copy" / "pci.duckdb"
        dst.parent.mkdir(parents=True, exist_ok=True)
        for p in src.parent.iterdir():
            target = dst.parent / p.name
            if p.is_dir():
                shutil.copytree(p, target)
            else:
                shutil.copy2(p, target)
        return dst

    return _copy


@pytest.fixture
def use_db(monkeypatch):
    """Point the app (PCI_DB) at a database for this test."""

    def _use(db: Path) -> Path:
        monkeypatch.setenv("PCI_DB", str(db))
        return db

    return _use


def pytest_configure(config):
    os.environ.setdefault("PCI_LANG", "vi")
