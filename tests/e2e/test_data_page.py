"""The data page in a real browser: coverage for viewers; an editor signs in and imports a
province's results template through the upload → preview → confirm flow."""

from __future__ import annotations

import subprocess

import bcrypt
import openpyxl
import pytest

from etl.load import rebuild
from pci.db import query_df
from tests.e2e.conftest import shot, start_server, wait_charts, wait_idle

pytestmark = pytest.mark.browser
PASSWORD = "mat-khau-bien-tap"


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("e2e_data") / "pci.duckdb"
    rebuild(db)
    hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    proc, url = start_server(db, env={"PCI_EDITORS": f"lan:{hashed}"})
    yield url, db
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _open_data_page(page, url: str, lang: str = "vi") -> None:
    page.goto(url + ("/?lang=en" if lang == "en" else "/"))
    wait_idle(page)
    page.locator(
        '[data-testid="stSidebarNav"] a', has_text="Dữ liệu" if lang == "vi" else "Data"
    ).first.click()
    page.get_by_role("heading", name="Dữ liệu" if lang == "vi" else "Data").first.wait_for()
    wait_idle(page)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_viewer_sees_coverage_heatmap_and_no_upload(editor_server, page, lang):
    url, _ = editor_server
    _open_data_page(page, url, lang)
    wait_charts(page)
    svg = page.locator(".js-plotly-plot .main-svg").first.inner_html()
    assert "PCI" in svg and "CSTP 1" in svg  # codes as the other pages write them
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    shot(page, f"data_coverage_{lang}")


def test_editor_signs_in_and_imports_a_template(editor_server, page, tmp_path):
    url, db = editor_server
    f = tmp_path / "kontum_2023.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Điểm số"
    ws.append(["Năm", "Tỉnh", "Chỉ số", "Điểm", "Hạng", "Ghi chú"])
    ws.append([2023, "Kon Tum", "PCI", 65.1, 40, ""])
    ws.append([2023, "Kon Tum", "CSTP1", 7.1, 9, ""])
    wb.save(f)
    _open_data_page(page, url)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Đăng nhập biên tập viên").click()
    sidebar.get_by_label("Tên đăng nhập").fill("lan")
    sidebar.get_by_label("Mật khẩu").fill(PASSWORD)
    sidebar.get_by_role("button", name="Đăng nhập").click()
    sidebar.get_by_text("Đã đăng nhập: lan").wait_for()
    wait_idle(page)
    page.get_by_role("tab", name="Nhập dữ liệu").click()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(f))
    page.get_by_text("Kiểm tra trước khi nhập").wait_for(timeout=60_000)
    wait_idle(page)
    metric = page.locator('[data-testid="stMetric"]', has_text="Số liệu mới")
    assert metric.locator('[data-testid="stMetricValue"]').inner_text().strip() == "2"
    shot(page, "data_import_preview_vi")
    page.get_by_role("button", name="Xác nhận nhập").click()
    page.get_by_text("Đã nhập: 2 số liệu mới").wait_for(timeout=60_000)
    wait_idle(page)
    shot(page, "data_import_done_vi")
    got = query_df(db, "SELECT count(*) AS n FROM pci_scores WHERE source_kind = 'private'")
    assert got.n[0] == 2
