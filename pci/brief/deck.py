"""The standard briefing deck for one province and one PCI edition.

Six messages, in the order a steering committee reports them (see the plans in
``../shared/seeds``): where we stand (headline), how we got here (rank trajectory), where we
are strong and weak (sub-indices against the national median and best), what we promised
(targets and their status), who does what (sub-indicator goals by department) and what it
takes to reach the target rank. Each slide carries its sources, year, methodology period and
notes ("not published", the internal-data label); long tables continue on a second slide
rather than shrinking below readable type.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from pci import fmt, source_text
from pci.analysis.gap import rank_gap
from pci.brief import captions, inputs
from pci.brief import charts as bcharts
from pci.i18n import normalize_lang, t
from pci.profile_tables import measure_label
from pci.queries import scores
from pci.reference import editions, measure_exists, measure_name, n_provinces, period_of
from pci.schema import SUBINDICES

ROWS_PER_SLIDE = 10  # ten sub-indices fit one slide


class DeckError(ValueError):
    """The province or the year asked for does not exist (message in the user's language)."""


@dataclass
class Slide:
    key: str
    title: str
    message: str
    year: int
    period: str
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None  # display strings, headers translated
    facts: list[tuple[str, str]] = field(default_factory=list)  # big label/value tiles
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    private: bool = False  # uses the province's private results: label it


@dataclass
class Deck:
    province_id: str
    province_name: str
    year: int
    lang: str
    made_on: date
    slides: list[Slide]

    def __len__(self) -> int:
        return len(self.slides)

    def __iter__(self) -> Iterator[Slide]:
        return iter(self.slides)

    def __getitem__(self, i: int) -> Slide:
        return self.slides[i]

    @property
    def private(self) -> bool:
        return any(s.private for s in self.slides)

    @property
    def title(self) -> str:
        return t("brief.deck_title", self.lang, year=self.year, province=self.province_name)

    def footer(self, slide: Slide) -> str:
        """Province · year · methodology period · date made — on every slide and page."""
        return t(
            "brief.footer",
            self.lang,
            province=self.province_name,
            year=slide.year,
            period=slide.period,
            date=fmt.day(self.made_on, self.lang),
        )

    def page(self, i: int) -> str:
        return t("brief.page", self.lang, i=i + 1, n=len(self.slides))

    def sources_line(self, slide: Slide, limit: int = 3) -> str:
        if not slide.sources:
            return ""
        shown = slide.sources[:limit]
        more = len(slide.sources) - len(shown)
        text = "; ".join(source_text.localize(s, self.lang) for s in shown)
        if more > 0:
            text += " " + t("brief.and_more", self.lang, n=more)
        return f"{t('brief.sources', self.lang)}: {text}"

    def notes_line(self, slide: Slide) -> str:
        return " ".join(slide.notes)


def build_deck(
    db: Path,
    province_id: str,
    year: int,
    lang: str = "vi",
    *,
    include_private: bool = False,
    targets: pd.DataFrame | None = None,
    goals: pd.DataFrame | None = None,
    state_path: Path | None = None,
    register: bool = True,
    register_version: object = None,
    today: date | None = None,
) -> Deck:
    """Gather the deck of ``province_id`` for the PCI edition ``year``.

    ``targets``/``goals`` (columns in ``pci.brief.inputs``) come from the caller; when both
    are None and ``register`` is true they are read from the target register when it exists.
    ``include_private`` adds the province's own results (each slide using them is labelled).
    ``register_version`` is not read: a cache (the page's ``q``) keys on it, so that an edit
    of the register shows in the next deck.
    """
    lang = normalize_lang(lang)
    provs = scores.provinces(db)
    row = provs[provs["province_id"] == province_id]
    if row.empty:
        raise DeckError(t("brief.unknown_province", lang, province=province_id))
    if year not in editions():
        raise DeckError(t("brief.unknown_year", lang, year=year))
    name = str(row["name_vi" if lang == "vi" else "name_en"].iloc[0])
    targets = inputs.check(targets, inputs.TARGET_COLUMNS, "targets")
    goals = inputs.check(goals, inputs.GOAL_COLUMNS, "goals")
    if register and targets is None and goals is None:
        from pci.config import state_path as default_state

        targets, goals = inputs.fetch(
            db, state_path or default_state(db), province_id, year, lang, include_private
        )
    ctx = _Context(db, province_id, name, year, lang, include_private, targets, goals)
    slides = [
        _headline(ctx),
        _trajectory(ctx),
        _subindices(ctx),
        *_targets(ctx),
        *_goals(ctx),
        *_gap(ctx),
    ]
    return Deck(province_id, name, year, lang, today or date.today(), slides)


# --- the data every slide reads ---------------------------------------------------------------


class _Context:
    def __init__(self, db, pid, name, year, lang, include_private, targets, goals) -> None:
        self.db, self.pid, self.name, self.year, self.lang = db, pid, name, year, lang
        self.targets, self.goals = targets, goals
        self.period = period_of(year).label(lang)
        self.n = n_provinces(year)
        self.hist = scores.trajectory(db, [pid], "PCI", include_private)
        self.year_long = scores.year_scores(db, year, include_private)
        self.stats = scores.measure_stats(db, year, include_private).set_index("measure")
        self.weights = scores.weights(db, year)
        self.own = self.year_long[self.year_long["province_id"] == pid].dropna(subset=["measure"])
        self.own = self.own.set_index("measure")
        self.top30 = editions()[year].published_scope == "top30"

    def tr(self, key: str, **kw: object) -> str:
        return t(key, self.lang, **kw)

    def own_value(self, measure: str, col: str) -> float | None:
        if measure not in self.own.index:
            return None
        v = self.own.at[measure, col]
        return None if fmt.is_missing(v) else float(v)

    def own_private(self, measures: list[str]) -> bool:
        rows = self.own[self.own.index.isin(measures)]
        return bool(
            (rows["source_kind"] == "private").any()
            or (rows["rank_source_kind"] == "private").any()
        )

    def own_sources(self, measures: list[str]) -> list[str]:
        rows = self.own[self.own.index.isin(measures)]
        return _distinct([*rows["source"].tolist(), *rows["rank_source"].tolist()])

    def target_rank(self) -> int | None:
        """The registered PCI rank target for this edition (the nearest target year ahead)."""
        if self.targets is None or self.targets.empty:
            return None
        df = self.targets[(self.targets["measure"] == "PCI") & (self.targets["kind"] == "rank")]
        df = df.dropna(subset=["target_value"])
        if df.empty:
            return None
        if "baseline_year" in df.columns:
            # A plan measured from a later baseline did not exist yet in this edition: the
            # 2021 plan's "rank 46" must not show as "reached" on the 2013 deck.
            df = df[~(df["baseline_year"].astype("Float64") > self.year).fillna(False)]
            if df.empty:
                return None
        ahead = df[df["target_year"].fillna(9999) >= self.year]
        pick = (ahead if not ahead.empty else df).sort_values("target_year").iloc[0]
        return int(pick["target_value"])

    def composite_year_df(self) -> pd.DataFrame:
        df = self.year_long[self.year_long["measure"] == "PCI"]
        return df[["province_id", "score", "rank"]]

    def slide(self, key: str, title: str, message: str, **kw) -> Slide:
        return Slide(key, title, message, self.year, self.period, **kw)


# --- slides ---------------------------------------------------------------------------------


def _headline(c: _Context) -> Slide:
    rank_f, score = c.own_value("PCI", "rank"), c.own_value("PCI", "score")
    rank = int(rank_f) if rank_f is not None else None
    prev_year = c.year - 1
    comparable = prev_year in editions() and period_of(prev_year) == period_of(c.year)
    prev = c.hist[c.hist["year"] == prev_year]
    prev_rank = (
        int(prev["rank"].iloc[0])
        if len(prev) and not fmt.is_missing(prev["rank"].iloc[0])
        else None
    )
    target = c.target_rank()
    gap = rank_gap(c.composite_year_df(), c.pid, target, year=c.year) if target else None
    points = gap.points_missing if gap else None
    reached = gap.reached if gap else None
    message = captions.headline(
        rank, c.n, c.year, prev_rank, prev_year, comparable, target, points, reached, c.lang
    )
    if target is None:
        target_fact = c.tr("brief.headline.target_none")
    elif reached:
        target_fact = c.tr("brief.headline.target_reached", target=target)
    elif points is None:
        target_fact = c.tr("brief.na")
    else:
        target_fact = c.tr(
            "brief.headline.target_value", target=target, points=fmt.number(points, c.lang, 2)
        )
    facts = [
        (
            c.tr("brief.headline.fact_rank"),
            fmt.rank_of(rank, c.n, c.lang) if rank else c.tr("brief.na"),
        ),
        (c.tr("brief.headline.fact_score"), fmt.number(score, c.lang, 2, missing=c.tr("brief.na"))),
        (
            c.tr("brief.headline.fact_change", prev=prev_year),
            captions.change_fact(rank, prev_rank, comparable, c.lang),
        ),
        (c.tr("brief.headline.fact_target"), target_fact),
    ]
    notes = []
    if rank is None or score is None:
        notes.append(c.tr("brief.headline.not_published", year=c.year) + ".")
        if c.top30:
            notes.append(c.tr("brief.headline.top30_note"))
    sources = c.own_sources(["PCI"])
    prev_private = bool(len(prev) and (prev["source_kind"] == "private").any())
    if target is not None:
        sources.append(c.tr("brief.source_register"))
    return c.slide(
        "headline",
        c.tr("brief.headline.title", province=c.name, year=c.year),
        message,
        facts=facts,
        sources=_distinct([*sources, *(prev["source"].tolist() if len(prev) else [])]),
        notes=notes,
        private=c.own_private(["PCI"]) or prev_private,
    )


def _trajectory(c: _Context) -> Slide:
    hist = c.hist[c.hist["year"] <= c.year]
    ranked = hist.dropna(subset=["rank"])
    title = c.tr("brief.trajectory.title")
    if ranked.empty:
        return c.slide("trajectory", title, c.tr("brief.trajectory.empty"))
    first = int(hist["year"].min())
    missing = [y for y in editions() if first <= y <= c.year and y not in set(ranked["year"])]
    same = ranked[ranked["year"].map(lambda y: period_of(int(y)) == period_of(c.year))]
    this = ranked[ranked["year"] == c.year]
    if this.empty or same.empty:
        message = c.tr("brief.trajectory.message_na", year=c.year)
    elif same["rank"].nunique() == 1:
        message = c.tr(
            "brief.trajectory.message_flat",
            period=c.period,
            rank=fmt.rank_of(this["rank"].iloc[0], this["n_provinces"].iloc[0], c.lang),
            years=", ".join(str(int(y)) for y in same["year"]),
        )
    else:
        best = same.sort_values(["rank", "year"]).iloc[0]
        worst = same.sort_values(["rank", "year"], ascending=[False, True]).iloc[0]
        message = c.tr(
            "brief.trajectory.message",
            period=c.period,
            best=fmt.rank_of(best["rank"], best["n_provinces"], c.lang),
            best_year=int(best["year"]),
            worst=fmt.rank_of(worst["rank"], worst["n_provinces"], c.lang),
            worst_year=int(worst["year"]),
            year=c.year,
            rank=fmt.rank_of(this["rank"].iloc[0], this["n_provinces"].iloc[0], c.lang),
        )
    notes = [c.tr("brief.trajectory.breaks")]
    if missing:
        notes.insert(0, c.tr("brief.trajectory.missing_years", years=", ".join(map(str, missing))))
    fig = bcharts.rank_trajectory(
        ranked[["year", "rank", "n_provinces"]],
        int(ranked["n_provinces"].max()),
        c.lang,
        c.tr("brief.trajectory.chart_title"),
    )
    return c.slide(
        "trajectory",
        title,
        message,
        figure=fig,
        sources=_distinct([*ranked["source"].tolist(), *ranked["rank_source"].tolist()]),
        notes=notes,
        private=bool((ranked["source_kind"] == "private").any()),
    )


def _subindices(c: _Context) -> Slide:
    title = c.tr("brief.subindex.title")
    measures = [m for m in SUBINDICES if measure_exists(m, c.year)]
    rows = []
    for m in measures:
        st = c.stats.loc[m] if m in c.stats.index else None
        complete = bool(st is not None and st["complete"])
        rows.append(
            {
                "measure": m,
                "label": measure_label(m, c.year, c.lang),
                "own": c.own_value(m, "score"),
                "rank": c.own_value(m, "rank"),
                "median": float(st["median"]) if complete else None,
                "best": float(st["best"]) if complete else None,
            }
        )
    df = pd.DataFrame(rows)
    if df.empty or df["own"].isna().all():
        notes = [c.tr("brief.subindex.not_published", year=c.year)]
        if c.top30:
            notes.append(c.tr("brief.headline.top30_note"))
        return c.slide("subindex", title, notes[0], notes=notes[1:])
    notes = []
    have = df.dropna(subset=["own"])
    if len(have) == 1:
        only = have.iloc[0]
        message = c.tr(
            "brief.subindex.message_one",
            measure=only["label"],
            score=fmt.number(only["own"], c.lang, 2),
        )
        if df["median"].isna().all():
            notes.append(c.tr("brief.subindex.no_median", year=c.year, n=c.n))
    elif df["median"].isna().all():
        notes.append(c.tr("brief.subindex.no_median", year=c.year, n=c.n))
        hi, lo = have.loc[have["own"].idxmax()], have.loc[have["own"].idxmin()]
        message = c.tr(
            "brief.subindex.message_no_median",
            best=hi["label"],
            best_score=fmt.number(hi["own"], c.lang, 2),
            worst=lo["label"],
            worst_score=fmt.number(lo["own"], c.lang, 2),
        )
    else:
        diff = have["own"] - have["median"]
        hi, lo = have.loc[diff.idxmax()], have.loc[diff.idxmin()]
        message = c.tr(
            "brief.subindex.message",
            above=int((diff > 0).sum()),
            n=len(have),
            best=hi["label"],
            best_diff=captions.signed(hi["own"] - hi["median"], c.lang),
            worst=lo["label"],
            worst_diff=captions.signed(lo["own"] - lo["median"], c.lang),
        )
    na = c.tr("brief.na")
    table = pd.DataFrame(
        {
            c.tr("brief.subindex.col_measure"): df["label"],
            c.tr("brief.subindex.col_own"): df["own"].map(
                lambda v: fmt.number(v, c.lang, 2, missing=na)
            ),
            c.tr("brief.subindex.col_rank"): df["rank"].map(
                lambda v: fmt.integer(v, c.lang, missing=na)
            ),
            c.tr("brief.subindex.col_median"): df["median"].map(
                lambda v: fmt.number(v, c.lang, 2, missing=na)
            ),
            c.tr("brief.subindex.col_best"): df["best"].map(
                lambda v: fmt.number(v, c.lang, 2, missing=na)
            ),
        }
    )
    table = _drop_empty(table, na, keep=1)
    fig = bcharts.subindex_bars(
        df,
        c.lang,
        c.tr("brief.subindex.chart_title"),
        {
            "own": c.name,
            "median": c.tr("brief.subindex.series_median"),
            "best": c.tr("brief.subindex.series_best"),
        },
    )
    return c.slide(
        "subindex",
        title,
        message,
        figure=fig,
        table=table,
        sources=c.own_sources(measures),
        notes=notes,
        private=c.own_private(measures),
    )


def _targets(c: _Context) -> list[Slide]:
    title = c.tr("brief.targets.title")
    df = c.targets
    if df is None or df.empty:
        return [c.slide("targets", title, c.tr("brief.targets.none"))]
    na = c.tr("brief.na")

    def target_text(r) -> str:
        v = r["target_value"]
        if r["kind"] == "rank":
            return c.tr("brief.targets.rank_value", value=fmt.integer(v, c.lang, missing=na))
        return c.tr("brief.targets.score_value", value=fmt.number(v, c.lang, 2, missing=na))

    def current_text(r) -> str:
        if r["kind"] == "rank":
            v = c.own_value(r["measure"], "rank")
            return fmt.rank_of(v, c.n, c.lang) if v is not None else na
        return fmt.number(c.own_value(r["measure"], "score"), c.lang, 2, missing=na)

    def measure_text(m: str) -> str:
        return "PCI" if m == "PCI" else measure_name(m, c.year, c.lang, short=True)

    texts = (
        df["target_text"].where(df["target_text"].notna(), df.apply(target_text, axis=1))
        if "target_text" in df
        else df.apply(target_text, axis=1)
    )
    table = pd.DataFrame(
        {
            c.tr("brief.targets.col_measure"): df["measure"].map(measure_text),
            c.tr("brief.targets.col_target"): texts,
            c.tr("brief.targets.col_year"): df["target_year"].map(
                lambda v: na if fmt.is_missing(v) else str(int(v))
            ),
            c.tr("brief.targets.col_current", year=c.year): df.apply(current_text, axis=1),
            c.tr("brief.targets.col_status"): df["status"].fillna(na).astype(str),
        }
    )
    reached = int(
        df.apply(
            lambda r: (
                (v := c.own_value(r["measure"], "rank" if r["kind"] == "rank" else "score"))
                is not None
                and not fmt.is_missing(r["target_value"])
                and (v <= r["target_value"] if r["kind"] == "rank" else v >= r["target_value"])
            ),
            axis=1,
        ).sum()
    )
    message = c.tr("brief.targets.message", n=len(df), reached=reached, year=c.year)
    private = bool(df.get("private", pd.Series(dtype=bool)).fillna(False).astype(bool).any())
    private = private or c.own_private(df["measure"].tolist())
    sources = [c.tr("brief.source_register"), *c.own_sources(df["measure"].tolist())]
    return _paged(c, "targets", title, message, table, sources, private)


def _goals(c: _Context) -> list[Slide]:
    title = c.tr("brief.goals.title")
    df = c.goals
    if df is None or df.empty:
        return [c.slide("goals", title, c.tr("brief.goals.none"))]
    na = c.tr("brief.na")
    summary = df.attrs.get("summary_text")
    df = df.assign(department=df["department"].fillna(na))
    df = df.sort_values(["department"], kind="stable")

    def measure_text(m: object) -> str:
        if fmt.is_missing(m):
            return na
        m = str(m)
        return (
            m
            if m == "PCI" or not m.startswith("CSTP")
            else measure_name(m, c.year, c.lang, short=True)
        )

    current = df["current"] if "current" in df else pd.Series([None] * len(df), index=df.index)
    table = pd.DataFrame(
        {
            c.tr("brief.goals.col_department"): df["department"].fillna(na).astype(str),
            c.tr("brief.goals.col_measure"): (
                df["measure"].map(measure_text) if "measure" in df else None
            ),
            c.tr("brief.goals.col_indicator"): df["indicator"].fillna(na).astype(str),
            c.tr("brief.goals.col_goal"): df["goal"].fillna(na).astype(str),
            c.tr("brief.goals.col_current"): current.map(
                lambda v: (
                    na
                    if fmt.is_missing(v)
                    else (fmt.number(v, c.lang, 2) if isinstance(v, float) else str(v))
                )
            ),
            c.tr("brief.goals.col_status"): df["status"].fillna(na).astype(str),
        }
    )
    if "measure" not in df:
        table = table.drop(columns=[c.tr("brief.goals.col_measure")])
    message = summary or c.tr(
        "brief.goals.message", n=len(df), departments=df["department"].nunique()
    )
    private = bool(df.get("private", pd.Series(dtype=bool)).fillna(False).astype(bool).any())
    return _paged(c, "goals", title, message, table, [c.tr("brief.source_register")], private)


def _gap(c: _Context) -> list[Slide]:
    target = c.target_rank()
    year_df = c.composite_year_df()
    own_rank = c.own_value("PCI", "rank")
    sources = c.own_sources(["PCI"])
    private = c.own_private(["PCI"])
    if target is None:
        return [_gap_reference(c, year_df, own_rank, sources, private)]
    title = c.tr("brief.gap.title", target=target)
    subs = {m: c.own_value(m, "score") for m in c.weights}
    gap = rank_gap(year_df, c.pid, target, year=c.year, weights=c.weights, subscores=subs)
    if gap.reached:
        return [
            c.slide(
                "gap",
                title,
                c.tr(
                    "brief.gap.reached",
                    year=c.year,
                    target=target,
                    rank=fmt.integer(gap.own_rank, c.lang),
                ),
                sources=sources,
                private=private,
            )
        ]
    if gap.points_missing is None:
        what = [
            c.tr("brief.gap.missing_own", year=c.year)
            if m == "own_score"
            else c.tr("brief.gap.missing_holder", year=c.year, target=target)
            for m in gap.missing
        ]
        notes = [c.tr("brief.headline.top30_note")] if c.top30 else []
        return [
            c.slide(
                "gap",
                title,
                c.tr("brief.gap.missing", what="; ".join(what)),
                notes=notes,
                sources=sources,
                private=private,
            )
        ]
    message = c.tr(
        "brief.gap.message",
        target=target,
        points=fmt.number(gap.points_missing, c.lang, 2),
        year=c.year,
        to_beat=fmt.number(gap.score_to_beat, c.lang, 2),
    )
    if not gap.needs:
        return [
            c.slide(
                "gap",
                title,
                message,
                notes=[c.tr("brief.gap.weights_unknown", year=c.year)],
                sources=sources,
                private=private,
            )
        ]
    na = c.tr("brief.na")
    needs = sorted(gap.needs, key=lambda n: (-n.weight, n.measure))
    table = pd.DataFrame(
        {
            c.tr("brief.gap.col_measure"): [
                # "CSTP 3 · Tính minh bạch" as on the pages ("3. …" became a numbered list).
                measure_label(n.measure, c.year, c.lang)
                for n in needs
            ],
            c.tr("brief.gap.col_weight"): [
                fmt.percent(n.weight, c.lang, fraction=True) for n in needs
            ],
            c.tr("brief.gap.col_current"): [
                fmt.number(n.current, c.lang, 2, missing=na) for n in needs
            ],
            c.tr("brief.gap.col_needed"): [
                fmt.number(n.needed, c.lang, 2, signed=True) for n in needs
            ],
            c.tr("brief.gap.col_possible"): [
                c.tr("brief.gap.unknown")
                if n.possible is None
                else c.tr("brief.gap.yes" if n.possible else "brief.gap.no")
                for n in needs
            ],
        }
    )
    private = private or c.own_private(list(c.weights))
    sources = _distinct([*sources, *c.own_sources(list(c.weights))])
    return _paged(
        c, "gap", title, message, table, sources, private, notes=[c.tr("brief.gap.split_note")]
    )


def _gap_reference(c: _Context, year_df, own_rank, sources, private) -> Slide:
    title = c.tr("brief.gap.title_reference")
    if own_rank is None:
        notes = [c.tr("brief.headline.top30_note")] if c.top30 else []
        return c.slide(
            "gap",
            title,
            c.tr("brief.gap.missing", what=c.tr("brief.gap.missing_own", year=c.year)),
            notes=notes,
            sources=sources,
            private=private,
        )
    own = int(own_rank)
    refs = sorted({r for r in (own - 1, own - 5, 30, 10, 1) if 1 <= r < own})
    rows, unknown = [], []
    for r in refs:
        g = rank_gap(year_df, c.pid, r, year=c.year)
        if g.score_to_beat is None:
            unknown.append(fmt.integer(r, c.lang))
            continue
        rows.append(
            {
                c.tr("brief.gap.col_target"): fmt.integer(r, c.lang),
                c.tr("brief.gap.col_to_beat"): fmt.number(g.score_to_beat, c.lang, 2),
                c.tr("brief.gap.col_points"): fmt.number(g.points_missing, c.lang, 2),
            }
        )
    notes = (
        [c.tr("brief.gap.unknown_ranks", ranks=", ".join(unknown), year=c.year)] if unknown else []
    )
    if not rows and unknown:
        return c.slide("gap", title, notes[0], sources=sources, private=private)
    if not rows:  # already first
        return c.slide(
            "gap",
            title,
            c.tr("brief.gap.reached", year=c.year, target=1, rank=1),
            sources=sources,
            private=private,
        )
    return c.slide(
        "gap",
        title,
        c.tr("brief.gap.reference"),
        table=pd.DataFrame(rows),
        notes=notes,
        sources=sources,
        private=private,
    )


def _paged(
    c: _Context, key, title, message, table: pd.DataFrame, sources, private, notes=None
) -> list[Slide]:
    """One slide per ``ROWS_PER_SLIDE`` rows: a long table continues, it is never cut."""
    out = []
    for i in range(0, max(len(table), 1), ROWS_PER_SLIDE):
        chunk = table.iloc[i : i + ROWS_PER_SLIDE].reset_index(drop=True)
        out.append(
            c.slide(
                key,
                title if i == 0 else f"{title} {c.tr('brief.continued')}",
                message,
                table=chunk,
                sources=list(sources),
                notes=list(notes or []),
                private=private,
            )
        )
    return out


def _drop_empty(table: pd.DataFrame, na: str, keep: int) -> pd.DataFrame:
    """Drop columns (after the first ``keep``) in which nothing is published: a note says so."""
    cols = [col for i, col in enumerate(table.columns) if i < keep or (table[col] != na).any()]
    return table[cols]


def _distinct(values) -> list[str]:
    return [str(v) for v in dict.fromkeys(v for v in values if not fmt.is_missing(v) and str(v))]
