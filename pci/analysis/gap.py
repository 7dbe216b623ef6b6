"""What it takes to reach a rank: the score to beat, the points missing, and per sub-index.

The composite is ``PCI = 10 × Σ wᵢ · CSTPᵢ`` with the period's weights wᵢ (Σ wᵢ = 1, each
CSTP on 0–10). To gain Δ composite points through sub-index i alone, CSTPᵢ must rise by
``Δ / (10 · wᵢ)`` — impossible when that would take it above 10.

Example (PCI 2019): Thừa Thiên Huế was 20th with 66,50; the 10th province had 68,73, so
2,23 points are missing: 1,12 points in a 20 %-weight sub-index alone, 4,46 in a 5 % one
(impossible from 6,6 on a 0–10 scale).

A tie counts as reaching the rank (the rank rule in ``pci.analysis.ranks``). Figures that are
not published are reported as missing by name — never estimated.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

SUBINDEX_MAX = 10.0


def ceil2(x: float) -> float:
    """Round up to two decimals: a 'needed' figure must be enough, not almost enough."""
    return math.ceil(round(x * 100, 6)) / 100


@dataclass(frozen=True)
class SubindexNeed:
    measure: str
    weight: float
    current: float | None
    needed: float  # points on the 0–10 scale of this sub-index, alone
    possible: bool | None  # None when the current score is unknown


@dataclass(frozen=True)
class RankGap:
    year: int
    measure: str
    target_rank: int
    own_score: float | None
    own_rank: int | None
    holder_id: str | None  # who holds the target rank that year
    score_to_beat: float | None
    points_missing: float | None  # 0 when reached; None when a figure is missing
    reached: bool | None
    needs: list[SubindexNeed] = field(default_factory=list)
    weights_known: bool = False
    missing: list[str] = field(default_factory=list)  # what is not published, as keys


def rank_gap(
    year_df: pd.DataFrame,
    province_id: str,
    target_rank: int,
    *,
    year: int,
    measure: str = "PCI",
    weights: Mapping[str, float] | None = None,
    subscores: Mapping[str, float | None] | None = None,
) -> RankGap:
    """The gap between a province and ``target_rank`` in one edition.

    ``year_df`` holds the edition's figures for ``measure``: columns province_id, score,
    rank (published ranks; NULL where not published). ``weights`` and ``subscores`` (the
    province's CSTP scores) are needed for the per-sub-index split of a composite target.
    """
    own = year_df[year_df["province_id"] == province_id]
    own_score = _float(own["score"].iloc[0]) if len(own) else None
    own_rank = _int(own["rank"].iloc[0]) if len(own) else None
    missing: list[str] = []
    if own_score is None:
        missing.append("own_score")
    if own_rank is not None and own_rank <= target_rank:
        return RankGap(
            year,
            measure,
            target_rank,
            own_score,
            own_rank,
            None,
            None,
            0.0,
            True,
            weights_known=bool(weights),
        )
    holder = year_df[(year_df["rank"] == target_rank) & (year_df["province_id"] != province_id)]
    holder_id = str(holder["province_id"].iloc[0]) if len(holder) else None
    to_beat = _float(holder["score"].iloc[0]) if len(holder) else None
    if to_beat is None:
        missing.append("score_at_rank")
    if own_score is None or to_beat is None:
        return RankGap(
            year,
            measure,
            target_rank,
            own_score,
            own_rank,
            holder_id,
            to_beat,
            None,
            None,
            weights_known=bool(weights),
            missing=missing,
        )
    points = round(max(0.0, to_beat - own_score), 6)
    needs = subindex_needs(points, measure, own_score, weights, subscores)
    return RankGap(
        year,
        measure,
        target_rank,
        own_score,
        own_rank,
        holder_id,
        to_beat,
        round(points, 2),
        points <= 0,
        needs,
        bool(weights),
        missing,
    )


def subindex_needs(
    points: float,
    measure: str,
    own_score: float | None,
    weights: Mapping[str, float] | None,
    subscores: Mapping[str, float | None] | None,
) -> list[SubindexNeed]:
    """Per sub-index, the points needed *alone* to gain ``points`` on ``measure``.

    Composite: CSTPᵢ must rise by ``points / (10 · wᵢ)`` (rounded up to 0,01); impossible when
    ``current + needed > 10``. Sub-index target: the points themselves, on its 0–10 scale.
    Empty when nothing is missing, or for a composite whose weights are unknown.
    """
    if points <= 0:
        return []
    if measure == "PCI":
        needs: list[SubindexNeed] = []
        for m, w in (weights or {}).items():
            current = (subscores or {}).get(m)
            needed = ceil2(points / (10 * w))
            possible = None if current is None else current + needed <= SUBINDEX_MAX + 1e-9
            needs.append(SubindexNeed(m, w, current, needed, possible))
        return needs
    # A sub-index target: the points are on that sub-index's own 0–10 scale.
    possible = None if own_score is None else own_score + points <= SUBINDEX_MAX + 1e-9
    return [SubindexNeed(measure, 1.0, own_score, ceil2(points), possible)]


def _float(v: object) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _int(v: object) -> int | None:
    return None if v is None or pd.isna(v) else int(v)
