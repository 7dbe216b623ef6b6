"""Read plotly figures sent by Streamlit (numpy arrays arrive as base64 typed arrays)."""

from __future__ import annotations

import base64

import numpy as np
import plotly.io as pio


def figures(at) -> list:
    return [pio.from_json(c.proto.spec) for c in at.get("plotly_chart")]


def arr(values) -> np.ndarray:
    """A trace's x/y/z as a numpy array whether plain list or {dtype, bdata, shape}."""
    if isinstance(values, dict):
        data = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        shape = values.get("shape")
        return data.reshape(tuple(int(n) for n in str(shape).split(","))) if shape else data
    return np.array(values, dtype=float)
