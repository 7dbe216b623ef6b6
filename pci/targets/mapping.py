"""The indicator mapping file: how a plan names an indicator → how VCCI's data names it.

Plans quote sub-indicators in their own words ("Hướng dẫn thủ tục rõ ràng, đầy đủ (% DN Đồng
ý)") and VCCI's wording changes between editions ("Hướng dẫn về thủ tục tại bộ phận Một cửa rõ
ràng và đầy đủ (% đồng ý)"). ``data/reference/indicator_map.csv`` lists, per plan wording,
every VCCI wording it stands for (with the years seen and why it is the same question).
Matching is exact after folding case, diacritics and punctuation — never fuzzy: a target
whose name is in neither the map nor the data is reported as unmatched, not guessed.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from pci.config import REFERENCE_DIR

MAP_FILE = REFERENCE_DIR / "indicator_map.csv"
COLUMNS = ("plan_label", "vcci_name_vi", "measure", "first_year", "last_year", "match", "note")


@cache
def indicator_map() -> pd.DataFrame:
    df = pd.read_csv(MAP_FILE, dtype=str, keep_default_na=False)
    missing = set(COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"{MAP_FILE}: missing columns {sorted(missing)}")
    return df
