"""A province's own PCI results: the template, and reading it back.

Since PCI 2023 VCCI publishes scores and ranks only for the top 30 provinces, but sends every
province its full results. A committee needs those figures (its rank, its CSTP ranks, its
sub-indicators) to track its targets. This template carries them into the database as
``source_kind = 'private'``: labelled "Dữ liệu nội bộ" wherever shown, visible only to signed-in
editors, and covering one province only — the one whose results they are.

Sheets (Vietnamese headers; English headers are accepted too):

* **Điểm số** — Năm | Tỉnh | Chỉ số | Điểm | Hạng | Ghi chú
* **Chỉ tiêu** — Năm | Tỉnh | Chỉ số thành phần | Mã chỉ tiêu | Tên chỉ tiêu | Đơn vị | Giá trị | Ghi chú

A CSV file with the columns of one of these sheets is accepted as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from etl.errors import ImportRejected, Problem, column_letter
from etl.excel import read_sheets
from etl.observations import Observations
from etl.provinces import normalize_name, resolver
from pci.reference import n_provinces

SCORE_HEADERS = {
    "year": ("nam", "year"),
    "province": ("tinh", "province"),
    "measure": ("chi so", "measure"),
    "score": ("diem", "score"),
    "rank": ("hang", "rank"),
    "note": ("ghi chu", "note", "notes"),
}
INDICATOR_HEADERS = {
    "year": ("nam", "year"),
    "province": ("tinh", "province"),
    "measure": ("chi so thanh phan", "sub index", "subindex", "measure"),
    "code": ("ma chi tieu", "indicator code", "code"),
    "name": ("ten chi tieu", "indicator name", "indicator"),
    "unit": ("don vi", "unit"),
    "value": ("gia tri", "value"),
    "note": ("ghi chu", "note", "notes"),
}
REQUIRED_SCORE = ("year", "province", "measure")
REQUIRED_INDICATOR = ("year", "province", "measure", "name", "value")

UNITS = {
    "share": ("share", "ty le", "ti le", "0 1"),
    "percent": ("percent", "%", "phan tram", "pct"),
    "days": ("days", "ngay", "so ngay"),
    "hours": ("hours", "gio", "so gio"),
    "months": ("months", "thang"),
    "count": ("count", "so luong", "lan", "so lan"),
    "score": ("score", "diem"),
    "other": ("other", "khac", ""),
}
SHEET_SCORES = "Điểm số"
SHEET_INDICATORS = "Chỉ tiêu"
SHEET_GUIDE = "Hướng dẫn"


def is_template(sheets: dict[str, pd.DataFrame]) -> bool:
    """True when some sheet (or the CSV) has the template's score or indicator headers."""
    return any(
        _find_header(df, SCORE_HEADERS, (*REQUIRED_SCORE, "score"))[0] is not None
        or _find_header(df, INDICATOR_HEADERS, REQUIRED_INDICATOR)[0] is not None
        for df in sheets.values()
    )


def read_private_results(
    path: Path, *, display_name: str | None = None, progress: Callable[[str], None] | None = None
) -> Observations:
    """Read a filled-in template; every problem is collected before rejecting."""
    name = display_name or path.name
    sheets = read_sheets(path, display_name=name)
    problems: list[Problem] = []
    score_rows: list[dict] = []
    ind_rows: list[dict] = []
    used = 0
    for sheet, df in sheets.items():
        if progress:
            progress(sheet)
        hdr, cols = _find_header(df, INDICATOR_HEADERS, REQUIRED_INDICATOR)
        if hdr is not None:
            used += 1
            ind_rows += _read_indicator_rows(df, hdr, cols, name, sheet, problems)
            continue
        hdr, cols = _find_header(df, SCORE_HEADERS, REQUIRED_SCORE)
        if hdr is not None:
            used += 1
            score_rows += _read_score_rows(df, hdr, cols, name, sheet, problems)
    if used == 0:
        problems.append(Problem(file=name, key="etl.private.no_table"))
    provinces = {r["province_id"] for r in score_rows + ind_rows}
    if len(provinces) > 1:
        problems.append(
            Problem(
                file=name,
                key="etl.private.several_provinces",
                params={"provinces": ", ".join(sorted(provinces))},
            )
        )
    if used and not score_rows and not ind_rows and not problems:
        problems.append(Problem(file=name, key="etl.private.empty"))
    scores = pd.DataFrame(score_rows)
    indicators = pd.DataFrame(ind_rows)
    for df, key in (
        (scores, ["year", "province_id", "measure"]),
        (indicators, ["year", "province_id", "indicator_code"]),
    ):
        if df.empty:
            continue
        first = df.drop_duplicates(key).set_index(key)["location"]
        for r in df[df.duplicated(key)].itertuples():
            k = tuple(getattr(r, c) for c in key)
            problems.append(
                Problem(
                    file=name,
                    key="etl.duplicate_row",
                    sheet=r.sheet,
                    row=r.row,
                    params={
                        "province": r.province_id,
                        "year": r.year,
                        "what": k[2],
                        "location": first.loc[k],
                    },
                )
            )
    if problems:
        raise ImportRejected(problems)
    province = next(iter(provinces))
    title = f"{name} — kết quả PCI do VCCI gửi {resolver().name(province)} (dữ liệu nội bộ)"
    if not scores.empty:
        scores = scores.assign(source_title=title, source_kind="private", preferred=False)
    else:
        scores = None
    if not indicators.empty:
        indicators = indicators.assign(source_title=title, source_kind="private")
    else:
        indicators = None
    kwargs = {}
    if scores is not None:
        kwargs["scores"] = scores
    if indicators is not None:
        kwargs["indicators"] = indicators
    return Observations(**kwargs, sheets=used)


def write_template(path: Path, lang: str = "vi") -> Path:
    """Write the empty Excel template with instructions (no example figures: never invent)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from pci.i18n import t

    wb = Workbook()
    guide = wb.active
    guide.title = SHEET_GUIDE
    guide.column_dimensions["A"].width = 110
    for i, line in enumerate(t("etl.private.guide", lang).split("\n"), start=1):
        guide.cell(row=i, column=1, value=line).alignment = Alignment(wrap_text=True)
    guide["A1"].font = Font(bold=True, size=14)
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F4E79")
    layouts = (
        (
            SHEET_SCORES,
            ["Năm", "Tỉnh", "Chỉ số", "Điểm", "Hạng", "Ghi chú"],
            [8, 22, 10, 10, 8, 40],
        ),
        (
            SHEET_INDICATORS,
            [
                "Năm",
                "Tỉnh",
                "Chỉ số thành phần",
                "Mã chỉ tiêu",
                "Tên chỉ tiêu",
                "Đơn vị",
                "Giá trị",
                "Ghi chú",
            ],
            [8, 22, 18, 14, 70, 10, 10, 30],
        ),
    )
    for title, headers, widths in layouts:
        ws = wb.create_sheet(title)
        for j, (h, w) in enumerate(zip(headers, widths, strict=True), start=1):
            cell = ws.cell(row=1, column=j, value=h)
            cell.font, cell.fill = bold, fill
            ws.column_dimensions[column_letter(j - 1)].width = w
        ws.freeze_panes = "A2"
        measures = '"PCI,' + ",".join(f"CSTP{i}" for i in range(1, 11)) + '"'
        dv = DataValidation(
            type="list",
            formula1=measures
            if title == SHEET_SCORES
            else '"' + ",".join(f"CSTP{i}" for i in range(1, 11)) + '"',
            allow_blank=True,
        )
        ws.add_data_validation(dv)
        dv.add("C2:C2000")
        if title == SHEET_INDICATORS:
            units = DataValidation(
                type="list", formula1='"' + ",".join(UNITS) + '"', allow_blank=True
            )
            ws.add_data_validation(units)
            units.add("F2:F2000")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


# --- helpers -------------------------------------------------------------------------------


def _find_header(
    df: pd.DataFrame, spec: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> tuple[int | None, dict[str, int]]:
    """Row index of the header row and field → column index, searching the first rows."""
    for i in range(min(len(df), 12)):
        cols: dict[str, int] = {}
        for j, cell in enumerate(df.iloc[i].tolist()):
            if cell is None or (isinstance(cell, float) and pd.isna(cell)):
                continue
            key = normalize_name(str(cell))
            for field, names in spec.items():
                if key in names and field not in cols:
                    cols[field] = j
                    break
        if all(f in cols for f in required):
            return i, cols
    return None, {}


def _cell(df: pd.DataFrame, i: int, j: int | None) -> object:
    if j is None or j >= df.shape[1]:
        return None
    v = df.iat[i, j]
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return None
    if isinstance(v, str) and not v.strip():
        return None
    return v


def _number(v: object) -> float:
    """Accept 62.02, '62,02' and '62.02' (a Vietnamese sheet may hold text with a comma)."""
    if isinstance(v, bool):
        raise ValueError(v)
    if isinstance(v, int | float):
        return float(v)
    text = str(v).strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"-?\d+,\d+", text):
        text = text.replace(",", ".")
    return float(text)


def _measure(v: object) -> str | None:
    text = normalize_name(str(v)).replace(" ", "").upper()
    if text == "PCI":
        return "PCI"
    m = re.fullmatch(r"(?:CSTP|CHISOTHANHPHAN)?(\d{1,2})", text)
    if m and 1 <= int(m.group(1)) <= 10:
        return f"CSTP{int(m.group(1))}"
    return None


def _unit(v: object) -> str | None:
    key = normalize_name(str(v)) if v is not None else ""
    if v is not None and str(v).strip() == "%":
        return "percent"
    for unit, names in UNITS.items():
        if key in names:
            return unit
    return None


def _common(df, i, cols, name, sheet, problems) -> dict | None:
    """Year, province and measure of one row; problems recorded, None if unusable."""
    row = i + 1
    year_v = _cell(df, i, cols["year"])
    prov_v = _cell(df, i, cols["province"])
    meas_v = _cell(df, i, cols["measure"])
    found: list[Problem] = []

    def bad(field: str, key: str, **params: object) -> None:
        found.append(
            Problem(
                file=name,
                sheet=sheet,
                row=row,
                column=column_letter(cols[field]),
                key=key,
                params=params,
            )
        )

    try:
        year = int(_number(year_v))
        if not 2005 <= year <= 2100:
            raise ValueError
    except (TypeError, ValueError):
        bad("year", "etl.private.bad_year", value=year_v)
        year = 0
    pid = resolver().try_resolve(prov_v) if prov_v is not None else None
    if pid is None:
        bad("province", "etl.unknown_province", name=prov_v or "")
    elif year and not resolver().provinces[pid].existed_in(year):
        bad("province", "etl.province_not_in_year", name=prov_v, year=year)
    measure = _measure(meas_v) if meas_v is not None else None
    if measure is None:
        bad("measure", "etl.private.bad_measure", value=meas_v or "")
    problems.extend(found)
    if found:
        return None
    return {"year": year, "province_id": pid, "measure": measure, "sheet": sheet, "row": row}


def _blank_row(df: pd.DataFrame, i: int, cols: dict[str, int]) -> bool:
    return all(_cell(df, i, j) is None for f, j in cols.items() if f != "note")


def _read_score_rows(df, hdr, cols, name, sheet, problems) -> list[dict]:
    out = []
    for i in range(hdr + 1, len(df)):
        if _blank_row(df, i, cols):
            continue
        base = _common(df, i, cols, name, sheet, problems)
        score_v, rank_v = _cell(df, i, cols.get("score")), _cell(df, i, cols.get("rank"))
        score = rank = None
        if score_v is not None:
            try:
                score = _number(score_v)
            except ValueError:
                problems.append(
                    Problem(
                        file=name,
                        sheet=sheet,
                        row=i + 1,
                        column=column_letter(cols["score"]),
                        key="etl.text_in_number",
                        params={"value": score_v},
                    )
                )
        if rank_v is not None:
            try:
                rank = _number(rank_v)
                if rank != int(rank):
                    raise ValueError
                rank = int(rank)
            except ValueError:
                problems.append(
                    Problem(
                        file=name,
                        sheet=sheet,
                        row=i + 1,
                        column=column_letter(cols["rank"]),
                        key="etl.private.bad_rank_text",
                        params={"value": rank_v},
                    )
                )
                rank = None
        if base is None:
            continue
        top = 100.0 if base["measure"] == "PCI" else 10.0
        if score is not None and not 0 <= score <= top:
            problems.append(
                Problem(
                    file=name,
                    sheet=sheet,
                    row=i + 1,
                    column=column_letter(cols["score"]),
                    key="etl.score_out_of_range",
                    params={"value": score, "max": int(top)},
                )
            )
        n = n_provinces(base["year"])
        if rank is not None and not 1 <= rank <= n:
            problems.append(
                Problem(
                    file=name,
                    sheet=sheet,
                    row=i + 1,
                    column=column_letter(cols["rank"]),
                    key="etl.rank_out_of_range",
                    params={"value": rank, "n": n, "year": base["year"]},
                )
            )
        if score is None and rank is None:
            problems.append(
                Problem(
                    file=name,
                    sheet=sheet,
                    row=i + 1,
                    column=column_letter(cols.get("score", cols["measure"])),
                    key="etl.private.no_figure",
                )
            )
            continue
        out.append(
            {
                **base,
                "score": score,
                "rank": rank,
                "location": f"{name}, trang «{sheet}», dòng {i + 1}",
            }
        )
    return out


def _read_indicator_rows(df, hdr, cols, name, sheet, problems) -> list[dict]:
    out = []
    for i in range(hdr + 1, len(df)):
        if _blank_row(df, i, cols):
            continue
        base = _common(df, i, cols, name, sheet, problems)
        ind_name = _cell(df, i, cols["name"])
        value_v = _cell(df, i, cols["value"])
        code = _cell(df, i, cols.get("code"))
        unit_v = _cell(df, i, cols.get("unit"))
        value = None
        if ind_name is None:
            problems.append(
                Problem(
                    file=name,
                    sheet=sheet,
                    row=i + 1,
                    column=column_letter(cols["name"]),
                    key="etl.private.no_indicator_name",
                )
            )
        try:
            value = _number(value_v) if value_v is not None else None
            if value is None:
                problems.append(
                    Problem(
                        file=name,
                        sheet=sheet,
                        row=i + 1,
                        column=column_letter(cols["value"]),
                        key="etl.private.no_value",
                    )
                )
        except ValueError:
            problems.append(
                Problem(
                    file=name,
                    sheet=sheet,
                    row=i + 1,
                    column=column_letter(cols["value"]),
                    key="etl.text_in_number",
                    params={"value": value_v},
                )
            )
        unit = _unit(unit_v)
        if unit is None:
            problems.append(
                Problem(
                    file=name,
                    sheet=sheet,
                    row=i + 1,
                    column=column_letter(cols["unit"]) if "unit" in cols else None,
                    key="etl.private.bad_unit",
                    params={"value": unit_v or "", "units": ", ".join(UNITS)},
                )
            )
        if base is None or ind_name is None or value is None or unit is None:
            continue
        if unit == "percent" and not 0 <= value <= 100:
            problems.append(
                Problem(
                    file=name,
                    sheet=sheet,
                    row=i + 1,
                    column=column_letter(cols["value"]),
                    key="etl.private.percent_out_of_range",
                    params={"value": value},
                )
            )
            continue
        clean_name = " ".join(str(ind_name).split())
        out.append(
            {
                **base,
                "indicator_code": str(code).strip()
                if code is not None
                else indicator_slug(base["measure"], clean_name),
                "indicator_name_vi": clean_name,
                "unit": unit,
                "value": value,
                "location": f"{name}, trang «{sheet}», dòng {i + 1}",
            }
        )
    return out


def indicator_slug(measure: str, name: str) -> str:
    """A readable, stable code for an indicator that has none: measure + folded name."""
    return f"{measure.lower()}-" + normalize_name(name).replace(" ", "-")[:80]
