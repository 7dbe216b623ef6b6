"""The Excel template: export → import round trip changes nothing; edits become versions; bad
rows are reported with sheet, row and column and change nothing; stale rows refuse the file."""

import openpyxl
import pytest

from etl.errors import ImportRejected
from pci.targets import store, template


@pytest.fixture
def state(tmp_path):
    return tmp_path / "pci_state.duckdb"


def _export(state, path, province=None, lang="vi"):
    path.write_bytes(template.write_template(store.list_targets(state, province), lang))
    return path


def _col(ws, header):
    for c in ws[1]:
        if c.value == header:
            return c.column_letter
    raise KeyError(header)


def test_round_trip_changes_nothing_and_twice_changes_nothing_more(state, tmp_path):
    f = _export(state, tmp_path / "so.xlsx")
    before = store.history(state)
    r = template.import_template(state, f, "lan")
    assert (r.created, r.edited, r.unchanged) == (0, 0, 22)
    template.import_template(state, f, "lan")
    assert len(store.history(state)) == len(before)


def test_an_edited_cell_and_a_new_row_are_imported_as_a_version_and_a_target(state, tmp_path):
    f = _export(state, tmp_path / "so.xlsx", "thua-thien-hue")
    wb = openpyxl.load_workbook(f)
    ws = wb["Mục tiêu"]
    ws[f"{_col(ws, 'Giá trị mục tiêu')}2"] = 22
    ws.append(
        {
            4: "Thừa Thiên Huế",
            5: "PCI",
            10: "Hạng",
            11: "≤",
            14: 2024,
            15: 5,
            18: "Sở Kế hoạch và Đầu tư",
        }
    )
    wb.save(f)
    r = template.import_template(state, f, "minh")
    assert (r.created, r.edited) == (1, 1)
    regs = store.list_targets(state, "thua-thien-hue")
    cstp8 = regs[regs["measure"] == "CSTP8"].iloc[0]
    assert (cstp8["target_value"], cstp8["version"], cstp8["edited_by"]) == (22, 2, "minh")
    new = regs[regs["measure"] == "PCI"].iloc[0]
    assert (new["target_value"], new["lead_unit"], new["comparator"]) == (
        5,
        "Sở Kế hoạch và Đầu tư",
        "le",
    )


def test_bad_rows_name_sheet_row_and_column_and_change_nothing(state, tmp_path):
    f = _export(state, tmp_path / "so.xlsx", "quang-tri")
    wb = openpyxl.load_workbook(f)
    ws = wb["Mục tiêu"]
    ws[f"{_col(ws, 'Giá trị mục tiêu')}2"] = 120  # a percentage above 100
    ws[f"{_col(ws, 'Năm mục tiêu')}3"] = "hai nghìn"
    ws[f"{_col(ws, 'Tỉnh')}4"] = "Tỉnh Không Có"
    wb.save(f)
    before = store.history(state)
    with pytest.raises(ImportRejected) as exc:
        template.import_template(state, f, "lan")
    got = {(p.sheet, p.row, p.column, p.key) for p in exc.value.problems}
    assert ("Mục tiêu", 2, _col(ws, "Giá trị mục tiêu"), "targets.v.percent_range") in got
    assert ("Mục tiêu", 3, _col(ws, "Năm mục tiêu"), "targets.imp.not_number") in got
    assert ("Mục tiêu", 4, _col(ws, "Tỉnh"), "targets.imp.bad_value") in got
    msg_vi, msg_en = exc.value.render("vi"), exc.value.render("en")
    assert "dòng 2, cột O" in msg_vi and "ngoài khoảng 0–100" in msg_vi
    assert "row 3" in msg_en and "needs a number" in msg_en
    assert len(store.history(state)) == len(before)


def test_a_row_edited_in_the_app_after_export_refuses_the_whole_file(state, tmp_path):
    f = _export(state, tmp_path / "so.xlsx", "quang-tri")
    regs = store.list_targets(state, "quang-tri")
    first = regs[regs["position"] == 1].iloc[0]
    store.update(state, first["target_id"], {"notes": "đã sửa trong ứng dụng"}, 1, "minh")
    wb = openpyxl.load_workbook(f)
    ws = wb["Mục tiêu"]
    ws[f"{_col(ws, 'Giá trị mục tiêu')}2"] = 95
    ws[f"{_col(ws, 'Giá trị mục tiêu')}3"] = 90
    wb.save(f)
    with pytest.raises(ImportRejected) as exc:
        template.import_template(state, f, "lan")
    assert [p.key for p in exc.value.problems] == ["targets.imp.stale"]
    assert "minh" in exc.value.render("vi")
    after = store.list_targets(state, "quang-tri")
    assert set(after["target_value"]) >= {100}  # nothing from the file was written
    assert after[after["position"] == 2]["version"].iloc[0] == 1


def test_english_template_reads_back(state, tmp_path):
    f = _export(state, tmp_path / "en.xlsx", "bac-kan", lang="en")
    wb = openpyxl.load_workbook(f)
    assert wb.sheetnames[:2] == ["Guide", "Targets"]
    r = template.import_template(state, f, "lan")
    assert r.unchanged == 1
