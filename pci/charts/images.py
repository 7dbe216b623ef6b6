"""Charts as PNG/SVG/PDF bytes, for downloads and slide decks, without network access.

kaleido 1.x drives a headless Chromium (Debian's ``/usr/bin/chromium`` is found by itself) and
plotly.js bundled with the plotly package. Starting a browser costs ~2–3 s, so one sync server
is started lazily and reused (~0.2 s per image afterwards).
"""

from __future__ import annotations

import atexit
import threading
import warnings

import plotly.graph_objects as go

_lock = threading.Lock()
_started = False


def _ensure_server() -> None:
    global _started
    if _started:
        return
    import kaleido

    kaleido.start_sync_server(silence_warnings=True)
    atexit.register(lambda: kaleido.stop_sync_server(silence_warnings=True))
    _started = True


def figure_bytes(
    fig: go.Figure, fmt: str = "png", *, width: int = 1600, height: int = 900, scale: float = 1.0
) -> bytes:
    """Render ``fig`` to ``fmt`` (png, svg, pdf, jpeg). Thread-safe."""
    with _lock:
        _ensure_server()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fig.to_image(format=fmt, width=width, height=height, scale=scale)
