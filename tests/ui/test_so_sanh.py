"""So sánh (/so-sanh) in the real app (AppTest), both languages, real published numbers."""

from __future__ import annotations

import json

import pytest


def _table(at):
    return at.dataframe[0].value


def test_defaults_to_my_provinces_region_in_vietnamese(app_on):
    at = app_on("so-sanh", lang="vi", params={"province": "kon-tum", "year": "2020"})
    assert not at.exception
    assert at.title[0].value == "So sánh các tỉnh"
    assert at.query_params["province"] == "kon-tum,dak-lak,dak-nong,gia-lai,lam-dong"
    table = _table(at).set_index("Chỉ số thành phần")
    assert list(table.columns) == ["Kon Tum", "Đắk Lắk", "Đắk Nông", "Gia Lai", "Lâm Đồng"]
    assert table.loc["PCI", "Kon Tum"] == "62,02 (56)"
    assert table.loc["CSTP 1 · Gia nhập thị trường", "Kon Tum"] == "—"  # not published, not 0
    assert len(at.get("plotly_chart")) == 1  # five series: no radar
    assert any("tối đa 3 tỉnh" in c.value for c in at.caption)
    assert any("Kon Tum: tất cả các chỉ số thành phần" in i.value for i in at.info)


def test_three_provinces_in_english_with_radar(app_on):
    at = app_on(
        "so-sanh", lang="en", params={"province": "ha-noi,da-nang,hai-phong", "year": "2019"}
    )
    assert not at.exception
    table = _table(at).set_index("Sub-index")
    assert table.loc["PCI", "Hanoi"] == "68.80 (9)"
    assert table.loc["CSTP 1 · Entry costs", "Hanoi"] == "7.98"
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) == 2
    assert charts[1]["data"][0]["type"] == "scatterpolar"
    assert charts[0]["layout"]["separators"] == ".,"
    assert "CSTP 8 · Business support" in charts[0]["data"][0]["x"]


def test_choosing_provinces_updates_table_and_url(app_on):
    at = app_on("so-sanh", lang="vi", params={"province": "kon-tum", "year": "2020"})
    at.multiselect(key="w_compare_provinces").set_value(["kon-tum", "quang-ninh"]).run()
    assert not at.exception
    assert at.query_params["province"] == "kon-tum,quang-ninh"
    table = _table(at).set_index("Chỉ số thành phần")
    assert table.loc["PCI", "Quảng Ninh"] == "75,09 (1)"
    assert len(at.get("plotly_chart")) == 2


@pytest.mark.parametrize("lang,expected", [("vi", "Chọn từ 2 đến 5 tỉnh"), ("en", "Choose 2 to 5")])
def test_without_provinces_asks_for_them(app_on, lang, expected):
    at = app_on("so-sanh", lang=lang, params={"year": "2020"})
    assert not at.exception
    assert any(expected in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_projector_mode_runs(app_on):
    at = app_on("so-sanh", lang="vi", params={"province": "kon-tum", "year": "2020", "big": "1"})
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["font"]["size"] == 20


def test_source_citations_are_in_the_page_language(app_on):
    """Lâm Đồng's 2020 sub-indices come from VCCI's province page, stored with an English
    note; the Vietnamese page shows the note in Vietnamese."""
    at = app_on("so-sanh", params={"province": "kon-tum,lam-dong", "year": "2020"})
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "(trang hồ sơ tỉnh của VCCI)" in captions
    assert "province profile page" not in captions
