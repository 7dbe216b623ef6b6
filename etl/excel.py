"""Opening spreadsheets and CSVs that arrive from outside, defensively.

Files come by e-mail and USB stick: a renamed PDF, a truncated download, a password-protected
workbook, a zip bomb, a CSV saved in the old Windows Vietnamese code page. Each gets a clear
message naming the file, and none is allowed to take unbounded time or memory: the limits
below are checked before any parser sees the bytes.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path

import pandas as pd

from etl.errors import ImportRejected, Problem

MAX_FILE_BYTES = 50 * 1024 * 1024  # 50 MB: the largest VCCI workbook is 0.6 MB
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024  # total decompressed size of an .xlsx
MAX_ZIP_RATIO = 200  # decompressed / compressed; real workbooks are 5–20×
MAX_ROWS = 20_000  # per sheet; VCCI sheets have < 100
MAX_COLS = 500

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def read_sheets(
    path: Path, *, display_name: str | None = None, nrows: int | None = None
) -> dict[str, pd.DataFrame]:
    """Every sheet as a header-less DataFrame (cells as Excel shows them), or ImportRejected."""
    name = display_name or path.name
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _reject(
            name,
            "etl.file.too_big",
            size_mb=round(size / 1e6, 1),
            max_mb=MAX_FILE_BYTES // 1_000_000,
        )
    if size == 0:
        raise _reject(name, "etl.file.empty")
    if path.suffix.lower() == ".csv":
        return {"CSV": read_csv_text(path, name, nrows=nrows)}
    head = path.open("rb").read(8)
    if head.startswith(ZIP_MAGIC):
        _check_zip(path, name)
        _check_sheets(path, name)
        engines = ("calamine", "openpyxl")
    elif head == OLE_MAGIC:
        if _is_encrypted_ole(path):
            raise _reject(name, "etl.file.encrypted")
        engines = ("calamine", "xlrd")
    else:
        raise _reject(name, "etl.file.not_excel")
    last: Exception | None = None
    for engine in engines:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                sheets = pd.read_excel(
                    path, sheet_name=None, header=None, engine=engine, nrows=nrows
                )
            break
        except Exception as exc:
            last = exc
    else:
        if "encrypt" in str(last).lower() or "password" in str(last).lower():
            raise _reject(name, "etl.file.encrypted")  # an .xls with a FILEPASS record
        raise _reject(name, "etl.file.corrupt", detail=str(last)[:200])
    for sheet, df in sheets.items():
        if df.shape[0] > MAX_ROWS or df.shape[1] > MAX_COLS:
            raise ImportRejected(
                [
                    Problem(
                        file=name,
                        sheet=str(sheet),
                        key="etl.file.too_many_rows",
                        params={
                            "rows": df.shape[0],
                            "cols": df.shape[1],
                            "max_rows": MAX_ROWS,
                            "max_cols": MAX_COLS,
                        },
                    )
                ]
            )
    if not sheets or all(df.dropna(how="all").empty for df in sheets.values()):
        raise _reject(name, "etl.file.no_data")
    return {str(k): v for k, v in sheets.items()}


def read_csv_text(path: Path, name: str, *, nrows: int | None = None) -> pd.DataFrame:
    """A CSV as strings; UTF-8 (with or without BOM), or the legacy Vietnamese code page.

    A file that mixes encodings (some lines UTF-8, some Windows-1258) is rejected with the
    first bad line: decoding it either way would corrupt names silently.
    """
    raw = path.read_bytes()
    lines = raw.count(b"\n")
    if lines > MAX_ROWS + 1:  # counted before the (slow, memory-hungry) parser sees it
        raise _reject(
            name,
            "etl.file.too_many_rows",
            rows=lines,
            cols="?",
            max_rows=MAX_ROWS,
            max_cols=MAX_COLS,
        )
    text = decode_csv(raw, name)
    df = pd.read_csv(
        io.StringIO(text),
        header=None,
        dtype=str,
        keep_default_na=False,
        nrows=nrows,
        sep=None,
        engine="python",
    )
    if df.shape[0] > MAX_ROWS:
        raise _reject(
            name,
            "etl.file.too_many_rows",
            rows=df.shape[0],
            cols=df.shape[1],
            max_rows=MAX_ROWS,
            max_cols=MAX_COLS,
        )
    return df.replace("", None)


def decode_csv(raw: bytes, name: str) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), else the legacy Vietnamese code page
    (Windows-1258). A file with both is rejected at its first line that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if re.search(rb"[\xc2-\xf4][\x80-\xbf]", raw):
            line = raw[: exc.start].count(b"\n") + 1
            raise ImportRejected(
                [Problem(file=name, row=line, key="etl.file.mixed_encoding")]
            ) from exc
        return raw.decode("cp1258")


def _check_zip(path: Path, name: str) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise _reject(name, "etl.file.corrupt", detail=str(exc)[:200]) from exc
    if any(i.filename == "EncryptedPackage" for i in infos):
        raise _reject(name, "etl.file.encrypted")
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNZIPPED_BYTES or total / packed > MAX_ZIP_RATIO:
        raise _reject(
            name, "etl.file.zip_bomb", size_mb=round(total / 1e6), ratio=round(total / packed)
        )


_CELL = re.compile(rb"<c\b([^>]*?)(?<!/)>(.*?)</c>", re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_VALUE = re.compile(rb"<v>[^<]+</v>|<is>")


def _check_sheets(path: Path, name: str, limit: int = 50) -> None:
    """Reject sheets with more rows than MAX_ROWS before parsing them, and formulas saved
    without their result (files written by scripts, or by Excel
    with "save calculated values" off): a reader would see an empty cell where the sheet
    shows a number. Formulas whose result was saved are read as the result, as Excel shows.
    The XML is bounded by the zip-bomb check above."""
    import xml.etree.ElementTree as ET

    problems: list[Problem] = []
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        try:
            book = ET.fromstring(zf.read("xl/workbook.xml"))
            rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        except (KeyError, ET.ParseError):
            return  # not a standard workbook: the Excel readers below give their own message
        targets = {r.get("Id"): r.get("Target", "") for r in rels}
        for sheet in book.iter():
            if not sheet.tag.endswith("}sheet"):
                continue
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rid, "").lstrip("/")
            member = target if target.startswith("xl/") else "xl/" + target
            if member not in names:
                continue
            xml = zf.read(member)
            rows = xml.count(b"<row ") + xml.count(b"<row>")
            if rows > MAX_ROWS:  # before any parser builds a frame of it
                raise ImportRejected(
                    [
                        Problem(
                            file=name,
                            sheet=sheet.get("name"),
                            key="etl.file.too_many_rows",
                            params={
                                "rows": rows,
                                "cols": "?",
                                "max_rows": MAX_ROWS,
                                "max_cols": MAX_COLS,
                            },
                        )
                    ]
                )
            if b"<f" not in xml:
                continue
            for m in _CELL.finditer(xml):
                attrs, body = m.group(1), m.group(2)
                if b"<f" not in body or _VALUE.search(body):
                    continue
                ref = _REF.search(attrs)
                problems.append(
                    Problem(
                        file=name,
                        sheet=sheet.get("name"),
                        row=int(ref.group(2)) if ref else None,
                        column=ref.group(1).decode() if ref else None,
                        key="etl.file.formula_no_value",
                    )
                )
                if len(problems) >= limit:
                    raise ImportRejected(problems)
    if problems:
        raise ImportRejected(problems)


def _is_encrypted_ole(path: Path) -> bool:
    """Password-protected .xlsx files are OLE containers holding an "EncryptedPackage" stream
    (its name is stored in UTF-16 in the OLE directory); no decryption library is needed."""
    return "EncryptedPackage".encode("utf-16-le") in path.read_bytes()


def _reject(name: str, key: str, **params: object) -> ImportRejected:
    return ImportRejected([Problem(file=name, key=key, params=params)])
