"""What-if maths: composites rebuilt with the period weights, the 2019 Thừa Thiên Huế example,
median-trend bound, rank-change decomposition, and monotonicity properties (hypothesis)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pci.analysis.ranks import Field, field_from_frame
from pci.analysis.whatif import (
    MISSING_SUBINDEX,
    OK,
    UNKNOWN_WEIGHTS,
    composite,
    explain_rank_change,
    implied_ranks,
    median_trend,
    shift,
    simulate_composite,
    what_it_takes,
)

# The rounding bound for a composite rebuilt from 2-decimal figures: each sub-index is off by
# at most 0,005 (weighted sum ×10 → 0,05) and the published composite by 0,005.
ROUNDING_BOUND = 0.055
W2013 = {
    "CSTP1": 0.05,
    "CSTP2": 0.05,
    "CSTP3": 0.2,
    "CSTP4": 0.05,
    "CSTP5": 0.1,
    "CSTP6": 0.05,
    "CSTP7": 0.05,
    "CSTP8": 0.2,
    "CSTP9": 0.2,
    "CSTP10": 0.05,
}


def _residuals(db, years, source_kinds=None) -> pd.DataFrame:
    """Published composite − 10·Σ wᵢ·CSTPᵢ for every province with all sub-indices."""
    from pci.db import query_df
    from pci.queries.scores import weights

    df = query_df(
        db,
        "SELECT year, province_id, measure, score, source_kind FROM pci_scores_public "
        "WHERE score IS NOT NULL AND year BETWEEN $a AND $b",
        {"a": min(years), "b": max(years)},
    )
    rows = []
    for (year, province), g in df[df["year"].isin(years)].groupby(["year", "province_id"]):
        d = dict(zip(g["measure"], g["score"], strict=True))
        kinds = set(g["source_kind"])
        if "PCI" not in d or (source_kinds and not kinds <= source_kinds):
            continue
        c = composite(d, weights(db, int(year)))
        if c.status == OK:
            rows.append((int(year), province, d["PCI"] - c.value))
    return pd.DataFrame(rows, columns=["year", "province_id", "residual"])


def test_composites_2006_2016_rebuild_within_two_decimal_rounding_from_shipped_pages(shipped_db):
    # 2009 is excluded: VCCI's province pages carry the recomputed CSTP 8 series for 2009, so
    # those rows miss by up to 0,96 (the `pci check` known anomaly); 2011 is the known anomaly.
    years = [y for y in range(2006, 2017) if y not in (2009, 2011)]
    r = _residuals(shipped_db, years)
    assert set(r["year"]) == set(years) and len(r) >= 8 * len(years)
    worst = r["residual"].abs().max()
    # Measured on the shipped 2-decimal data: max 0,03 (2006, 2012); 0,01 is not reachable
    # from 2-decimal inputs, the rounding bound is.
    assert worst <= ROUNDING_BOUND, r.loc[r["residual"].abs().idxmax()].to_dict()
    assert worst == pytest.approx(0.03, abs=0.006)
    assert r["residual"].abs().median() <= 0.01


def test_complete_2020_and_pages_2017_2021_rebuild_within_rounding(shipped_db):
    r = _residuals(shipped_db, list(range(2017, 2022)))
    assert len(r) >= 40
    assert r["residual"].abs().max() <= ROUNDING_BOUND


@pytest.mark.realdata
def test_composites_2006_2015_rebuild_within_0_01_from_vcci_workbooks(workbooks_db):
    # VCCI's workbooks exist for 2005–2008 and 2010–2015; 2005 and 2011 are known anomalies.
    # Measured with the workbooks' full-precision sub-indices: max |residual| 0,005 (2010).
    years = [2006, 2007, 2008, 2010, 2012, 2013, 2014, 2015]
    r = _residuals(workbooks_db, years, source_kinds={"official"})
    per_year = r.groupby("year")["province_id"].count()
    for y in years:
        assert per_year.get(y, 0) >= 60, (y, per_year.get(y, 0))
    assert r["residual"].abs().max() <= 0.01, r.loc[r["residual"].abs().idxmax()].to_dict()


@pytest.mark.realdata
def test_2011_workbook_composites_sit_above_the_weighted_sum(workbooks_db):
    r = _residuals(workbooks_db, [2011], source_kinds={"official"})
    # Published 2011 composites are never below the weighted sum and mostly well above it
    # (measured: 0,002 to 0,55, median 0,20): the anomaly the simulator's note refers to.
    assert len(r) >= 60 and (r["residual"] > 0).all()
    assert r["residual"].median() > 0.1 and (r["residual"] > 0.011).mean() > 0.9


def test_hue_2019_needs_2_23_to_2_24_points_for_the_top_10(shipped_db):
    from pci.queries.whatif import inputs

    i = inputs(shipped_db, "thua-thien-hue", 2019, "PCI")
    assert (i.own_score, i.own_rank) == (66.50, 20)
    published = simulate_composite(i.own_score, i.subscores, i.subscores, i.weights)
    rebuilt = composite(i.subscores, i.weights)
    for score in (published.value, rebuilt.value):
        w = what_it_takes(score, i.field, 10, weights=i.weights, subscores=i.subscores)
        assert w.score_to_beat == 68.73 and w.reached is False
        assert 2.23 <= w.points_missing <= 2.24
        by = {n.measure: n for n in w.needs}
        for m in ("CSTP3", "CSTP8", "CSTP9"):  # Transparency, Business support, Labour training
            assert by[m].needed == pytest.approx(1.12) and by[m].possible
        five = [n for n in w.needs if n.weight == 0.05]
        assert len(five) == 6 and not any(n.possible for n in five)
    assert implied_ranks(published.value, i.field, None).fixed == 20


def test_applying_the_needed_points_reaches_the_target(shipped_db):
    from pci.queries.whatif import inputs

    i = inputs(shipped_db, "thua-thien-hue", 2019, "PCI")
    w = what_it_takes(i.own_score, i.field, 10, weights=i.weights, subscores=i.subscores)
    sims = dict(i.subscores)
    sims["CSTP3"] += w.needs[2].needed
    c = simulate_composite(i.own_score, i.subscores, sims, i.weights)
    assert implied_ranks(c.value, i.field, None).fixed <= 10
    sims["CSTP3"] -= 0.02  # a little less is not enough
    c = simulate_composite(i.own_score, i.subscores, sims, i.weights)
    assert implied_ranks(c.value, i.field, None).fixed > 10


def test_unknown_weights_from_2022_give_no_composite_only_subindex_targets(shipped_db):
    from pci.queries.whatif import inputs

    i = inputs(shipped_db, "binh-phuoc", 2022, "PCI")
    assert i.weights == {}
    assert composite(i.subscores, i.weights).status == UNKNOWN_WEIGHTS
    assert simulate_composite(60.0, {}, {}, {}).value is None
    w = what_it_takes(50.0, Field((70.0, 60.0), 3), 1, weights={})
    assert w.status == UNKNOWN_WEIGHTS and w.needs == []
    sub = what_it_takes(6.0, Field((7.0, 5.0), 3), 1, measure="CSTP3")
    assert sub.status == OK and [(n.measure, n.needed, n.possible) for n in sub.needs] == [
        ("CSTP3", 1.0, True)
    ]


def test_missing_subindex_is_named_never_summed_partially():
    c = composite({"CSTP1": 7.0}, {"CSTP1": 0.5, "CSTP2": 0.5})
    assert (c.value, c.status, c.missing) == (None, MISSING_SUBINDEX, ("CSTP2",))


def test_subindex_target_above_ten_is_impossible():
    w = what_it_takes(9.5, Field((9.9, 9.0), 3), 1, measure="CSTP4")
    assert w.needs[0].needed == pytest.approx(0.4) and w.needs[0].possible
    w = what_it_takes(5.0, Field((16.0,), 2), 1, measure="PCI", weights={"CSTP1": 0.1})
    # 11 composite points through a 10 % sub-index alone = 11 points on a 0–10 scale
    assert w.needs[0].needed == pytest.approx(11.0) and w.needs[0].possible is None
    w = what_it_takes(
        5.0, Field((16.0,), 2), 1, measure="PCI", weights={"CSTP1": 0.1}, subscores={"CSTP1": 0}
    )
    assert w.needs[0].possible is False


def test_target_rank_outside_the_edition_is_refused():
    with pytest.raises(ValueError):
        what_it_takes(60.0, Field((70.0,), 2), 3)


def test_median_trend_uses_provinces_published_in_both_years_only():
    before = {"a": 60.0, "b": 62.0, "c": 64.0, "d": None}
    after = {"a": 61.0, "b": 62.5, "c": 67.0, "d": 70.0, "e": 50.0}
    assert median_trend(before, after) == (1.0, 3)
    assert median_trend({"a": 1.0}, {"b": 2.0}) == (None, 0)


def test_moving_bound_shifts_every_other_score_by_the_trend():
    f = Field((70.0, 66.0, 64.0), 4)
    r = implied_ranks(65.0, f, 1.5)
    assert (r.fixed, r.moving) == (3, 4)  # 71,5, 67,5 and 65,5 all above 65
    r = implied_ranks(65.0, f, -1.5)
    assert (r.fixed, r.moving) == (3, 2)  # 66 − 1,5 = 64,5 < 65
    part = Field((70.0, 66.0), 63, known_down_to=66.0)
    assert shift(part, 1.0).known_down_to == 67.0
    assert implied_ranks(66.5, part, 1.0).moving is None  # below what is published


def test_trend_is_not_taken_across_a_methodology_break(shipped_db):
    from pci.queries.whatif import inputs

    i = inputs(shipped_db, "thua-thien-hue", 2021, "PCI")
    assert i.trend is None and i.trend_reason == "break"
    i = inputs(shipped_db, "thua-thien-hue", 2020, "PCI")
    assert i.trend_reason is None and i.trend_n >= 20 and i.trend is not None


def test_rank_change_2019_to_2020_split_into_own_and_others(shipped_db):
    from pci.queries.whatif import field, inputs

    i19 = inputs(shipped_db, "da-nang", 2019, "PCI")
    i20 = inputs(shipped_db, "da-nang", 2020, "PCI")
    f19 = field_from_frame(field(shipped_db, 2019, "PCI"), "da-nang", 63)
    ex = explain_rank_change(
        i19.own_score, i20.own_score, i19.own_rank, i20.own_rank, f19, same_period=True
    )
    rc = ex.change
    assert ex.reason is None and rc is not None
    assert rc.own + rc.others == rc.total == i19.own_rank - i20.own_rank
    others19 = [s for s in f19.scores]
    assert rc.counterfactual_rank == 1 + sum(s > i20.own_score for s in others19)


def test_rank_change_is_not_explained_across_a_break_or_without_ranks():
    f = Field((70.0,), 2)
    assert explain_rank_change(60, 61, 2, 2, f, same_period=False).reason == "break"
    assert explain_rank_change(60, 61, None, 2, f, same_period=True).reason == "missing"
    part = Field((70.0,), 63, known_down_to=70.0)
    assert explain_rank_change(60, 61, 40, 38, part, same_period=True).reason == "not_published"


@pytest.mark.realdata
def test_rank_change_2014_to_2015_on_complete_workbook_editions(workbooks_db):
    from pci.queries.whatif import field, inputs

    f14 = field(workbooks_db, 2014, "PCI")
    assert f14["score"].notna().sum() == 63
    for pid in ("thua-thien-hue", "kon-tum", "da-nang"):
        a, b = inputs(workbooks_db, pid, 2014, "PCI"), inputs(workbooks_db, pid, 2015, "PCI")
        fld = field_from_frame(f14, pid, 63)
        rc = explain_rank_change(
            a.own_score, b.own_score, a.own_rank, b.own_rank, fld, same_period=True
        ).change
        assert rc is not None and rc.own + rc.others == rc.total
        assert rc.counterfactual_rank == 1 + sum(s > b.own_score + 1e-9 for s in fld.scores)


# --- properties ------------------------------------------------------------------------------

scores10 = st.floats(min_value=0, max_value=10, allow_nan=False).map(lambda x: round(x, 2))
period_weights = st.sampled_from(
    [
        W2013,
        {
            "CSTP1": 0.1,
            "CSTP2": 0.05,
            "CSTP3": 0.2,
            "CSTP4": 0.15,
            "CSTP5": 0.1,
            "CSTP7": 0.1,
            "CSTP8": 0.05,
            "CSTP9": 0.2,
            "CSTP10": 0.05,
        },
    ]
)
others = st.lists(st.floats(min_value=30, max_value=90, allow_nan=False), min_size=1, max_size=70)


@st.composite
def raise_case(draw):
    w = draw(period_weights)
    subs = {m: draw(scores10) for m in w}
    m = draw(st.sampled_from(sorted(w)))
    up = draw(st.floats(min_value=0, max_value=10 - subs[m], allow_nan=False))
    raised = {**subs, m: subs[m] + up}
    return w, subs, raised


@settings(max_examples=200, deadline=None)
@given(raise_case(), others, st.floats(min_value=-3, max_value=3, allow_nan=False))
def test_raising_a_subindex_never_lowers_composite_nor_worsens_rank(case, field_scores, trend):
    w, subs, raised = case
    before, after = composite(subs, w).value, composite(raised, w).value
    assert after >= before - 1e-9
    published = round(before, 2)
    sim = simulate_composite(published, subs, raised, w).value
    assert sim >= published - 1e-9
    f = Field(tuple(field_scores), len(field_scores) + 1)
    r0, r1 = implied_ranks(published, f, trend), implied_ranks(sim, f, trend)
    assert r1.fixed <= r0.fixed and r1.moving <= r0.moving


@settings(max_examples=200, deadline=None)
@given(period_weights, st.data(), others)
def test_the_points_needed_alone_are_enough(w, data, field_scores):
    subs = {m: data.draw(scores10) for m in w}
    score = composite(subs, w).value
    f = Field(tuple(field_scores), len(field_scores) + 1)
    target = data.draw(st.integers(min_value=1, max_value=f.n_total))
    res = what_it_takes(score, f, target, weights=w, subscores=subs)
    if res.reached:
        assert f.implied_rank(score) <= target
        return
    for need in res.needs:
        if need.possible:
            raised = {**subs, need.measure: subs[need.measure] + need.needed}
            assert f.implied_rank(simulate_composite(score, subs, raised, w).value) <= target
        else:
            assert subs[need.measure] + need.needed > 10


def test_strip_prints_the_score_once_when_the_simulation_is_untouched():
    from pci.charts.whatif import field_strip

    labels = {"others": "o", "actual": "a", "simulated": "s", "to_beat": "t"}
    fig = field_strip([50.0, 60.0], actual=56.55, simulated=56.55, to_beat=None, labels=labels)
    assert [tr.mode for tr in fig.data[1:]] == ["markers+text", "markers"]
    moved = field_strip([50.0, 60.0], actual=56.55, simulated=58.0, to_beat=None, labels=labels)
    assert [tr.mode for tr in moved.data[1:]] == ["markers+text", "markers+text"]
