"""VCCI's yearly "Dữ liệu PCI" workbooks → scores and sub-indicator values, found by headers.

Every edition lays its workbook out differently: a summary sheet ("Tổng hợp", "Tong hop",
"Summary_VN", "PCI Tóm tắt", "Xếp hạng theo chỉ số PCI"…) and one sheet per sub-index with the
sub-indicators (chỉ tiêu). Some tables have one row per province; others are "sorted pairs",
where each figure has its own province column beside it, sorted by that figure, and a shared
"Thứ tự" column gives the position — which is that figure's rank. Headers come with or without
diacritics, with line breaks inside cells, in Vietnamese or English, spread over one to three
rows (names, then survey references or variable codes such as ``h72_new``).

So nothing here knows a year's row or column numbers. A table is found by its province column
(a column whose cells are province names), its header is the rows above the first province,
each figure column is paired with the nearest province column on its left, and what a column
holds is read from its header words. A workbook from a year not seen before either loads or is
rejected with a ``Problem`` naming the sheet and the header that was not understood.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from etl.errors import ImportRejected, Problem, column_letter
from etl.excel import read_sheets
from etl.provinces import ProvinceResolver, resolver
from pci import fmt

SUB_INDICES: tuple[tuple[str, str], ...] = (
    # (measure, regex on the folded header text). Order matters only for readability: a header
    # must match exactly one measure, otherwise it is "not understood".
    ("CSTP1", r"gia nhap thi truong|\bentry\b"),
    ("CSTP2", r"dat dai|\bland\b"),
    ("CSTP3", r"minh bach|transparency"),
    ("CSTP4", r"(chi phi|\bcp) (ve )?thoi gian|time cost|regulatory compliance"),
    ("CSTP5", r"khong chinh thuc|informal"),
    ("CSTP6", r"uu dai|canh tranh binh dang|doanh nghiep nha nuoc|\bbias\b"),
    ("CSTP7", r"nang dong|proactiv"),
    (
        "CSTP8",
        r"ho tro (doanh nghiep|dn)|kttn|khu vuc kinh te tu nhan|business support"
        r"|private sector",
    ),
    ("CSTP9", r"dao tao lao dong|labou?r"),
    ("CSTP10", r"thiet che phap ly|\blegal\b"),
    ("CSTP_TW", r"trung uong|central polic"),
)
PCI_RE = re.compile(
    r"\bpci\b|weighted|trong so|diem toi da|nang luc canh tranh|competitiveness index"
)
RANK_RE = re.compile(r"xep hang|thu hang|\brank|^hang( pci)?$")
# Columns of a summary table that are neither the index nor one of its sub-indices: the
# unweighted sum, the tier ("Nhóm xếp hạng"), 2005's "traditional conditions", 2010–11's
# infrastructure index. Known and skipped; any other numeric column stops the import.
IGNORED_RE = re.compile(
    r"chua (co )?trong so|unweighted|nhom xep hang|\btier\b|co so ha tang|infrastructure"
    r"|khoang cach toi thi truong|muc do phat trien|dieu kien truyen thong|chat luong co so"
)
ID_LABELS = {"thu tu", "stt", "tt", "no", "ma pci", "pci id", "pci_id", "ma tinh", "id"}
# Rows under a table that summarise it rather than name a province.
AGGREGATE_LABELS = {
    "max",
    "min",
    "median",
    "mean",
    "average",
    "trung vi",
    "trung binh",
    "diem cao nhat mau",
    "diem thap nhat mau",
    "cao nhat",
    "thap nhat",
    "ca nuoc",
    "toan quoc",
    "tong",
    "national",
}
MISSING_MARKERS = {"", "-", "--", "n/a", "na", "#n/a", "..", "...", "x", "#div/0!", "#value!"}
# Words that head a province column: met again under a table, they start another block.
HEADER_WORDS = {
    "tinh",
    "tinh, thanh pho",
    "tinh/thanh pho",
    "tinh/nguon",
    "province",
    "provinces",
    "xep hang",
    "ranking",
    "thu tu",
    "chi tieu",
}
# The header of a sub-index score column inside its sub-indicator sheet.
SCORE_HEADER_RE = re.compile(
    r"^(diem )?chi so( thanh phan)? ?\d+\b|^sub-?index ?\d+|^sub \d+$|^diem chi so"
)
# Labels that head a column without naming it ("Chỉ tiêu" = "indicator").
GENERIC_LABELS = {"chi tieu", "chi tieu moi"}
HEADER_ROWS = 4  # header rows read above the first province (names, blank, codes)


@dataclass
class ParsedWorkbook:
    """What one workbook says, each figure with the sheet, row and column it came from."""

    file: str
    year: int
    layout: str  # "rows" (one row per province) or "pairs" (sorted pairs)
    scores: pd.DataFrame
    indicators: pd.DataFrame
    notes: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Note(Problem):
    """What the reader skipped or left out of an accepted workbook: said like a ``Problem``
    (file, sheet, row, column, key in ``etl_workbook.toml``) so ``pci load`` and the data page
    show it in the user's language, but it rejects nothing. Numbers are written the user's way
    (62,02 in Vietnamese)."""

    def message(self, lang: str = "vi") -> str:
        params = {
            k: fmt.number(v, lang, 2) if isinstance(v, float) else v for k, v in self.params.items()
        }
        return Problem.message(
            Problem(self.file, self.key, self.sheet, self.row, self.column, params), lang
        )


def read_vcci_workbook(
    path: Path,
    year: int | None = None,
    progress: Callable[[str], None] | None = None,
    display_name: str | None = None,
) -> ParsedWorkbook:
    """Parse a VCCI PCI workbook; raises ImportRejected with every problem found.

    ``year`` overrides the edition year, which is otherwise read from the summary headers
    ("PCI 2015") or, failing that, the file name ("PCI_2005.xls").
    """
    name = display_name or path.name
    sheets = read_sheets(path, display_name=name)
    res = resolver()
    problems: list[Problem] = []
    notes: list[Problem] = []
    tables: list[_Table] = []
    for sheet, df in sheets.items():
        if progress:
            progress(sheet)
        if not df.notna().to_numpy().any():
            notes.append(Note(file=name, sheet=sheet, key="etl.workbook.note.empty_sheet"))
            continue
        table = _find_table(sheet, df, res, name, problems)
        if table is None:
            notes.append(Note(file=name, sheet=sheet, key="etl.workbook.note.no_province_table"))
            continue
        tables.append(table)
    if problems:
        raise ImportRejected(problems)

    summaries = [t for t in tables if t.is_summary]
    if not summaries:
        raise ImportRejected(
            [Problem(file=name, key="etl.workbook.no_summary", params={"sheets": _list(sheets)})]
        )
    wb_year = _year(year, summaries[0], name)
    if wb_year is None:
        raise ImportRejected([Problem(file=name, key="etl.workbook.no_year")])

    scores_parts: list[pd.DataFrame] = []
    # 2014's and 2015's English "Summary" sheets are stale copies headed "PCI 2013": a summary
    # stating another year than the first one is not this edition's and is skipped.
    primary = _stated_year(summaries[0]) or wb_year
    if year is not None and primary != year:
        notes.append(
            Note(
                file=name,
                sheet=summaries[0].sheet,
                key="etl.workbook.note.year_override",
                params={"stated": primary, "year": year},
            )
        )
    for t in summaries:
        stated = _stated_year(t)
        if stated is not None and stated != primary:
            notes.append(
                Note(
                    file=name,
                    sheet=t.sheet,
                    key="etl.workbook.note.stale_summary",
                    params={"stated": stated, "year": primary},
                )
            )
            continue
        part = _summary_scores(t, name, problems, notes)
        if part is not None:
            scores_parts.append(part)
    if problems:
        raise ImportRejected(problems)
    scores = _merge_scores(scores_parts, name, notes)
    if not (scores["measure"] == "PCI").any():
        raise ImportRejected(
            [
                Problem(
                    file=name,
                    sheet=summaries[0].sheet,
                    key="etl.workbook.no_pci_column",
                    params={"sheet": summaries[0].sheet},
                )
            ]
        )

    ind_rows: list[tuple[object, ...]] = []
    for t in tables:
        if t.is_summary:
            continue
        measure = _sheet_measure(t) or _measure_by_values(t, scores)
        if measure is None:
            notes.append(Note(file=name, sheet=t.sheet, key="etl.workbook.note.no_subindex"))
            continue
        ind_rows.extend(_indicator_values(t, measure, scores, name, problems, notes))
    if problems:
        raise ImportRejected(problems)
    indicators = pd.DataFrame(ind_rows, columns=IND_COLS)
    indicators = _assign_codes(indicators)
    layout = "pairs" if any(len(t.province_cols) > 1 for t in summaries) else "rows"
    return ParsedWorkbook(
        file=name, year=wb_year, layout=layout, scores=scores, indicators=indicators, notes=notes
    )


SCORE_COLS = ["province_raw", "province_id", "measure", "score", "rank", "sheet", "row", "column"]
IND_COLS = [
    "province_raw",
    "province_id",
    "measure",
    "indicator_code",
    "indicator_name_vi",
    "unit",
    "value",
    "sheet",
    "row",
    "column",
]


# ---------------------------------------------------------------------------- finding tables


@dataclass
class _Column:
    index: int
    headers: list[str]  # header cells top to bottom, as written
    folded: list[str]  # the same, folded for matching
    kind: str  # province | id | rank | score | ignored | indicator | text
    measure: str | None = None
    province_col: int | None = None


@dataclass
class _Table:
    sheet: str
    values: list[list[object]]  # the sheet as rows of Python values
    first_row: int  # 0-based index of the first data row
    data_rows: list[int]
    province_cols: list[int]
    provinces: dict[tuple[int, int], str]  # (row, col) → province id
    columns: dict[int, _Column]
    position_col: int | None
    # Folded header cells of the province and position columns: labels of header rows
    # ("Chỉ tiêu", "Tỉnh, thành phố", "Thứ tự"), never the name of a figure.
    labels: frozenset[str] = frozenset()

    @property
    def is_summary(self) -> bool:
        """A table of the index and its sub-indices, not a sheet of one sub-index's
        sub-indicators (whose sheet name names that sub-index)."""
        if _sheet_measure(self) is not None:
            return False
        measures = {c.measure for c in self.columns.values() if c.kind in ("score", "empty")}
        return "PCI" in measures or len(measures - {"PCI"}) >= 3


def _find_table(
    sheet: str, df: pd.DataFrame, res: ProvinceResolver, file: str, problems: list[Problem]
) -> _Table | None:
    values = [
        [None if isinstance(v, float) and v != v else v for v in row]  # NaN → None
        for row in df.to_numpy(dtype=object).tolist()
    ]
    ncols = df.shape[1]
    resolved: dict[tuple[int, int], str] = {}
    counts = [0] * ncols
    texts = [0] * ncols
    for r, row in enumerate(values):
        for c, v in enumerate(row):
            if isinstance(v, str) and v.strip():
                texts[c] += 1
                pid = _try_resolve(v) if res is resolver() else res.try_resolve(v)
                if pid:
                    resolved[(r, c)] = pid
                    counts[c] += 1
    province_cols = [c for c in range(ncols) if counts[c] >= 3 and counts[c] * 2 >= texts[c]]
    if not province_cols:
        return None
    first = min(r for (r, c) in resolved if c in province_cols)
    header_top = max(0, first - HEADER_ROWS)

    # Data rows: from the first province down to the end of the table (a repeated header
    # row such as "Tỉnh" / "Thứ tự" under it, or the end of the sheet). Summary rows ("Max",
    # "Trung vị") are skipped; any other name must be a province we know.
    data_rows: list[int] = []
    unknown: list[Problem] = []
    for r in range(first, len(values)):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values[r]):
            break  # a blank row ends the table (2008 has a look-up box under its summary)
        cells = [
            (c, values[r][c])
            for c in province_cols
            if isinstance(values[r][c], str) and values[r][c].strip()
        ]
        if any(_fold(v) in HEADER_WORDS for _, v in cells):
            break
        named = False
        for c, v in cells:
            if (r, c) in resolved:
                named = True
            elif _fold(v) not in AGGREGATE_LABELS and len(v.strip()) <= 60:
                unknown.append(
                    Problem(
                        file=file,
                        sheet=sheet,
                        row=r + 1,
                        column=column_letter(c),
                        key="etl.unknown_province",
                        params={"name": v.strip()},
                    )
                )
                named = True
        if named:
            data_rows.append(r)
    if unknown:
        problems.extend(unknown)
        return None

    columns: dict[int, _Column] = {}
    position_col: int | None = None
    for c in range(ncols):
        headers = [
            " ".join(str(values[r][c]).split())
            for r in range(header_top, first)
            if values[r][c] is not None and str(values[r][c]).strip()
        ]
        folded = [_fold(h) for h in headers]
        col = _Column(index=c, headers=headers, folded=folded, kind="text")
        if c in province_cols:
            col.kind = "province"
        elif any(f.rstrip(".:# ") in ID_LABELS for f in folded) or (
            not headers and _is_sequence(values, data_rows, c)
        ):
            col.kind = "id"
            if (
                any(f.rstrip(".:# ") in {"thu tu", "stt", "tt", "no"} for f in folded)
                or not headers
            ):
                position_col = c if position_col is None else position_col
        elif headers and all(values[r][c] is None for r in data_rows):
            # A headed column without a single value: typically formulas saved without their
            # results (a file written by a program, never opened in Excel).
            kind, col.measure = _classify(folded)
            col.kind = "empty" if kind in ("score", "rank") else "text"
        elif not _mostly_numeric(values, data_rows, c):
            col.kind = "text"
        else:
            left = [p for p in province_cols if p < c]
            col.province_col = left[-1] if left else province_cols[0]
            col.kind, col.measure = _classify(folded)
        columns[c] = col
    labels = frozenset(
        f.rstrip(".:# ")
        for col in columns.values()
        if col.kind in ("province", "id")
        for f in col.folded
    )
    return _Table(
        sheet=sheet,
        values=values,
        first_row=first,
        data_rows=data_rows,
        province_cols=province_cols,
        provinces=resolved,
        columns=columns,
        position_col=position_col,
        labels=labels,
    )


def _classify(folded: list[str]) -> tuple[str, str | None]:
    """What a numeric column holds, from its header cells: kind and measure."""
    folded = [f for f in folded if not _is_reference(f)]
    text = " | ".join(folded)
    if not text:
        return "unknown", None
    if IGNORED_RE.search(text):
        return "ignored", None
    subs = _sub_measures(folded)
    if RANK_RE.search(text):
        return "rank", (subs[0] if len(subs) == 1 else "PCI")
    if len(subs) == 1:
        return "score", subs[0]
    if not subs and PCI_RE.search(text):
        return "score", "PCI"
    return "indicator", None


def _sub_measures(folded: list[str]) -> list[str]:
    """Sub-indices a header names. Each header cell is tried on its own, top to bottom, so a
    bilingual header (English row, Vietnamese row) names one sub-index even if the English
    wording alone would be vaguer."""
    for f in folded:
        found = [m for m, rx in SUB_INDICES if re.search(rx, f)]
        if len(found) == 1:
            return found
    found = sorted({m for f in folded for m, rx in SUB_INDICES if re.search(rx, f)})
    return found


def _sheet_measure(t: _Table) -> str | None:
    """The sub-index a sub-indicator sheet belongs to, from its name ("CP thời gian",
    "Tiep can dat dai", "Dịch vụ hỗ trợ DN")."""
    m = _sub_measures([_fold(t.sheet)])
    if len(m) == 1:
        return m[0]
    return None


def _measure_by_values(t: _Table, scores: pd.DataFrame) -> str | None:
    """For a sheet whose name says nothing ("Bảng 3"): the sub-index whose summary scores
    one of its columns repeats. Headers such as "Chỉ số thành phần 6" are not trusted for
    this — 2010–12 number the sub-indices differently from other editions."""
    by_measure = {
        m: g.set_index("province_id")["score"].to_dict()
        for m, g in scores[scores["measure"] != "PCI"].groupby("measure")
    }
    for c in t.columns.values():
        if c.kind in ("province", "id", "text", "rank"):
            continue
        vals = {}
        for r in t.data_rows:
            pid = t.provinces.get((r, c.province_col))
            v = t.values[r][c.index]
            if pid and isinstance(v, (int, float)) and not isinstance(v, bool):
                vals[pid] = float(v)
        for m, sub in by_measure.items():
            common = [p for p in vals if p in sub]
            if len(common) >= 3 and all(abs(vals[p] - sub[p]) < 5e-4 for p in common):
                return m
    return None


# ---------------------------------------------------------------------------- scores


def _summary_scores(
    t: _Table, file: str, problems: list[Problem], notes: list[Problem]
) -> pd.DataFrame | None:
    for c in t.columns.values():
        if c.kind == "empty":
            problems.append(
                Problem(
                    file=file,
                    sheet=t.sheet,
                    row=t.first_row + 1,
                    column=column_letter(c.index),
                    key="etl.workbook.no_values",
                    params={"header": " / ".join(c.headers)},
                )
            )
    unknown = [c for c in t.columns.values() if c.kind in ("unknown", "indicator")]
    for c in unknown:
        problems.append(
            Problem(
                file=file,
                sheet=t.sheet,
                row=t.first_row,
                column=column_letter(c.index),
                key="etl.workbook.unknown_header",
                params={"header": " / ".join(c.headers) or "—"},
            )
        )
    if unknown or any(c.kind == "empty" for c in t.columns.values()):
        return None
    rows: list[dict[str, object]] = []
    ranks: dict[tuple[str, str], int] = {}
    for c in t.columns.values():
        if c.kind == "rank":
            for r in t.data_rows:
                pid = t.provinces.get((r, c.province_col))
                v = _number(t, r, c.index, file, problems)
                if pid and v is not None:
                    ranks[(pid, c.measure or "PCI")] = round(v)
    pairs = len(t.province_cols) > 1
    for c in t.columns.values():
        if c.kind != "score":
            continue
        col_rows = []
        for r in t.data_rows:
            pid = t.provinces.get((r, c.province_col))
            if pid is None:
                continue
            v = _number(t, r, c.index, file, problems)
            if v is None:
                continue
            col_rows.append(
                {
                    "province_raw": str(t.values[r][c.province_col]).strip(),
                    "province_id": pid,
                    "measure": c.measure,
                    "score": v,
                    "rank": ranks.get((pid, c.measure)),
                    "sheet": t.sheet,
                    "row": r + 1,
                    "column": column_letter(c.index),
                    "_pos": _position(t, r),
                }
            )
        # The position is a rank only where the column is sorted by it: every sub-index of a
        # sorted-pairs table, and the index itself in a table sorted by the index.
        if (
            t.position_col is not None
            and col_rows
            and all(x["rank"] is None for x in col_rows)
            and (pairs or c.measure == "PCI")
        ):
            pos = [x["_pos"] for x in col_rows]
            sc = [x["score"] for x in sorted(col_rows, key=lambda x: x["_pos"] or 0)]
            if None not in pos and all(a >= b for a, b in itertools.pairwise(sc)):
                for x in col_rows:
                    x["rank"] = x["_pos"]
            elif pairs:
                notes.append(
                    Note(
                        file=file,
                        sheet=t.sheet,
                        column=column_letter(c.index),
                        key="etl.workbook.note.position_not_rank",
                    )
                )
        rows.extend(col_rows)
    if not rows:
        return None
    out = pd.DataFrame(rows).drop(columns="_pos")
    return out


def _position(t: _Table, r: int) -> int | None:
    if t.position_col is None:
        return None
    v = t.values[r][t.position_col]
    if isinstance(v, (int, float)) and not isinstance(v, bool) and not math.isnan(v):
        return int(v)
    return None


def _merge_scores(parts: list[pd.DataFrame], file: str, notes: list[Problem]) -> pd.DataFrame:
    """One row per province and measure. Where two summary sheets give the same figure (2005's
    ranking sheet and its summary; 2013–15's Vietnamese and English summaries), the first with
    a rank wins; a disagreement is noted."""
    if not parts:
        return pd.DataFrame(columns=SCORE_COLS)
    df = pd.concat(parts, ignore_index=True)
    df["_has_rank"] = df["rank"].notna()
    df["_order"] = range(len(df))
    df = df.sort_values(["_has_rank", "_order"], ascending=[False, True])
    first = df.drop_duplicates(["province_id", "measure"], keep="first")
    dup = df[df.duplicated(["province_id", "measure"], keep="first")]
    if len(dup):
        merged = dup.merge(first, on=["province_id", "measure"], suffixes=("", "_kept"))
        differ = merged[(merged["score"] - merged["score_kept"]).abs() > 5e-3]
        for r in differ.head(5).itertuples():
            notes.append(
                Note(
                    file=file,
                    sheet=r.sheet,
                    row=int(r.row),
                    column=r.column,
                    key="etl.workbook.note.summaries_differ",
                    params={
                        "province": r.province_raw,
                        "measure": r.measure,
                        "value": float(r.score),
                        "kept_sheet": r.sheet_kept,
                        "kept_cell": f"{r.column_kept}{r.row_kept}",
                        "kept_value": float(r.score_kept),
                    },
                )
            )
    out = first.sort_values("_order").drop(columns=["_has_rank", "_order"])
    out["rank"] = out["rank"].astype("Int64")
    return out[SCORE_COLS].reset_index(drop=True)


# ---------------------------------------------------------------------------- indicators


def _indicator_values(
    t: _Table,
    measure: str,
    scores: pd.DataFrame,
    file: str,
    problems: list[Problem],
    notes: list[Problem],
) -> list[tuple[object, ...]]:
    """Rows (in ``IND_COLS`` order) for every sub-indicator column of one sheet. Plain tuples:
    one DataFrame per column would cost more than reading the workbook."""
    sub = scores[scores["measure"] == measure].set_index("province_id")["score"].to_dict()
    out: list[tuple[object, ...]] = []
    for c in t.columns.values():
        if c.kind not in ("indicator", "score", "unknown", "ignored"):
            continue
        vals: list[tuple[str, str, float, int]] = []
        for r in t.data_rows:
            pid = t.provinces.get((r, c.province_col))
            if pid is None:
                continue
            v = _number(t, r, c.index, file, problems)
            if v is None:
                continue
            vals.append((str(t.values[r][c.province_col]).strip(), pid, v, r + 1))
        if not vals:
            continue
        # The sub-index score itself sits in its sheet (as a column, or as the last sorted
        # pair); it is a score, not a sub-indicator, and is recognised by equalling it.
        same = [abs(v - sub[pid]) < 5e-4 for _, pid, v, _ in vals if pid in sub]
        if same and sum(same) >= 0.8 * len(same):
            continue
        if any(SCORE_HEADER_RE.match(f) for f in c.folded):
            # Headed as the sub-index score but not equal to the summary's: in PCI_2008.xls
            # «Ưu đãi DNNN» column W was sorted apart from its province column. Neither a
            # sub-indicator nor a score we can trust — left out, and said so.
            notes.append(
                Note(
                    file=file,
                    sheet=t.sheet,
                    column=column_letter(c.index),
                    key="etl.workbook.note.score_column_differs",
                    params={
                        "header": " / ".join(c.headers),
                        "n_diff": len(same) - sum(same),
                        "n": len(same),
                    },
                )
            )
            continue
        name = _indicator_name(c, t.labels)
        if name is None:
            problems.append(
                Problem(
                    file=file,
                    sheet=t.sheet,
                    row=t.first_row,
                    column=column_letter(c.index),
                    key="etl.workbook.unnamed_column",
                )
            )
            continue
        code = _indicator_code(c, t.labels)
        unit = _unit(_descriptions(c, t.labels), [v for _, _, v, _ in vals])
        letter = column_letter(c.index)
        out.extend(
            (raw, pid, measure, code, name, unit, v, t.sheet, row, letter)
            for raw, pid, v, row in vals
        )
    return out


_CODE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*$")
_REF_RE = re.compile(r"^(cau hoi dieu tra|tham chieu|nguon:|phan tich cua)")


def _is_code(h: str) -> bool:
    return bool(_CODE_RE.match(h)) and any(ch.isdigit() or ch == "_" for ch in h)


def _is_reference(h: str) -> bool:
    """Survey references ("B2/8", "Câu hỏi điều tra PCI: C4") describe where a figure came
    from, not what it is."""
    f = _fold(h)
    return bool(_REF_RE.match(f)) or bool(re.match(r"^[a-z]{1,2}\d?[/.][\d/._; a-z]*$", f))


def _descriptions(c: _Column, labels: frozenset[str] = frozenset()) -> list[str]:
    """The header cells of a column that describe it in words: not a variable code, a survey
    reference, a bare number, or a label that heads the header row rather than this column
    ("Chỉ tiêu", "Tỉnh", "STT", or whatever the province column's cell in that row says —
    PCI_2008.xls repeats its row label "Chỉ tiêu" above «Nhóm chỉ tiêu thành phần 1.2»)."""
    skip = ID_LABELS | GENERIC_LABELS | HEADER_WORDS | labels
    return [
        h
        for h in c.headers
        if not (
            _is_code(h)
            or _is_reference(h)
            or _fold(h).rstrip(".:# ") in skip
            or re.fullmatch(r"[\d.,+ ]+", h)
        )
    ]


def _indicator_name(c: _Column, labels: frozenset[str] = frozenset()) -> str | None:
    names = _descriptions(c, labels)
    return names[0] if names else None


def _indicator_code(c: _Column, labels: frozenset[str] = frozenset()) -> str:
    codes = [h for h in c.headers if _is_code(h)]
    if codes:
        return codes[-1]
    return re.sub(r"[^a-z0-9]+", "_", _fold(_indicator_name(c, labels) or "")).strip("_")[:60]


def _assign_codes(df: pd.DataFrame) -> pd.DataFrame:
    """Codes unique within the edition: a code used by two columns gets the sub-index and then
    a counter appended (the same slug can name different figures in two sheets)."""
    if df.empty:
        return df
    seen: dict[str, tuple[str, str]] = {}
    mapping: dict[tuple[str, str], str] = {}
    for key in (
        df[["sheet", "column", "indicator_code", "measure"]]
        .drop_duplicates()
        .itertuples(index=False)
    ):
        code = key.indicator_code or "chi_tieu"
        if code in seen:
            code = f"{key.indicator_code}.{key.measure}"
            n = 2
            while code in seen:
                code = f"{key.indicator_code}.{key.measure}.{n}"
                n += 1
        seen[code] = (key.sheet, key.column)
        mapping[(key.sheet, key.column)] = code
    df = df.copy()
    df["indicator_code"] = [mapping[(s, c)] for s, c in zip(df["sheet"], df["column"], strict=True)]
    return df


# Units named in a sub-indicator's header, tried in this order: a share marker ("%", "% đồng
# ý", "tỷ lệ") wins over a time word inside the question ("… hơn một tháng để khởi sự …").
# Vietnamese words are matched WITH their diacritics: folded, "đầy đủ", "dạy nghề" and "đây"
# all read "day" and "địa điểm" reads "diem". Unaccented spellings are tried only on a header
# written without any diacritics. Each entry: (unit, accented/English pattern, unaccented).
_SHARE = (
    r"%|\btỷ lệ\b|\btỉ lệ\b|\bphần trăm\b|\bshare\b|\bpercent",
    r"\bty le\b|\bti le\b|\bphan tram\b",
)
UNIT_WORDS: tuple[tuple[str, str, str], ...] = (
    ("other", r"^log\b|\blogarit|\blog tự nhiên\b", r"^log\b|\blog tu nhien\b"),
    ("days", r"\bngày\b|\bdays?\b", r"\bngay\b"),
    ("hours", r"(?<!bao )\bgiờ\b|\bhours?\b", r"(?<!bao )\bgio\b"),
    ("months", r"\btháng\b|\bmonths?\b", r"\bthang\b"),
    (
        "score",
        r"(?<!địa )\bđiểm\b|\bchỉ số\b|\bkhía cạnh\b|\bmảng\b|\bnhóm chỉ tiêu\b|\bdữ liệu (mềm|cứng)\b"
        r"|\bscore\b|\bsub-?index\b",
        r"(?<!dia )\bdiem\b|\bchi so\b|\bkhia canh\b|\bnhom chi tieu\b|\bdu lieu (mem|cung)\b",
    ),
    (
        "count",
        r"\bsố (lượng|cuộc|lần|vụ|doanh|dn|hội|trường|giấy)|\bnumber of\b",
        r"\bso (luong|cuoc|lan|vu|doanh|dn|hoi|truong|giay)",
    ),
)


def _unit(texts: list[str], values: list[float]) -> str:
    """The unit a sub-indicator is published in, from its header cells: a share marker in
    any of them ("(% đồng ý)" may sit on its own line), otherwise the name's own unit words,
    and only then the lines under it ("Mảng 3.1" marks a group score; a line naming the data's
    source is not a unit). A share of firms is a 0–1 fraction in some editions and a
    percentage in others, so the values decide that. No unit word → "other", never a guess
    from the values' size."""
    texts = [unicodedata.normalize("NFC", x).lower() for x in texts]
    if any(_says(x, *_SHARE) for x in texts):
        return "share" if max(abs(v) for v in values) <= 1.0 else "percent"
    for x in (texts[:1], texts[1:]):
        for unit, accented, unaccented in UNIT_WORDS:
            if any(_says(h, accented, unaccented) for h in x):
                return unit
    return "other"


def _says(text: str, accented: str, unaccented: str) -> bool:
    """Whether ``text`` (lower case) has a word: with diacritics as written, or unaccented
    only if the whole text is written without diacritics."""
    return bool(re.search(accented, text)) or (
        text.isascii() and bool(re.search(unaccented, _fold(text)))
    )


# ---------------------------------------------------------------------------- cells and words


def _number(t: _Table, r: int, c: int, file: str, problems: list[Problem]) -> float | None:
    """A cell as a number; blank and the usual "no data" marks → None; other text → Problem."""
    v = t.values[r][c]
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return None if math.isnan(v) or math.isinf(v) else float(v)
    s = str(v).strip()
    if s.lower() in MISSING_MARKERS:
        return None
    try:
        return float(s.replace(",", ".")) if s.count(",") == 1 and "." not in s else float(s)
    except ValueError:
        problems.append(
            Problem(
                file=file,
                sheet=t.sheet,
                row=r + 1,
                column=column_letter(c),
                key="etl.text_in_number",
                params={"value": s[:40]},
            )
        )
        return None


def _mostly_numeric(values: list[list[object]], rows: list[int], c: int) -> bool:
    n = t = 0
    for r in rows:
        v = values[r][c]
        if v is None:
            continue
        t += 1
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            n += 1
        elif isinstance(v, str):
            s = v.strip().replace(",", ".")
            if re.fullmatch(r"-?\d+(\.\d+)?(e-?\d+)?", s):
                n += 1
    return t > 0 and n * 2 >= t


def _is_sequence(values: list[list[object]], rows: list[int], c: int) -> bool:
    """An unlabelled column counting up from 1 down the data rows (a position column)."""
    got = [values[r][c] for r in rows]
    nums = [v for v in got if isinstance(v, (int, float)) and not isinstance(v, bool)]
    if len(nums) < 3 or len(nums) != len(got):
        return False
    if not all(float(v).is_integer() for v in nums) or int(nums[0]) != 1:
        return False
    return all(b > a for a, b in itertools.pairwise(nums))


@lru_cache(maxsize=8192)
def _try_resolve(text: str) -> str | None:
    """Province id or None from the shipped resolver; cached, since every text cell of every
    sheet is tried and the same few hundred names recur."""
    return resolver().try_resolve(text)


@lru_cache(maxsize=16384)
def _fold(text: object) -> str:
    """Lower case, no diacritics, one space between words: for matching headers only."""
    s = unicodedata.normalize("NFC", str(text)).replace("Đ", "D").replace("đ", "d")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[\s_]+", " ", s)
    s = re.sub(r"[^\w%&/.,:+\- ]", " ", s)
    return " ".join(s.split())


def _stated_year(t: _Table) -> int | None:
    for c in t.columns.values():
        if c.kind == "score" and c.measure == "PCI":
            for h in c.headers:
                m = re.search(r"\b(20\d\d)\b", h)
                if m:
                    return int(m.group(1))
    return None


def _year(override: int | None, summary: _Table, name: str) -> int | None:
    if override is not None:
        return override
    stated = _stated_year(summary)
    if stated is not None:
        return stated
    for text in [summary.sheet, Path(name).stem]:
        m = re.search(r"(?<!\d)(20\d\d)(?!\d)", text)
        if m:
            return int(m.group(1))
    return None


def _list(sheets: dict[str, pd.DataFrame]) -> str:
    return ", ".join(f"«{s}»" for s in sheets)
