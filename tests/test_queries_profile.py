"""The profile's query layer on the shipped database (and a copy with sub-indicators added)."""

from __future__ import annotations

import duckdb
import pandas as pd

from pci.queries import profile


def test_region_peers_of_kon_tum_are_the_central_highlands(shipped_db):
    peers = profile.region_peers(shipped_db, "kon-tum", 2020)
    assert peers[0] == "kon-tum"
    assert set(peers) == {"kon-tum", "dak-lak", "dak-nong", "gia-lai", "lam-dong"}


def test_compare_scores_keeps_unpublished_as_null(shipped_db):
    long = profile.compare_scores(
        shipped_db, 2020, ["kon-tum", "lam-dong"], ["PCI", "CSTP1", "CSTP8"]
    )
    assert len(long) == 6 and list(long["province_id"].unique()) == ["kon-tum", "lam-dong"]
    kt = long[long["province_id"] == "kon-tum"].set_index("measure")
    assert kt.loc["PCI", "score"] == 62.02 and kt.loc["PCI", "rank"] == 56
    assert pd.isna(kt.loc["CSTP1", "score"])  # not in the shipped sources: NULL, not 0
    assert list(long["measure"][:3]) == ["PCI", "CSTP1", "CSTP8"]


def test_edition_measure_lists_every_province_of_the_year(shipped_db):
    df = profile.edition_measure(shipped_db, 2023)
    assert len(df) == 63
    assert df["score"].isna().any()  # top 30 only: the rest stay unknown, still listed


def test_no_indicator_data_in_shipped_facts(shipped_db):
    assert profile.indicator_years(shipped_db, "kon-tum") == []


def _add_indicators(db) -> None:
    con = duckdb.connect(str(db))
    try:
        provs = [
            r[0]
            for r in con.execute(
                "SELECT province_id FROM provinces WHERE first_year <= 2015 "
                "AND coalesce(last_year, 9999) >= 2015 ORDER BY province_id"
            ).fetchall()
        ]
        con.execute("INSERT INTO sources VALUES ('t-src', 'official', 1, 'PCI_2015.xlsx', NULL)")
        con.execute(
            "INSERT INTO indicators VALUES (2015, 'A1', 'CSTP1', 'Số ngày chờ', 'days'),"
            " (2015, 'B2', 'CSTP2', 'Tỷ lệ có sổ đỏ', 'share')"
        )
        rows = [(2015, p, "A1", "t-src", float(i), "x") for i, p in enumerate(provs)]
        rows += [(2015, p, "B2", "t-src", 0.5, "x") for p in provs[:3]]
        con.executemany("INSERT INTO indicator_observations VALUES (?, ?, ?, ?, ?, ?)", rows)
    finally:
        con.close()


def test_indicator_profile_gives_national_figures_only_when_complete(shipped_db, copy_db):
    db = copy_db(shipped_db)
    _add_indicators(db)
    assert profile.indicator_years(db, "an-giang") == [2015]
    df = profile.indicator_profile(db, "an-giang", 2015).set_index("indicator_code")
    a1 = df.loc["A1"]
    assert a1["value"] == 0.0 and a1["complete"]
    assert (a1["median"], a1["min_value"], a1["max_value"]) == (31.0, 0.0, 62.0)
    assert a1["min_province"] == "an-giang"
    b2 = df.loc["B2"]
    assert not b2["complete"] and pd.isna(b2["median"]) and pd.isna(b2["max_value"])
