"""Tables as users read them: translated headers, Vietnamese numbers, nothing missing.

Builders here turn query results into display frames (one function per table kind) so the
same table is shown on a page, exported to Excel/CSV and put on a slide.
"""

from __future__ import annotations

import pandas as pd

from pci import fmt
from pci.i18n import t
from pci.reference import measure_exists, measure_name
from pci.schema import SUBINDICES


def ranking_display(
    table: pd.DataFrame, year: int, lang: str, my_province: str | None = None
) -> pd.DataFrame:
    """The ranking of one edition with headers in ``lang``; absent figures say so."""
    na = t("common.na_short", lang)
    name_col = "name_vi" if lang == "vi" else "name_en"
    region_col = "region_vi" if lang == "vi" else "region_en"
    out = pd.DataFrame(
        {
            t("tables.rank", lang): table.get("PCI_rank"),
            t("tables.province", lang): table[name_col]
            + table["province_id"].map(lambda p: " ★" if p == my_province else ""),
            t("tables.region", lang): table[region_col],
            t("tables.pci_score", lang): table.get("PCI_score"),
        }
    )
    for m in SUBINDICES:
        if not measure_exists(m, year):
            continue
        label = f"{m.replace('CSTP', 'CSTP ')} · {measure_name(m, year, lang, short=True)}"
        out[label] = table.get(f"{m}_score")
        out[f"{label} — {t('tables.rank_short', lang)}"] = table.get(f"{m}_rank")
    for col in out.columns:
        if col in (t("tables.province", lang), t("tables.region", lang)):
            continue
        is_rank = col == t("tables.rank", lang) or col.endswith(t("tables.rank_short", lang))
        out[col] = out[col].map(
            lambda v, r=is_rank: (
                na if fmt.is_missing(v) else (fmt.integer(v, lang) if r else fmt.number(v, lang, 2))
            )
        )
    return out
