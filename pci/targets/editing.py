"""The page's table editor, as plain functions: the frame it shows and what a save means.

``editor_frame`` gives the register of one province as the editable table (one column per
field, ids and versions read-only). ``changes`` compares what the editor returned with what it
was given and turns it into creates and edits, each validated; problems name the table row
and the column header, in the user's language, so the page can refuse the whole save.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from etl.errors import Problem
from pci.i18n import t
from pci.targets.register import Target, errors, validate
from pci.targets.store import _CONTENT

EDITOR_FIELDS: tuple[str, ...] = (
    "target_id",
    "version",
    "position",
    "level",
    "measure",
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
    "indicator_code",
    "example_set",
)
READ_ONLY = ("target_id", "version", "example_set")
_INT = ("version", "position", "baseline_year", "target_year")
_FLOAT = ("baseline_value", "target_value")


@dataclass
class Changes:
    creates: list[Target] = field(default_factory=list)
    edits: list[tuple[str, dict, int]] = field(default_factory=list)  # (id, changes, base version)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.creates and not self.edits


def editor_frame(regs: pd.DataFrame) -> pd.DataFrame:
    """The register as the editor shows it (typed columns; no deleted rows)."""
    df = regs[~regs["deleted"].astype(bool)] if "deleted" in regs else regs
    out = pd.DataFrame({f: df.get(f) for f in EDITOR_FIELDS}).reset_index(drop=True)
    for f in _INT:
        out[f] = pd.to_numeric(out[f], errors="coerce").astype("Int64")
    for f in _FLOAT:
        out[f] = pd.to_numeric(out[f], errors="coerce").astype("Float64")
    for f in EDITOR_FIELDS:
        if f not in _INT and f not in _FLOAT:
            out[f] = out[f].astype("string")
    return out


def changes(original: pd.DataFrame, edited: pd.DataFrame, province_id: str, lang: str) -> Changes:
    """Creates and edits between two editor frames; every row validated."""
    out = Changes()
    table = t("targets.editor.table", lang)
    by_id = {str(r["target_id"]): r for r in original.to_dict("records") if _val(r["target_id"])}
    for i, rec in enumerate(edited.to_dict("records"), start=1):
        if all(_val(rec.get(f)) is None for f in EDITOR_FIELDS if f not in READ_ONLY):
            continue  # an empty added row
        tid = _val(rec.get("target_id"))
        data = {f: _val(rec.get(f)) for f in EDITOR_FIELDS if f not in ("target_id", "version")}
        data["province_id"] = province_id
        try:
            target = Target.from_mapping(data).normalized()
        except (TypeError, ValueError):
            out.problems.append(Problem(file=table, row=i, key="targets.v.required"))
            continue
        issues = validate(target)
        for issue in issues:
            p = Problem(
                file=table,
                row=i,
                column=t(f"targets.field.{issue.field}", lang),
                key=issue.key,
                params=issue.params,
            )
            (out.problems if issue.severity == "error" else out.warnings).append(p)
        if errors(issues):
            continue
        if tid is None:
            out.creates.append(target)
            continue
        before = by_id.get(str(tid))
        if before is None:
            continue
        old = Target.from_mapping({**before, "province_id": province_id}).normalized().content()
        new = target.content()
        diff = {k: v for k, v in new.items() if k in _CONTENT and _differs(v, old.get(k))}
        diff.pop("example_set", None)
        if diff:
            out.edits.append((str(tid), diff, int(before["version"])))
    return out


def _differs(a: object, b: object) -> bool:
    a, b = _val(a), _val(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return round(float(a), 9) != round(float(b), 9)
    return a != b


def _val(v: object) -> object:
    from pci.targets.register import _clean

    v = _clean(v)
    if isinstance(v, str):
        v = v.strip() or None
    return v
