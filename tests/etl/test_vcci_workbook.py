"""The VCCI workbook reader: real workbooks against an independent extraction, and tiny
synthetic workbooks for layouts and mistakes the real files do not show."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from openpyxl import Workbook

from etl.errors import ImportRejected
from etl.provinces import resolver
from etl.vcci_workbook import read_vcci_workbook
from tests.conftest import SHARED_DATA

EXTRACT = SHARED_DATA / "vcci_extract"


def _measure(no: int) -> str:
    return "CSTP_TW" if int(no) == 11 else f"CSTP{int(no)}"


def _official(db: Path, sql: str) -> pd.DataFrame:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).df()
    finally:
        con.close()


def _ids(names: pd.Series) -> pd.Series:
    res = resolver()
    return names.map(res.resolve)


def _name_key(name: object) -> str:
    return re.sub(r"\s+", " ", str(name)).strip()


# ---------------------------------------------------------------------------- real workbooks


@pytest.mark.realdata
def test_every_composite_score_and_rank_in_the_extract_is_reproduced(workbooks_db):
    ext = pd.read_csv(EXTRACT / "pci_composite.csv")
    ext["province_id"] = _ids(ext["province"])
    got = _official(
        workbooks_db,
        "SELECT year, province_id, score, rank FROM pci_scores "
        "WHERE measure = 'PCI' AND source_kind = 'official'",
    )
    m = ext.merge(got, on=["year", "province_id"], how="left", suffixes=("_ext", ""))
    missing = m[m["score"].isna()]
    assert missing.empty, missing[["year", "province"]].to_string()
    off = m[(m["score"] - m["score_ext"]).abs() > 0.006]
    assert off.empty, off[["year", "province", "score_ext", "score"]].to_string()
    bad_rank = m[m["rank"].astype("Int64") != m["rank_ext"].astype("Int64")]
    assert bad_rank.empty, bad_rank[["year", "province", "rank_ext", "rank"]].to_string()
    assert len(m) == len(ext) == 612


@pytest.mark.realdata
def test_every_subindex_score_and_published_rank_in_the_extract_is_reproduced(workbooks_db):
    ext = pd.read_csv(EXTRACT / "pci_subindex.csv")
    ext["province_id"] = _ids(ext["province"])
    ext["measure"] = ext["subindex_no"].map(_measure)
    got = _official(
        workbooks_db,
        "SELECT year, province_id, measure, score, rank FROM pci_scores "
        "WHERE measure <> 'PCI' AND source_kind = 'official'",
    )
    m = ext.merge(got, on=["year", "province_id", "measure"], how="left", suffixes=("_ext", ""))
    missing = m[m["score"].isna()]
    assert missing.empty, missing[["year", "province", "measure"]].head(20).to_string()
    off = m[(m["score"] - m["score_ext"]).abs() > 0.006]
    assert off.empty, off[["year", "province", "measure", "score_ext", "score"]].to_string()
    # Ranks: where the extract has one (sorted-pairs years) ours is the same; where it has
    # none (2005–2007, no published sub-index rank) ours is NULL too — never computed.
    ranked = m[m["rank_ext"].notna()]
    assert (ranked["rank"].astype("Int64") == ranked["rank_ext"].astype("Int64")).all()
    assert m.loc[m["rank_ext"].isna(), "rank"].isna().all()
    assert len(ranked) == 4231  # 2008 (64 × 10), 2010–12 (63 × 9), 2013–15 (63 × 10)


@pytest.mark.realdata
def test_at_least_95_percent_of_extract_indicator_values_are_reproduced(workbooks_db):
    ext = pd.read_csv(EXTRACT / "pci_indicators.csv.gz")
    ext["province_id"] = _ids(ext["province"])
    ext["measure"] = ext["subindex_no"].map(_measure)
    ext["name"] = ext["indicator_name_vi"].map(_name_key)
    got = _official(
        workbooks_db,
        "SELECT year, province_id, measure, indicator_name_vi, value FROM pci_indicator_values",
    )
    got["name"] = got["indicator_name_vi"].map(_name_key)
    key = ["year", "province_id", "measure", "name"]
    m = ext.merge(got.drop(columns="indicator_name_vi"), on=key, how="left", suffixes=("_ext", ""))
    same = (m["value"] - m["value_ext"]).abs() <= 1e-6 * m["value_ext"].abs().clip(lower=1)
    share = same.mean()
    print(f"indicator values reproduced: {same.sum()} / {len(m)} = {share:.2%}")
    assert share >= 0.95
    assert share == 1.0  # all 39 419 at the time of writing: a drop is a regression


@pytest.mark.realdata
def test_each_real_workbook_names_its_year_and_layout():
    from tests.conftest import VCCI_DIR

    seen = {}
    for path in sorted(VCCI_DIR.glob("PCI_*.xls*")):
        wb = read_vcci_workbook(path, display_name=path.name)
        seen[wb.year] = wb.layout
        # Row and column point at the cell: the score there is the one we read.
        assert wb.scores["row"].min() >= 2
        assert wb.scores["column"].str.fullmatch(r"[A-Z]{1,2}").all()
    assert sorted(seen) == [2005, 2006, 2007, 2008, 2010, 2011, 2012, 2013, 2014, 2015]
    assert seen[2005] == "rows" and seen[2008] == "pairs" and seen[2015] == "pairs"


HEADER_LABELS = {"chi tieu", "tinh", "tinh, thanh pho", "province", "stt", "thu tu", "ma pci"}


@pytest.fixture(scope="module")
def real_indicator_list() -> pd.DataFrame:
    """One row per sub-indicator column of every real workbook: year, code, name, unit."""
    from tests.conftest import VCCI_DIR

    rows = []
    for path in sorted(VCCI_DIR.glob("PCI_*.xls*")):
        wb = read_vcci_workbook(path, display_name=path.name)
        cols = wb.indicators.drop_duplicates(["sheet", "column"])
        rows.append(cols.assign(year=wb.year))
    return pd.concat(rows, ignore_index=True)


@pytest.mark.realdata
def test_no_real_indicator_is_named_by_a_header_label(real_indicator_list):
    from etl.vcci_workbook import _fold

    names = real_indicator_list["indicator_name_vi"]
    labels = names[names.map(lambda n: _fold(n).rstrip(".:# ") in HEADER_LABELS)]
    assert labels.empty, labels.tolist()
    # PCI_2008.xls repeats its row label «Chỉ tiêu» above column W's real name.
    w = real_indicator_list[
        (real_indicator_list["year"] == 2008)
        & (real_indicator_list["sheet"] == "Chi phí gia nhập thị trường")
        & (real_indicator_list["column"] == "W")
    ]
    assert w["indicator_name_vi"].tolist() == ["Nhóm chỉ tiêu thành phần 1.2"]


@pytest.mark.realdata
def test_real_indicator_units_agree_with_their_names_and_the_extract(real_indicator_list):
    ind = real_indicator_list
    one_stop = ind[ind["indicator_code"] == "c3_2"]
    assert sorted(one_stop["year"]) == [2013, 2014, 2015]
    assert set(one_stop["unit"]) == {"share"}
    # A time unit only where the name says it (folded, "đầy đủ", "dạy nghề" and "đây" read
    # "day"; "không bao giờ" reads "giờ").
    words = {"days": "ngày", "hours": "giờ", "months": "tháng"}
    for unit, word in words.items():
        named = ind.loc[ind["unit"] == unit, "indicator_name_vi"].str.lower()
        assert named.str.contains(word).all(), named[~named.str.contains(word)].tolist()
        assert not named.str.contains("bao giờ").any()
    schools = ind[ind["indicator_name_vi"].str.startswith("Số lượng trường dạy nghề")]
    assert len(schools) >= 3 and set(schools["unit"]) == {"count"}
    assert not (ind["indicator_name_vi"].str.contains("địa điểm") & (ind["unit"] == "score")).any()
    # Every unit the independent extraction states is the one we infer (its "count" of hours
    # is our "hours").
    ex = pd.read_csv(EXTRACT / "pci_indicator_list.csv")
    ex = ex.assign(key=ex["indicator_name_vi"].map(_name_key))
    ours = ind.assign(key=ind["indicator_name_vi"].map(_name_key))
    ex = ex[ex["unit"].notna()]
    m = ours.merge(ex[["year", "key", "unit"]], on=["year", "key"], suffixes=("", "_ex"))
    assert len(m) >= 550
    same = {
        "share of firms/area (0-1 fraction)": {"share"},
        "percent (0-100)": {"percent"},
        "days": {"days"},
        "months": {"months"},
        "count": {"count", "hours"},
    }
    wrong = m[[u not in same[e] for u, e in zip(m["unit"], m["unit_ex"], strict=True)]]
    assert wrong.empty, wrong[["year", "indicator_name_vi", "unit", "unit_ex"]].to_string()


# ---------------------------------------------------------------------------- synthetic


PROVINCES = ["Kon Tum", "Đà Nẵng", "Bình Dương", "Lào Cai"]


def _write(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def _summary_rows(pci_header: str = "PCI 2031") -> list[list[object]]:
    header = ["Tỉnh, thành phố", "Gia nhập\nthị trường", "Tiep can dat dai", "Tính minh bạch"]
    header += [pci_header, "Xếp hạng"]
    rows = [header]
    for i, p in enumerate(PROVINCES):
        rows.append([p, 8.0 - i, 7.0 - i, 6.0 - i, 70.0 - i, i + 1])
    return rows


def _indicator_rows() -> list[list[object]]:
    rows = [
        ["Mã PCI", "Tỉnh", "Chỉ số thành phần 1", "Số ngày đăng ký doanh nghiệp"],
        ["Mã PCI", "Tỉnh", "sub1_entry", "c1_new"],
    ]
    for i, p in enumerate(PROVINCES):
        rows.append([i + 1, p, 8.0 - i, 10 + i])
    return rows


def test_an_unseen_year_with_known_headers_loads(tmp_path):
    path = _write(
        tmp_path / "du_lieu_moi.xlsx",
        {"Tổng hợp": _summary_rows(), "Gia nhap thi truong": _indicator_rows()},
    )
    wb = read_vcci_workbook(path)
    assert wb.year == 2031
    pci = wb.scores[wb.scores["measure"] == "PCI"].set_index("province_id")
    assert pci.loc["kon-tum", "score"] == 70.0 and pci.loc["lao-cai", "rank"] == 4
    assert set(wb.scores["measure"]) == {"PCI", "CSTP1", "CSTP2", "CSTP3"}
    kt = wb.scores[(wb.scores["province_id"] == "kon-tum") & (wb.scores["measure"] == "CSTP2")]
    assert (kt["sheet"].item(), kt["row"].item(), kt["column"].item()) == ("Tổng hợp", 2, "C")
    ind = wb.indicators
    assert list(ind["indicator_name_vi"].unique()) == ["Số ngày đăng ký doanh nghiệp"]
    assert ind["indicator_code"].unique().tolist() == ["c1_new"]
    assert ind["unit"].unique().tolist() == ["days"]
    assert ind.set_index("province_id").loc["da-nang", "value"] == 11


def _one_indicator_sheet(columns: list[tuple[list[str], list[float]]]) -> list[list[object]]:
    """A sub-indicator sheet: position, province, the sub-index score, then ``columns``
    (header cells top to bottom, one value per province)."""
    depth = max(len(h) for h, _ in columns)
    rows = []
    for level in range(depth):
        row: list[object] = ["STT" if level == depth - 1 else None]
        row += ["Tỉnh" if level == depth - 1 else None]
        row += ["Chỉ số thành phần 1" if level == 0 else None]
        row += [h[level] if level < len(h) else None for h, _ in columns]
        rows.append(row)
    for i, p in enumerate(PROVINCES):
        rows.append([i + 1, p, 8.0 - i, *[v[i] for _, v in columns]])
    return rows


def test_units_come_from_words_with_their_diacritics_and_a_share_marker_wins(tmp_path):
    shares = [0.5, 0.6, 0.7, 0.8]
    sheet = _one_indicator_sheet(
        [
            # The "%" sits on the line under the name; folded, "đầy đủ" reads "day".
            (["Hướng dẫn về thủ tục tại bộ phận Một cửa rõ ràng và đầy đủ", "(% đồng ý)"], shares),
            (["Hướng dẫn về thủ tục tại bộ phận Một cửa rõ ràng và đầy đủ (% đồng ý)"], shares),
            (["Số lượng trường dạy nghề trên 10.000 dân"], [1.0, 2.0, 3.0, 4.0]),
            (["Khi có văn bản mới, tỉnh không bao giờ hỏi ý kiến DN"], [1.0, 2.0, 3.0, 4.0]),
            (["Văn phòng của DN đặt ở địa điểm của một DNNN"], [1.0, 2.0, 3.0, 4.0]),
            (["Thời gian đăng ký doanh nghiệp - số ngày"], [5.0, 6.0, 7.0, 8.0]),
            (["Tỷ lệ lấp đầy KCN"], [50.0, 60.0, 70.0, 80.0]),
            (["Thoi gian cho doi (so ngay)"], [5.0, 6.0, 7.0, 8.0]),
            (["Tiếp cận đất đai", "Nhóm chỉ tiêu thành phần 1.1"], [5.0, 6.0, 7.0, 8.0]),
            (["Số hội chợ thương mại", "Dữ liệu của Bộ Công Thương"], [1.0, 2.0, 3.0, 4.0]),
        ]
    )
    path = _write(tmp_path / "PCI_2031.xlsx", {"Tổng hợp": _summary_rows(), "Bảng 1": sheet})
    ind = read_vcci_workbook(path).indicators.drop_duplicates("column")
    assert ind["unit"].tolist() == [
        "share",
        "share",
        "count",
        "other",
        "other",
        "days",
        "percent",
        "days",
        "score",
        "count",
    ]


def test_a_header_row_label_repeated_above_a_column_does_not_name_it(tmp_path):
    rows = [
        ["Thứ tự", "Tên chỉ tiêu", "Chỉ số thành phần 1", "Tên chỉ tiêu", "Chỉ tiêu"],
        [None, "Tỉnh, thành phố", None, "Nhóm chỉ tiêu thành phần 1.2", "% DN phải chờ"],
    ]
    for i, p in enumerate(PROVINCES):
        rows.append([i + 1, p, 8.0 - i, 4.12 - i / 10, 0.1 * i])
    path = _write(tmp_path / "PCI_2031.xlsx", {"Tổng hợp": _summary_rows(), "Bảng 1": rows})
    ind = read_vcci_workbook(path).indicators.drop_duplicates("column")
    assert ind["indicator_name_vi"].tolist() == ["Nhóm chỉ tiêu thành phần 1.2", "% DN phải chờ"]


def test_notes_are_said_in_either_language_with_numbers_written_that_way(tmp_path):
    again = _summary_rows()
    again[1][4] = 69.5  # Kon Tum's PCI differs between the two summaries
    path = _write(
        tmp_path / "PCI_2031.xlsx", {"Tổng hợp": _summary_rows(), "Trống": [], "Bản sao": again}
    )
    wb = read_vcci_workbook(path)
    by_key = {n.key.rsplit(".", 1)[-1]: n for n in wb.notes}
    assert set(by_key) == {"empty_sheet", "summaries_differ"}
    empty = by_key["empty_sheet"]
    assert empty.message("en") == "File PCI_2031.xlsx, sheet «Trống»: no data; skipped."
    assert empty.message("vi") == "Tệp PCI_2031.xlsx, trang tính «Trống»: không có dữ liệu, bỏ qua."
    differ = by_key["summaries_differ"]
    assert (differ.sheet, differ.row, differ.column) == ("Bản sao", 2, "E")
    assert "69,50" in differ.message("vi") and "70,00" in differ.message("vi")
    assert "69.50" in differ.message("en") and "cell E2" in differ.message("en")
    assert wb.scores.set_index(["province_id", "measure"]).loc[("kon-tum", "PCI"), "score"] == 70


def test_a_subindicator_sheet_with_an_uninformative_name_is_placed_by_its_score_column(tmp_path):
    path = _write(
        tmp_path / "PCI_2031.xlsx", {"Tổng hợp": _summary_rows(), "Bảng 3": _indicator_rows()}
    )
    ind = read_vcci_workbook(path).indicators
    assert set(ind["measure"]) == {"CSTP1"} and len(ind) == 4


def test_english_headers_and_other_spellings_of_rank_and_position_load(tmp_path):
    rows = [["No.", "Province", "Entry Costs", "Land Access", "Transparency", "PCI 2030", "Hạng"]]
    for i, p in enumerate(["HCMC", "TT-Huế", "BRVT", "Dak Lak"]):
        rows.append([i + 1, p, 8.0 - i, 7.0 - i, 6.0 - i, 70.0 - i, i + 1])
    wb = read_vcci_workbook(_write(tmp_path / "x.xlsx", {"Summary": rows}))
    pci = wb.scores[wb.scores["measure"] == "PCI"].set_index("province_id")
    assert list(pci.index) == ["ho-chi-minh", "thua-thien-hue", "ba-ria-vung-tau", "dak-lak"]
    assert pci["rank"].tolist() == [1, 2, 3, 4] and wb.year == 2030


def test_a_stale_summary_of_another_year_is_skipped_even_when_the_year_is_given(tmp_path):
    stale = _summary_rows("PCI 2013")
    for row in stale[1:]:
        row[4] = 10.0
    path = _write(
        tmp_path / "PCI_2014.xlsx", {"Tổng hợp": _summary_rows("PCI 2014"), "Summary": stale}
    )
    for year in (None, 2014):
        wb = read_vcci_workbook(path, year=year)
        assert set(wb.scores["sheet"]) == {"Tổng hợp"}
        assert any("2013" in n.message() for n in wb.notes)


def test_sorted_pairs_give_each_subindex_its_position_as_rank(tmp_path):
    order = {"gia": [3, 2, 1, 0], "pci": [0, 1, 2, 3]}
    rows = [["Thứ tự", "Tỉnh", "Gia nhập thị trường", "", "PCI 2030"]]
    for pos in range(4):
        g, p = order["gia"][pos], order["pci"][pos]
        rows.append([pos + 1, PROVINCES[g], 9.0 - pos, PROVINCES[p], 60.0 - pos])
    wb = read_vcci_workbook(_write(tmp_path / "pairs.xlsx", {"Tong hop": rows}))
    assert wb.layout == "pairs"
    s = wb.scores.set_index(["measure", "province_id"])
    assert s.loc[("CSTP1", "lao-cai"), "rank"] == 1  # first in the entry-cost pair
    assert s.loc[("PCI", "lao-cai"), "rank"] == 4
    assert s.loc[("PCI", "kon-tum"), "score"] == 60.0


def test_a_summary_without_a_pci_column_is_rejected_naming_the_sheet(tmp_path):
    rows = [[r[0], r[1], r[2], r[3]] for r in _summary_rows()]
    path = _write(tmp_path / "PCI_2030.xlsx", {"Tổng hợp": rows})
    with pytest.raises(ImportRejected) as exc:
        read_vcci_workbook(path)
    (p,) = exc.value.problems
    assert p.key == "etl.workbook.no_pci_column" and p.sheet == "Tổng hợp"
    assert "Tổng hợp" in p.message("vi") and "PCI" in p.message("en")


def test_a_header_not_understood_is_rejected_naming_sheet_cell_and_header(tmp_path):
    rows = _summary_rows()
    rows[0][3] = "Chỉ số hạnh phúc"
    path = _write(tmp_path / "PCI_2030.xlsx", {"Tổng hợp": rows})
    with pytest.raises(ImportRejected) as exc:
        read_vcci_workbook(path)
    (p,) = exc.value.problems
    assert (p.key, p.sheet, p.column) == ("etl.workbook.unknown_header", "Tổng hợp", "D")
    assert "Chỉ số hạnh phúc" in p.message("vi")
    assert "not understood" in p.message("en")


def test_a_workbook_without_any_province_table_is_rejected_listing_its_sheets(tmp_path):
    path = _write(tmp_path / "PCI_2030.xlsx", {"Ghi chú": [["Bảng này trống"], ["x", 1]]})
    with pytest.raises(ImportRejected) as exc:
        read_vcci_workbook(path)
    assert exc.value.problems[0].key == "etl.workbook.no_summary"
    assert "«Ghi chú»" in exc.value.problems[0].message("en")


def test_an_unknown_province_is_rejected_naming_row_and_never_guessed(tmp_path):
    rows = _summary_rows()
    rows[3][0] = "Tỉnh Mới"
    path = _write(tmp_path / "PCI_2030.xlsx", {"Tổng hợp": rows})
    with pytest.raises(ImportRejected) as exc:
        read_vcci_workbook(path)
    (p,) = exc.value.problems
    assert (p.key, p.sheet, p.row, p.column) == ("etl.unknown_province", "Tổng hợp", 4, "A")
    assert "Tỉnh Mới" in p.message("vi")


def test_text_in_a_numeric_cell_is_rejected_naming_the_cell(tmp_path):
    rows = _summary_rows()
    rows[2][4] = "khoảng 69"
    path = _write(tmp_path / "PCI_2030.xlsx", {"Tổng hợp": rows})
    with pytest.raises(ImportRejected) as exc:
        read_vcci_workbook(path)
    (p,) = exc.value.problems
    assert (p.key, p.row, p.column) == ("etl.text_in_number", 3, "E")
    assert "khoảng 69" in p.message("en")


def test_formulas_saved_without_values_get_their_own_message(tmp_path):
    rows = _summary_rows()
    for row in rows[1:]:
        row[4] = "=60+1"  # openpyxl writes the formula, no cached result
    path = _write(tmp_path / "PCI_2030.xlsx", {"Tổng hợp": rows})
    with pytest.raises(ImportRejected) as exc:
        read_vcci_workbook(path)
    # Said cell by cell when the file is opened (etl.excel), before any header is read.
    problems = exc.value.problems
    assert {(p.key, p.sheet, p.column) for p in problems} == {
        ("etl.file.formula_no_value", "Tổng hợp", "E")
    }
    assert [p.row for p in problems] == [2, 3, 4, 5]
    assert "Excel" in problems[0].message("vi") and "Excel" in problems[0].message("en")


def test_blank_and_no_data_cells_are_left_out_not_zero(tmp_path):
    rows = _summary_rows()
    rows[2][1] = None
    rows[3][1] = "-"
    wb = read_vcci_workbook(_write(tmp_path / "PCI_2030.xlsx", {"Tổng hợp": rows}))
    entry = wb.scores[wb.scores["measure"] == "CSTP1"]
    assert sorted(entry["province_id"]) == ["kon-tum", "lao-cai"]


def test_an_empty_sheet_is_skipped_with_a_note(tmp_path):
    path = _write(tmp_path / "PCI_2030.xlsx", {"Trống": [], "Tổng hợp": _summary_rows()})
    wb = read_vcci_workbook(path)
    assert len(wb.scores) == 16
    assert any(n.sheet == "Trống" for n in wb.notes)


def test_a_workbook_whose_sheets_are_all_empty_is_rejected(tmp_path):
    path = _write(tmp_path / "PCI_2030.xlsx", {"Trống": []})
    with pytest.raises(ImportRejected) as exc:
        read_vcci_workbook(path)
    assert exc.value.problems[0].key == "etl.file.no_data"


def test_the_year_comes_from_the_file_name_when_headers_do_not_say_and_can_be_overridden(
    tmp_path,
):
    path = _write(tmp_path / "PCI_2029.xlsx", {"Tổng hợp": _summary_rows("PCI có trọng số")})
    assert read_vcci_workbook(path).year == 2029
    assert read_vcci_workbook(path, year=2028).year == 2028
    anon = _write(tmp_path / "du_lieu.xlsx", {"Tổng hợp": _summary_rows("PCI có trọng số")})
    with pytest.raises(ImportRejected) as exc:
        read_vcci_workbook(anon)
    assert exc.value.problems[0].key == "etl.workbook.no_year"


def test_progress_is_reported_per_sheet(tmp_path):
    path = _write(
        tmp_path / "PCI_2030.xlsx",
        {"Tổng hợp": _summary_rows(), "Gia nhap thi truong": _indicator_rows()},
    )
    seen: list[str] = []
    read_vcci_workbook(path, progress=seen.append)
    assert seen == ["Tổng hợp", "Gia nhap thi truong"]


# ---------------------------------------------------------------------------- command line


def _pci(db: Path, *args: str):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "pci.cli", "--db", str(db), *args], capture_output=True, text=True
    )


@pytest.mark.realdata
def test_check_after_loading_workbooks_reports_residuals_for_every_workbook_year(
    workbooks_db, copy_db
):
    r = _pci(copy_db(workbooks_db), "check")
    assert r.returncode == 0, r.stderr
    block = r.stdout.split("Sai số tái tạo PCI")[1].split("Khác biệt")[0]
    for year in (2006, 2007, 2008, 2010, 2012, 2013, 2014, 2015):
        assert f"  {year}: 6" in block and "lớn nhất 0,00" in block.split(f"  {year}:")[1]
    # The two known anomalies are reported, not rejected.
    assert "không tái tạo được" in block.split("  2005:")[1].splitlines()[0]
    assert "bất thường đã biết" in block.split("  2011:")[1].splitlines()[0]


@pytest.mark.realdata
def test_loading_the_folder_shows_progress_and_a_summary_and_a_second_load_changes_nothing(
    tmp_path,
):
    from tests.conftest import VCCI_DIR

    db = tmp_path / "pci.duckdb"
    first = _pci(db, "load", str(VCCI_DIR))
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("ĐÃ NHẬN") == 10
    # One progress bar per file, advancing sheet by sheet (on stderr, beside the summary).
    assert "PCI_2014.xlsx" in first.stderr and "Summary_VN" in first.stderr
    assert "Xong:" in first.stdout
    everything = (
        "SELECT year, province_id, measure, score, rank, source FROM pci_scores ORDER BY ALL"
    )
    before = _official(db, everything)
    n_ind = "SELECT count(*) FROM pci_indicator_values"
    ind_before = _official(db, n_ind).iloc[0, 0]
    second = _pci(db, "load", str(VCCI_DIR))
    assert second.returncode == 0, second.stderr
    assert second.stdout.count("KHÔNG ĐỔI") == 10
    assert "Xong: 0 số liệu mới" in second.stdout
    pd.testing.assert_frame_equal(before, _official(db, everything))
    assert _official(db, n_ind).iloc[0, 0] == ind_before > 50_000


@pytest.mark.realdata
def test_pci_load_prints_the_readers_notes_in_the_users_language(tmp_path):
    from tests.conftest import VCCI_DIR

    wb2008 = str(VCCI_DIR / "PCI_2008.xls")
    vi = _pci(tmp_path / "vi" / "pci.duckdb", "load", wb2008)
    assert vi.returncode == 0, vi.stderr
    lines = vi.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "Ghi chú khi đọc PCI_2008.xls" in line)
    assert any("ĐÃ NHẬN" in line for line in lines[:at])  # after the per-file lines
    w = next(line for line in lines if "cột W" in line)
    assert "trang tính «Ưu đãi DNNN», cột W" in w and "64/64 tỉnh" in w and "không được nạp" in w
    assert any("«Cơ sở hạ tầng»" in line and "bỏ qua" in line for line in lines[at:])

    en = _pci(tmp_path / "en" / "pci.duckdb", "--lang", "en", "load", wb2008)
    assert en.returncode == 0, en.stderr
    assert "Notes on reading PCI_2008.xls" in en.stdout
    w = next(line for line in en.stdout.splitlines() if "column W" in line)
    assert "sheet «Ưu đãi DNNN», column W" in w and "64 of 64 provinces" in w and "not loaded" in w
    assert "bỏ qua" not in en.stdout and "không được nạp" not in en.stdout
