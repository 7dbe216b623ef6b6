"""Tables leaving the app: CSV and Excel with Vietnamese headers, and no live formulas.

A province name or note that starts with ``=``, ``+``, ``-`` or ``@`` would run as a formula
when the file is opened in Excel (spreadsheet injection: ``=HYPERLINK(...)``). Every text cell
of an export is neutralised by a leading apostrophe-like guard; numbers stay numbers.
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_text(value: object) -> object:
    """Prefix a text that Excel would treat as a formula with a single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` where no text cell (nor header) can be read as a formula."""
    out = df.copy()
    out.columns = [neutralise_text(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise_text)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel on Windows shows Vietnamese diacritics correctly."""
    return neutralise(df).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "PCI") -> bytes:
    """An .xlsx with one sheet, bold header, frozen first row, sensible column widths."""
    buf = io.BytesIO()
    safe = neutralise(df)
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        sheet = sheet[:31] or "PCI"
        safe.to_excel(writer, index=False, sheet_name=sheet)
        ws = writer.sheets[sheet]
        ws.freeze_panes = "A2"
        for i, col in enumerate(safe.columns, start=1):
            width = max([len(str(col))] + [len(str(v)) for v in safe[col].head(200)]) + 2
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = min(width, 60)
    return buf.getvalue()
