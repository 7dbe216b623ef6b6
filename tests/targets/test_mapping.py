"""The indicator mapping file: every VCCI wording it cites exists in VCCI's workbooks for the
years it states, and every plan wording of the example registers is in it."""

import csv

import pytest

from pci.analysis.targets import fold
from pci.targets.examples import example_files, read_example
from pci.targets.mapping import COLUMNS, indicator_map
from tests.conftest import EXTRACT_DIR


def test_every_example_indicator_has_a_mapping_row():
    plan = {fold(r) for r in indicator_map()["plan_label"]}
    labels = [
        t.indicator_label
        for f in example_files()
        for t in read_example(f)
        if t.level == "INDICATOR"
    ]
    assert labels and all(fold(x) in plan for x in labels)


def test_mapping_columns_and_match_kinds():
    df = indicator_map()
    assert tuple(df.columns) == COLUMNS
    assert set(df["match"]) <= {"plan", "same", "renamed"}


@pytest.mark.realdata
def test_vcci_wordings_cited_exist_in_the_workbooks_for_those_years():
    path = EXTRACT_DIR / "pci_indicator_list.csv"
    if not path.exists():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8") as fh:
        seen = {
            (int(r["year"]), fold(r["indicator_name_vi"]), int(r["subindex_no"]))
            for r in csv.DictReader(fh)
        }
    old = indicator_map()
    old = old[old["match"].isin(["same", "renamed"])]
    assert len(old) >= 8
    for r in old.to_dict("records"):
        for y in range(int(r["first_year"]), int(r["last_year"]) + 1):
            assert (y, fold(r["vcci_name_vi"]), int(r["measure"].removeprefix("CSTP"))) in seen, (
                y,
                r["vcci_name_vi"],
            )
