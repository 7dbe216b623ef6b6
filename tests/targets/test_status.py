"""Status rules, gap maths and indicator goals (pure functions, tiny inline data; one real-data
case on the shipped published facts)."""

import pandas as pd
import pytest

from pci.analysis import targets as an
from pci.targets.register import Target


def _rank(target=25, base=(2023, 32), year=2024, comparator="le", measure="CSTP8"):
    return Target(
        province_id="thua-thien-hue",
        level="CSTP" if measure != "PCI" else "PCI",
        measure=measure,
        metric="rank",
        comparator=comparator,
        baseline_year=base[0] if base else None,
        baseline_value=base[1] if base else None,
        target_year=year,
        target_value=target,
    ).normalized()


def _figs(*pairs, private=()):
    return pd.DataFrame(
        {
            "year": [y for y, _ in pairs],
            "value": [v for _, v in pairs],
            "private": [y in private for y, _ in pairs],
        }
    )


# --- each status rule ------------------------------------------------------------------------


def test_met_when_the_target_year_result_meets_it():
    ev = an.evaluate(_rank(), _figs((2023, 32), (2024, 24)), latest_edition=2024)
    assert (ev.status, ev.reason, ev.latest_value, ev.gap) == ("met", "met_target_year", 24, -1)


def test_a_tie_with_the_target_rank_counts_as_met():
    assert an.evaluate(_rank(), _figs((2024, 25)), 2024).status == "met"


def test_at_risk_when_the_target_year_result_misses_it():
    ev = an.evaluate(_rank(), _figs((2023, 32), (2024, 28)), latest_edition=2024)
    assert (ev.status, ev.reason, ev.gap) == ("at_risk", "missed_target_year", 3)


def test_no_data_when_the_target_year_is_published_but_the_figure_is_not():
    # CSTP 8 2024 for a province outside the published top 30: never guessed.
    ev = an.evaluate(_rank(), _figs((2023, 32)), latest_edition=2024)
    assert (ev.status, ev.reason, ev.latest_year) == ("no_data", "target_year_missing", 2023)


def test_private_results_fill_the_target_year_and_are_flagged():
    ev = an.evaluate(_rank(), _figs((2023, 32), (2024, 22), private={2024}), 2024)
    assert ev.status == "met" and ev.latest_private


def test_on_track_when_better_than_baseline_and_ahead_of_a_steady_path():
    t = _rank(target=20, base=(2022, 40), year=2026)
    # straight line 40 → 20 over 2022–2026: 30 expected in 2024; 28 is ahead
    ev = an.evaluate(t, _figs((2022, 40), (2024, 28)), latest_edition=2024)
    assert (ev.status, ev.reason) == ("on_track", "ahead_of_line")


def test_at_risk_when_better_than_baseline_but_behind_the_steady_path():
    t = _rank(target=20, base=(2022, 40), year=2026)
    ev = an.evaluate(t, _figs((2022, 40), (2024, 33)), latest_edition=2024)
    assert (ev.status, ev.reason) == ("at_risk", "behind_line")


def test_at_risk_when_no_better_than_baseline():
    t = _rank(target=20, base=(2022, 40), year=2026)
    ev = an.evaluate(t, _figs((2022, 40), (2024, 41)), latest_edition=2024)
    assert (ev.status, ev.reason) == ("at_risk", "not_better_than_start")


def test_met_early_when_a_future_target_is_already_reached():
    t = _rank(target=20, base=(2022, 40), year=2026)
    ev = an.evaluate(t, _figs((2024, 18)), latest_edition=2024)
    assert (ev.status, ev.reason) == ("met", "met_early")


def test_no_data_without_a_figure_after_the_baseline():
    t = _rank(target=20, base=(2024, 40), year=2026)
    assert an.evaluate(t, _figs((2024, 40)), 2024).reason == "no_figure_after_baseline"


def test_no_data_without_a_baseline_and_a_single_figure():
    t = _rank(target=20, base=None, year=2026)
    assert an.evaluate(t, _figs((2024, 30)), 2024).reason == "no_trend"


def test_figures_from_another_methodology_period_are_not_held_against_the_target():
    t = _rank(target=20, base=None, year=2026, measure="PCI")
    ev = an.evaluate(t, _figs((2019, 10), (2020, 12)), latest_edition=2024)
    assert (ev.status, ev.reason) == ("no_data", "no_figure_in_period")


def test_group_targets_are_no_data_because_groups_are_not_in_the_data():
    t = Target(
        province_id="kon-tum",
        level="PCI",
        metric="rank",
        comparator="in_group",
        target_year=2025,
        target_group="kha",
    ).normalized()
    assert an.evaluate(t, _figs((2022, 37)), 2024).reason == "group_not_in_data"


def test_up_n_places_goal_is_baseline_minus_n():
    t = _rank(target=1, base=(2022, 35), year=2023, comparator="up_n", measure="PCI")
    assert an.evaluate(t, _figs((2022, 35), (2023, 34)), 2024).status == "met"
    assert an.evaluate(t, _figs((2022, 35), (2023, 35)), 2024).status == "at_risk"


# --- direction-aware indicators ----------------------------------------------------------------


def _ind(value, direction, comparator, unit="percent"):
    return Target(
        province_id="quang-tri",
        level="INDICATOR",
        metric="value",
        comparator=comparator,
        target_year=2025,
        target_value=value,
        direction=direction,
        unit=unit,
        indicator_label="Số ngày chờ đợi để nhận được thông tin, văn bản yêu cầu (Trung vị)",
    ).normalized()


def test_lower_is_better_indicator_is_met_below_the_target_and_on_track_when_falling():
    t = _ind(5, "lower", "le", unit="days")
    assert an.evaluate(t, _figs((2023, 4)), 2024).status == "met"
    ev = an.evaluate(t, _figs((2021, 12), (2024, 6)), 2024)
    assert ev.status == "on_track" and ev.gap == 1  # 1 day still to cut
    assert an.evaluate(t, _figs((2021, 12), (2024, 14)), 2024).status == "at_risk"


def _values(rows, unit="share"):
    return pd.DataFrame(
        [
            {
                "year": y,
                "province_id": p,
                "measure": "CSTP3",
                "indicator_code": "c1",
                "indicator_name_vi": n,
                "unit": unit,
                "value": v,
                "source_kind": k,
            }
            for y, p, n, v, k in rows
        ]
    )


def test_indicator_goals_convert_shares_and_compare_with_the_median_by_direction():
    name = (
        'Cần có "mối quan hệ" để có được các tài liệu của tỉnh (% quan trọng hoặc rất quan trọng)'
    )
    label = (
        'Cần có "mối quan hệ" để có được các tài liệu của tỉnh (% Quan trọng hoặc Rất quan trọng)'
    )
    vals = _values(
        [(2022, "quang-tri", name, 0.60, "private")]
        + [(2022, p, name, v, "official") for p, v in (("a", 0.70), ("b", 0.50))]
    )
    t = Target(
        province_id="quang-tri",
        level="INDICATOR",
        metric="value",
        comparator="le",
        target_year=2025,
        target_value=65,
        direction="lower",
        unit="percent",
        indicator_label=label,
        target_id="x",
    ).normalized()
    imap = pd.DataFrame(columns=["plan_label", "vcci_name_vi", "measure"])
    df = pd.DataFrame([{**t.content(), "target_id": "x", "version": 1}])
    g = an.indicator_goals(df, vals, imap, n_of=lambda y: 3, latest_edition=2024).iloc[0]
    assert g["matched"] and g["value"] == pytest.approx(60) and g["private"]
    assert g["met"] == True  # noqa: E712 — 60 % ≤ 65 %: lower is better
    assert g["median"] == pytest.approx(60) and g["at_least_median"] == True  # noqa: E712
    assert g["best"] == pytest.approx(50) and g["best_province"] == "b"  # lowest is best
    # the same province against a higher-is-better goal of 65 %: not met
    t2 = Target(**{**t.__dict__, "direction": "higher", "comparator": "ge"})
    df2 = pd.DataFrame([{**t2.content(), "target_id": "x", "version": 1}])
    g2 = an.indicator_goals(df2, vals, imap, n_of=lambda y: 3, latest_edition=2024).iloc[0]
    assert g2["met"] == False  # noqa: E712
    assert g2["best_province"] == "a"


def test_median_is_withheld_when_not_every_province_has_a_value():
    name = "Chỉ tiêu thử"
    vals = _values([(2022, "quang-tri", name, 0.6, "private"), (2022, "a", name, 0.7, "official")])
    t = _ind(65, "higher", "ge")
    t.indicator_label = name
    df = pd.DataFrame([{**t.content(), "target_id": "x", "version": 1}])
    g = an.indicator_goals(
        df,
        vals,
        pd.DataFrame(columns=["plan_label", "vcci_name_vi", "measure"]),
        n_of=lambda y: 63,
        latest_edition=2024,
    ).iloc[0]
    assert g["value"] == pytest.approx(60) and g["median"] is None and g["at_least_median"] is None


def test_unmatched_indicators_are_listed_not_dropped():
    t = _ind(50, "higher", "ge")
    t.indicator_label = "Một chỉ tiêu không có trong dữ liệu"
    known = _ind(70, "higher", "ge")
    known.indicator_label = "Cán bộ tại bộ phận Một cửa am hiểu về chuyên môn (% DN Đồng ý)"
    df = pd.DataFrame(
        [{**x.content(), "target_id": i, "version": 1} for i, x in (("u", t), ("k", known))]
    )
    from pci.targets.mapping import indicator_map

    g = an.indicator_goals(df, _values([]), indicator_map(), n_of=lambda y: 63, latest_edition=2024)
    assert list(g["target_id"]) == ["u", "k"]
    assert list(g["matched"]) == [False, True]
    assert list(g["reason"]) == ["unmatched", "no_value"]
    s = an.summary(g)
    assert (s["n"], s["unmatched"], s["no_value"], s["met"]) == (2, 1, 2, 0)


def test_the_mapping_file_matches_earlier_vcci_wording():
    from pci.targets.mapping import indicator_map

    old = "Cán bộ tại bộ phận Một cửa am hiểu về chuyên môn ( % đồng ý)"
    t = _ind(70, "higher", "ge")
    t.indicator_label = "Cán bộ tại bộ phận Một cửa am hiểu về chuyên môn (% DN Đồng ý)"
    t.target_year = 2015  # compare within the 2013–2020 period for this test
    vals = _values([(2015, "quang-tri", old, 0.72, "official")])
    df = pd.DataFrame([{**t.content(), "target_id": "x", "version": 1}])
    g = an.indicator_goals(df, vals, indicator_map(), n_of=lambda y: 63, latest_edition=2024).iloc[
        0
    ]
    assert g["matched_name"] == old and g["value"] == pytest.approx(72) and g["met"] == True  # noqa: E712


# --- what it takes, on real published data -----------------------------------------------------


def test_what_it_takes_hue_2019_top_10_is_2_23_points_1_12_in_a_20_percent_subindex(shipped_db):
    from pci.queries import targets as qt
    from pci.targets.reporting import _scope, _weights

    t = _rank(target=10, base=(2018, 20), year=2019, measure="PCI")
    allm = qt.measure_figures(shipped_db, "PCI")
    mine = qt.province_figures(shipped_db, "thua-thien-hue")
    eds = {int(y): g for y, g in allm.groupby("year") if int(y) in {2019}}
    subs = {
        2019: dict(zip(mine[mine.year == 2019].measure, mine[mine.year == 2019].score, strict=True))
    }
    k = an.what_it_takes(t, eds, subs, _weights(qt.all_weights(shipped_db)), _scope)
    g = k.gap
    assert (k.year, g.own_score, g.own_rank, g.score_to_beat) == (2019, 66.50, 20, 68.73)
    assert g.points_missing == pytest.approx(2.23)
    twenty = [n for n in g.needs if n.weight == pytest.approx(0.20)]
    assert twenty and all(n.needed == pytest.approx(1.12) for n in twenty)
    assert all(n.possible is False for n in g.needs if n.weight == pytest.approx(0.05))


def test_what_it_takes_names_unpublished_figures_instead_of_guessing():
    # CSTP 8 2023: the province is 32nd (outside the published top 30), no scores known.
    df = pd.DataFrame(
        {"province_id": ["thua-thien-hue", "x"], "score": [None, None], "rank": [32, 3]}
    )
    k = an.what_it_takes(_rank(), {2023: df}, {}, {}, lambda y: "top30")
    assert k.gap is None
    assert [(m.what, m.year, m.rank, m.unpublished) for m in k.missing] == [
        ("own_score", 2023, 32, True),
        ("score_at_rank", 2023, 25, False),  # rank 25 is published by VCCI, just not loaded
    ]


def test_values_in_a_unit_that_cannot_be_compared_are_reported_not_converted():
    t = _ind(70, "higher", "ge")
    t.indicator_label = "Chỉ tiêu thử"
    vals = _values([(2023, "quang-tri", "Chỉ tiêu thử", 3.0, "private")], unit="days")
    df = pd.DataFrame([{**t.content(), "target_id": "x", "version": 1}])
    g = an.indicator_goals(
        df,
        vals,
        pd.DataFrame(columns=["plan_label", "vcci_name_vi", "measure"]),
        n_of=lambda y: 63,
        latest_edition=2024,
    ).iloc[0]
    assert g["reason"] == "unit_mismatch" and pd.isna(g["value"]) and g["matched"]


def test_what_it_takes_never_uses_scores_of_an_older_methodology_period():
    """A 2024 target with a 2023 baseline: the newest years lack the figures, and the 2015
    scores (2013–2020 method) must not stand in for them."""
    t = _rank(target=25, base=(2023, 32), year=2024, measure="CSTP8")
    old = pd.DataFrame(
        {"province_id": ["thua-thien-hue", "x"], "score": [5.57, 5.69], "rank": [29, 25]}
    )
    new = pd.DataFrame(
        {"province_id": ["thua-thien-hue", "x"], "score": [None, None], "rank": [32, 25]}
    )
    k = an.what_it_takes(t, {2015: old, 2023: new}, {}, {}, lambda y: "top30")
    assert k.gap is None and k.year is None
    assert {m.year for m in k.missing} == {2023}
