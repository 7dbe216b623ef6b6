"""The target pages in a real browser, both languages, with screenshots to look at."""

import pytest

from tests.e2e.conftest import SHOTS, shot, wait_charts, wait_idle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("lang", "title", "band", "status"),
    [
        ("vi", "Mục tiêu", "Vùng mục tiêu", "Cách xác định trạng thái"),
        ("en", "Targets", "Target zone", "How the status is decided"),
    ],
)
def test_targets_page_draws_the_target_band(server, page, lang, title, band, status):
    page.goto(f"{server}/muc-tieu?province=kon-tum&lang={lang}")
    page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
    wait_idle(page, timeout=60_000)
    _chart_in_view(page)
    svg = page.locator(".js-plotly-plot").first.inner_html()
    assert band in svg
    assert page.get_by_text(status).first.is_visible()
    assert "province=kon-tum" in page.url
    shot(page, f"targets_kon_tum_{lang}")
    _element_shot(page, ".js-plotly-plot", f"targets_kon_tum_chart_{lang}")


def _chart_in_view(page) -> None:
    """plotly.js may wait until its chart is scrolled into view before drawing."""
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.wait_for(timeout=60_000)
    chart.scroll_into_view_if_needed()
    wait_charts(page, timeout=60_000)


def _element_shot(page, selector: str, name: str) -> None:
    """Streamlit scrolls inside its own container, so a full-page shot misses what is below
    the fold: photograph the element itself."""
    el = page.locator(selector).first
    el.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    el.screenshot(path=str(SHOTS / f"{name}.png"))


@pytest.mark.parametrize(
    ("lang", "summary"),
    [("vi", "0/18 chỉ tiêu đạt mục tiêu"), ("en", "0/18 indicators meet their target")],
)
def test_indicator_goals_page_shows_the_summary(server, page, lang, summary):
    page.goto(f"{server}/chi-tieu?province=quang-tri&lang={lang}")
    page.get_by_text(summary).first.wait_for()
    wait_idle(page)
    assert page.get_by_text("Phòng Tài chính - Thương mại").first.is_visible()
    shot(page, f"indicator_goals_quang_tri_{lang}")


def test_hue_cstp8_target_names_the_missing_figure(server, page):
    page.goto(f"{server}/muc-tieu?province=thua-thien-hue")
    page.get_by_text("VCCI không công bố số này").first.wait_for(timeout=60_000)
    wait_idle(page, timeout=60_000)
    _chart_in_view(page)
    shot(page, "targets_hue_cstp8_vi")
    _element_shot(page, '[data-testid="stAlertContentWarning"]', "targets_hue_cstp8_missing_vi")
