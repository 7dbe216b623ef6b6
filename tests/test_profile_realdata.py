"""The profile on VCCI's workbooks (2006–2015), checked against the independent extraction
in ../shared/data/vcci_extract. Runs once the workbook reader (etl/vcci_workbook.py) is in."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import EXTRACT_DIR

pytestmark = pytest.mark.realdata
pytest.importorskip("etl.vcci_workbook")


def test_kon_tum_2015_headline_from_workbooks(workbooks_db):
    from pci.captions import headline

    h = headline(workbooks_db, "kon-tum", 2015, "vi")
    assert h.text.startswith("Hạng 52/63, tăng 4 bậc so với 2014; 56,55 điểm; cách hạng 42: ")
    assert h.gap.points_missing is not None


def test_kon_tum_2015_sub_indices_against_the_country(workbooks_db):
    from pci.profile_tables import benchmark_frame
    from pci.queries import scores

    provs = scores.provinces(workbooks_db)
    names = dict(zip(provs["province_id"], provs["name_vi"], strict=True))
    frame = benchmark_frame(
        scores.province_year(workbooks_db, "kon-tum", 2015),
        scores.measure_stats(workbooks_db, 2015),
        scores.region_stats(workbooks_db, 2015, "central-highlands"),
        2015,
        "vi",
        names,
    ).set_index("measure")
    extract = pd.read_csv(EXTRACT_DIR / "pci_subindex.csv")
    e15 = extract[(extract["year"] == 2015) & (extract["subindex_no"] == 1)]
    assert len(e15) == 63
    row = frame.loc["CSTP1"]
    # The workbooks hold unrounded scores; the extract has VCCI's two decimals.
    assert row["score"] == pytest.approx(8.63, abs=0.005) and row["rank"] == 20
    assert row["median"] == pytest.approx(e15["score"].median(), abs=0.005)
    assert row["best"] == pytest.approx(e15["score"].max(), abs=0.005)
    assert row["top10_avg"] == pytest.approx(e15["score"].nlargest(10).mean(), abs=0.005)
    assert row["best_province"] == e15.loc[e15["score"].idxmax(), "province"]
    assert frame["complete"].all() and frame["region_avg"].notna().all()


def test_kon_tum_sub_indicators_from_workbooks(workbooks_db):
    from pci.queries import profile

    years = profile.indicator_years(workbooks_db, "kon-tum")
    assert 2015 in years and 2010 in years
    ind = profile.indicator_profile(workbooks_db, "kon-tum", 2015)
    assert len(ind) > 50 and ind["complete"].any()
    assert ind.loc[ind["complete"], "median"].notna().all()
