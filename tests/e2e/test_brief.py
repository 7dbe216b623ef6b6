"""The presentation mode in a real browser: buttons, arrow keys, the slide in the URL."""

import pytest

from tests.e2e.conftest import shot, wait_charts, wait_idle

pytestmark = pytest.mark.browser


def _title(page) -> str:
    return page.locator(".st-key-brief_slide h2").first.inner_text().strip()


def _wait_title(page, text: str) -> None:
    page.locator(".st-key-brief_slide h2", has_text=text).first.wait_for(timeout=30_000)
    wait_idle(page)
    _dismiss_page_not_found(page)


def _dismiss_page_not_found(page) -> None:
    """The shell's first load sometimes shows Streamlit's "Page not found" dialog although the
    page is served (seen on /xep-hang too); it makes the page inert, so close it."""
    dialog = page.get_by_role("dialog")
    if dialog.count() and "Page not found" in dialog.first.inner_text():
        page.keyboard.press("Escape")
        dialog.first.wait_for(state="hidden", timeout=5_000)


def test_presentation_steps_with_buttons_and_keys(server, page):
    page.goto(server + "/trinh-chieu?province=kon-tum&year=2020")
    _wait_title(page, "Kon Tum: kết quả PCI 2020")
    page.locator('[data-testid="stMetricValue"]', has_text="56/63").first.wait_for()
    page.wait_for_timeout(500)
    box = page.locator('[data-testid="stSidebar"]').bounding_box()
    assert box is None or box["x"] + box["width"] <= 5 or box["width"] < 5  # collapsed
    shot(page, "brief_1_headline_vi")

    page.locator(".st-key-brief_next button").click()
    _wait_title(page, "Quỹ đạo xếp hạng PCI")
    wait_charts(page)
    assert "slide=2" in page.url
    shot(page, "brief_2_trajectory_vi")

    page.locator("h1").first.click()  # focus the app, not a widget
    page.keyboard.press("ArrowRight")
    _wait_title(page, "Chỉ số thành phần")
    assert "slide=3" in page.url
    page.keyboard.press("ArrowLeft")
    _wait_title(page, "Quỹ đạo xếp hạng PCI")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(600)
        wait_idle(page)
    _wait_title(page, "Cần gì để đạt hạng 46")
    assert "slide=6" in page.url
    shot(page, "brief_6_gap_vi")

    page.reload()  # a reload keeps the place
    _wait_title(page, "Cần gì để đạt hạng 46")

    page.locator(".st-key-brief_prev button").click()
    _wait_title(page, "Mục tiêu chỉ tiêu thành phần")


def test_presentation_in_english(server, page):
    page.goto(server + "/trinh-chieu?province=kon-tum&year=2020&lang=en&slide=2")
    _wait_title(page, "PCI rank trajectory")
    wait_charts(page)
    svg = page.locator(".js-plotly-plot .main-svg").first.inner_html()
    assert "56/63" in svg
    shot(page, "brief_2_trajectory_en")
    page.keyboard.press("ArrowLeft")
    _wait_title(page, "Kon Tum: PCI 2020 results")
    page.locator('[data-testid="stMetricValue"]', has_text="62.02").first.wait_for()
    shot(page, "brief_1_headline_en")
