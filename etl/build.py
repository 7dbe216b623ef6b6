"""Build the published database: shipped facts + every accepted import → one new file.

load inputs → resolve and validate → write a temporary database → named checks → swap.
A build either completes and replaces ``data/pci.duckdb`` in one ``os.replace``, or leaves it
untouched. Rebuilding from the same inputs gives the same data (imports replay in order).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from etl import checks
from etl.errors import ImportRejected, Problem
from etl.observations import INDICATOR_KEY, SCORE_KEY, Observations
from etl.public_facts import read_shipped
from etl.readers import ReadOptions, read_file
from pci import db as pdb
from pci.config import PUBLIC_DIR, REFERENCE_DIR
from pci.schema import SOURCE_KINDS, published_ddl


@dataclass(frozen=True)
class StoredImport:
    """An accepted import, replayed by every build."""

    batch_id: str
    path: Path
    file_name: str
    kind: str
    sha256: str
    options: ReadOptions = field(default_factory=ReadOptions)
    imported_at: datetime | None = None
    imported_by: str | None = None
    sheets: int | None = None
    rows: int | None = None
    message: str | None = None


@dataclass
class BuildResult:
    path: Path
    scores: int
    indicator_values: int
    conflicts: int
    findings: int
    notes: list[Problem]


def build(
    db: Path,
    imports: list[StoredImport],
    *,
    progress: Callable[[str, str], None] | None = None,
    before_swap: Callable[[], None] | None = None,
    import_log: pd.DataFrame | None = None,
) -> BuildResult:
    """Rebuild ``db`` from the shipped facts and ``imports``; raise ImportRejected on bad data.

    ``before_swap`` runs after the new file is complete and checked, just before it replaces
    the old one (the loader records the import there, so a crash in between is repaired by
    the next build rather than losing the record).
    """
    parts = [read_shipped(PUBLIC_DIR)]
    for imp in imports:
        parts.append(
            read_file(
                imp.path,
                imp.kind,
                display_name=imp.file_name,
                options=imp.options,
                progress=(lambda s, f=imp.file_name: progress(f, s)) if progress else None,
            )
        )
    obs = Observations.concat(parts)
    with pdb.write_new(db) as con:
        con.execute(published_ddl())
        _load_reference(con)
        notes = _load_observations(con, obs)
        problems = checks.blocking(con)
        if problems:
            raise ImportRejected(problems)
        checks.record_findings(con)
        _record_batches(con, imports, import_log)
        _record_build_info(con, imports)
        result = BuildResult(
            path=db,
            scores=con.execute("SELECT count(*) FROM pci_scores").fetchone()[0],
            indicator_values=con.execute("SELECT count(*) FROM pci_indicator_values").fetchone()[0],
            conflicts=con.execute("SELECT count(*) FROM conflicts").fetchone()[0],
            findings=con.execute("SELECT count(*) FROM findings").fetchone()[0],
            notes=notes + obs.notes,
        )
        if before_swap:
            before_swap()
    return result


def _load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Reference tables straight from the shipped CSVs (they are the single source)."""
    from etl.provinces import normalize_name

    ref = REFERENCE_DIR
    provinces = pd.read_csv(ref / "provinces.csv", dtype=str, keep_default_na=False)
    provinces = provinces.replace("", None)
    con.register("provinces_df", provinces)
    con.execute("""
        INSERT INTO provinces
        SELECT province_id, name_vi, name_ascii, name_en, pci_code::INTEGER, gso_code,
               region_id, region_vi, region_en, first_year::INTEGER, last_year::INTEGER,
               successor_id, successor_year::INTEGER, successor_basis, unit_2025_id, source
        FROM provinces_df""")
    aliases = pd.read_csv(ref / "province_aliases.csv", dtype=str, keep_default_na=False)
    aliases = aliases.drop_duplicates("alias")
    aliases["alias_key"] = aliases["alias"].map(normalize_name)
    con.register("aliases_df", aliases)
    con.execute(
        "INSERT INTO province_aliases SELECT alias, alias_key, province_id, seen_in FROM aliases_df"
    )
    units = pd.read_csv(ref / "units_2025.csv", dtype=str, keep_default_na=False)
    con.register("units_df", units)
    con.execute(
        "INSERT INTO units_2025 SELECT unit_id, name_vi, name_ascii, "
        "merged::BOOLEAN, members, source FROM units_df"
    )
    for table, file in (
        ("editions", "editions.csv"),
        ("methodology_periods", "methodology_periods.csv"),
        ("subindex_names", "subindex_names.csv"),
    ):
        df = pd.read_csv(ref / file, dtype=str, keep_default_na=False).replace("", None)
        con.register("ref_df", df)
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        con.execute(f"INSERT INTO {table} SELECT {', '.join(cols)} FROM ref_df")
        con.unregister("ref_df")
    weights = pd.read_csv(PUBLIC_DIR / "pci_weights.csv", dtype=str)
    con.register("weights_df", weights)
    con.execute("""
        INSERT INTO weights
        SELECT period_start::INTEGER, period_end::INTEGER, 'CSTP' || subindex_no,
               weight::DOUBLE, source LIKE 'DERIVED%', source
        FROM weights_df""")


def source_id(title: str) -> str:
    return hashlib.sha256(title.encode()).hexdigest()[:12]


def _load_observations(con: duckdb.DuckDBPyConnection, obs: Observations) -> list[Problem]:
    """Sources, observations and indicators; same-source repeats collapse to one row."""
    notes: list[Problem] = []
    scores = obs.scores.copy()
    inds = obs.indicators.copy()
    titles = pd.concat(
        [scores[["source_title", "source_kind"]], inds[["source_title", "source_kind"]]]
    ).drop_duplicates("source_title")
    sources = titles.assign(
        source_id=titles["source_title"].map(source_id),
        priority=titles["source_kind"].map(SOURCE_KINDS).astype("int64"),
    )
    con.register("sources_df", sources)
    con.execute(
        "INSERT INTO sources SELECT source_id, source_kind, priority, source_title, NULL "
        "FROM sources_df"
    )
    scores["source_id"] = scores["source_title"].map(source_id)
    # The same fact listed twice by one source (a table and a headline page citing the same
    # URL) is one observation. If such repeats disagree it is reported, first one kept.
    dup = scores[scores.duplicated(SCORE_KEY, keep=False)]
    if not dup.empty:
        spread = dup.groupby(SCORE_KEY).agg(ns=("score", "nunique"), nr=("rank", "nunique"))
        for key in spread[(spread.ns > 1) | (spread.nr > 1)].index:
            year, province, measure, title = key
            notes.append(
                Problem(
                    file=title,
                    key="etl.workbook.note.same_source_differs",
                    params={"year": year, "province": province, "measure": measure},
                )
            )
    scores = scores.drop_duplicates(SCORE_KEY, keep="first")
    con.register("scores_df", scores)
    con.execute("""
        INSERT INTO observations
        SELECT year, province_id, measure, source_id, score, rank, preferred, location
        FROM scores_df""")
    if not inds.empty:
        inds["source_id"] = inds["source_title"].map(source_id)
        inds = inds.drop_duplicates(INDICATOR_KEY, keep="first")
        defs = inds.drop_duplicates(["year", "indicator_code"], keep="first")
        con.register("defs_df", defs)
        con.execute(
            "INSERT INTO indicators SELECT year, indicator_code, measure, "
            "indicator_name_vi, unit FROM defs_df"
        )
        con.register("inds_df", inds)
        con.execute(
            "INSERT INTO indicator_observations SELECT year, province_id, "
            "indicator_code, source_id, value, location FROM inds_df"
        )
    if not obs.conflicts.empty:
        con.register("conflicts_df", obs.conflicts)
        con.execute(
            "INSERT INTO conflicts SELECT year, province_id, measure, field, "
            "kept_value, kept_source, other_value, other_source, origin, note "
            "FROM conflicts_df"
        )
    checks.detect_conflicts(con)
    return notes


def _record_batches(
    con: duckdb.DuckDBPyConnection, imports: list[StoredImport], import_log: pd.DataFrame | None
) -> None:
    """Copy the import history into the published database so analysts can see it."""
    if import_log is not None and not import_log.empty:
        con.register("log_df", import_log)
        con.execute(
            "INSERT INTO import_batches SELECT batch_id, file_name, sha256, kind, sheets, "
            "rows, imported_at, imported_by, outcome, message FROM log_df"
        )
    for imp in imports:
        con.execute(
            "UPDATE sources SET batch_id = $b WHERE title LIKE $t",
            {"b": imp.batch_id, "t": imp.file_name + " — %"},
        )


def _record_build_info(con: duckdb.DuckDBPyConnection, imports: list[StoredImport]) -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        app_version = version("pci-dashboard")
    except PackageNotFoundError:
        app_version = "dev"
    info = {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": app_version,
        "batches": json.dumps([i.batch_id for i in imports]),
        "inputs_sha256": hashlib.sha256(
            "".join(sorted(i.sha256 for i in imports)).encode()
        ).hexdigest(),
    }
    con.executemany("INSERT INTO build_info VALUES (?, ?)", list(info.items()))
