"""The simulator in Chromium: drive a slider with the keyboard, read the recomputed metrics,
and keep screenshots (Vietnamese, English, projector) for a human to look at."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import shot, wait_charts, wait_idle

pytestmark = pytest.mark.browser

HUE = "/mo-phong?province=thua-thien-hue&year=2019"


def _open(page, url: str, title: str) -> None:
    """Open a page tall enough that every chart is in view (plotly draws lazily on scroll and
    Streamlit scrolls its main block, so a full-page screenshot alone would cut it off)."""
    page.set_default_timeout(90_000)  # 7 engineers share 2 cores: be patient, not flaky
    page.set_viewport_size({"width": 1600, "height": 3400})
    page.goto(url)
    page.get_by_text(title).first.wait_for()
    page.locator('[data-testid="stSlider"]').nth(9).wait_for()
    wait_idle(page, 90_000)
    page.keyboard.press("Escape")  # the shell's first-load "page not found" notice, if any


def _metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _push_slider_to_max(page, label_start: str) -> None:
    slider = (
        page.locator('[data-testid="stSlider"]')
        .filter(has_text=label_start)
        .first.locator('input[type="range"]')
    )
    slider.focus()
    page.keyboard.press("End")


def test_slider_to_ten_recomputes_composite_and_rank_vi(server, page):
    _open(page, server + HUE, "Mô phỏng: cần gì để đạt hạng mục tiêu")
    wait_charts(page, 2, 90_000)
    assert _metric(page, "Điểm sau mô phỏng") == "66,50"
    assert _metric(page, "Hạng (các tỉnh khác giữ nguyên)") == "20/63"
    shot(page, "whatif_vi_start")
    # Transparency (20 %) from 6,57 to 10: 66,50 + 10 × 0,2 × 3,43 = 73,36 — second behind
    # Quảng Ninh's 73,40.
    _push_slider_to_max(page, "CSTP 3 ·")
    page.locator('[data-testid="stMetricValue"]').filter(has_text="73,36").first.wait_for()
    wait_idle(page, 90_000)
    assert _metric(page, "Hạng (các tỉnh khác giữ nguyên)") == "2/63"
    assert _metric(page, "Đến hạng 10") == "Đã đạt"
    wait_charts(page, 2, 90_000)
    shot(page, "whatif_vi_slider")
    page.get_by_role("button", name=re.compile("Đặt lại")).click()
    page.locator('[data-testid="stMetricValue"]').filter(has_text="66,50").first.wait_for()


def test_english_and_projector(server, page):
    _open(page, server + HUE + "&lang=en", "What-if: what it takes to reach a target rank")
    _push_slider_to_max(page, "CSTP 8 ·")
    # Business support (20 %) from 5,98 to 10: 66,50 + 10 × 0,2 × 4,02 = 74,54 — first.
    page.locator('[data-testid="stMetricValue"]').filter(has_text="74.54").first.wait_for()
    wait_idle(page, 90_000)
    assert _metric(page, "Rank (others unchanged)") == "1/63"
    wait_charts(page, 2, 90_000)
    shot(page, "whatif_en_slider")
    _open(page, server + HUE + "&big=1", "Mô phỏng: cần gì để đạt hạng mục tiêu")
    wait_charts(page, 2, 90_000)
    shot(page, "whatif_vi_projector")
