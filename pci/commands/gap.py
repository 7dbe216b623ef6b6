"""`pci gap` — what it takes for a province to reach a rank in one edition.

Prints (or, with ``--json``, writes as JSON) the current score and rank, the score to beat,
the points missing and, per sub-index, the points needed alone — or that it is impossible —
with the weights and methodology period used. The maths is ``pci.analysis.gap.rank_gap``.

Exit codes: 0 answered (also when a figure is unpublished: it is named, not guessed),
1 database could not be built, 2 usage error (unknown province, measure or edition; a
target rank outside the edition; no figure for the province that year).
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from etl.load import ensure_built
from etl.provinces import UnknownProvince, resolver
from pci import fmt
from pci.analysis.gap import rank_gap
from pci.cli import EXIT_OK, EXIT_REJECTED, EXIT_USAGE
from pci.i18n import t
from pci.queries import whatif as wq
from pci.queries.scores import weights
from pci.reference import editions, measure_exists, measure_name, n_provinces, period_of

MEASURE_RE = re.compile(r"^(PCI|CSTP(10|[1-9]))$")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "gap", help="what it takes to reach a rank: score to beat, points missing, per sub-index"
    )
    p.add_argument("--province", required=True, help="province id or name (kon-tum, 'TT-Huế')")
    p.add_argument("--year", required=True, type=int, help="PCI edition")
    p.add_argument("--measure", default="PCI", help="PCI (composite) or CSTP1 … CSTP10")
    p.add_argument("--target-rank", required=True, type=int, dest="target_rank")
    p.add_argument("--json", action="store_true", help="print JSON for scripts")
    p.add_argument(
        "--private",
        action="store_true",
        help="include the province's own private results where loaded",
    )
    p.set_defaults(handler=run)


class UsageError(Exception):
    """A message for the user; the command exits with 2."""


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    try:
        province_id, measure = _validate(args)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    try:
        ensure_built(args.db)
    except Exception as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REJECTED
    try:
        report = gap_report(
            args.db, province_id, args.year, measure, args.target_rank, lang, args.private
        )
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(render_text(report, lang))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> tuple[str, str]:
    lang = args.lang
    try:
        province_id = resolver().resolve(args.province)
    except UnknownProvince:
        raise UsageError(t("whatif.gap.unknown_province", lang, name=args.province)) from None
    measure = args.measure.strip().upper()
    if not MEASURE_RE.match(measure):
        raise UsageError(t("whatif.gap.bad_measure", lang, measure=args.measure))
    if args.year not in editions():
        years = sorted(editions())
        raise UsageError(
            t("whatif.gap.unknown_year", lang, year=args.year, first=years[0], last=years[-1])
        )
    if measure != "PCI" and not measure_exists(measure, args.year):
        raise UsageError(t("whatif.gap.measure_not_in_year", lang, measure=measure, year=args.year))
    n = n_provinces(args.year)
    if not 1 <= args.target_rank <= n:
        raise UsageError(t("whatif.gap.bad_rank", lang, rank=args.target_rank, n=n, year=args.year))
    prov = resolver().provinces[province_id]
    if not prov.existed_in(args.year):
        raise UsageError(
            t(
                "whatif.gap.not_surveyed",
                lang,
                province=prov.name_vi if lang == "vi" else prov.name_en,
                year=args.year,
            )
        )
    return province_id, measure


def gap_report(
    db, province_id: str, year: int, measure: str, target_rank: int, lang: str, private: bool
) -> dict:
    """The answer as plain data (the JSON output; the text output renders it)."""
    frame = wq.field(db, year, measure, private)
    own = frame[frame["province_id"] == province_id]
    names = resolver()
    pname = names.name(province_id, lang)
    if own["score"].isna().all() and own["rank"].isna().all():
        raise UsageError(t("whatif.gap.no_data", lang, province=pname, year=year, measure=measure))
    facts = wq.province_year(db, province_id, year, private)
    subs = facts[facts["measure"].str.startswith("CSTP") & facts["score"].notna()]
    subscores = dict(zip(subs["measure"], subs["score"].astype(float), strict=True))
    w = weights(db, year)
    g = rank_gap(
        frame[["province_id", "score", "rank"]],
        province_id,
        target_rank,
        year=year,
        measure=measure,
        weights=w,
        subscores=subscores,
    )
    span = wq.weights_span(db, year) if measure == "PCI" else None
    period = period_of(year)
    n = n_provinces(year)
    published = int(frame["score"].notna().sum())
    return {
        "province_id": province_id,
        "province": pname,
        "year": year,
        "measure": measure,
        "measure_name": measure_name(measure, year, lang),
        "n_provinces": n,
        "published_scores": published,
        "complete": published >= n,
        "target_rank": target_rank,
        "score": g.own_score,
        "rank": g.own_rank,
        "reached": g.reached,
        "holder_id": g.holder_id,
        "holder": names.name(g.holder_id, lang) if g.holder_id else None,
        "score_to_beat": g.score_to_beat,
        "points_missing": g.points_missing,
        "missing": g.missing,
        "period": {"id": period.period_id, "label": period.label(lang)},
        "weights_known": bool(w) if measure == "PCI" else None,
        "weights": w if measure == "PCI" and w else None,
        "weights_years": [span["first_year"], span["last_year"]] if span else None,
        "weights_derived": span["derived"] if span else None,
        "weights_source": span["source"] if span else None,
        "needs": [
            {
                "measure": n_.measure,
                "name": measure_name(n_.measure, year, lang),
                "weight": n_.weight if measure == "PCI" else None,
                "current": n_.current,
                "needed": n_.needed,
                "after": None if n_.current is None else round(n_.current + n_.needed, 2),
                "possible": n_.possible,
            }
            for n_ in g.needs
        ],
        "private_included": bool(private and (facts["source_kind"] == "private").any()),
    }


def render_text(r: dict, lang: str) -> str:
    """The report for a terminal, numbers written the user's way."""

    def num(x, d=2):
        return fmt.number(x, lang, d)

    out = [
        t(
            "whatif.gap.header",
            lang,
            measure=r["measure_name"],
            year=r["year"],
            province=r["province"],
            rank=r["target_rank"],
            n=r["n_provinces"],
        ),
        t(
            "whatif.gap.current",
            lang,
            score=num(r["score"]),
            rank=fmt.rank_of(r["rank"], r["n_provinces"], lang),
        ),
    ]
    if not r["complete"]:
        out.append(
            t("whatif.gap.incomplete", lang, published=r["published_scores"], n=r["n_provinces"])
        )
    if r["reached"]:
        out.append(t("whatif.gap.reached", lang))
    else:
        beat = (
            t("whatif.gap.to_beat", lang, score=num(r["score_to_beat"]), holder=r["holder"])
            if r["score_to_beat"] is not None
            else t("whatif.gap.to_beat_na", lang, rank=r["target_rank"])
        )
        out.append(beat)
        if r["points_missing"] is not None:
            out.append(t("whatif.gap.points_missing", lang, points=num(r["points_missing"])))
        if "own_score" in r["missing"]:
            out.append(t("whatif.gap.missing_own_score", lang))
    out.append(t("whatif.gap.period", lang, period=r["period"]["label"]))
    if r["measure"] == "PCI":
        if r["weights_known"]:
            y0, y1 = r["weights_years"]
            out.append(
                t(
                    "whatif.gap.weights",
                    lang,
                    first=y0,
                    last=y1,
                    weights=", ".join(
                        f"{m} {fmt.percent(v, lang, 0, fraction=True)}"
                        for m, v in r["weights"].items()
                    ),
                )
            )
            if r["weights_derived"]:
                out.append(t("whatif.gap.weights_derived", lang))
        else:
            out.append(t("whatif.gap.weights_unknown", lang, year=r["year"]))
    if r["needs"]:
        out.append(t("whatif.gap.needs_header", lang))
        for n in r["needs"]:
            if n["possible"] is False:
                verdict = t("whatif.gap.impossible", lang)
            elif n["possible"] is None:
                verdict = t("whatif.gap.current_unknown", lang)
            else:
                verdict = t("whatif.gap.possible", lang, after=num(n["after"]))
            weight = f" ({fmt.percent(n['weight'], lang, 0, fraction=True)})" if n["weight"] else ""
            out.append(
                f"  {n['measure']} {n['name']}{weight}: "
                + t(
                    "whatif.gap.need_row",
                    lang,
                    current=num(n["current"]),
                    needed=num(n["needed"]),
                    verdict=verdict,
                )
            )
    if r["private_included"]:
        out.append(t("whatif.gap.private", lang))
    return "\n".join(out)
