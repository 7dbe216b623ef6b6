"""Hồ sơ tỉnh (/ho-so) in the real app (AppTest), both languages, real published numbers."""

from __future__ import annotations

import json

import pytest

from tests.test_queries_profile import _add_indicators
from tests.ui.conftest import open_page


def _texts(at, kind: str) -> list[str]:
    return [e.value for e in getattr(at, kind)]


def _df(at, first_col: str):
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_col)


def test_kon_tum_2020_in_vietnamese(app_on):
    at = app_on("ho-so", lang="vi", params={"province": "kon-tum", "year": "2020"})
    assert not at.exception
    assert at.title[0].value == "Hồ sơ tỉnh"
    assert _texts(at, "code") == [
        "Hạng 56/63, giữ nguyên so với 2019; 62,02 điểm; cách hạng 46: 0,60 điểm"
    ]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Hạng PCI": "56/63", "Điểm PCI": "62,02", "Cách hạng 46": "0,60"}
    bands = _df(at, "Chênh lệch điểm")
    assert bands.iloc[0].tolist() == ["± 0,10", "55", "60", "55–60"]
    assert any("Thứ hạng mong manh: 7 tỉnh khác" in w for w in _texts(at, "warning"))
    hist = _df(at, "Năm").set_index("Năm")
    assert hist.loc["2020", "PCI"] == "62,02 (56)" and hist.loc["2019", "PCI"] == "— (56)"
    assert hist.loc["2021", "Ghi chú"] == "đổi phương pháp"
    infos = " ".join(_texts(at, "info"))
    assert "Không có dữ liệu chỉ tiêu thành phần" in infos and "`pci load`" in infos
    assert "Chưa có điểm chỉ số thành phần của Kon Tum năm 2020" in infos


def test_kon_tum_2020_in_english(app_on):
    at = app_on("ho-so", lang="en", params={"province": "kon-tum", "year": "2020"})
    assert not at.exception
    assert at.title[0].value == "Province profile"
    assert _texts(at, "code") == [
        "Rank 56/63, unchanged since 2019; 62.02 points; gap to rank 46: 0.60 points"
    ]
    assert {m.label: m.value for m in at.metric}["PCI score"] == "62.02"
    assert "No sub-indicator data for this province" in " ".join(_texts(at, "info"))


def test_chosen_reference_rank_changes_the_gap(app_on):
    at = app_on("ho-so", lang="vi", params={"province": "kon-tum", "year": "2020"})
    at.number_input(key="w_profile_target").set_value(30).run()
    assert _texts(at, "code")[0].endswith("cách hạng 30: 1,45 điểm")
    assert {m.label: m.value for m in at.metric}["Cách hạng 30"] == "1,45"


@pytest.mark.parametrize("lang,expected", [("vi", "chưa công bố"), ("en", "not published")])
def test_unpublished_year_says_so(app_on, lang, expected):
    at = app_on("ho-so", lang=lang, params={"province": "kon-tum", "year": "2023"})
    assert not at.exception
    assert expected in _texts(at, "code")[0]
    assert {m.value for m in at.metric} == {"—"}


def test_sub_indices_against_incomplete_edition_hanoi_2019(app_on):
    at = app_on("ho-so", lang="vi", params={"province": "ha-noi", "year": "2019"})
    assert not at.exception
    bench = _df(at, "Chỉ số thành phần").set_index("Chỉ số thành phần")
    assert bench.loc["CSTP 1 · Gia nhập thị trường", "Điểm của tỉnh"] == "7,98"
    assert set(bench["Trung vị cả nước"]) == {"—"}  # 28/63 published: no national median
    assert any("28/63" in c for c in _texts(at, "caption"))
    assert len(at.get("plotly_chart")) == 1


def test_projector_mode_runs(app_on):
    at = app_on("ho-so", lang="en", params={"province": "ha-noi", "year": "2019", "big": "1"})
    assert not at.exception and at.query_params["big"] == "1"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["font"]["size"] == 20


def test_sub_indicators_beside_national_median(shipped_db, copy_db, use_db):
    db = copy_db(shipped_db)
    _add_indicators(db)
    use_db(db)
    at = open_page("ho-so", lang="vi", params={"province": "an-giang", "year": "2015"})
    assert not at.exception
    ind = _df(at, "Chỉ số thành phần")
    ind = ind[ind["Chỉ tiêu"].notna()].set_index("Chỉ tiêu")
    assert ind.loc["Số ngày chờ", "Trung vị cả nước"] == "31,00"
    assert ind.loc["Số ngày chờ", "Giá trị của tỉnh"] == "0,00"
    assert ind.loc["Tỷ lệ có sổ đỏ", "Trung vị cả nước"] == "—"
    assert ind.loc["Tỷ lệ có sổ đỏ", "Giá trị của tỉnh"] == "50,0 %"  # a share, as a percentage
    assert ind.loc["Số ngày chờ", "Đơn vị"] == "ngày"
    assert "Các chỉ tiêu thành phần — PCI 2015" in [s.value for s in at.subheader]


def test_history_note_explains_empty_cells_of_absent_sub_indices(app_on):
    """2009–2012 had no CSTP 6: its cells are empty, not «—»; the note says what both mean."""
    at = app_on("ho-so", params={"province": "thua-thien-hue", "year": "2019"})
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert (
        "Ô «—»: chưa công bố" in captions
        and "Ô trống: chỉ số không có trong phương pháp" in captions
    )


def test_sub_indicators_of_another_year_are_labelled_as_such(use_db, workbooks_db):
    """Kon Tum 2020 has no sub-indicator values; the table shows 2015 and says so."""
    from tests.ui.conftest import open_page

    use_db(workbooks_db)
    at = open_page("ho-so", params={"province": "kon-tum", "year": "2020"})
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "PCI 2020: chưa có số liệu chỉ tiêu thành phần" in captions
    assert "Bảng dưới là PCI 2015" in captions
