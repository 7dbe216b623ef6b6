"""Profile (/ho-so) and comparison (/so-sanh) in a real browser: both languages, projector
mode, charts drawn; screenshots in artifacts/screenshots for a person to look at."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import shot, wait_charts, wait_idle

# The test machine is shared and often loaded: wait generously, fail only when stuck.
WAIT = 120_000

pytestmark = pytest.mark.browser


def _shots(page, name: str) -> None:
    """The app scrolls inside its own container: one screenshot per chart and per table."""
    shot(page, name)
    for i in range(page.locator(".js-plotly-plot").count()):
        page.locator(".js-plotly-plot").nth(i).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        shot(page, f"{name}_chart{i + 1}")
    tables = page.locator('[data-testid="stDataFrame"]')
    for i in range(tables.count()):
        tables.nth(i).scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        shot(page, f"{name}_table{i + 1}")


def _svg_text(page) -> str:
    return page.evaluate(
        "Array.from(document.querySelectorAll('.js-plotly-plot .main-svg text'))"
        ".map(t => t.textContent).join(' | ')"
    )


@pytest.mark.parametrize(
    "lang,headline",
    [
        ("vi", "Hạng 56/63, giữ nguyên so với 2019; 62,02 điểm; cách hạng 46: 0,60 điểm"),
        ("en", "Rank 56/63, unchanged since 2019; 62.02 points; gap to rank 46: 0.60 points"),
    ],
)
def test_profile_headline_kon_tum_2020(server, page, lang, headline):
    page.goto(f"{server}/ho-so?province=kon-tum&year=2020&lang={lang}")
    page.get_by_text(headline).first.wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    assert "province=kon-tum" in page.url
    shot(page, f"dash2_ho_so_kon_tum_2020_{lang}")


@pytest.mark.parametrize("lang,big", [("vi", False), ("en", False), ("vi", True)])
def test_profile_chart_ha_noi_2019(server, page, lang, big):
    page.goto(f"{server}/ho-so?province=ha-noi&year=2019&lang={lang}" + ("&big=1" if big else ""))
    title = "Hồ sơ tỉnh" if lang == "vi" else "Province profile"
    page.get_by_text(title).first.wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    wait_charts(page, 1, WAIT)
    text = _svg_text(page)
    assert ("CSTP 1 · Gia nhập thị trường" if lang == "vi" else "CSTP 1 · Entry costs") in text
    assert ("7,98" if lang == "vi" else "7.98") in text  # bar label, language's decimals
    _shots(page, f"dash2_ho_so_ha_noi_2019_{lang}" + ("_big" if big else ""))


@pytest.mark.parametrize("lang,big", [("vi", False), ("en", False), ("vi", True)])
def test_compare_region_peers_and_radar(server, page, lang, big):
    suffix = f"&lang={lang}" + ("&big=1" if big else "")
    page.goto(f"{server}/so-sanh?province=ha-noi,da-nang,hai-phong&year=2019{suffix}")
    title = "So sánh các tỉnh" if lang == "vi" else "Compare provinces"
    page.get_by_text(title).first.wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    wait_charts(page, 2, WAIT)
    text = _svg_text(page)
    assert ("Hà Nội" if lang == "vi" else "Hanoi") in text
    assert page.locator(".js-plotly-plot .polarlayer").count() >= 1
    _shots(page, f"dash2_so_sanh_2019_{lang}" + ("_big" if big else ""))


def test_compare_defaults_to_region_of_my_province(server, page):
    page.goto(f"{server}/so-sanh?province=kon-tum&year=2020")
    page.get_by_text("So sánh các tỉnh").first.wait_for(timeout=WAIT)
    wait_idle(page, WAIT)
    wait_charts(page, 1, WAIT)
    page.wait_for_function("location.href.includes('lam-dong')", timeout=WAIT)
    assert "province=kon-tum%2Cdak-lak" in page.url or "province=kon-tum,dak-lak" in page.url
    assert "Lâm Đồng" in _svg_text(page)
    _shots(page, "dash2_so_sanh_kon_tum_2020_vi")
