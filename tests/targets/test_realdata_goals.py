"""Indicator goals against VCCI's own workbook (PCI 2015): the mapping finds Quảng Trị's values
under their 2015 wording; being before the 2021 methodology change, they are shown as context
and not held against the 2025 targets."""

import pandas as pd
import pytest

from pci.config import state_path
from pci.targets import report
from tests.conftest import VCCI_DIR

pytestmark = pytest.mark.realdata


def test_quang_tri_2015_values_are_found_through_the_map_and_not_compared(tmp_path):
    pytest.importorskip(
        "etl.vcci_workbook", reason="the VCCI workbook reader is not in this branch"
    )
    from etl.load import load_paths

    db = tmp_path / "pci.duckdb"
    s = load_paths(db, [VCCI_DIR / "PCI_2015.xlsx"], user="test")
    assert s.ok
    _, ind = report(db, state_path(db), "quang-tri", 2024, "vi")
    staff = ind[ind["position"] == 3].iloc[0]  # «Cán bộ tại bộ phận Một cửa am hiểu …»
    assert staff["earlier_year"] == 2015 and 0 <= staff["earlier_value"] <= 100
    assert pd.isna(staff["value"]) and staff["status"] == "no_data"
    assert "2015" in staff["reason"]
