"""Gap maths on real published data (PCI 2019, Thừa Thiên Huế → top 10) and tiny cases."""

import pandas as pd
import pytest

from pci.analysis.gap import ceil2, rank_gap


def _edition(db, year, measure="PCI"):
    from pci.queries.scores import year_scores

    df = year_scores(db, year)
    return df[df["measure"] == measure][["province_id", "score", "rank"]]


def test_hue_2019_needs_2_23_points_for_the_top_10(shipped_db):
    from pci.queries.scores import province_history, weights

    hist = province_history(shipped_db, "thua-thien-hue")
    sub = hist[(hist["year"] == 2019) & (hist["measure"] != "PCI")]
    g = rank_gap(
        _edition(shipped_db, 2019),
        "thua-thien-hue",
        10,
        year=2019,
        weights=weights(shipped_db, 2019),
        subscores=dict(zip(sub["measure"], sub["score"], strict=True)),
    )
    assert (g.own_score, g.own_rank, g.score_to_beat, g.holder_id) == (
        66.50,
        20,
        68.73,
        "hai-phong",
    )
    assert g.points_missing == pytest.approx(2.23)
    by = {n.measure: n for n in g.needs}
    for m in ("CSTP3", "CSTP8", "CSTP9"):  # 20 % weights
        assert by[m].needed == pytest.approx(1.12) and by[m].possible
    assert by["CSTP5"].needed == pytest.approx(2.23) and by["CSTP5"].possible  # 10 %
    five = [n for n in g.needs if n.weight == 0.05]
    assert len(five) == 6 and all(n.possible is False for n in five)


def test_reached_when_already_at_or_above_target():
    df = pd.DataFrame({"province_id": ["a", "b"], "score": [70.0, 60.0], "rank": [1, 2]})
    g = rank_gap(df, "a", 1, year=2020)
    assert g.reached and g.points_missing == 0


def test_missing_holder_is_named_not_guessed():
    df = pd.DataFrame({"province_id": ["a", "me"], "score": [70.0, None], "rank": [1, None]})
    g = rank_gap(df, "me", 25, year=2023, measure="CSTP8")
    assert g.points_missing is None and g.reached is None
    assert g.missing == ["own_score", "score_at_rank"]


def test_ceil2_rounds_up_only_beyond_float_noise():
    assert ceil2(1.115) == 1.12 and ceil2(2.23) == 2.23 and ceil2(4.46) == 4.46
