"""Slide messages in natural Vietnamese (or English): one sentence a leader reads aloud.

"Hạng 32/63, tăng 3 bậc so với năm 2023 — cách hạng 25: 0,84 điểm". Numbers go through
``pci.fmt``; wording comes from ``pci/locales/<lang>/brief.toml``. A rank is compared with the
previous edition only within one methodology period, and a figure that is not published is
said to be so — never filled in.
"""

from __future__ import annotations

from pci import fmt
from pci.i18n import t


def rank_change(
    rank: int | None, prev_rank: int | None, prev_year: int, comparable: bool, lang: str
) -> str:
    """ "tăng 3 bậc so với năm 2023" — or why the change cannot be stated."""
    if not comparable:
        return t("brief.headline.across_break", lang, prev=prev_year)
    if rank is None or prev_rank is None:
        return t("brief.headline.prev_na", lang, prev=prev_year)
    diff = prev_rank - rank  # a smaller rank is better: going from 35 to 32 is "up 3"
    if diff > 0:
        return t("brief.headline.up", lang, n=fmt.integer(diff, lang), prev=prev_year)
    if diff < 0:
        return t("brief.headline.down", lang, n=fmt.integer(-diff, lang), prev=prev_year)
    return t("brief.headline.same", lang, prev=prev_year)


def change_fact(rank: int | None, prev_rank: int | None, comparable: bool, lang: str) -> str:
    """The short form for a big-number tile: "▲ 3 bậc"."""
    if not comparable:
        return t("brief.headline.change_break", lang)
    if rank is None or prev_rank is None:
        return t("brief.na", lang)
    diff = prev_rank - rank
    if diff > 0:
        return t("brief.headline.change_up", lang, n=fmt.integer(diff, lang))
    if diff < 0:
        return t("brief.headline.change_down", lang, n=fmt.integer(-diff, lang))
    return t("brief.headline.change_same", lang)


def target_clause(
    target_rank: int | None, points: float | None, reached: bool | None, lang: str
) -> str:
    """ "cách hạng 25: 0,84 điểm" ("" when no target rank is registered)."""
    if target_rank is None:
        return ""
    if reached:
        return t("brief.headline.reached", lang, target=target_rank)
    if points is None:
        return t("brief.headline.gap_na", lang, target=target_rank)
    return t("brief.headline.gap", lang, target=target_rank, points=fmt.number(points, lang, 2))


def headline(
    rank: int | None,
    total: int,
    year: int,
    prev_rank: int | None,
    prev_year: int,
    comparable: bool,
    target_rank: int | None,
    points: float | None,
    reached: bool | None,
    lang: str,
) -> str:
    """The first slide's message: rank, change, and the gap to the target rank."""
    if rank is None:
        first = t("brief.headline.not_published", lang, year=year)
    else:
        first = t("brief.headline.rank", lang, rank=fmt.rank_of(rank, total, lang))
        first += ", " + rank_change(rank, prev_rank, prev_year, comparable, lang)
    clause = target_clause(target_rank, points, reached, lang)
    return f"{first} — {clause}" if clause else first


def signed(value: float, lang: str) -> str:
    """+0,84 / −0,85 with a real minus sign (reads better on a slide)."""
    return fmt.number(value, lang, 2, signed=True).replace("-", "−")
