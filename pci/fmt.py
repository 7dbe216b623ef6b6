"""Numbers and dates written the way each audience reads them.

Vietnamese writes 62,02 and 1.234 (comma for decimals, dot for thousands); English writes
62.02 and 1,234. Every number a user sees goes through these functions so a table, a chart
tooltip and a slide never disagree. Missing values are never shown as 0.
"""

from __future__ import annotations

import math
from datetime import date, datetime

from pci.i18n import normalize_lang, t


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas' NA — anything that means "not published"."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):
        return str(value) in {"<NA>", "NaT"}


def number(
    value: object,
    lang: str = "vi",
    decimals: int = 2,
    *,
    missing: str | None = None,
    signed: bool = False,
) -> str:
    """Format a number with the language's separators; ``missing`` text for NA."""
    if is_missing(value):
        return missing if missing is not None else t("common.na", normalize_lang(lang))
    x = float(value)  # type: ignore[arg-type]
    s = f"{x:+,.{decimals}f}" if signed else f"{x:,.{decimals}f}"
    if normalize_lang(lang) == "vi":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s


def integer(
    value: object, lang: str = "vi", *, missing: str | None = None, signed: bool = False
) -> str:
    """Whole numbers (ranks, counts) with thousands separators."""
    return number(value, lang, 0, missing=missing, signed=signed)


def percent(value: object, lang: str = "vi", decimals: int = 0, *, fraction: bool = False) -> str:
    """A percentage; ``fraction=True`` when the value is 0–1 (VCCI's share columns)."""
    if is_missing(value):
        return t("common.na", normalize_lang(lang))
    x = float(value) * (100 if fraction else 1)  # type: ignore[arg-type]
    return (
        f"{number(x, lang, decimals)} %"
        if normalize_lang(lang) == "vi"
        else f"{number(x, lang, decimals)}%"
    )


def rank_of(rank: object, total: object, lang: str = "vi") -> str:
    """ "56/63" — the way plans and press releases quote a rank."""
    if is_missing(rank):
        return t("common.na", normalize_lang(lang))
    if is_missing(total):
        return integer(rank, lang)
    return f"{integer(rank, lang)}/{integer(total, lang)}"


def day(value: date | datetime | str | None, lang: str = "vi") -> str:
    """Dates as 22/11/2026 (vi) or 2026-11-22 (en)."""
    if value is None or value == "":
        return t("common.na", normalize_lang(lang))
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if normalize_lang(lang) == "vi":
        return value.strftime("%d/%m/%Y") + (
            value.strftime(" %H:%M") if isinstance(value, datetime) else ""
        )
    return value.strftime("%Y-%m-%d") + (
        value.strftime(" %H:%M") if isinstance(value, datetime) else ""
    )


def d3_format(lang: str = "vi") -> dict[str, object]:
    """Plotly layout ``separators`` value: decimal then thousands separator."""
    return {"separators": ",." if normalize_lang(lang) == "vi" else ".,"}
