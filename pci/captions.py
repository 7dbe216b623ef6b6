"""Sentences a briefing can quote about one province in one edition.

``headline(db, province_id, year, lang)`` answers the first questions a steering committee
asks — where do we stand, did we move, how far is the next milestone — in one line:

    "Hạng 56/63, giữ nguyên so với 2019; 62,02 điểm; cách hạng 46: 3,12 điểm"

The gap is ``pci.analysis.gap.rank_gap`` against a reference rank (by default ten places
above, the top 30 when the province's rank is not published, or a rank the user chose). It is
computed only from published scores; when a figure is missing the sentence names it instead
of guessing. The same module gives the rank-sensitivity band (how many places ±0,1 / ±0,25 /
±0,5 points would have moved the province) and the note on clusters of near-equal scores.

Everything here is plain Python (no Streamlit): the profile page, the slide deck and the
command line share it. ``compose`` builds the sentence from facts and is pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pci import fmt
from pci.analysis.gap import RankGap, rank_gap
from pci.analysis.ranks import Band, cluster_size, field_from_frame, sensitivity
from pci.i18n import normalize_lang, t
from pci.reference import editions, n_provinces, period_of

DEFAULT_STEP = 10  # default reference: ten places above the current rank
TOP_TIER = 30  # VCCI publishes only the top 30 from PCI 2023
DELTAS = (0.1, 0.25, 0.5)
CLUSTER_WIDTH = 0.25
CLUSTER_NOTE_MIN = 3  # this many rivals within ±CLUSTER_WIDTH makes a rank fragile


@dataclass(frozen=True)
class Headline:
    """The facts behind the headline and the sentence itself (``text``, in ``lang``).

    ``rank_change`` is places gained since ``prev_year`` (positive = better);
    ``crosses_break`` is True when ``prev_year`` belongs to another methodology period.
    ``missing`` names what is not published (keys: own_score, own_rank, prev_rank,
    score_at_rank).
    """

    province_id: str
    province_name: str
    year: int
    lang: str
    score: float | None
    rank: int | None
    n_provinces: int
    prev_year: int | None
    prev_rank: int | None
    rank_change: int | None
    crosses_break: bool
    target_rank: int | None
    gap: RankGap | None
    top30_only: bool
    missing: tuple[str, ...] = ()
    source: str | None = None
    text: str = ""

    @property
    def has_data(self) -> bool:
        return self.score is not None or self.rank is not None

    @property
    def title(self) -> str:
        return f"{self.province_name} — PCI {self.year}"


def headline(
    db: Path,
    province_id: str,
    year: int,
    lang: str = "vi",
    target_rank: int | None = None,
    *,
    include_private: bool = False,
) -> Headline:
    """The quotable line for ``province_id`` in PCI ``year`` (see the module docstring)."""
    from pci.queries.profile import edition_measure

    lang = normalize_lang(lang)
    now = edition_measure(db, year, "PCI", include_private)
    prev_year = _previous_edition(year)
    prev = edition_measure(db, prev_year, "PCI", include_private) if prev_year else None
    names = _province_names(db)
    return compose(
        now,
        province_id,
        year,
        lang,
        province_name=names.get(province_id, {}).get(lang, province_id),
        prev=prev,
        prev_year=prev_year,
        target_rank=target_rank,
    )


def compose(
    now: pd.DataFrame,
    province_id: str,
    year: int,
    lang: str,
    *,
    province_name: str,
    prev: pd.DataFrame | None = None,
    prev_year: int | None = None,
    target_rank: int | None = None,
) -> Headline:
    """Build the headline from one edition's (province_id, score, rank) frame — pure."""
    lang = normalize_lang(lang)
    own = now[now["province_id"] == province_id]
    score = _float(own["score"].iloc[0]) if len(own) else None
    rank = _int(own["rank"].iloc[0]) if len(own) else None
    source = None
    if len(own) and "source" in own and not fmt.is_missing(own["source"].iloc[0]):
        source = str(own["source"].iloc[0])
    total = n_provinces(year)
    top30 = year in editions() and editions()[year].published_scope == "top30"
    missing: list[str] = []
    if score is None:
        missing.append("own_score")
    if rank is None:
        missing.append("own_rank")

    prev_rank = None
    if prev is not None and prev_year is not None:
        p = prev[prev["province_id"] == province_id]
        prev_rank = _int(p["rank"].iloc[0]) if len(p) else None
        if prev_rank is None:
            missing.append("prev_rank")
    change = rank_change(prev_rank, rank)
    crosses = prev_year is not None and period_of(prev_year) != period_of(year)

    target = target_rank if target_rank is not None else default_target(rank, top30)
    gap = None
    if target is not None and (score is not None or rank is not None):
        gap = rank_gap(now[["province_id", "score", "rank"]], province_id, target, year=year)
        missing += [m for m in gap.missing if m not in missing]

    h = Headline(
        province_id=province_id,
        province_name=province_name,
        year=year,
        lang=lang,
        score=score,
        rank=rank,
        n_provinces=total,
        prev_year=prev_year,
        prev_rank=prev_rank,
        rank_change=change,
        crosses_break=crosses,
        target_rank=target,
        gap=gap,
        top30_only=top30,
        missing=tuple(missing),
        source=source,
    )
    return _with_text(h)


def default_target(rank: int | None, top30_only: bool) -> int | None:
    """Ten places above; the top 30 when the rank is not published in a top-30 edition.

    None when there is nothing above (rank 1) or nothing to start from.
    """
    if rank is None:
        return TOP_TIER if top30_only else None
    if rank <= 1:
        return None
    return max(1, rank - DEFAULT_STEP)


def rank_change(prev_rank: int | None, rank: int | None) -> int | None:
    """Places gained (positive = better) — None when either rank is not published."""
    if prev_rank is None or rank is None:
        return None
    return prev_rank - rank


def _with_text(h: Headline) -> Headline:
    lang = h.lang
    if not h.has_data:
        reason = t("profile.headline.top30_reason", lang) if h.top30_only else ""
        text = t("profile.headline.no_data", lang, year=h.year, province=h.province_name)
        return _replace(h, text=text + reason)
    parts: list[str] = []
    rank_txt = (
        t("profile.headline.rank", lang, rank=fmt.rank_of(h.rank, h.n_provinces, lang))
        if h.rank is not None
        else t("profile.headline.rank_na", lang)
    )
    if h.prev_year is not None:
        rank_txt += ", " + _change_text(h)
    parts.append(rank_txt)
    parts.append(
        t("profile.headline.score", lang, score=fmt.number(h.score, lang))
        if h.score is not None
        else t("profile.headline.score_na", lang)
    )
    if h.gap is not None:
        parts.append(_gap_text(h.gap, lang))
    elif h.rank == 1:
        parts.append(t("profile.headline.first", lang))
    return _replace(h, text="; ".join(parts))


def _change_text(h: Headline) -> str:
    lang = h.lang
    if h.rank_change is None:
        return t("profile.headline.prev_na", lang, prev=h.prev_year)
    if h.rank_change > 0:
        s = t("profile.headline.up", lang, n=h.rank_change, prev=h.prev_year)
    elif h.rank_change < 0:
        s = t("profile.headline.down", lang, n=-h.rank_change, prev=h.prev_year)
    else:
        s = t("profile.headline.same", lang, prev=h.prev_year)
    if h.crosses_break:
        s += " " + t("profile.headline.break", lang, year=h.year)
    return s


def _gap_text(g: RankGap, lang: str) -> str:
    if g.reached:
        return t("profile.headline.reached", lang, target=g.target_rank)
    if g.points_missing is None:
        what = "; ".join(t(f"profile.missing.{m}", lang, target=g.target_rank) for m in g.missing)
        return t("profile.headline.gap_na", lang, target=g.target_rank, what=what)
    return t(
        "profile.headline.gap",
        lang,
        target=g.target_rank,
        points=fmt.number(g.points_missing, lang),
    )


# --- rank sensitivity -----------------------------------------------------------------------


@dataclass(frozen=True)
class Sensitivity:
    """How fragile a rank is: ranks held with score ± delta, others unchanged.

    ``bands`` is empty when the province's own score is not published. A band end is None
    where the others' scores at that level are not published (top-30 editions).
    """

    year: int
    score: float | None
    rank: int | None
    n_provinces: int
    complete: bool
    bands: list[Band] = field(default_factory=list)
    cluster: int | None = None  # rivals within ±CLUSTER_WIDTH points
    cluster_width: float = CLUSTER_WIDTH


def rank_sensitivity(
    db: Path, province_id: str, year: int, *, include_private: bool = False
) -> Sensitivity:
    """Sensitivity band and cluster for the composite of ``year`` (issue 6, item 2)."""
    from pci.queries.profile import edition_measure

    return sensitivity_of(edition_measure(db, year, "PCI", include_private), province_id, year)


def sensitivity_of(now: pd.DataFrame, province_id: str, year: int) -> Sensitivity:
    """Pure part of ``rank_sensitivity`` on one edition's (province_id, score, rank) frame."""
    total = n_provinces(year)
    own = now[now["province_id"] == province_id]
    score = _float(own["score"].iloc[0]) if len(own) else None
    rank = _int(own["rank"].iloc[0]) if len(own) else None
    f = field_from_frame(now[["province_id", "score", "rank"]], province_id, total)
    if score is None:
        return Sensitivity(year, None, rank, total, f.complete)
    return Sensitivity(
        year,
        score,
        rank,
        total,
        f.complete,
        sensitivity(score, f, DELTAS),
        cluster_size(score, f, CLUSTER_WIDTH),
    )


def sensitivity_note(s: Sensitivity, lang: str) -> str:
    """One sentence on the cluster (or why it cannot be said)."""
    lang = normalize_lang(lang)
    if s.score is None:
        return t("profile.sensitivity.no_score", lang, year=s.year)
    if s.cluster is None:
        return t("profile.sensitivity.cluster_unknown", lang)
    width = fmt.number(s.cluster_width, lang)
    if s.cluster >= CLUSTER_NOTE_MIN:
        return t("profile.sensitivity.cluster", lang, n=s.cluster, width=width)
    return t("profile.sensitivity.no_cluster", lang, n=s.cluster, width=width)


# --- helpers --------------------------------------------------------------------------------


def _previous_edition(year: int) -> int | None:
    earlier = [y for y in editions() if y < year]
    return max(earlier) if earlier else None


def _province_names(db: Path) -> dict[str, dict[str, str]]:
    from pci.queries.scores import provinces

    df = provinces(db)
    return {r.province_id: {"vi": r.name_vi, "en": r.name_en} for r in df.itertuples(index=False)}


def _replace(h: Headline, **kw: object) -> Headline:
    from dataclasses import replace

    return replace(h, **kw)


def _float(v: object) -> float | None:
    return None if fmt.is_missing(v) else float(v)  # type: ignore[arg-type]


def _int(v: object) -> int | None:
    return None if fmt.is_missing(v) else int(v)  # type: ignore[arg-type]
