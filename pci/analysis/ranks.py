"""Ranks from scores: implied rank, sensitivity bands, and why a rank changed.

All functions are pure. A rank is ``1 + number of other provinces with a strictly higher
score`` (VCCI publishes scores to two decimals; ties are rare and get the better rank here).

The others' scores are a ``Field``. Since PCI 2023 VCCI publishes only the top 30, so a field
may be incomplete; it still answers exactly *how many provinces scored above x* as long as x is
not below the lowest published score of an unbroken top-K (everyone above that is known).
Outside that range the answer is ``None`` — unknown, never guessed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Field:
    """The other provinces' scores in one edition (the province itself excluded)."""

    scores: tuple[float, ...]
    n_total: int  # provinces ranked that edition, the province itself included
    known_down_to: float | None = None  # None: complete; else exact only for x >= this

    @property
    def complete(self) -> bool:
        return self.known_down_to is None

    def count_above(self, x: float) -> int | None:
        """How many others scored strictly above ``x`` (None where that is not published)."""
        if self.known_down_to is not None and x < self.known_down_to:
            return None
        return sum(1 for s in self.scores if s > x + 1e-9)

    def implied_rank(self, x: float) -> int | None:
        above = self.count_above(x)
        return None if above is None else above + 1

    def score_at_rank(self, k: int) -> float | None:
        """The score of whoever holds rank ``k`` among the others (None if not published)."""
        ordered = sorted(self.scores, reverse=True)
        if k < 1 or k > len(ordered):
            return None
        s = ordered[k - 1]
        if self.known_down_to is not None and s < self.known_down_to:
            return None
        return s


def field_from_frame(df: pd.DataFrame, province_id: str, n_total: int) -> Field:
    """Build the field of ``province_id``'s rivals from one edition's (province_id, score, rank).

    Complete when every province has a score. Otherwise, if ranks 1..K are all present with
    scores, counts are exact down to the K-th score; else nothing below the best is known.
    """
    scored = df.dropna(subset=["score"])
    others = scored[scored["province_id"] != province_id]
    scores = tuple(float(s) for s in others["score"])
    if len(scored) >= n_total:
        return Field(scores, n_total, None)
    ranks = sorted(int(r) for r in scored["rank"].dropna())
    k = 0
    for expected, r in enumerate(ranks, start=1):
        if r != expected:
            break
        k = expected
    if k == 0:
        floor = float(scored["score"].max()) if len(scored) else float("inf")
        return Field(scores, n_total, floor)
    top = scored[scored["rank"].notna() & (scored["rank"] <= k)]
    return Field(scores, n_total, float(top["score"].min()))


@dataclass(frozen=True)
class Band:
    delta: float
    best_rank: int | None  # with score + delta
    worst_rank: int | None  # with score - delta


def sensitivity(
    score: float, field: Field, deltas: Iterable[float] = (0.1, 0.25, 0.5)
) -> list[Band]:
    """The ranks the province would have held with ``score ± delta``, others unchanged."""
    return [Band(d, field.implied_rank(score + d), field.implied_rank(score - d)) for d in deltas]


def cluster_size(score: float, field: Field, width: float = 0.25) -> int | None:
    """How many others sit within ±``width`` points (a cluster makes a rank fragile)."""
    lo = field.count_above(score - width)
    hi = field.count_above(score + width)
    if lo is None or hi is None:
        return None
    return lo - hi


@dataclass(frozen=True)
class RankChange:
    """Places gained from year0 to year1 (positive = better), split in two parts.

    ``own`` = places gained if only the province's score had changed (others at year0);
    ``others`` = the rest, caused by the other provinces' movement. own + others = total.
    """

    rank0: int
    rank1: int
    counterfactual_rank: int
    total: int
    own: int
    others: int


def decompose(
    score0: float, score1: float, rank0: int, rank1: int, field0: Field
) -> RankChange | None:
    """Explain a rank change: own score change vs the others' movement (None if unknown).

    ``field0`` holds the others' year-0 scores. The counterfactual places the province's
    year-1 score among them. Only meaningful within one methodology period: callers check.
    """
    cf = field0.implied_rank(score1)
    if cf is None:
        return None
    return RankChange(
        rank0=rank0,
        rank1=rank1,
        counterfactual_rank=cf,
        total=rank0 - rank1,
        own=rank0 - cf,
        others=cf - rank1,
    )


def neighbour_gaps(scores: Sequence[float]) -> list[float]:
    """Gaps between neighbouring ranks (sorted descending) — how tight a ranking is."""
    ordered = sorted(scores, reverse=True)
    return [a - b for a, b in itertools.pairwise(ordered)]
