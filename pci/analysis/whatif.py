"""What-if maths: a province's composite from changed sub-indices, the rank it implies, and
what it takes to reach a target rank.

All functions are pure (no I/O, no Streamlit); the simulator page and `pci gap` render them.
Ranks follow ``pci.analysis.ranks`` (rank = 1 + others strictly above; a tie takes the better
rank) and the per-sub-index split follows ``pci.analysis.gap``.

Formulas
--------
* Composite of one edition, weights wᵢ of its period (Σ wᵢ = 1, CSTPᵢ on 0–10)::

      PCI = 10 × Σᵢ wᵢ · CSTPᵢ

  VCCI publishes two decimals, so a composite rebuilt from published sub-indices differs from
  the published one by up to a few hundredths (rounding), and by more in 2005 and 2011 (known
  anomalies). The simulator therefore moves the *published* composite by the weighted change::

      PCI' = PCI_published + 10 × Σᵢ wᵢ · (CSTPᵢ' − CSTPᵢ)

  so that with unchanged sliders it shows exactly the published score and rank.
* Weights are known for 2006–2021 (``data/public/pci_weights.csv``). From 2022 VCCI has not
  published them: a composite is then **not** computed (status ``unknown_weights``); only
  sub-index targets are honest.
* Implied rank, two bounds:
    - *others fixed*: the other provinces keep their published scores of that edition;
    - *others moving*: every other province's score is shifted by the **median trend** m, the
      median of (score_y − score_{y−1}) over the provinces published in both editions y−1 and
      y (same measure, same methodology period; none across a break). It answers "where would
      this score rank if the others kept improving at the pace of the last edition".
* Points needed alone in sub-index i to gain Δ composite points: ``Δ / (10 · wᵢ)``, rounded up
  to 0,01; impossible when ``CSTPᵢ' + needed > 10``.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field

from pci.analysis.gap import SubindexNeed, subindex_needs
from pci.analysis.ranks import Field, RankChange, decompose

OK = "ok"
UNKNOWN_WEIGHTS = "unknown_weights"  # 2022 on: VCCI has not published the weights
MISSING_SUBINDEX = "missing_subindex"  # a weighted sub-index score is not known


@dataclass(frozen=True)
class Composite:
    """A computed composite, or why it cannot be computed (``value`` is then None)."""

    value: float | None
    status: str
    missing: tuple[str, ...] = ()  # sub-indices whose score is needed but unknown


def composite(subscores: Mapping[str, float | None], weights: Mapping[str, float]) -> Composite:
    """``PCI = 10 × Σ wᵢ · CSTPᵢ`` with the period's weights.

    ``unknown_weights`` when ``weights`` is empty (2022 on); ``missing_subindex`` naming every
    weighted sub-index without a score — never a partial sum.
    """
    if not weights:
        return Composite(None, UNKNOWN_WEIGHTS)
    missing = tuple(m for m in weights if _missing(subscores.get(m)))
    if missing:
        return Composite(None, MISSING_SUBINDEX, missing)
    return Composite(10 * sum(w * float(subscores[m]) for m, w in weights.items()), OK)  # type: ignore[arg-type]


def simulate_composite(
    published: float | None,
    actual: Mapping[str, float | None],
    simulated: Mapping[str, float | None],
    weights: Mapping[str, float],
) -> Composite:
    """The composite after changing sub-indices from ``actual`` to ``simulated``.

    ``PCI' = PCI_published + 10 × Σ wᵢ · (CSTPᵢ' − CSTPᵢ)``: unchanged sub-indices give the
    published composite exactly. A sub-index whose actual score is unknown cannot have been
    changed and contributes nothing. Without a published composite the composite is rebuilt
    from ``simulated`` (all weighted sub-indices needed).
    """
    if not weights:
        return Composite(None, UNKNOWN_WEIGHTS)
    if published is None or _missing(published):
        return composite(simulated, weights)
    delta = 0.0
    for m, w in weights.items():
        a, s = actual.get(m), simulated.get(m)
        if not _missing(a) and not _missing(s):
            delta += w * (float(s) - float(a))  # type: ignore[arg-type]
    return Composite(float(published) + 10 * delta, OK)


def median_trend(
    before: Mapping[str, float | None], after: Mapping[str, float | None]
) -> tuple[float | None, int]:
    """Median year-on-year change and how many provinces it rests on.

    ``before`` / ``after``: province → score in editions y−1 and y (same measure). Only
    provinces published in both count. (None, 0) when there are none. The caller makes sure
    both editions are in one methodology period.
    """
    changes = [
        float(after[p]) - float(b)  # type: ignore[arg-type]
        for p, b in before.items()
        if not _missing(b) and not _missing(after.get(p))
    ]
    if not changes:
        return None, 0
    return statistics.median(changes), len(changes)


def shift(field_: Field, delta: float) -> Field:
    """The field with every other province's score moved by ``delta`` (what is known stays
    known: the published top moves as a block)."""
    return Field(
        tuple(s + delta for s in field_.scores),
        field_.n_total,
        None if field_.known_down_to is None else field_.known_down_to + delta,
    )


@dataclass(frozen=True)
class ImpliedRank:
    """Rank of a score against the others: held fixed, and moving at the median trend."""

    fixed: int | None  # None: outside the published part of the field
    moving: int | None  # None also when no trend is available
    trend: float | None


def implied_ranks(score: float | None, field_: Field, trend: float | None) -> ImpliedRank:
    """Both bounds of the rank ``score`` would have held (see the module docstring)."""
    if score is None:
        return ImpliedRank(None, None, trend)
    fixed = field_.implied_rank(score)
    moving = None if trend is None else shift(field_, trend).implied_rank(score)
    return ImpliedRank(fixed, moving, trend)


@dataclass(frozen=True)
class WhatItTakes:
    """How far a (simulated) score is from a target rank, overall and per sub-index."""

    target_rank: int
    measure: str
    score: float | None
    rank: int | None  # implied rank of ``score``, others fixed
    score_to_beat: float | None  # the score of whoever holds the target rank among the others
    points_missing: float | None  # 0 when reached; None when a figure is not published
    reached: bool | None
    needs: list[SubindexNeed] = field(default_factory=list)
    status: str = OK  # ok | unknown_weights (composite split impossible)
    missing: list[str] = field(default_factory=list)  # "own_score", "score_at_rank"


def what_it_takes(
    score: float | None,
    field_: Field,
    target_rank: int,
    *,
    measure: str = "PCI",
    weights: Mapping[str, float] | None = None,
    subscores: Mapping[str, float | None] | None = None,
) -> WhatItTakes:
    """Points missing from ``score`` to ``target_rank`` against ``field_`` (others fixed).

    To hold rank K a province needs at least the score of the K-th best *other* province (a tie
    takes the better rank). ``subscores`` are the province's current (possibly simulated)
    sub-index scores; the split per sub-index is ``gap.subindex_needs``.
    """
    if not 1 <= target_rank <= field_.n_total:
        raise ValueError(f"target rank {target_rank} outside 1..{field_.n_total}")
    status = UNKNOWN_WEIGHTS if measure == "PCI" and not weights else OK
    missing: list[str] = []
    if score is None:
        missing.append("own_score")
    rank = None if score is None else field_.implied_rank(score)
    if rank is not None and rank <= target_rank:
        return WhatItTakes(target_rank, measure, score, rank, None, 0.0, True, [], status)
    to_beat = field_.score_at_rank(target_rank)
    if to_beat is None:
        missing.append("score_at_rank")
    if score is None or to_beat is None:
        return WhatItTakes(
            target_rank, measure, score, rank, to_beat, None, None, [], status, missing
        )
    points = max(0.0, to_beat - score)
    needs = subindex_needs(points, measure, score, weights, subscores)
    return WhatItTakes(
        target_rank, measure, score, rank, to_beat, round(points, 2), False, needs, status
    )


@dataclass(frozen=True)
class ChangeExplained:
    """A rank change split into own score change and the others' movement, or why not."""

    change: RankChange | None
    reason: str | None  # None | "break" | "missing" | "not_published"


def explain_rank_change(
    score0: float | None,
    score1: float | None,
    rank0: int | None,
    rank1: int | None,
    field0: Field,
    *,
    same_period: bool,
) -> ChangeExplained:
    """``ranks.decompose`` with the checks a page needs.

    total = rank0 − rank1 (places gained) = own + others, where own = rank0 − r* and
    r* = rank of score1 among the others' year-0 scores. Not across a methodology break
    (scores are not comparable); not when a score or rank is unpublished.
    """
    if not same_period:
        return ChangeExplained(None, "break")
    if any(_missing(v) for v in (score0, score1, rank0, rank1)):
        return ChangeExplained(None, "missing")
    rc = decompose(float(score0), float(score1), int(rank0), int(rank1), field0)  # type: ignore[arg-type]
    return ChangeExplained(rc, None if rc else "not_published")


def _missing(v: object) -> bool:
    if v is None:
        return True
    try:
        return bool(v != v)  # NaN / NA
    except (TypeError, ValueError):
        return True
