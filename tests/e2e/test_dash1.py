"""Ranking and trajectory pages in a real browser: charts draw, text is in the chosen language,
projector mode works. Screenshots land in artifacts/screenshots/ for a human to look at."""

import pytest

from tests.e2e.conftest import shot, wait_charts, wait_idle

pytestmark = pytest.mark.browser


_SVG_TEXT = (
    "Array.from(document.querySelectorAll('.js-plotly-plot .main-svg'))"
    ".map(s => s.textContent).join(' ')"
)


def _wait_svg_text(page, *needles: str, timeout: float = 90_000) -> None:
    """Wait until the drawn charts contain every needle (a re-render briefly drops a chart)."""
    import json

    page.wait_for_function(
        f"(() => {{ const t = {_SVG_TEXT}; return {json.dumps(list(needles))}.every(n => t.includes(n)); }})()",
        timeout=timeout,
    )


def _dismiss_page_not_found(page) -> None:
    """Streamlit (headless) shows a "Page not found" modal over a deep link's first load
    (streamlit/streamlit#8860) although the right page runs; close it so we can click."""
    dialog = page.get_by_role("dialog")
    if dialog.count() and dialog.first.is_visible():
        page.keyboard.press("Escape")
        dialog.first.wait_for(state="hidden")


@pytest.mark.parametrize(
    "lang,title,tile_text",
    [("vi", "Bảng xếp hạng PCI", "KT"), ("en", "PCI rankings", "KT")],
)
def test_ranking_page_draws_table_and_tile_map(server, page, lang, title, tile_text):
    page.goto(f"{server}/xep-hang?year=2020&province=kon-tum&lang={lang}")
    page.get_by_text(title).first.wait_for()
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    wait_charts(page, 1, timeout=90_000)
    wait_idle(page)
    _wait_svg_text(page, tile_text, "HN", "PCI 2020")
    _dismiss_page_not_found(page)
    shot(page, f"dash1_xep_hang_{lang}")


def test_ranking_page_2023_and_overlay_in_projector_mode(server, page):
    page.goto(f"{server}/xep-hang?year=2023&province=kon-tum&big=1")
    page.get_by_text("Bảng xếp hạng PCI").first.wait_for()
    wait_charts(page, 1, timeout=90_000)
    wait_idle(page)
    _dismiss_page_not_found(page)
    page.get_by_text("Hiện 34 tỉnh, thành phố từ 1/7/2025").click()
    page.get_by_text("34 đơn vị hành chính cấp tỉnh từ 1/7/2025").wait_for()
    wait_charts(page, 1, timeout=90_000)
    wait_idle(page)
    assert page.get_by_text("30 tỉnh dẫn đầu").first.is_visible()
    shot(page, "dash1_xep_hang_2023_overlay_big")


@pytest.mark.parametrize(
    "lang,title,axis",
    [
        ("vi", "Quỹ đạo xếp hạng", "Hạng (1 = cao nhất)"),
        ("en", "Rank trajectories", "Rank (1 = best)"),
    ],
)
def test_trajectory_page_draws_both_charts_with_breaks(server, page, lang, title, axis):
    page.goto(f"{server}/quy-dao?province=kon-tum,quang-ninh,da-nang&year=2020&lang={lang}")
    page.get_by_text(title).first.wait_for()
    wait_charts(page, 2, timeout=90_000)
    wait_idle(page)
    _wait_svg_text(page, axis, "2021:")  # the 2021 methodology break is labelled
    _dismiss_page_not_found(page)
    shot(page, f"dash1_quy_dao_{lang}")


def test_trajectory_page_projector_mode(server, page):
    page.goto(f"{server}/quy-dao?province=kon-tum,quang-ninh&year=2020&big=1")
    page.get_by_text("Quỹ đạo xếp hạng").first.wait_for()
    wait_charts(page, 2, timeout=90_000)
    wait_idle(page)
    _dismiss_page_not_found(page)
    assert page.get_by_text("Hạng nhạy đến đâu?").first.is_visible()
    shot(page, "dash1_quy_dao_big")
