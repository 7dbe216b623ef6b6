"""Pure builders of the ranking and trajectory pages: tiny frames made in each test."""

import csv

import numpy as np
import pandas as pd
import pytest

from pci.charts import ranking, tilemap, trajectory
from pci.config import REFERENCE_DIR
from pci.trajectory_tables import bands_display, changes_display, missing_years


def _table(**extra) -> pd.DataFrame:
    base = {
        "province_id": ["kon-tum", "quang-ninh", "ha-noi"],
        "name_vi": ["Kon Tum", "Quảng Ninh", "Hà Nội"],
        "name_en": ["Kon Tum", "Quang Ninh", "Ha Noi"],
        "region_id": ["central-highlands", "red-river-delta", "red-river-delta"],
        "region_vi": ["Tây Nguyên", "Đồng bằng sông Hồng", "Đồng bằng sông Hồng"],
        "region_en": ["Central Highlands", "Red River Delta", "Red River Delta"],
        "PCI_score": [62.02, 75.09, np.nan],
        "PCI_rank": pd.array([56, 1, pd.NA], dtype="Int64"),
        "CSTP1_score": [7.1, 8.2, np.nan],
        "CSTP1_rank": pd.array([40, 2, pd.NA], dtype="Int64"),
        "private": [False, False, False],
        "source": ["s1", "s2", None],
    }
    base.update(extra)
    return pd.DataFrame(base)


# --- tile map --------------------------------------------------------------------------------


def test_tile_layout_covers_every_province_once_with_distinct_cells_and_labels():
    with (REFERENCE_DIR / "provinces.csv").open(encoding="utf-8") as fh:
        ids = {r["province_id"] for r in csv.DictReader(fh)}
    pos = tilemap.positions()
    assert set(pos["province_id"]) == ids and len(pos) == len(ids) == 64
    assert not pos.duplicated(["row", "col"]).any()
    assert not pos["abbr"].duplicated().any()


def test_tile_layout_puts_north_at_top():
    pos = tilemap.positions().set_index("province_id")
    assert pos.loc["ha-giang", "row"] < pos.loc["ha-noi", "row"] < pos.loc["da-nang", "row"]
    assert pos.loc["da-nang", "row"] < pos.loc["ho-chi-minh", "row"] < pos.loc["ca-mau", "row"]


def _long(scores: dict[str, float | None]) -> pd.DataFrame:
    rows = []
    for i, (pid, s) in enumerate(scores.items(), start=1):
        rows.append(
            {
                "province_id": pid,
                "name_vi": pid.upper(),
                "name_en": pid,
                "measure": "PCI" if s is not None else None,
                "score": s,
                "rank": i if s is not None else None,
                "source": "src" if s is not None else None,
            }
        )
    return pd.DataFrame(rows)


def test_unpublished_tiles_are_grey_and_never_coloured_as_zero():
    tiles = tilemap.tile_frame(_long({"kon-tum": 62.02, "ha-noi": None}), "PCI", "vi")
    fig = tilemap.tile_map(tiles, lang="vi", n_total=63)
    grey, coloured = fig.data[0], fig.data[1]
    assert np.nansum(np.isfinite(np.array(grey.z, dtype=float))) == 1
    assert np.nanmax(np.array(coloured.z, dtype=float)) == pytest.approx(62.02)
    assert np.nanmin(np.array(coloured.z, dtype=float)) == pytest.approx(62.02)  # no zero tile
    hovers = [h for row in fig.data[0].customdata for h in row if h]
    assert hovers == ["<b>HA-NOI</b><br>chưa công bố / không có dữ liệu"]
    kt = next(h for row in coloured.customdata for h in row if h)
    assert "62,02" in kt and "1/63" in kt and "src" in kt


def test_province_missing_from_the_layout_raises():
    with pytest.raises(KeyError, match="atlantis"):
        tilemap.tile_frame(_long({"atlantis": 1.0}), "PCI", "vi")


def test_unit_overlay_outlines_merged_units_only():
    provinces = pd.DataFrame(
        {
            "province_id": ["kon-tum", "quang-ngai", "ha-noi"],
            "unit_2025_id": ["qn25", "qn25", "ha-noi"],
        }
    )
    units = pd.DataFrame(
        {
            "unit_id": ["qn25", "ha-noi"],
            "name_vi": ["Quảng Ngãi", "Hà Nội"],
            "merged": [True, False],
            "members": ["kon-tum;quang-ngai", "ha-noi"],
        }
    )
    long = _long({"kon-tum": 62.0, "quang-ngai": 63.0, "ha-noi": 66.0})
    tiles = tilemap.tile_frame(long, "PCI", "en", provinces)
    fig = tilemap.tile_map(tiles, lang="en", units=units)
    border = next(t for t in fig.data if t.name == "units_2025")
    segs = [x for x in border.x if x is not None]
    # Kon Tum (12,5) and Quảng Ngãi (12,6) sit side by side: 3 outer edges each, none between
    assert len(segs) == 2 * 6
    hovers = [h for row in fig.data[1].customdata for h in row if h]
    assert any("From 1 July 2025: Quảng Ngãi (kon-tum, quang-ngai)" in h for h in hovers)
    # an unchanged province keeps its own name, with no list of old provinces
    assert any(h.endswith("From 1 July 2025: Hà Nội") for h in hovers)
    table = tilemap.units_table(
        units, provinces.assign(name_en=["Kon Tum", "Quang Ngai", "Ha Noi"]), "en"
    )
    assert table.to_dict("records") == [
        {"Unit from 1 July 2025": "Quảng Ngãi", "Old provinces": "Kon Tum, Quang Ngai"}
    ]


# --- ranking table ---------------------------------------------------------------------------


def test_ranking_frame_keeps_numbers_marks_my_province_and_unpublished_rows():
    f = ranking.ranking_frame(_table(), 2020, "vi", my_province="kon-tum")
    df = f.df
    assert list(df["Tỉnh, thành phố"]) == ["Kon Tum ★", "Quảng Ninh", "Hà Nội"]
    assert df["Điểm PCI"].dtype == float and df["Hạng"].dtype == "Int64"
    assert list(df["Công bố"]) == ["đã công bố", "đã công bố", "chưa công bố / không có dữ liệu"]
    assert f.my_row == 0
    assert "Gia nhập thị trường" in f.score_cols
    # sub-indices with no figure at all are listed, not shown as a column of dashes
    assert "Tiếp cận đất đai" in f.empty_measures and "Tiếp cận đất đai" not in df


def test_ranking_frame_uses_the_years_subindex_names():
    t = _table(CSTP8_score=[6.0, 7.0, np.nan], CSTP8_rank=pd.array([9, 1, pd.NA], dtype="Int64"))
    assert "Chính sách hỗ trợ DN" in ranking.ranking_frame(t, 2021, "vi").df
    assert "Dịch vụ hỗ trợ DN" in ranking.ranking_frame(t, 2020, "vi").df


def test_region_filter():
    f = ranking.ranking_frame(_table(), 2020, "en", regions=["central-highlands"])
    assert list(f.df["Province"]) == ["Kon Tum"]


def test_styled_formats_the_users_way_and_export_matches():
    f = ranking.ranking_frame(_table(), 2020, "vi", my_province="kon-tum")
    html = ranking.styled(f, "vi").to_html()
    assert "62,02" in html and "75,09" in html and "—" in html
    assert ranking.MY_ROW.lower() in html.lower()
    out = ranking.export_frame(f, "vi")
    assert list(out["Điểm PCI"]) == ["62,02", "75,09", "—"]
    assert list(out["Hạng"]) == ["56", "1", "—"]
    en = ranking.export_frame(ranking.ranking_frame(_table(), 2020, "en"), "en")
    assert en["PCI score"].iloc[0] == "62.02"


def test_cell_colours_darker_for_better_and_blank_for_missing():
    scores = ranking.cell_colours(pd.Series([60.0, 70.0, np.nan]), higher_is_better=True)
    ranks = ranking.cell_colours(pd.Series([1, 50, None]), higher_is_better=False)
    assert scores[2] == "" and ranks[2] == ""
    assert scores[0] != scores[1] and ranks[0] == scores[1]  # rank 1 gets the darkest colour


def test_ranking_bars_draw_only_published_and_count_the_rest():
    fig = ranking.ranking_bars(_table(), "PCI", 2020, "vi", my_province="kon-tum")
    assert list(fig.data[0].y) == ["Kon Tum", "Quảng Ninh"]
    assert fig.data[0].marker.color[0] == "#D55E00"
    assert "1 tỉnh chưa công bố" in fig.layout.annotations[0].text


# --- trajectories ----------------------------------------------------------------------------


def _traj() -> pd.DataFrame:
    years = [2018, 2019, 2020, 2021, 2023]
    return pd.DataFrame(
        {
            "year": years,
            "province_id": "kon-tum",
            "name_vi": "Kon Tum",
            "name_en": "Kon Tum",
            "score": [60.0, 61.0, 62.02, 64.0, 65.0],
            "rank": [58, 56, 56, 40, 30],
            "source": "src",
            "n_provinces": 63,
        }
    )


def test_bump_chart_splits_at_breaks_and_gaps_unless_joined():
    fig = trajectory.bump_chart(_traj(), "vi")
    runs = [list(t.x) for t in fig.data]
    assert runs == [[2018, 2019, 2020], [2021], [2023]]
    assert fig.layout.yaxis.range == (64, 0)
    assert any(s.x0 == 2020.5 for s in fig.layout.shapes)
    joined = trajectory.bump_chart(_traj(), "vi", join=True)
    assert [list(t.x) for t in joined.data] == [[2018, 2019, 2020, 2021, 2023]]
    assert "62,02" in fig.data[0].hovertext[2] and "56/63" in fig.data[0].hovertext[2]


def test_score_chart_draws_median_only_for_complete_editions():
    nat = pd.DataFrame(
        {
            "year": [2019, 2020, 2021],
            "complete": [False, True, False],
            "median": [None, 63.44, None],
        }
    )
    fig = trajectory.score_chart(_traj(), nat, "en")
    med = [t for t in fig.data if t.name == "National median"]
    assert len(med) == 1 and list(med[0].x) == [2020] and list(med[0].y) == [63.44]


def test_changes_display_says_unknown_never_a_number():
    ch = pd.DataFrame(
        {
            "province_id": ["kon-tum"],
            "year0": [2023],
            "year1": [2024],
            "score0": [65.0],
            "score1": [66.0],
            "rank0": [30],
            "rank1": [28],
            "total": [2],
            "own": pd.array([pd.NA], dtype="Int64"),
            "others": pd.array([pd.NA], dtype="Int64"),
        }
    )
    out = changes_display(ch, {"kon-tum": "Kon Tum"}, "vi").iloc[0]
    assert out["Thay đổi hạng"] == "+2" and out["Do điểm của tỉnh"] == "không xác định"
    assert out["Giai đoạn"] == "2023 → 2024" and out["Điểm năm sau"] == "66,00"


def test_bands_display_and_missing_years():
    bands = pd.DataFrame(
        {
            "delta": [0.1, 0.5],
            "best_rank": pd.array([55, 50], "Int64"),
            "worst_rank": pd.array([57, pd.NA], "Int64"),
        }
    )
    out = bands_display(bands, "vi")
    assert list(out["Điểm thay đổi"]) == ["± 0,10", "± 0,50"]
    assert list(out["Hạng nếu trừ"]) == ["57", "không xác định"]
    provs = pd.DataFrame(
        {
            "province_id": ["kon-tum", "ha-tay"],
            "first_year": [2005, 2005],
            "last_year": [None, 2008],
        }
    )
    gaps = missing_years(_traj(), provs, ["kon-tum", "ha-tay"], [2007, 2019, 2022, 2024])
    assert gaps == {"kon-tum": [2007, 2022, 2024], "ha-tay": [2007]}
