"""Frames behind the profile and comparison pages: raw benchmarks for charts, display tables
(translated headers, Vietnamese numbers, "—" where not published) for pages and downloads.

Pure: query results in, DataFrames out. Kept apart from ``pci.tables`` so the profile and the
comparison can evolve without touching the ranking table other pages share.
"""

from __future__ import annotations

import pandas as pd

from pci import fmt
from pci.i18n import t
from pci.reference import break_years, measure_exists, measure_name, period_of
from pci.schema import MEASURES

SUBINDEX_ORDER: tuple[str, ...] = tuple(m for m in MEASURES if m != "PCI")


def subindices_of(year: int) -> list[str]:
    """Sub-indices of ``year``'s methodology (nine in 2009–2012, CSTP_TW only in 2005)."""
    return [m for m in SUBINDEX_ORDER if measure_exists(m, year)]


def measure_label(measure: str, year: int | None, lang: str) -> str:
    """ "CSTP 8 · Chính sách hỗ trợ DN" — code and the year's short name."""
    if measure == "PCI":
        return "PCI"
    code = measure.replace("CSTP_TW", "CSTP TW").replace("CSTP", "CSTP ").replace("  ", " ")
    return f"{code} · {measure_name(measure, year, lang, short=True)}"


def benchmark_frame(
    mine: pd.DataFrame,
    stats: pd.DataFrame,
    region: pd.DataFrame,
    year: int,
    lang: str,
    province_names: dict[str, str],
) -> pd.DataFrame:
    """One row per sub-index of ``year``: the province against the country and its region.

    ``mine`` = the province's (measure, score, rank, source); ``stats`` =
    ``measure_stats`` (median, best, top-10 average, complete); ``region`` =
    ``region_stats``. National figures are kept only where the edition is complete, the
    region average only where every member has a score.
    """
    own = mine.set_index("measure") if len(mine) else pd.DataFrame()
    st = stats.set_index("measure") if len(stats) else pd.DataFrame()
    rg = region.set_index("measure") if len(region) else pd.DataFrame()
    rows = []
    for m in subindices_of(year):
        complete = bool(_get(st, m, "complete", False))
        region_complete = _get(rg, m, "n_with_score", 0) == _get(rg, m, "n_members", -1)
        best_p = _get(st, m, "best_province") if complete else None
        rows.append(
            {
                "measure": m,
                "label": measure_label(m, year, lang),
                "score": _get(own, m, "score"),
                "rank": _get(own, m, "rank"),
                "source": _get(own, m, "source"),
                "complete": complete,
                "n_with_score": int(_get(st, m, "n_with_score", 0) or 0),
                "median": _get(st, m, "median") if complete else None,
                "best": _get(st, m, "best") if complete else None,
                "best_province": province_names.get(best_p, best_p) if best_p else None,
                "top10_avg": _get(st, m, "top10_avg") if complete else None,
                "region_avg": _get(rg, m, "region_avg") if region_complete else None,
                "region_n": int(_get(rg, m, "n_with_score", 0) or 0),
                "region_members": int(_get(rg, m, "n_members", 0) or 0),
            }
        )
    df = pd.DataFrame(rows)
    for c in ("score", "rank", "median", "best", "top10_avg", "region_avg"):
        df[c] = pd.to_numeric(df[c], errors="coerce")
    return df


def benchmark_display(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The benchmark frame as a table: "—" where not published or not computable."""
    na = t("common.na_short", lang)
    num = lambda v: fmt.number(v, lang, 2, missing=na)  # noqa: E731
    return pd.DataFrame(
        {
            t("profile.cols.measure", lang): frame["label"],
            t("profile.cols.score", lang): frame["score"].map(num),
            t("profile.cols.rank", lang): frame["rank"].map(
                lambda v: fmt.integer(v, lang, missing=na)
            ),
            t("profile.cols.median", lang): frame["median"].map(num),
            t("profile.cols.best", lang): frame["best"].map(num),
            t("profile.cols.best_province", lang): frame["best_province"].fillna(na),
            t("profile.cols.top10", lang): frame["top10_avg"].map(num),
            t("profile.cols.region", lang): frame["region_avg"].map(num),
        }
    )


def strengths(frame: pd.DataFrame, n: int = 3) -> tuple[list[str], list[str], str]:
    """Strongest and weakest sub-indices (labels) and the basis used ('rank' or 'score').

    Ranks compare the province with the others on each sub-index, so they are used when the
    province has a rank on every sub-index it has a score on; otherwise the scores.
    """
    scored = frame.dropna(subset=["score"])
    if scored.empty:
        return [], [], "score"
    if scored["rank"].notna().all():
        ordered = scored.sort_values(["rank", "score"], ascending=[True, False])
        basis = "rank"
    else:
        ordered = scored.sort_values("score", ascending=False)
        basis = "score"
    k = min(n, len(ordered) // 2) or 1
    return ordered["label"].head(k).tolist(), ordered["label"].tail(k)[::-1].tolist(), basis


def history_display(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Years × measures, each cell "score (rank)"; a period column and break years marked.

    ``history`` is ``scores.province_history`` (year, measure, score, rank …). Every year
    from the first to the last with a figure appears, so a gap is visible, not hidden.
    """
    na = t("common.na_short", lang)
    if history.empty:
        return pd.DataFrame()
    years = range(int(history["year"].min()), int(history["year"].max()) + 1)
    breaks = set(break_years())
    measures = ["PCI", *[m for m in SUBINDEX_ORDER if m in set(history["measure"])]]
    idx = history.set_index(["year", "measure"])
    rows = []
    for y in years:
        row: dict[str, str] = {
            t("profile.cols.year", lang): str(y),
            t("profile.cols.period", lang): period_of(y).label(lang),
            t("profile.cols.note", lang): t("profile.history_break", lang) if y in breaks else "",
        }
        for m in measures:
            col = "PCI" if m == "PCI" else m.replace("CSTP_TW", "CSTP TW").replace("CSTP", "CSTP ")
            col = col.replace("  ", " ")
            if not measure_exists(m, y):
                row[col] = ""
                continue
            score = idx["score"].get((y, m))
            rank = idx["rank"].get((y, m))
            row[col] = _cell(score, rank, lang, na)
        rows.append(row)
    return pd.DataFrame(rows)


def history_names(history: pd.DataFrame, lang: str) -> str:
    """Which name each code carried in the years shown (CSTP 8 changes twice)."""
    if history.empty:
        return ""
    years = sorted(set(history["year"].astype(int)))
    parts = []
    for m in SUBINDEX_ORDER:
        if m not in set(history["measure"]):
            continue
        spans: list[tuple[str, int, int]] = []
        for y in years:
            if not measure_exists(m, y):
                continue
            name = measure_name(m, y, lang)
            if spans and spans[-1][0] == name:
                spans[-1] = (name, spans[-1][1], y)
            else:
                spans.append((name, y, y))
        code = m.replace("CSTP_TW", "CSTP TW").replace("CSTP", "CSTP ").replace("  ", " ")
        if len(spans) == 1:
            parts.append(f"{code} {spans[0][0]}")
        else:
            parts.append(
                f"{code} "
                + " / ".join(f"{n} ({a}–{b})" if a != b else f"{n} ({a})" for n, a, b in spans)
            )
    return "; ".join(parts)


def indicator_display(
    df: pd.DataFrame, year: int, lang: str, province_names: dict[str, str]
) -> pd.DataFrame:
    """Sub-indicators of one edition beside the national median and both ends.

    Values keep the unit of the file: shares (0–1) are shown as percentages, the rest as
    numbers with the unit named in its own column.
    """
    na = t("common.na_short", lang)
    units = df["unit"].tolist()

    def col(values: pd.Series) -> list[str]:
        return [_indicator_value(v, u, lang, na) for v, u in zip(values, units, strict=True)]

    return pd.DataFrame(
        {
            t("profile.cols.measure", lang): df["measure"].map(
                lambda m: measure_label(m, year, lang) if _known(m) else m
            ),
            t("profile.cols.indicator", lang): df["indicator_name_vi"],
            t("profile.cols.unit", lang): df["unit"].map(lambda u: _unit(u, lang)),
            t("profile.cols.value", lang): col(df["value"]),
            t("profile.cols.median", lang): col(df["median"]),
            t("profile.cols.max", lang): col(df["max_value"]),
            t("profile.cols.max_province", lang): df["max_province"].map(
                lambda p: na if fmt.is_missing(p) else province_names.get(p, p)
            ),
            t("profile.cols.min", lang): col(df["min_value"]),
            t("profile.cols.min_province", lang): df["min_province"].map(
                lambda p: na if fmt.is_missing(p) else province_names.get(p, p)
            ),
        }
    )


def sensitivity_display(bands: list, rank: int | None, lang: str) -> pd.DataFrame:
    """The ± bands of ``pci.captions.Sensitivity`` as a table."""
    na = t("common.na_short", lang)
    rows = []
    for b in bands:
        best = fmt.integer(b.best_rank, lang, missing=na)
        worst = fmt.integer(b.worst_rank, lang, missing=na)
        rows.append(
            {
                t("profile.sensitivity.delta", lang): "± " + fmt.number(b.delta, lang, 2),
                t("profile.sensitivity.best", lang): best,
                t("profile.sensitivity.worst", lang): worst,
                # "5–—" / "———" read as garbage: a band needs both ends.
                t("profile.sensitivity.band", lang): f"{best}–{worst}"
                if b.best_rank is not None and b.worst_rank is not None
                else na,
            }
        )
    return pd.DataFrame(rows)


def compare_display(long: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """Measures × provinces, each cell "score (rank)"; "—" where not published."""
    na = t("common.na_short", lang)
    name_col = "name_vi" if lang == "vi" else "name_en"
    measures = ["PCI", *subindices_of(year)]
    provinces = long.drop_duplicates("province_id")[["province_id", name_col]]
    idx = long.set_index(["province_id", "measure"])
    out: dict[str, list[str]] = {
        t("profile.cols.measure", lang): [measure_label(m, year, lang) for m in measures]
    }
    for pid, name in provinces.itertuples(index=False):
        out[name] = [
            _cell(idx["score"].get((pid, m)), idx["rank"].get((pid, m)), lang, na) for m in measures
        ]
    return pd.DataFrame(out)


def _cell(score: object, rank: object, lang: str, na: str) -> str:
    if fmt.is_missing(score) and fmt.is_missing(rank):
        return na
    s = fmt.number(score, lang, 2, missing=na)
    return s if fmt.is_missing(rank) else f"{s} ({fmt.integer(rank, lang)})"


_UNITS = ("share", "percent", "days", "hours", "months", "count", "score", "other")


def _unit(unit: object, lang: str) -> str:
    return t(f"profile.unit.{unit}", lang) if unit in _UNITS else str(unit or "")


def _indicator_value(value: object, unit: object, lang: str, na: str) -> str:
    if fmt.is_missing(value):
        return na
    if unit == "share":
        return fmt.percent(value, lang, 1, fraction=True)
    if unit == "percent":
        return fmt.percent(value, lang, 1)
    return fmt.number(value, lang, 2)


def _known(measure: object) -> bool:
    return isinstance(measure, str) and measure in MEASURES


def _get(df: pd.DataFrame, measure: str, col: str, default: object = None) -> object:
    if df.empty or measure not in df.index or col not in df.columns:
        return default
    v = df.at[measure, col]
    return default if fmt.is_missing(v) else v
