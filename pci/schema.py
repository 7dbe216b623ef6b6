"""The database schema, declared once.

Two files, on purpose:

* the **published database** (``data/pci.duckdb``) holds what VCCI and the press published,
  plus what a province imported. It is rebuilt from the shipped facts and every stored import
  and swapped in atomically, so readers always see a complete build.
* the **state database** (``data/pci_state.duckdb``) holds what people do: the target
  register and its history, the import log, sign-ins. No rebuild or import replaces it.

``TABLES`` and ``VIEWS`` carry a one-line description of every column; the data dictionary
(``docs/data-dictionary.md``) is generated from them and a test fails when it falls behind.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    doc: str
    constraint: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    def ddl(self) -> str:
        cols = [
            f"    {c.name} {c.type}{(' ' + c.constraint) if c.constraint else ''}"
            for c in self.columns
        ]
        if self.key:
            cols.append(f"    PRIMARY KEY ({', '.join(self.key)})")
        return f"CREATE TABLE {self.name} (\n" + ",\n".join(cols) + "\n);"


@dataclass(frozen=True)
class View:
    name: str
    doc: str
    columns: tuple[Column, ...]
    sql: str

    def ddl(self) -> str:
        return f"CREATE VIEW {self.name} AS\n{self.sql.strip()};"


C = Column

SOURCE_KINDS: dict[str, int] = {
    # kind → precedence (1 wins). A province's private results are VCCI's own figures sent
    # to that province; they rank just below the public workbook and only ever cover the
    # province that loaded them.
    "official": 1,
    "private": 2,
    "vcci_table": 3,
    "vcci_page": 4,
    "news": 5,
}

MEASURES: tuple[str, ...] = ("PCI", *(f"CSTP{i}" for i in range(1, 11)), "CSTP_TW")
SUBINDICES: tuple[str, ...] = tuple(f"CSTP{i}" for i in range(1, 11))

PUBLISHED_TABLES: tuple[Table, ...] = (
    Table(
        "provinces",
        "One row per province that ever took part in PCI (63 + Hà Tây).",
        (
            C(
                "province_id",
                "VARCHAR",
                "Canonical id: ASCII slug (kon-tum, thua-thien-hue, ho-chi-minh).",
            ),
            C("name_vi", "VARCHAR NOT NULL", "Vietnamese name with diacritics."),
            C("name_ascii", "VARCHAR NOT NULL", "Name without diacritics."),
            C("name_en", "VARCHAR NOT NULL", "English name."),
            C("pci_code", "INTEGER", "VCCI's PCI province code."),
            C("gso_code", "VARCHAR", "General Statistics Office code (2 digits)."),
            C("region_id", "VARCHAR NOT NULL", "GSO six-region id (mekong-delta …)."),
            C("region_vi", "VARCHAR NOT NULL", "Region name, Vietnamese."),
            C("region_en", "VARCHAR NOT NULL", "Region name, English."),
            C("first_year", "INTEGER NOT NULL", "First PCI edition the province could appear in."),
            C(
                "last_year",
                "INTEGER",
                "Last PCI edition as a unit (Hà Tây 2008; merged 2025 → 2024); NULL = still exists.",
            ),
            C("successor_id", "VARCHAR", "Province or 2025 unit it became part of."),
            C("successor_year", "INTEGER", "Year of that change."),
            C("successor_basis", "VARCHAR", "Legal basis of the change (Nghị quyết …)."),
            C(
                "unit_2025_id",
                "VARCHAR",
                "The unit it belongs to in the 34-province map from 1/7/2025.",
            ),
            C("source", "VARCHAR NOT NULL", "Where names and codes come from."),
        ),
        key=("province_id",),
    ),
    Table(
        "province_aliases",
        "Every spelling of a province seen in VCCI files and the press.",
        (
            C("alias", "VARCHAR", "The spelling as seen (TP.HCM, TT-Huế, BRVT, Đăk Lăk, HCMC …)."),
            C(
                "alias_key",
                "VARCHAR NOT NULL",
                "Folded form used for matching (no case, diacritics, punctuation, TP/tỉnh prefix).",
            ),
            C("province_id", "VARCHAR NOT NULL", "Canonical id it resolves to."),
            C("seen_in", "VARCHAR", "Where this spelling was seen."),
        ),
        key=("alias",),
    ),
    Table(
        "units_2025",
        "The 34 provinces and cities from 1 July 2025 (Nghị quyết 202/2025/QH15).",
        (
            C(
                "unit_id",
                "VARCHAR",
                "Id: the old id when the territory is unchanged, else <slug>-2025.",
            ),
            C("name_vi", "VARCHAR NOT NULL", "Name of the unit."),
            C("name_ascii", "VARCHAR NOT NULL", "Name without diacritics."),
            C("merged", "BOOLEAN NOT NULL", "True when formed from several old provinces."),
            C("members", "VARCHAR NOT NULL", "Old province ids, ';'-separated."),
            C("source", "VARCHAR NOT NULL", "Where the merger list comes from."),
        ),
        key=("unit_id",),
    ),
    Table(
        "editions",
        "One row per PCI edition (survey year).",
        (
            C("year", "INTEGER", "PCI edition year."),
            C("n_provinces", "INTEGER NOT NULL", "Provinces ranked that year (42, 64 or 63)."),
            C(
                "published_scope",
                "VARCHAR NOT NULL",
                "'all' or 'top30' (from 2023 VCCI publishes only the top 30).",
            ),
            C("note", "VARCHAR", "What is special about the edition."),
        ),
        key=("year",),
    ),
    Table(
        "methodology_periods",
        "Periods within which scores are comparable; a new period is a break.",
        (
            C("period_id", "VARCHAR", "P2005, P2006, P2009, P2013, P2021."),
            C("first_year", "INTEGER NOT NULL", "First edition of the period."),
            C("last_year", "INTEGER", "Last edition (NULL = current)."),
            C("label_vi", "VARCHAR NOT NULL", "Label, Vietnamese."),
            C("label_en", "VARCHAR NOT NULL", "Label, English."),
            C("note_vi", "VARCHAR", "What changed, Vietnamese."),
            C("note_en", "VARCHAR", "What changed, English."),
        ),
        key=("period_id",),
    ),
    Table(
        "subindex_names",
        "Names of each measure as used in each period (CSTP 8 renamed in 2021).",
        (
            C(
                "measure",
                "VARCHAR",
                "PCI, CSTP1 … CSTP10, CSTP_TW (2005's central-policy sub-index).",
            ),
            C("first_year", "INTEGER", "First edition using this name."),
            C("last_year", "INTEGER", "Last edition using it (NULL = current)."),
            C("name_vi", "VARCHAR NOT NULL", "Full Vietnamese name."),
            C("name_en", "VARCHAR NOT NULL", "Full English name."),
            C("short_vi", "VARCHAR NOT NULL", "Short Vietnamese label for charts."),
            C("short_en", "VARCHAR NOT NULL", "Short English label for charts."),
            C("source", "VARCHAR", "Where the name was read."),
        ),
        key=("measure", "first_year"),
    ),
    Table(
        "weights",
        "Sub-index weights of the composite, per period (2022+ unknown).",
        (
            C("first_year", "INTEGER", "First edition the weights apply to."),
            C("last_year", "INTEGER NOT NULL", "Last edition they apply to."),
            C("measure", "VARCHAR", "CSTP1 … CSTP10."),
            C(
                "weight",
                "DOUBLE NOT NULL",
                "Weight (the composite is 10 × Σ weight × sub-index score).",
            ),
            C(
                "derived",
                "BOOLEAN NOT NULL",
                "True when reconstructed from published scores, not read from a publication.",
            ),
            C("source", "VARCHAR NOT NULL", "Publication or derivation."),
        ),
        key=("first_year", "measure"),
    ),
    Table(
        "sources",
        "Every source a published figure came from.",
        (
            C("source_id", "VARCHAR", "Stable short id (hash of the title)."),
            C(
                "source_kind",
                "VARCHAR NOT NULL",
                "official | private | vcci_table | vcci_page | news.",
            ),
            C("priority", "INTEGER NOT NULL", "Precedence: 1 official workbook … 5 news."),
            C("title", "VARCHAR NOT NULL", "URL, or file and sheet."),
            C("batch_id", "VARCHAR", "Import batch that brought it (NULL for shipped facts)."),
        ),
        key=("source_id",),
    ),
    Table(
        "observations",
        "Every score/rank as each source gave it (staging: nothing dropped).",
        (
            C("year", "INTEGER", "PCI edition."),
            C("province_id", "VARCHAR", "Canonical province id."),
            C("measure", "VARCHAR", "PCI or CSTPn."),
            C("source_id", "VARCHAR", "Where it came from."),
            C(
                "score",
                "DOUBLE",
                "Score as published (composite 0–100, sub-index 0–10); NULL if the source gave only a rank.",
            ),
            C("rank", "INTEGER", "Rank as published; NULL where not published."),
            C(
                "preferred",
                "BOOLEAN NOT NULL",
                "Chosen in a recorded conflict between sources of equal rank.",
            ),
            C("location", "VARCHAR", "File, sheet, row and column, or page, it was read from."),
        ),
        key=("year", "province_id", "measure", "source_id"),
    ),
    Table(
        "indicators",
        "Sub-indicators (chỉ tiêu) as named in each edition.",
        (
            C("year", "INTEGER", "PCI edition."),
            C(
                "indicator_code",
                "VARCHAR",
                "Code: VCCI's variable code where the file has one, else a slug of the name.",
            ),
            C("measure", "VARCHAR NOT NULL", "Sub-index it belongs to (CSTPn)."),
            C("name_vi", "VARCHAR NOT NULL", "Name as written in the file."),
            C(
                "unit",
                "VARCHAR NOT NULL",
                "share (0–1) | percent | days | hours | months | count | score | other.",
            ),
        ),
        key=("year", "indicator_code"),
    ),
    Table(
        "indicator_observations",
        "Sub-indicator values per province as each source gave them.",
        (
            C("year", "INTEGER", "PCI edition."),
            C("province_id", "VARCHAR", "Canonical province id."),
            C("indicator_code", "VARCHAR", "See indicators."),
            C("source_id", "VARCHAR", "Where it came from."),
            C("value", "DOUBLE NOT NULL", "Value as published (no rescaling)."),
            C("location", "VARCHAR", "File, sheet, row and column."),
        ),
        key=("year", "province_id", "indicator_code", "source_id"),
    ),
    Table(
        "conflicts",
        "Where sources disagree, which value was kept and why.",
        (
            C("year", "INTEGER NOT NULL", "PCI edition."),
            C("province_id", "VARCHAR NOT NULL", "Province."),
            C("measure", "VARCHAR NOT NULL", "PCI or CSTPn."),
            C("field", "VARCHAR NOT NULL", "score or rank."),
            C("kept_value", "DOUBLE", "Value shown by the dashboard."),
            C("kept_source", "VARCHAR NOT NULL", "Its source."),
            C("other_value", "DOUBLE", "The disagreeing value."),
            C("other_source", "VARCHAR NOT NULL", "Its source."),
            C(
                "origin",
                "VARCHAR NOT NULL",
                "recorded (data/public/pci_conflicts.csv) or detected (at build).",
            ),
            C("note", "VARCHAR", "Why, where known."),
        ),
    ),
    Table(
        "import_batches",
        "Files imported with `pci load` or the data page (copied from the state database at build).",
        (
            C("batch_id", "VARCHAR", "Batch id."),
            C("file_name", "VARCHAR NOT NULL", "Original file name."),
            C("sha256", "VARCHAR NOT NULL", "SHA-256 of the original (kept in the store)."),
            C("kind", "VARCHAR NOT NULL", "vcci_workbook | private_results | public_csv."),
            C("sheets", "INTEGER", "Sheets read."),
            C("rows", "INTEGER", "Rows read."),
            C("imported_at", "TIMESTAMP NOT NULL", "When."),
            C("imported_by", "VARCHAR", "Who (editor or OS user)."),
            C("outcome", "VARCHAR NOT NULL", "accepted | rejected."),
            C("message", "VARCHAR", "Summary or the reason for rejection."),
        ),
        key=("batch_id",),
    ),
    Table(
        "findings",
        "Data-quality findings of the last build (shown by `pci check`).",
        (
            C(
                "check_name",
                "VARCHAR NOT NULL",
                "Named check (reconstruction, rank_order, range …).",
            ),
            C("severity", "VARCHAR NOT NULL", "info | warning."),
            C("year", "INTEGER", "Edition, where relevant."),
            C("province_id", "VARCHAR", "Province, where relevant."),
            C("measure", "VARCHAR", "Measure, where relevant."),
            C("expected", "VARCHAR", "What was expected."),
            C("actual", "VARCHAR", "What was found."),
            C("value", "DOUBLE", "A number to sort by (e.g. the residual)."),
        ),
    ),
    Table(
        "build_info",
        "When and from what the database was built.",
        (
            C("key", "VARCHAR", "built_at, app_version, inputs_sha256 …"),
            C("value", "VARCHAR NOT NULL", "Value."),
        ),
        key=("key",),
    ),
)

# The public surface: views analysts query with any DuckDB client. Precedence picks, per
# field, the value from the best source (official > private > VCCI table > VCCI page > news;
# a recorded conflict decides between equals). ``pci_scores_public`` leaves private results
# out: it is what a viewer who is not signed in sees.
_RESOLVE = """
WITH ranked AS (
    SELECT o.*, s.source_kind, s.priority, s.title
    FROM observations o JOIN sources s USING (source_id)
    {where}
), best_score AS (
    SELECT year, province_id, measure, score, title AS source, source_kind
    FROM ranked WHERE score IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY year, province_id, measure
                               ORDER BY priority, preferred DESC, source_id) = 1
), best_rank AS (
    SELECT year, province_id, measure, rank, title AS rank_source, source_kind AS rank_source_kind
    FROM ranked WHERE rank IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY year, province_id, measure
                               ORDER BY priority, preferred DESC, source_id) = 1
), final AS (
    SELECT
        coalesce(s.year, r.year) AS year,
        coalesce(s.province_id, r.province_id) AS province_id,
        p.name_vi AS province_name,
        coalesce(s.measure, r.measure) AS measure,
        s.score,
        r.rank,
        coalesce(s.source, r.rank_source) AS source,
        coalesce(s.source_kind, r.rank_source_kind) AS source_kind,
        r.rank_source,
        r.rank_source_kind
    FROM best_score s
    FULL OUTER JOIN best_rank r USING (year, province_id, measure)
    JOIN provinces p ON p.province_id = coalesce(s.province_id, r.province_id)
)
SELECT * FROM final
"""

_SCORE_COLUMNS = (
    C("year", "INTEGER", "PCI edition."),
    C("province_id", "VARCHAR", "Canonical province id."),
    C("province_name", "VARCHAR", "Vietnamese name."),
    C(
        "measure",
        "VARCHAR",
        "PCI (composite) or CSTP1 … CSTP10 (sub-indices), CSTP_TW (2005 only).",
    ),
    C("score", "DOUBLE", "Score as published; NULL where only a rank is known."),
    C(
        "rank",
        "INTEGER",
        "Rank as published; NULL where not published (outside the top 30 since 2023).",
    ),
    C("source", "VARCHAR", "Source of the score (or of the rank when there is no score)."),
    C("source_kind", "VARCHAR", "official | private | vcci_table | vcci_page | news."),
    C("rank_source", "VARCHAR", "Source of the rank."),
    C("rank_source_kind", "VARCHAR", "Kind of the rank's source."),
)

PUBLISHED_VIEWS: tuple[View, ...] = (
    View(
        "pci_scores",
        "Scores and ranks, one row per (year, province, measure), best source kept "
        "(includes a province's private results).",
        _SCORE_COLUMNS,
        _RESOLVE.format(where=""),
    ),
    View(
        "pci_scores_public",
        "As pci_scores without private results: what anyone may see.",
        _SCORE_COLUMNS,
        _RESOLVE.format(where="WHERE s.source_kind <> 'private'"),
    ),
    View(
        "pci_indicator_values",
        "Sub-indicator values, best source kept.",
        (
            C("year", "INTEGER", "PCI edition."),
            C("province_id", "VARCHAR", "Canonical province id."),
            C("measure", "VARCHAR", "Sub-index (CSTPn)."),
            C("indicator_code", "VARCHAR", "Indicator code."),
            C("indicator_name_vi", "VARCHAR", "Name as written in that edition."),
            C("unit", "VARCHAR", "Unit (see indicators)."),
            C("value", "DOUBLE", "Value."),
            C("source", "VARCHAR", "Where it came from."),
            C("source_kind", "VARCHAR", "Kind of source."),
        ),
        """
WITH ranked AS (
    SELECT v.year, v.province_id, i.measure, v.indicator_code, i.name_vi AS indicator_name_vi,
           i.unit, v.value, s.title AS source, s.source_kind, s.priority, v.source_id
    FROM indicator_observations v
    JOIN indicators i USING (year, indicator_code)
    JOIN sources s USING (source_id)
), final AS (
    SELECT * EXCLUDE (priority, source_id) FROM ranked
    QUALIFY row_number() OVER (PARTITION BY year, province_id, indicator_code
                               ORDER BY priority, source_id) = 1
)
SELECT * FROM final
""",
    ),
)

_TARGET_COLUMNS = (
    C("target_id", "VARCHAR", "Stable id of the target (short random hex); kept across edits."),
    C("version", "INTEGER NOT NULL", "1 on creation, +1 on every edit, delete, restore or undo."),
    C("province_id", "VARCHAR NOT NULL", "Province the target belongs to."),
    C("level", "VARCHAR NOT NULL", "PCI | CSTP (sub-index) | INDICATOR (sub-indicator)."),
    C("measure", "VARCHAR", "PCI or CSTP1 … CSTP10; for an indicator its sub-index where known."),
    C("indicator_code", "VARCHAR", "Indicator code in pci_indicator_values, where known."),
    C("indicator_label", "VARCHAR", "Indicator name exactly as the plan writes it."),
    C("unit", "VARCHAR", "Indicator unit: percent (0–100) | days | score | count | other."),
    C("metric", "VARCHAR NOT NULL", "rank | score | value (indicator value)."),
    C(
        "comparator",
        "VARCHAR NOT NULL",
        "le (≤) | ge (≥) | eq (=) | up_n (up N places) | in_group.",
    ),
    C("baseline_year", "INTEGER", "Year of the starting point the plan quotes."),
    C("baseline_value", "DOUBLE", "Starting value (rank, score or indicator value)."),
    C("target_year", "INTEGER NOT NULL", "Year (PCI edition) the target is for."),
    C("target_value", "DOUBLE", "Target rank, score or value; N for up_n; NULL for in_group."),
    C("target_group", "VARCHAR", "VCCI ranking group for in_group (rat_tot, tot, kha …)."),
    C("direction", "VARCHAR", "higher | lower: which way is better (indicators)."),
    C("lead_unit", "VARCHAR", "Department in charge (đơn vị chủ trì)."),
    C("support_units", "VARCHAR", "Supporting departments (đơn vị phối hợp)."),
    C("plan_ref", "VARCHAR", "The plan it comes from (number and issuer as written)."),
    C("plan_date", "VARCHAR", "Date of the plan as written (may be partial: '…/3/2024')."),
    C("notes", "VARCHAR", "Free notes (original spelling, context)."),
    C("example_set", "VARCHAR", "Shipped example register it came from; NULL = entered by users."),
    C("position", "INTEGER", "Order within the plan (STT)."),
    C("deleted", "BOOLEAN NOT NULL", "Soft delete: hidden but recoverable."),
    C("edited_by", "VARCHAR NOT NULL", "Who made this version (editor name or OS user)."),
    C("edited_at", "TIMESTAMP NOT NULL", "When (UTC)."),
)

STATE_TABLES: tuple[Table, ...] = (
    Table(
        "imports",
        "Every file offered for import, accepted or not (the rebuild replays the accepted ones).",
        (
            C("batch_id", "VARCHAR", "Batch id (time + short SHA)."),
            C("file_name", "VARCHAR NOT NULL", "Original file name."),
            C("sha256", "VARCHAR NOT NULL", "SHA-256 of the original."),
            C("stored_as", "VARCHAR", "File name in the store (accepted files only)."),
            C("kind", "VARCHAR NOT NULL", "vcci_workbook | private_results | public_csv."),
            C("options", "VARCHAR", "JSON: year override, private province …"),
            C("sheets", "INTEGER", "Sheets read."),
            C("rows", "INTEGER", "Rows read."),
            C("imported_at", "TIMESTAMP NOT NULL", "When."),
            C("imported_by", "VARCHAR", "Who."),
            C("outcome", "VARCHAR NOT NULL", "accepted | rejected | removed."),
            C("message", "VARCHAR", "Summary or reason."),
        ),
        key=("batch_id",),
    ),
    Table(
        "signins",
        "Every editor sign-in attempt (failed ones lock the name and the session for a while).",
        (
            C("attempted_at", "TIMESTAMP NOT NULL", "When."),
            C("user_name", "VARCHAR NOT NULL", "User name or e-mail as typed or given by OIDC."),
            C("session_id", "VARCHAR NOT NULL", "Browser session (Streamlit session id)."),
            C(
                "outcome",
                "VARCHAR NOT NULL",
                "ok | bad_credentials | locked | oidc_ok | oidc_refused.",
            ),
        ),
    ),
    Table(
        "targets",
        "The target register: the current version of every target (see target_history).",
        _TARGET_COLUMNS,
        key=("target_id",),
    ),
    Table(
        "target_history",
        "Every version of every target, append-only: who changed what and when; undo reads it.",
        (
            *_TARGET_COLUMNS,
            C("action", "VARCHAR NOT NULL", "create | edit | delete | restore | undo | import."),
        ),
        key=("target_id", "version"),
    ),
    Table(
        "target_example_sets",
        "Shipped example registers already loaded (each is loaded once, never again).",
        (
            C("example_set", "VARCHAR", "Example set id (file name stem)."),
            C("rows", "INTEGER NOT NULL", "Targets it added."),
            C("loaded_at", "TIMESTAMP NOT NULL", "When."),
        ),
        key=("example_set",),
    ),
)


def published_ddl() -> str:
    """DDL for a fresh published database: tables, then views."""
    parts = [t.ddl() for t in PUBLISHED_TABLES] + [v.ddl() for v in PUBLISHED_VIEWS]
    return "\n\n".join(parts)


def state_ddl() -> list[str]:
    """Idempotent DDL for the state database (it is created once and then only migrated)."""
    return [t.ddl().replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1) for t in STATE_TABLES]
