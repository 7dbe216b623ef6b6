"""`pci check` — the data-quality report: coverage, reconstruction residuals, conflicts."""

from __future__ import annotations

import argparse
import sys

from etl.load import ensure_built
from pci import fmt
from pci.cli import EXIT_OK, EXIT_REJECTED
from pci.i18n import t
from pci.queries import quality


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="data-quality report (residuals, conflicts, coverage)")
    p.add_argument("--all", action="store_true", help="list every conflict and finding")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    lang, db = args.lang, args.db
    try:
        ensure_built(db)
    except Exception as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
    info = quality.build_info(db)
    print(t("cli.check.header", lang, path=str(db), built_at=info.get("built_at", "?")))
    print()
    print(t("cli.check.coverage", lang))
    coverage = quality.coverage(db)
    for r in coverage.itertuples():
        print(
            f"  {r.year}: "
            + t(
                "cli.check.coverage_row",
                lang,
                n=r.n_provinces,
                scores=r.with_score,
                ranks=r.with_rank,
                sub=r.subindex_rows,
                ind=r.indicator_values,
                kinds=r.kinds,
            )
        )
    print()
    print(t("cli.check.residuals", lang))
    by_year = quality.residuals_by_year(db)
    # Editions with composites but no weights for their period (2005) cannot be rebuilt: say
    # so rather than leave the year out of the list.
    for year in sorted(
        set(coverage.loc[coverage["with_score"] > 0, "year"]) - set(by_year["year"])
    ):
        if "official" in str(coverage.set_index("year").loc[year, "kinds"]):
            print(f"  {year}: " + t("cli.check.no_weights", lang))
    for r in by_year.itertuples():
        known = t("cli.check.known_anomaly", lang) if r.year in (2005, 2009, 2011) else ""
        print(
            f"  {r.year}: "
            + t(
                "cli.check.residual_row",
                lang,
                n=r.n,
                max=fmt.number(r.max_abs, lang, 2),
                mean=fmt.number(r.mean_abs, lang, 3),
                over=r.over_001,
            )
            + known
        )
    print()
    conflicts = quality.conflicts(db)
    print(t("cli.check.conflicts", lang, n=len(conflicts)))
    rows = conflicts if args.all else conflicts.head(40)
    for r in rows.itertuples():
        print(
            "  "
            + t(
                "cli.check.conflict_row",
                lang,
                year=r.year,
                province=r.province_name,
                measure=r.measure,
                field=r.field,
                kept=fmt.number(r.kept_value, lang, 0 if r.field == "rank" else 2),
                kept_source=r.kept_source[:70],
                other=fmt.number(r.other_value, lang, 0 if r.field == "rank" else 2),
                other_source=r.other_source[:70],
                origin=r.origin,
            )
        )
    if len(conflicts) > len(rows):
        print("  " + t("cli.check.more", lang, n=len(conflicts) - len(rows)))
    print()
    warnings = quality.findings(db, check="rank_order")
    print(t("cli.check.rank_order", lang, n=len(warnings)))
    for r in (warnings if args.all else warnings.head(10)).itertuples():
        print(f"  {r.year} {r.province_id} {r.measure}: {r.expected}; {r.actual}")
    print()
    log = quality.imports(db)
    print(t("cli.check.imports", lang, n=len(log)))
    for r in log.head(20).itertuples():
        print(
            f"  {fmt.day(r.imported_at.to_pydatetime(), lang)}  {r.outcome:<9} {r.file_name}"
            f"  {r.sha256[:12]}"
        )
    return EXIT_OK
