"""Downloads cannot carry formulas, and keep Vietnamese text intact."""

import io

import openpyxl
import pandas as pd

from pci.export import neutralise, to_csv_bytes, to_xlsx_bytes


def test_text_starting_with_formula_characters_is_neutralised():
    df = pd.DataFrame(
        {
            "Tỉnh": ['=HYPERLINK("http://x","a")', "+1", "-2", "@x", "Kon Tum"],
            "Điểm": [1.0, 2.0, 3.0, 4.0, 62.02],
        }
    )
    out = neutralise(df)
    assert list(out["Tỉnh"]) == ['\'=HYPERLINK("http://x","a")', "'+1", "'-2", "'@x", "Kon Tum"]
    assert list(out["Điểm"]) == [1.0, 2.0, 3.0, 4.0, 62.02]  # numbers stay numbers


def test_xlsx_download_has_no_formula_cells():
    df = pd.DataFrame({"=Tên": ["=1+1", "Hà Nội"], "Hạng": [1, 2]})
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(df)))
    ws = wb.active
    cells = [c for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert ws["A1"].value == "'=Tên" and ws["A3"].value == "Hà Nội"


def test_csv_download_is_utf8_with_bom_for_excel():
    raw = to_csv_bytes(pd.DataFrame({"Tỉnh": ["Đắk Lắk"]}))
    assert raw.startswith(b"\xef\xbb\xbf") and "Đắk Lắk".encode() in raw
