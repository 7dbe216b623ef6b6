"""Figures built once per (builder, inputs, database version) and reused across reruns.

Building a plotly figure (trace validation, the template) costs more than the rest of a page
run; a widget change that does not touch a chart's inputs should not rebuild it. Figures are
kept with ``st.cache_resource`` (not pickled, so not re-validated on a hit) and are shared,
read-only: ``components.chart`` and ``st.plotly_chart`` never modify them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from pci.ui.data import version

T = TypeVar("T")


@st.cache_resource(show_spinner=False, max_entries=256)
def _build(target: str, ver: tuple[int, int, int], args: tuple, kwargs: tuple) -> Any:
    module, _, name = target.partition(":")
    fn = getattr(importlib.import_module(module), name)
    return fn(*args, **dict(kwargs))


def cached(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` from the cache — a figure or another read-only build (a display
    table); arguments must be hashable by Streamlit (plain values, DataFrames)."""
    return _build(
        f"{fn.__module__}:{fn.__qualname__}", version(), args, tuple(sorted(kwargs.items()))
    )
