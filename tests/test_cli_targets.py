"""`pci targets`: export → import changes nothing; a bad file exits 1 naming row and column."""

import openpyxl

from pci.cli import main


def test_export_import_and_list(shipped_db, copy_db, tmp_path, capsys):
    db = copy_db(shipped_db)
    out = tmp_path / "so.xlsx"
    assert (
        main(["--db", str(db), "targets", "export", "--out", str(out), "--province", "Quảng Trị"])
        == 0
    )
    assert main(["--db", str(db), "targets", "import", str(out)]) == 0
    assert "0 mục tiêu mới, 0 mục tiêu sửa, 18 không đổi" in capsys.readouterr().out
    assert main(["--db", str(db), "--lang", "en", "targets", "list", "--province", "kon-tum"]) == 0
    text = capsys.readouterr().out
    assert "Kon Tum" in text and "≤ 46/63 (2021)" in text and "[No data yet]" in text


def test_bad_file_is_rejected_with_row_and_column(shipped_db, copy_db, tmp_path, capsys):
    db = copy_db(shipped_db)
    out = tmp_path / "so.xlsx"
    main(["--db", str(db), "targets", "export", "--out", str(out), "--province", "bac-kan"])
    wb = openpyxl.load_workbook(out)
    wb["Mục tiêu"]["B2"] = None  # the version column emptied
    wb.save(out)
    assert main(["--db", str(db), "targets", "import", str(out)]) == 1
    err = capsys.readouterr().err
    assert "dòng 2, cột B" in err and "Phiên bản" in err
