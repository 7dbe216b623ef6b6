"""Rank maths on tiny fields and on the complete 2020 edition."""

import pandas as pd
import pytest

from pci.analysis.ranks import Field, cluster_size, decompose, field_from_frame, sensitivity


def test_implied_rank_counts_strictly_higher_scores():
    f = Field((70.0, 65.0, 60.0), n_total=4)
    assert f.implied_rank(66.0) == 2
    assert f.implied_rank(65.0) == 2  # a tie takes the better rank
    assert f.implied_rank(80.0) == 1


def test_incomplete_field_answers_only_inside_the_published_top():
    df = pd.DataFrame(
        {
            "province_id": ["a", "b", "c", "me"],
            "score": [70.0, 68.0, 66.0, None],
            "rank": [1, 2, 3, None],
        }
    )
    f = field_from_frame(df, "me", n_total=63)
    assert f.known_down_to == 66.0
    assert f.implied_rank(69.0) == 2
    assert f.implied_rank(60.0) is None  # who scored between 60 and 66 is not published


def test_sensitivity_band_on_tight_field():
    f = Field((66.6, 66.55, 66.45, 66.3, 65.0), n_total=6)
    bands = sensitivity(66.5, f, (0.1, 0.25))
    assert (bands[0].best_rank, bands[0].worst_rank) == (1, 4)  # 66.6 ties, takes rank 1
    assert (bands[1].best_rank, bands[1].worst_rank) == (1, 5)
    assert cluster_size(66.5, f, 0.25) == 4


def test_decomposition_parts_sum_to_total():
    field0 = Field((70.0, 66.0, 64.0, 60.0), n_total=5)
    rc = decompose(score0=63.0, score1=65.0, rank0=4, rank1=4, field0=field0)
    assert rc.counterfactual_rank == 3
    assert (rc.own, rc.others, rc.total) == (1, -1, 0)


@pytest.mark.parametrize("province,expected", [("kon-tum", 56), ("quang-ninh", 1)])
def test_implied_rank_reproduces_published_2020_ranks(shipped_db, province, expected):
    from pci.queries.scores import year_scores

    df = year_scores(shipped_db, 2020)
    df = df[df["measure"] == "PCI"]
    f = field_from_frame(df, province, 63)
    own = float(df.loc[df["province_id"] == province, "score"].iloc[0])
    assert f.complete
    assert f.implied_rank(own) == expected
