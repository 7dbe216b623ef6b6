"""The trajectory page on the shipped data, in Vietnamese and English."""

import pytest

from tests.ui.plotly_data import arr
from tests.ui.plotly_data import figures as _figs


def _years(trace) -> list[int]:
    return [int(x) for x in arr(trace.x)]


def test_rank_and_score_charts_mark_breaks_and_do_not_cross_them(app_on):
    at = app_on("quy-dao", lang="vi", params={"province": "quang-ninh,kon-tum"})
    assert not at.exception
    assert at.title[0].value == "Quỹ đạo xếp hạng"
    bump, score = _figs(at)
    assert bump.layout.yaxis.range[0] > bump.layout.yaxis.range[1]  # rank 1 at the top
    for fig in (bump, score):
        breaks = {s.x0 for s in fig.layout.shapes if s.line.dash == "dash"}
        assert 2020.5 in breaks  # the 2021 revision
        texts = [a.text for a in fig.layout.annotations]
        assert any(t.startswith("2021:") for t in texts)
        for tr in fig.data:
            ys = _years(tr)
            assert not (2020 in ys and 2021 in ys)  # no line across the 2021 break
    qn = [tr for tr in bump.data if tr.name == "Quảng Ninh"]
    assert len(qn) >= 2  # split into segments
    hover = qn[0].hovertext[0]
    assert "Điểm" in hover and "Hạng" in hover and "Nguồn" in hover
    median = [tr for tr in score.data if tr.name == "Trung vị cả nước"]
    assert median and _years(median[0]) == [2020]  # only the complete edition
    assert arr(median[0].y)[0] == pytest.approx(63.44)


def test_join_option_draws_one_line_per_province(app_on):
    at = app_on("quy-dao", lang="vi", params={"province": "quang-ninh"})
    at.checkbox(key="w_trajectory_join").check().run()
    bump = _figs(at)[0]
    qn = [tr for tr in bump.data if tr.name == "Quảng Ninh"]
    assert len(qn) == 1 and 2020 in _years(qn[0]) and 2021 in _years(qn[0])


def test_rank_change_is_split_into_own_score_and_others(app_on):
    at = app_on("quy-dao", lang="vi", params={"province": "quang-ninh"})
    table = at.dataframe[0].value
    row = table[table["Giai đoạn"] == "2016 → 2017"].iloc[0]
    assert (row["Hạng năm trước"], row["Hạng năm sau"]) == ("2", "1")
    assert row["Thay đổi hạng"] == "+1" and row["Điểm năm sau"] == "70,69"
    assert row["Do điểm của tỉnh"] == "+1" and row["Do các tỉnh khác"] == "0"
    # never across the 2021 methodology break
    assert "2020 → 2021" not in set(table["Giai đoạn"])


def test_kon_tum_2020_sensitivity_band_and_cluster_note(app_on):
    at = app_on("quy-dao", lang="vi", params={"province": "kon-tum", "year": "2020"})
    assert [m.value for m in at.metric] == ["62,02", "56/63"]
    bands = at.dataframe[-1].value
    assert bands.iloc[0]["Điểm thay đổi"] == "± 0,10"
    best, worst = int(bands.iloc[0]["Hạng nếu cộng"]), int(bands.iloc[0]["Hạng nếu trừ"])
    assert best <= 56 <= worst
    assert any("cụm điểm gần bằng nhau" in w.value for w in at.warning)


def test_english_page_differs_and_uses_english_numbers(app_on):
    at = app_on("quy-dao", lang="en", params={"province": "kon-tum", "year": "2020"})
    assert not at.exception
    assert at.title[0].value == "Rank trajectories"
    assert [m.value for m in at.metric] == ["62.02", "56/63"]
    bump, score = _figs(at)
    assert bump.layout.title.text == "PCI rank over the years"
    assert any(tr.name == "National median" for tr in score.data)
    assert "Score change" in at.dataframe[-1].value.columns
