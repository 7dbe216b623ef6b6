"""Cached access to the query layer for pages.

Pages call ``q(fn, *args)`` with a function from ``pci.queries`` (or ``pci.analysis``); the
result is cached per (function, arguments, database version). The version is the database
file's inode and mtime, so a swap by an import invalidates every cached answer at once and a
viewer never mixes an old table with a new chart.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from pci import db as pdb
from pci.config import db_path

T = TypeVar("T")


def database() -> Path:
    """The published database this server reads ($PCI_DB or data/pci.duckdb)."""
    return db_path()


def version() -> tuple[int, int, int]:
    return pdb.version(database())


@st.cache_data(show_spinner=False, max_entries=1024)
def _call(target: str, ver: tuple[int, int, int], db: str, args: tuple, kwargs: tuple) -> Any:
    module, _, name = target.partition(":")
    fn = getattr(importlib.import_module(module), name)
    return fn(Path(db), *args, **dict(kwargs))


def q(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Call ``fn(database(), *args, **kwargs)`` through the cache."""
    db = database()
    return _call(
        f"{fn.__module__}:{fn.__qualname__}",
        pdb.version(db),
        str(db),
        args,
        tuple(sorted(kwargs.items())),
    )
