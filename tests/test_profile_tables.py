"""Pure builders of the profile and comparison: frames, display tables and charts."""

from __future__ import annotations

import pandas as pd
import pytest

from pci.charts.compare import grouped_bars, radar
from pci.charts.profile import benchmark_chart
from pci.profile_tables import (
    benchmark_display,
    benchmark_frame,
    compare_display,
    history_display,
    history_names,
    strengths,
    subindices_of,
)


def test_subindices_follow_the_methodology():
    assert len(subindices_of(2010)) == 9 and "CSTP6" not in subindices_of(2010)
    assert len(subindices_of(2020)) == 10
    assert "CSTP_TW" in subindices_of(2005) and "CSTP9" not in subindices_of(2005)


def _stats(complete: bool) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure": ["CSTP1", "CSTP2"],
            "n_with_score": [63 if complete else 9] * 2,
            "n_provinces": [63, 63],
            "complete": [complete, complete],
            "median": [6.0, 5.0],
            "top10_avg": [7.5, 6.5],
            "best": [8.9, 7.9],
            "best_province": ["quang-ninh", "da-nang"],
        }
    )


def _mine() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure": ["PCI", "CSTP1", "CSTP2"],
            "score": [62.02, 6.5, 4.1],
            "rank": [56, 20, 60],
            "source": ["s", "s", "s"],
            "source_kind": ["vcci_table"] * 3,
        }
    )


def _region(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure": ["CSTP1", "CSTP2"],
            "region_avg": [6.1, 5.2],
            "n_with_score": [n, n],
            "n_members": [5, 5],
        }
    )


def test_benchmarks_only_where_the_edition_is_complete():
    names = {"quang-ninh": "Quảng Ninh", "da-nang": "Đà Nẵng"}
    full = benchmark_frame(_mine(), _stats(True), _region(5), 2020, "vi", names)
    c1 = full.set_index("measure").loc["CSTP1"]
    assert (c1["median"], c1["best"], c1["best_province"], c1["region_avg"]) == (
        6.0,
        8.9,
        "Quảng Ninh",
        6.1,
    )
    part = benchmark_frame(_mine(), _stats(False), _region(3), 2020, "vi", names)
    assert part["median"].isna().all() and part["best"].isna().all()
    assert part["region_avg"].isna().all()
    shown = benchmark_display(part, "vi").set_index("Chỉ số thành phần")
    row = shown.loc["CSTP 1 · Gia nhập thị trường"]
    assert row["Điểm của tỉnh"] == "6,50" and row["Trung vị cả nước"] == "—"
    # A sub-index of the year without any figure is listed with "—", never 0.
    assert shown.loc["CSTP 10 · Thiết chế pháp lý", "Điểm của tỉnh"] == "—"


def test_strengths_use_ranks_when_all_known():
    frame = benchmark_frame(_mine(), _stats(True), _region(5), 2020, "en", {})
    strong, weak, basis = strengths(frame)
    assert basis == "rank"
    assert strong == ["CSTP 1 · Entry costs"] and weak == ["CSTP 2 · Land access"]


def test_history_marks_breaks_and_keeps_gaps():
    hist = pd.DataFrame(
        {
            "year": [2011, 2011, 2013, 2013],
            "measure": ["PCI", "CSTP8", "PCI", "CSTP8"],
            "score": [58.1, 5.2, 55.0, None],
            "rank": [40, None, 50, None],
        }
    )
    df = history_display(hist, "vi").set_index("Năm")
    assert list(df.index) == ["2011", "2012", "2013"]  # 2012 shown, not skipped
    assert df.loc["2011", "PCI"] == "58,10 (40)" and df.loc["2011", "CSTP 8"] == "5,20"
    assert df.loc["2012", "PCI"] == "—"
    assert df.loc["2013", "Ghi chú"] == "đổi phương pháp" and df.loc["2011", "Ghi chú"] == ""
    assert df.loc["2013", "Giai đoạn phương pháp"] == "PCI 2013–2020"
    assert "Dịch vụ hỗ trợ doanh nghiệp" in history_names(hist, "vi")


def _long() -> pd.DataFrame:
    rows = []
    for pid, name, base in (("a", "Tỉnh A", 6.0), ("b", "Tỉnh B", 5.0), ("c", "Tỉnh C", 4.0)):
        rows.append((pid, name, name, "PCI", base * 10, 10, "src"))
        for i, m in enumerate(subindices_of(2020)):
            score = None if (pid == "b" and m == "CSTP3") else base + i / 10
            rows.append((pid, name, name, m, score, None, "src"))
    return pd.DataFrame(
        rows,
        columns=["province_id", "name_vi", "name_en", "measure", "score", "rank", "source"],
    )


def test_compare_table_says_not_published_not_zero():
    table = compare_display(_long(), 2020, "vi").set_index("Chỉ số thành phần")
    assert table.loc["CSTP 3 · Tính minh bạch", "Tỉnh B"] == "—"
    assert table.loc["PCI", "Tỉnh A"] == "60,00 (10)"
    assert table.loc["CSTP 8 · Dịch vụ hỗ trợ DN", "Tỉnh C"] == "4,70"
    en = compare_display(_long(), 2021, "en").set_index("Sub-index")
    assert "CSTP 8 · Business support" in en.index


def test_grouped_bars_leave_unpublished_empty_and_name_years_methodology():
    fig = grouped_bars(_long(), 2021, lang="vi")
    b, b_missing = (t for t in fig.data if t.name == "Tỉnh B")
    i = list(b.x).index("CSTP 3 · Tính minh bạch")
    assert pd.isna(b.y[i]) and b.y[0] == pytest.approx(5.0)
    # The words, not a bar, stand in the province's slot.
    assert b_missing.offsetgroup == b.offsetgroup and b_missing.showlegend is False
    assert b_missing.text[i] == "chưa công bố" and b_missing.text[0] == ""
    # A province without any sub-index figure: said once, in the legend.
    empty = _long()
    empty.loc[(empty["province_id"] == "c") & (empty["measure"] != "PCI"), "score"] = None
    names = [t.name for t in grouped_bars(empty, 2020, lang="en").data]
    assert "Tỉnh C (not published)" in names and names.count("Tỉnh C (not published)") == 1
    assert "CSTP 8 · Chính sách hỗ trợ DN" in b.x
    assert fig.layout.separators == ",."


def test_radar_only_for_three_and_skips_missing():
    fig = radar(_long(), 2020, lang="en")
    b = next(t for t in fig.data if t.name == "Tỉnh B")
    i = list(b.theta).index("CSTP 3 · Transparency")
    assert b.r[i] is None and b.connectgaps is False and b.fill == "none"
    a = next(t for t in fig.data if t.name == "Tỉnh A")
    assert a.fill == "toself" and a.r[0] == pytest.approx(6.0)
    four = pd.concat([_long(), _long().assign(province_id="d", name_vi="D", name_en="D")])
    with pytest.raises(ValueError):
        radar(four, 2020)


def test_benchmark_chart_marks_only_known_references():
    frame = benchmark_frame(_mine(), _stats(False), _region(3), 2020, "vi", {})
    fig = benchmark_chart(frame, province_name="Kon Tum", year=2020, lang="vi")
    names = [t.name for t in fig.data]
    assert "Trung vị cả nước" not in names  # incomplete edition: no median drawn
    texts = [t for t in fig.data if getattr(t, "mode", None) == "text"]
    assert texts and "chưa công bố / không có dữ liệu" in texts[0].text
    full = benchmark_chart(
        benchmark_frame(_mine(), _stats(True), _region(5), 2020, "en", {}),
        province_name="Kon Tum",
        year=2020,
        lang="en",
        big=True,
    )
    assert {"National median", "National best", "Top-10 average", "Region average"} <= {
        t.name for t in full.data
    }
    assert full.layout.font.size == 20


def test_grouped_bar_labels_wrap_short_on_a_projector():
    """Big type: each tick line fits its category (long names ran into the neighbour's)."""
    fig = grouped_bars(_long(), 2021, lang="vi", big=True)
    lines = [ln for tick in fig.layout.xaxis.ticktext for ln in tick.split("<br>")]
    assert "không" in lines and max(len(ln) for ln in lines) <= 10


def test_a_rank_band_with_an_unknown_end_is_shown_as_not_published():
    from types import SimpleNamespace

    from pci.profile_tables import sensitivity_display

    bands = [SimpleNamespace(delta=0.5, best_rank=5, worst_rank=None)]
    bands.append(SimpleNamespace(delta=0.1, best_rank=None, worst_rank=None))
    bands.append(SimpleNamespace(delta=0.25, best_rank=3, worst_rank=9))
    assert list(sensitivity_display(bands, 8, "vi")["Dải hạng"]) == ["—", "—", "3–9"]


def test_a_two_row_legend_gets_room_below_the_title():
    """Five long "(not published)" names wrap onto two rows; the top margin grows for them."""
    long = _long()
    short = grouped_bars(long, 2021, lang="en", title="t")
    many = long.assign(name_en=long["name_en"] + " with a much longer province name here")
    tall = grouped_bars(many, 2021, lang="en", title="t")
    assert tall.layout.margin.t > short.layout.margin.t
    assert tall.layout.title.yref == "container" and tall.layout.title.yanchor == "top"
