"""The ranking page on the shipped data, in Vietnamese and English."""

import numpy as np
import pyarrow as pa
import pytest

from tests.ui.plotly_data import arr, figures


def _display(df_element):
    """The table as the user sees it (Styler display values: 62,02, "—")."""
    raw = df_element.proto.arrow_data.styler.display_values
    return pa.ipc.open_stream(raw).read_all().to_pandas()


def test_kon_tum_2020_rank_and_score_in_vietnamese(app_on):
    at = app_on("xep-hang", lang="vi", params={"year": "2020", "province": "kon-tum"})
    assert not at.exception
    assert at.title[0].value == "Bảng xếp hạng PCI"
    shown = _display(at.dataframe[0])
    row = shown[shown["Tỉnh, thành phố"] == "Kon Tum ★"].iloc[0]
    assert row["Hạng"] == "56" and row["Điểm PCI"] == "62,02"
    assert len(shown) == 63
    raw = at.dataframe[0].value
    assert raw["Hạng"].tolist()[:3] == [1, 2, 3]  # numbers stay numbers: sorting is by value


def test_english_labels_and_numbers_differ(app_on):
    at = app_on("xep-hang", lang="en", params={"year": "2020"})
    assert not at.exception
    assert at.title[0].value == "PCI rankings"
    shown = _display(at.dataframe[0])
    row = shown[shown["Province"] == "Kon Tum"].iloc[0]
    assert row["Rank"] == "56" and row["PCI score"] == "62.02"
    assert "Entry costs" in shown.columns


def test_2023_lists_every_province_and_says_outside_top30_is_not_published(app_on):
    at = app_on("xep-hang", lang="vi", params={"year": "2023"})
    shown = _display(at.dataframe[0])
    assert len(shown) == 63  # nobody dropped
    missing = shown[shown["Điểm PCI"] == "—"]
    assert len(missing) > 30 - 1 and (missing["Công bố"] == "chưa công bố / không có dữ liệu").all()
    assert "0" not in set(missing["Hạng"]) and "0,00" not in set(missing["Điểm PCI"])
    assert any("30 tỉnh dẫn đầu" in i.value for i in at.info)


def test_region_filter_keeps_only_that_region(app_on):
    at = app_on("xep-hang", lang="vi", params={"year": "2020"})
    at.multiselect(key="w_ranking_regions").set_value(["central-highlands"]).run()
    shown = _display(at.dataframe[0])
    assert set(shown["Vùng"]) == {"Tây Nguyên"} and len(shown) == 5


def test_map_colours_by_measure_and_greys_unpublished(app_on):
    at = app_on("xep-hang", lang="vi", params={"year": "2023", "measure": "PCI"})
    fig = figures(at)[0]
    grey, coloured = fig.data[0], fig.data[1]
    n_grey, n_col = _count(grey.z), _count(coloured.z)
    assert n_grey + n_col == 63 and 0 < n_col < 31
    assert np.nanmin(arr(coloured.z)) > 50  # real scores, no zero for the unpublished
    assert any("chưa công bố" in h for row in grey.customdata for h in row if h)


@pytest.mark.parametrize("lang,word", [("vi", "Từ 1/7/2025"), ("en", "From 1 July 2025")])
def test_2025_overlay_draws_unit_borders_and_lists_old_provinces(app_on, lang, word):
    at = app_on("xep-hang", lang=lang, params={"year": "2020"})
    at.toggle(key="w_ranking_units").set_value(True).run()
    fig = figures(at)[0]
    assert any(t.name == "units_2025" for t in fig.data)
    hovers = [h for row in fig.data[1].customdata for h in row if h]
    assert any(word in h and "Kon Tum" in h for h in hovers)
    units = at.dataframe[1].value
    assert len(units) == 23


def _count(z) -> int:
    return int(np.isfinite(arr(z)).sum())


@pytest.mark.realdata
def test_with_all_workbooks_2007_has_64_tiles_and_2005_says_only_42_were_ranked(
    workbooks_db, use_db
):
    from tests.ui.conftest import open_page

    use_db(workbooks_db)
    at = open_page("xep-hang", lang="vi", params={"year": "2007"})
    fig = figures(at)[0]
    assert _count(fig.data[1].z) == 64  # Hà Tây still has its tile before the 2008 merger
    assert len(_display(at.dataframe[0])) == 64
    at = open_page("xep-hang", lang="vi", params={"year": "2005"})
    assert any("chỉ xếp hạng 42 tỉnh" in i.value for i in at.info)
    shown = _display(at.dataframe[0])
    assert (shown["Điểm PCI"] != "—").sum() == 42
    assert "Thực hiện CS Trung ương" in shown.columns  # 2005's own sub-index is not dropped


def test_unranked_provinces_follow_in_reader_alphabetical_order(app_on):
    """2023: below the published top 30 the names are listed as a reader sorts them
    (Bạc Liêu, Bắc Kạn … before Bình Dương), not in code-point order."""
    at = app_on("xep-hang", params={"province": "kon-tum", "year": "2023"})
    names = list(at.dataframe[0].value.iloc[:, 1].astype(str).str.rstrip(" ★"))
    tail = names[names.index("An Giang") :]
    assert tail.index("Bạc Liêu") < tail.index("Bình Dương")
    assert tail.index("Bắc Ninh") < tail.index("Bình Định") < tail.index("Cà Mau")
