"""The real app in a real browser: it starts, shows the ranking, keeps state in the URL."""

import pytest

from tests.e2e.conftest import shot, wait_idle

pytestmark = pytest.mark.browser


def test_ranking_page_renders_in_vietnamese_with_kon_tum(server, page):
    page.goto(server + "/xep-hang?year=2020&province=kon-tum")
    page.get_by_text("Bảng xếp hạng PCI").first.wait_for()
    wait_idle(page)
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    assert "province=kon-tum" in page.url
    shot(page, "shell_ranking_vi")


def test_language_switch_keeps_province_in_url(server, page):
    page.goto(server + "/xep-hang?province=kon-tum&lang=en")
    page.get_by_text("PCI rankings").first.wait_for()
    wait_idle(page)
    assert "lang=en" in page.url and "province=kon-tum" in page.url
    shot(page, "shell_ranking_en")


def test_first_visit_after_a_start_opens_a_deep_link_without_page_not_found(shipped_db, page):
    # Streamlit resolves the very first session against the pages/ file names unless the app
    # is started through pci.server (what `pci serve` does): a shared link must just open.
    from pci import server as pci_server

    proc, url = pci_server.start(shipped_db, timeout=60)
    try:
        page.goto(url + "/so-sanh?year=2020")
        page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for()
        wait_idle(page)
        page.wait_for_timeout(1500)
        assert page.get_by_text("Page not found").count() == 0
        assert "/so-sanh" in page.url
    finally:
        pci_server.stop(proc)
