"""Generate the data dictionary (``docs/data-dictionary.md``) from the declared schema.

The schema in ``pci/schema.py`` is the single declaration; this text is derived from it so it
cannot drift. ``tests/test_docs.py`` fails when the committed file differs from what this
module generates (run ``uv run python -m pci.docs`` to refresh it).
"""

from __future__ import annotations

from pathlib import Path

from pci.config import ROOT
from pci.schema import PUBLISHED_TABLES, PUBLISHED_VIEWS, SOURCE_KINDS, STATE_TABLES, Table, View

DICTIONARY = ROOT / "docs" / "data-dictionary.md"


def render() -> str:
    lines = [
        "# Data dictionary",
        "",
        "Generated from `pci/schema.py` by `uv run python -m pci.docs` — do not edit by hand.",
        "",
        "Open the published database with any DuckDB client, read-only:",
        "",
        "```sql",
        "ATTACH 'data/pci.duckdb' AS pci (READ_ONLY);",
        "SELECT year, rank, score, source_kind FROM pci.pci_scores",
        "WHERE province_id = 'kon-tum' AND measure = 'PCI' ORDER BY year;",
        "```",
        "",
        "Source precedence (1 wins): "
        + ", ".join(f"{k} ({v})" for k, v in SOURCE_KINDS.items())
        + ". Private rows are a province's own VCCI results; `pci_scores_public` leaves them out.",
        "",
        "## Public views (the stable surface)",
        "",
    ]
    for v in PUBLISHED_VIEWS:
        lines += _block(v)
    lines += ["## Tables of the published database (`data/pci.duckdb`)", ""]
    for t in PUBLISHED_TABLES:
        lines += _block(t)
    lines += [
        "## Tables of the state database (`data/pci_state.duckdb`)",
        "",
        "What people do; no rebuild or import replaces this file.",
        "",
    ]
    for t in STATE_TABLES:
        lines += _block(t)
    return "\n".join(lines).rstrip() + "\n"


def _block(obj: Table | View) -> list[str]:
    key = f" Key: ({', '.join(obj.key)})." if isinstance(obj, Table) and obj.key else ""
    out = [
        f"### `{obj.name}`",
        "",
        obj.doc + key,
        "",
        "| Column | Type | Meaning |",
        "| --- | --- | --- |",
    ]
    for c in obj.columns:
        typ = c.type.replace(" NOT NULL", " (not null)")
        out.append(f"| `{c.name}` | {typ} | {c.doc} |")
    return [*out, ""]


def write(path: Path = DICTIONARY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write())
