"""report(): the example registers on the shipped data, and a province's own (private) results
filling what VCCI did not publish — shown only with include_private, always flagged."""

import openpyxl
import pytest

from pci.config import state_path
from pci.targets import report


def _private_results(path, province, scores=(), indicators=()):
    """A filled province-results template (test figures, made for this test only)."""
    from etl.private_results import write_template

    write_template(path)
    wb = openpyxl.load_workbook(path)
    for row in scores:  # Năm | Tỉnh | Chỉ số | Điểm | Hạng | Ghi chú
        wb["Điểm số"].append([row[0], province, row[1], row[2], row[3], "test"])
    for row in indicators:  # Năm | Tỉnh | CSTP | Mã | Tên | Đơn vị | Giá trị | Ghi chú
        wb["Chỉ tiêu"].append([row[0], province, row[1], None, row[2], row[3], row[4], "test"])
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def private_db(shipped_db, tmp_path_factory):
    import shutil

    from etl.load import load_paths

    folder = tmp_path_factory.mktemp("private")
    for p in shipped_db.parent.iterdir():
        (shutil.copytree if p.is_dir() else shutil.copy2)(p, folder / p.name)
    db = folder / shipped_db.name
    hue = _private_results(
        folder / "hue.xlsx",
        "Thừa Thiên Huế",
        scores=[(2023, "CSTP8", 6.10, 32), (2024, "CSTP8", 6.90, 24)],
    )
    qt = _private_results(
        folder / "qt.xlsx",
        "Quảng Trị",
        indicators=[
            (
                2023,
                "CSTP3",
                "Số ngày chờ đợi để nhận được thông tin, văn bản yêu cầu (Trung vị)",
                "ngày",
                7,
            ),
            (
                2023,
                "CSTP1",
                "Cán bộ tại bộ phận Một cửa am hiểu về chuyên môn (% DN Đồng ý)",
                "%",
                72,
            ),
        ],
    )
    s = load_paths(db, [hue, qt], user="test")
    assert s.ok, [p.message("en") for f in s.rejected for p in f.problems] + [
        p.message("en") for p in s.problems
    ]
    return db


def test_examples_on_shipped_data_say_what_is_missing(shipped_db, tmp_path):
    st = tmp_path / "state.duckdb"
    t, i = report(shipped_db, st, "thua-thien-hue", 2024, "vi")
    row = t.iloc[0]
    assert (row["status"], row["latest_text"], row["target_text"]) == (
        "no_data",
        "32/63 (2023)",
        "≤ 25/63 (2024)",
    )
    assert (
        "Thiếu điểm Chính sách hỗ trợ DN năm 2023 của Thừa Thiên Huế (hạng 32/63)"
        in row["missing_text"]
    )
    assert "VCCI không công bố" in row["missing_text"] and "pci template" in row["missing_text"]
    assert i.empty


def test_kon_tum_needs_0_60_points_for_46th_in_2020_data(shipped_db, tmp_path):
    t, _ = report(shipped_db, tmp_path / "s.duckdb", "kon-tum", None, "en")
    rank = t[t["comparator"] == "le"].iloc[0]
    assert rank["takes_year"] == 2020 and rank["gap_points"] == pytest.approx(0.60)
    assert "62.02" in rank["takes_text"] and "0.60 points missing" in rank["takes_text"]
    group = t[t["comparator"] == "in_group"].iloc[0]
    assert group["status"] == "no_data" and "groups" in group["reason"]


def test_private_results_fill_the_gap_only_for_editors(private_db):
    st = state_path(private_db)
    pub, _ = report(private_db, st, "thua-thien-hue", 2024, "vi", include_private=False)
    assert pub.iloc[0]["status"] == "no_data" and not pub.iloc[0]["latest_private"]
    priv, _ = report(private_db, st, "thua-thien-hue", 2024, "vi", include_private=True)
    row = priv.iloc[0]
    assert (row["status"], row["latest_value"], row["latest_private"]) == ("met", 24, True)


def test_private_indicator_values_feed_the_goals_direction_aware(private_db):
    st = state_path(private_db)
    _, pub = report(private_db, st, "quang-tri", 2024, "vi")
    assert pub["value"].isna().all()
    _, ind = report(private_db, st, "quang-tri", 2024, "vi", include_private=True)
    days = ind[ind["position"] == 6].iloc[0]
    assert (days["value"], days["private"], days["met"]) == (
        7,
        True,
        False,
    )  # 7 days > 5: lower is better
    staff = ind[ind["position"] == 3].iloc[0]
    assert (staff["value"], staff["met"]) == (72, True)
    assert staff["median"] is None  # one province's own results are not a national median
    s = ind.attrs["summary"]
    assert (s["n"], s["met"], s["no_value"]) == (18, 1, 16)
    assert ind.attrs["summary_text"].startswith("1/18 chỉ tiêu đạt mục tiêu")
