"""AppTest helpers: run a page of the real app in either language."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_page(
    url: str, *, lang: str = "vi", params: dict[str, str] | None = None, timeout: float = 60
) -> AppTest:
    """Start the app at a page (its URL path, e.g. "xep-hang") with URL parameters."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.query_params["lang"] = lang
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if url != "xep-hang":
        from pci.ui.shell import PAGES

        spec = next(p for p in PAGES if p.url == url)
        at.switch_page(spec.path)
        at.run()
    return at


@pytest.fixture
def app_on(shipped_db, use_db):
    """``app_on(url, lang=..., params=...)`` on the shipped-data database."""
    use_db(shipped_db)

    def _open(url: str, **kw) -> AppTest:
        return open_page(url, **kw)

    return _open
