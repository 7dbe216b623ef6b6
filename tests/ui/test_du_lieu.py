"""The data page: coverage for everyone, import (preview → confirm) for signed-in editors."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from pci import accounts
from pci.db import query_df
from tests.ui.conftest import open_page

PASSWORD = "mat-khau-bien-tap"


def _template_bytes(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Điểm số"
    ws.append(["Năm", "Tỉnh", "Chỉ số", "Điểm", "Hạng", "Ghi chú"])
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.fixture
def editor_db(shipped_db, copy_db, use_db, monkeypatch):
    monkeypatch.delenv("PCI_EDITORS", raising=False)
    monkeypatch.delenv("PCI_EDITORS_FILE", raising=False)
    db = use_db(copy_db(shipped_db))
    accounts.add_user(db, "lan", PASSWORD)
    return db


def _sign_in(at, user="lan", password=PASSWORD):
    at.text_input(key="w_signin_user").input(user)
    at.text_input(key="w_signin_password").input(password)
    at.button(key="w_signin_submit").click()
    at.run()
    return at


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_viewer_sees_coverage_and_sources_but_no_upload(app_on, lang):
    at = app_on("du-lieu", lang=lang)
    assert not at.exception
    assert at.title[0].value == ("Dữ liệu" if lang == "vi" else "Data")
    assert len(at.file_uploader) == 0
    infos = " ".join(i.value for i in at.info)
    assert ("Cần đăng nhập" if lang == "vi" else "Sign in as an editor") in infos
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    heat = fig["data"][0]
    assert heat["type"] == "heatmap" and "PCI" in heat["x"]
    assert len(at.dataframe) >= 3  # coverage, sources, conflicts (history may be empty)
    cov = at.dataframe[0].value
    assert ("Năm" if lang == "vi" else "Year") in cov.columns
    assert not (cov[("Dữ liệu nội bộ" if lang == "vi" else "Internal data")] > 0).any()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_editor_uploads_a_template_previews_and_confirms(editor_db, lang):
    at = open_page("du-lieu", lang=lang)
    _sign_in(at)
    assert not at.exception
    assert "lan" in " ".join(c.value for c in at.sidebar.caption)
    assert len(at.file_uploader) == 1
    data = _template_bytes(
        [(2023, "Kon Tum", "PCI", 65.1, 40, ""), (2023, "Kon Tum", "CSTP1", 7.1, 9, "")]
    )
    at.file_uploader[0].set_value(("kontum_2023.xlsx", data, "application/octet-stream"))
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    added = "Số liệu mới" if lang == "vi" else "New figures"
    assert metrics[added] == "2"
    # the preview changed nothing
    assert (
        query_df(editor_db, "SELECT count(*) n FROM pci_scores WHERE source_kind='private'").n[0]
        == 0
    )
    at.button(key="w_data_confirm").click()
    at.run()
    assert not at.exception
    assert at.success and ("2" in at.success[0].value)
    r = query_df(editor_db, "SELECT * FROM pci_scores WHERE source_kind='private' ORDER BY measure")
    assert list(r.measure) == ["CSTP1", "PCI"]
    log = query_df(editor_db, "SELECT imported_by FROM import_batches")
    assert list(log.imported_by) == ["lan"]
    # the editor now sees internal data counted in the coverage table
    assert at.dataframe[0].value[("Dữ liệu nội bộ" if lang == "vi" else "Internal data")].sum() == 2


def test_a_bad_upload_lists_every_problem_and_changes_nothing(editor_db):
    before = editor_db.read_bytes()
    at = open_page("du-lieu", lang="en")
    _sign_in(at)
    data = _template_bytes(
        [(2023, "Kon Tum", "PCI", "sáu lăm", 40, ""), (2023, "Atlantis", "PCI", 60, 99, "")]
    )
    at.file_uploader[0].set_value(("bad.xlsx", data, "application/octet-stream"))
    at.run()
    assert not at.exception
    assert "Nothing imported" in at.error[0].value
    problems = at.dataframe[-1].value
    assert {"File", "Sheet", "Row", "Column", "Reason"} <= set(problems.columns)
    cells = set(zip(problems["Row"], problems["Column"], strict=True))
    assert (2, "D") in cells and (3, "B") in cells
    assert len(at.button) == 0 or not any(b.key == "w_data_confirm" for b in at.button)
    assert editor_db.read_bytes() == before


def test_wrong_passwords_lock_the_form(editor_db):
    at = open_page("du-lieu", lang="en")
    for _ in range(accounts.MAX_FAILURES):
        _sign_in(at, password="wrong-password")
        assert "Wrong user name or password" in at.sidebar.error[0].value
    assert "Too many failed sign-ins" in at.sidebar.error[0].value
    _sign_in(at)  # right password, but locked
    assert "Too many failed sign-ins" in at.sidebar.error[0].value
    assert len(at.file_uploader) == 0


def test_coverage_names_sub_indices_as_the_other_pages_do(app_on):
    """Codes read "CSTP 1" (heatmap) and "CSTP 1 · Gia nhập thị trường" (table), never the
    internal "CSTP1" / "CSTP_TW"."""
    at = app_on("du-lieu", lang="vi")
    heat = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert "CSTP 1" in heat["x"] and not any("_" in x or x == "CSTP1" for x in heat["x"])
    col = at.dataframe[0].value["Chỉ số"]
    assert "CSTP 1 · Gia nhập thị trường" in set(col)
    assert not col.str.fullmatch(r"CSTP\d+|CSTP_TW").any()
