"""The target register as an Excel file, in Vietnamese, and back.

Committees keep their targets in spreadsheets and pass them between departments. Export
writes the register (or an empty one) with a guide sheet and drop-down lists; import reads it
back. Import is all or nothing: every row is validated first and every problem is reported
with its sheet, row and column (as Excel shows them); only when none is found are the rows
written — in one transaction, so an edit that turns out stale refuses the whole file.

Rows with a target id edit that target (new version, optimistic check against the
"Phiên bản" column); rows without one add targets; a row identical to the register changes
nothing (importing the same file twice changes nothing more). Import never deletes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl.errors import ImportRejected, Problem, column_letter
from etl.excel import read_sheets
from etl.provinces import normalize_name, resolver
from pci.i18n import LANGS, t
from pci.targets.register import (
    COMPARATORS,
    DIRECTIONS,
    GROUPS,
    LEVELS,
    METRICS,
    UNITS,
    Issue,
    Target,
    errors,
    validate,
)

# Columns of the sheet, in order (keys of targets.field.*).
FIELDS: tuple[str, ...] = (
    "target_id",
    "version",
    "position",
    "province_id",
    "level",
    "measure",
    "indicator_code",
    "indicator_label",
    "unit",
    "metric",
    "comparator",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "target_group",
    "direction",
    "lead_unit",
    "support_units",
    "plan_ref",
    "plan_date",
    "notes",
    "example_set",
)
REQUIRED_HEADERS = ("province_id", "level", "comparator", "target_year")
NUMERIC = ("version", "position", "baseline_year", "baseline_value", "target_year", "target_value")
CHOICES: dict[str, tuple[str, ...]] = {
    "level": LEVELS,
    "metric": METRICS,
    "comparator": COMPARATORS,
    "direction": DIRECTIONS,
    "unit": UNITS,
}
WIDTHS = {"indicator_label": 50, "plan_ref": 50, "notes": 40, "lead_unit": 30, "support_units": 30}


@dataclass
class ImportResult:
    created: int = 0
    edited: int = 0
    unchanged: int = 0
    warnings: list[Problem] = field(default_factory=list)


def write_template(targets: pd.DataFrame | None, lang: str = "vi") -> bytes:
    """The register (or an empty template when ``targets`` is None/empty) as .xlsx bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    names = resolver()
    wb = Workbook()
    ws = wb.active
    ws.title = t("targets.tpl.sheet", lang)
    headers = [t(f"targets.field.{f}", lang) for f in FIELDS]
    ws.append(headers)
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="1F4E79")
    for i, f in enumerate(FIELDS, start=1):
        c = ws.cell(row=1, column=i)
        c.font, c.fill = bold, fill
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[column_letter(i - 1)].width = WIDTHS.get(f, 14)
    ws.freeze_panes = "A2"
    for rec in (targets if targets is not None else pd.DataFrame()).to_dict("records"):
        row = []
        for f in FIELDS:
            v = rec.get(f)
            if v is None or (isinstance(v, float) and v != v) or str(v) in ("<NA>", "nan"):
                row.append(None)
            elif f == "province_id":
                row.append(names.name(str(v), "vi") if str(v) in names.provinces else v)
            elif f in CHOICES:
                row.append(t(f"targets.tpl.value.{f}_{v}", lang))
            elif f == "target_group":
                row.append(t(f"targets.group.{v}", lang))
            elif f in NUMERIC:
                row.append(int(v) if float(v) == int(float(v)) else float(v))
            else:
                row.append(str(v))
        ws.append(row)
    # Drop-down lists (in a sheet of their own so they survive sorting and copying).
    lists = wb.create_sheet(t("targets.tpl.lists_sheet", lang))
    col = 1
    for f, opts in (*CHOICES.items(), ("target_group", GROUPS)):
        labels = [
            t(f"targets.group.{o}", lang)
            if f == "target_group"
            else t(f"targets.tpl.value.{f}_{o}", lang)
            for o in opts
        ]
        lists.cell(row=1, column=col, value=t(f"targets.field.{f}", lang)).font = Font(bold=True)
        for r, label in enumerate(labels, start=2):
            lists.cell(row=r, column=col, value=label)
        letter = column_letter(col - 1)
        dv = DataValidation(
            type="list",
            formula1=f"='{lists.title}'!${letter}$2:${letter}${len(labels) + 1}",
            allow_blank=True,
        )
        target_col = column_letter(FIELDS.index(f))
        dv.add(f"{target_col}2:{target_col}1000")
        ws.add_data_validation(dv)
        col += 1
    guide = wb.create_sheet(t("targets.tpl.guide_sheet", lang), 0)
    guide.column_dimensions["A"].width = 120
    for i in range(1, 8):
        c = guide.cell(row=i, column=1, value=t(f"targets.tpl.guide_{i}", lang))
        c.alignment = Alignment(wrap_text=True)
    guide["A1"].font = Font(bold=True, size=14)
    wb.active = wb.sheetnames.index(ws.title)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read_template(path: Path, *, display_name: str | None = None) -> list[tuple[int, Target]]:
    """The rows of a filled template as (Excel row number, Target), or ImportRejected naming
    every bad cell. Validation (ranges, years, provinces) is included."""
    name = display_name or path.name
    sheets = read_sheets(path, display_name=name)
    found = _find_sheet(sheets)
    if found is None:
        raise ImportRejected([Problem(file=name, key="targets.imp.no_sheet")])
    sheet, df, hdr, cols = found
    problems: list[Problem] = []
    out: list[tuple[int, Target]] = []
    seen_ids: dict[str, int] = {}
    for i in range(hdr + 1, len(df)):
        raw = {f: _cell(df.iat[i, c]) for f, c in cols.items()}
        if all(v is None for v in raw.values()):
            continue
        excel_row = i + 1
        rec: dict[str, object] = {}
        bad: set[str] = set()
        for f, v in raw.items():
            where = {
                "file": name,
                "sheet": sheet,
                "row": excel_row,
                "column": column_letter(cols[f]),
            }
            if v is None:
                continue
            try:
                rec[f] = _parse(f, v)
            except ValueError:
                bad.add(f)
                key = "targets.imp.not_number" if f in NUMERIC else "targets.imp.bad_value"
                problems.append(
                    Problem(
                        key=key,
                        params={"value": v, "column_name": str(df.iat[hdr, cols[f]])},
                        **where,
                    )
                )
        tid = rec.get("target_id")
        if tid:
            if tid in seen_ids:
                problems.append(
                    Problem(
                        file=name,
                        sheet=sheet,
                        row=excel_row,
                        column=column_letter(cols["target_id"]),
                        key="targets.imp.duplicate_id",
                        params={"value": tid},
                    )
                )
            seen_ids[str(tid)] = excel_row
            if rec.get("version") is None:
                problems.append(
                    Problem(
                        file=name,
                        sheet=sheet,
                        row=excel_row,
                        column=column_letter(cols["version"]) if "version" in cols else None,
                        key="targets.imp.version_required",
                    )
                )
        target = Target.from_mapping(rec).normalized()
        for issue in validate(target):
            if issue.severity != "error" or issue.field in bad:
                continue
            problems.append(_problem(issue, name, sheet, excel_row, cols))
        out.append((excel_row, target))
    if problems:
        raise ImportRejected(problems)
    return out


def import_template(
    state: Path, path: Path, user: str, *, display_name: str | None = None
) -> ImportResult:
    """Read, check against the register (ids, versions) and write all rows in one
    transaction — or raise ImportRejected and change nothing."""
    from pci import db as pdb
    from pci.targets import store

    name = display_name or path.name
    rows = read_template(path, display_name=name)
    sheet = _find_sheet(read_sheets(path, display_name=name))
    assert sheet is not None
    sheet_name, _, _, cols = sheet
    result = ImportResult()
    problems: list[Problem] = []
    store.list_targets(state)  # examples are loaded before anything is compared with them
    with pdb.state(state) as con:
        for excel_row, target in rows:
            where = {"file": name, "sheet": sheet_name, "row": excel_row}
            if not target.target_id:
                store._create(con, target, user, "import")
                result.created += 1
                continue
            try:
                cur = store._current(con, target.target_id)
            except store.TargetNotFound:
                problems.append(
                    Problem(
                        key="targets.imp.unknown_id",
                        params={"value": target.target_id},
                        column=column_letter(cols["target_id"]),
                        **where,
                    )
                )
                continue
            changes = {k: v for k, v in target.content().items() if k in store._CONTENT}
            changes.pop("example_set", None)
            if "example_set" in cols:
                changes["example_set"] = target.example_set
            try:
                saved = store._update(
                    con, target.target_id, changes, int(target.version or 0), user, "import"
                )
            except store.StaleEdit as exc:
                problems.append(
                    Problem(
                        key="targets.imp.stale",
                        column=column_letter(cols["version"]),
                        params={
                            "by": exc.by,
                            "at": f"{exc.at:%d/%m/%Y %H:%M}",
                            "current": exc.current,
                            "expected": exc.expected,
                        },
                        **where,
                    )
                )
                continue
            if saved.action == "unchanged":
                result.unchanged += 1
            else:
                result.edited += 1
            del cur
        if problems:
            raise ImportRejected(problems)  # rolls the whole transaction back
    return result


# --- reading helpers ----------------------------------------------------------------------


def _header_keys() -> dict[str, str]:
    """Folded header text (vi and en) → field."""
    out = {}
    for lang in LANGS:
        for f in FIELDS:
            out[normalize_name(t(f"targets.field.{f}", lang))] = f
        out[normalize_name(f)] = f
    return out


def _find_sheet(sheets: dict[str, pd.DataFrame]):
    keys = _header_keys()
    for sheet, df in sheets.items():
        for i in range(min(len(df), 15)):
            cols: dict[str, int] = {}
            for j in range(df.shape[1]):
                v = df.iat[i, j]
                if v is None or (isinstance(v, float) and v != v):
                    continue
                f = keys.get(normalize_name(str(v)))
                if f and f not in cols:
                    cols[f] = j
            if all(f in cols for f in REQUIRED_HEADERS):
                return sheet, df, i, cols
    return None


def _value_keys() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for f, opts in (*CHOICES.items(), ("target_group", GROUPS)):
        m: dict[str, str] = {}
        for o in opts:
            m[normalize_name(o)] = o
            m[o] = o
            for lang in LANGS:
                label = (
                    t(f"targets.group.{o}", lang)
                    if f == "target_group"
                    else t(f"targets.tpl.value.{f}_{o}", lang)
                )
                m[label] = o
                m[normalize_name(label)] = o
        out[f] = m
    out["comparator"].update({"<=": "le", ">=": "ge", "==": "eq"})
    out["unit"].update({"percent": "percent", "phan tram": "percent", "%": "percent"})
    return out


def _parse(f: str, v: object) -> object:
    if f in NUMERIC:
        if isinstance(v, (int, float)):
            return v
        s = str(v).strip().replace(" ", "").replace("%", "")
        if "," in s and "." not in s:
            s = s.replace(",", ".")  # 62,02 written the Vietnamese way
        return float(s)
    if f == "province_id":
        pid = resolver().try_resolve(v)
        if pid is None:
            raise ValueError(v)
        return pid
    if f == "measure":
        s = str(v).strip().upper().replace(" ", "")
        if s in ("PCI",) or (s.startswith("CSTP") and s[4:].isdigit()):
            return s
        raise ValueError(v)
    if f in CHOICES or f == "target_group":
        m = _value_keys()[f]
        s = str(v).strip()
        if s in m:
            return m[s]
        if normalize_name(s) in m:
            return m[normalize_name(s)]
        raise ValueError(v)
    return str(v).strip()


def _cell(v: object) -> object:
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, str) and not v.strip():
        return None
    return v


def _problem(issue: Issue, name: str, sheet: str, row: int, cols: dict[str, int]) -> Problem:
    return Problem(
        file=name,
        sheet=sheet,
        row=row,
        column=column_letter(cols[issue.field]) if issue.field in cols else None,
        key=issue.key,
        params=issue.params,
    )


__all__ = ["ImportResult", "errors", "import_template", "read_template", "write_template"]
