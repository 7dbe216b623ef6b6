"""Tables of the trajectory page (also downloaded): why a rank changed, how fragile it is.

Unknown parts (the others' scores not published far enough down) are said in words, never
filled with a number.
"""

from __future__ import annotations

import pandas as pd

from pci import fmt
from pci.i18n import t


def changes_display(changes: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """One row per province and pair of consecutive editions: places gained and their split."""
    unknown = t("trajectory.unknown", lang)

    def places(v: object) -> str:
        return unknown if fmt.is_missing(v) else fmt.integer(v, lang, signed=int(v) != 0)

    return pd.DataFrame(
        {
            t("tables.province", lang): changes["province_id"].map(names),
            t("trajectory.col_years", lang): [
                f"{a} → {b}" for a, b in zip(changes["year0"], changes["year1"], strict=True)
            ],
            t("trajectory.col_score0", lang): changes["score0"].map(lambda v: fmt.number(v, lang)),
            t("trajectory.col_score1", lang): changes["score1"].map(lambda v: fmt.number(v, lang)),
            t("trajectory.col_rank0", lang): changes["rank0"].map(lambda v: fmt.integer(v, lang)),
            t("trajectory.col_rank1", lang): changes["rank1"].map(lambda v: fmt.integer(v, lang)),
            t("trajectory.col_total", lang): changes["total"].map(places),
            t("trajectory.col_own", lang): changes["own"].map(places),
            t("trajectory.col_others", lang): changes["others"].map(places),
        }
    )


def bands_display(bands: pd.DataFrame, lang: str) -> pd.DataFrame:
    """± points → the ranks the province would have held, others unchanged."""
    unknown = t("trajectory.unknown", lang)

    def rank(v: object) -> str:
        return unknown if fmt.is_missing(v) else fmt.integer(v, lang)

    return pd.DataFrame(
        {
            t("trajectory.col_delta", lang): bands["delta"].map(
                lambda d: "± " + fmt.number(d, lang, 2)
            ),
            t("trajectory.col_best", lang): bands["best_rank"].map(rank),
            t("trajectory.col_worst", lang): bands["worst_rank"].map(rank),
        }
    )


def missing_years(
    traj: pd.DataFrame, provinces: pd.DataFrame, province_ids: list[str], years: list[int]
) -> dict[str, list[int]]:
    """Per province: editions it existed in but has no published figure for (said in words)."""
    out: dict[str, list[int]] = {}
    life = provinces.set_index("province_id")
    for pid in province_ids:
        if pid not in life.index:
            continue
        first, last = life.loc[pid, "first_year"], life.loc[pid, "last_year"]
        have = set(traj.loc[traj["province_id"] == pid].dropna(subset=["score"])["year"])
        gaps = [
            y
            for y in sorted(years)
            if y >= first and (pd.isna(last) or y <= last) and y not in have
        ]
        if gaps:
            out[pid] = gaps
    return out
