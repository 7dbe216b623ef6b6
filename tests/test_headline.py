"""The quotable headline and the rank-sensitivity note (pci.captions)."""

from __future__ import annotations

import pandas as pd
import pytest

from pci.captions import compose, default_target, headline, rank_sensitivity, sensitivity_note
from pci.queries.profile import edition_measure


def test_kon_tum_2020_headline_in_vietnamese(shipped_db):
    h = headline(shipped_db, "kon-tum", 2020, "vi")
    assert h.text == "Hạng 56/63, giữ nguyên so với 2019; 62,02 điểm; cách hạng 46: 0,60 điểm"
    assert (h.rank, h.score, h.n_provinces, h.prev_rank, h.rank_change) == (56, 62.02, 63, 56, 0)
    assert h.title == "Kon Tum — PCI 2020"
    assert h.missing == ()


def test_kon_tum_2020_headline_in_english(shipped_db):
    h = headline(shipped_db, "kon-tum", 2020, "en")
    assert h.text == "Rank 56/63, unchanged since 2019; 62.02 points; gap to rank 46: 0.60 points"


def test_gap_is_the_published_score_of_the_reference_rank_minus_own(shipped_db):
    year = edition_measure(shipped_db, 2020)
    at46 = float(year.loc[year["rank"] == 46, "score"].iloc[0])
    h = headline(shipped_db, "kon-tum", 2020, "vi")
    assert h.gap.points_missing == pytest.approx(at46 - 62.02, abs=1e-9)
    assert h.gap.holder_id == year.loc[year["rank"] == 46, "province_id"].iloc[0]


def test_user_chosen_reference_rank(shipped_db):
    top30 = headline(shipped_db, "kon-tum", 2020, "vi", target_rank=30)
    assert top30.text.endswith("cách hạng 30: 1,45 điểm")
    below = headline(shipped_db, "kon-tum", 2020, "en", target_rank=60)
    assert below.text.endswith("rank 60 reached")


def test_a_year_without_data_says_so(shipped_db):
    h = headline(shipped_db, "kon-tum", 2023, "vi")
    assert not h.has_data
    assert h.text.startswith("PCI 2023: chưa công bố / không có dữ liệu cho Kon Tum")
    assert "30 tỉnh dẫn đầu" in h.text
    assert "0,00" not in h.text and h.score is None
    en = headline(shipped_db, "kon-tum", 2023, "en")
    assert en.text.startswith("PCI 2023: not published / no data for Kon Tum")


def test_missing_score_is_named_not_guessed(shipped_db):
    # Kon Tum 2019: the rank (56) is quoted in the news; the score is not in the sources.
    h = headline(shipped_db, "kon-tum", 2019, "vi")
    assert h.rank == 56 and h.score is None
    assert "điểm: chưa công bố" in h.text
    assert "cách hạng 46: chưa tính được (thiếu điểm của tỉnh" in h.text
    assert "own_score" in h.missing


def _edition(rows: list[tuple[str, float | None, int | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["province_id", "score", "rank"])


def test_rank_change_up_and_down_and_methodology_break():
    now = _edition([("a", 70.0, 1), ("b", 65.0, 2), ("c", 60.0, 3)])
    prev = _edition([("a", 60.0, 3), ("b", 66.0, 1), ("c", 64.0, 2)])
    up = compose(now, "a", 2019, "vi", province_name="A", prev=prev, prev_year=2018)
    assert up.text.startswith("Hạng 1/63, tăng 2 bậc so với 2018; 70,00 điểm; dẫn đầu cả nước")
    down = compose(now, "c", 2021, "en", province_name="C", prev=prev, prev_year=2020)
    assert "down 1 places since 2020 (across the 2021 methodology change)" in down.text
    assert down.crosses_break


def test_holder_without_published_score_is_named():
    now = _edition([("a", 70.0, 1), ("b", None, 2), ("c", 60.0, 3)])
    h = compose(now, "c", 2020, "vi", province_name="C", target_rank=2)
    assert h.gap.points_missing is None
    assert h.text.endswith("cách hạng 2: chưa tính được (thiếu điểm của tỉnh hạng 2)")


def test_default_reference_rank():
    assert default_target(56, False) == 46
    assert default_target(5, False) == 1
    assert default_target(1, False) is None
    assert default_target(None, True) == 30
    assert default_target(None, False) is None


def test_kon_tum_2020_sensitivity_band_and_cluster(shipped_db):
    s = rank_sensitivity(shipped_db, "kon-tum", 2020)
    assert s.complete and s.rank == 56
    bands = {b.delta: (b.best_rank, b.worst_rank) for b in s.bands}
    # +0,1 → 62,12 passes Sơn La (62,05): 55th; -0,1 → 61,92 falls below Lai Châu, Ninh Bình,
    # Bắc Kạn and Đắk Nông (61,96–61,98): 60th.
    assert bands[0.1] == (55, 60)
    assert bands[0.5][0] == 47  # 62,52 ties Hải Dương (47th): a tie gets the better rank
    assert s.cluster == 7
    assert sensitivity_note(s, "vi").startswith("Thứ hạng mong manh: 7 tỉnh khác")


def test_sensitivity_without_own_score_says_so(shipped_db):
    s = rank_sensitivity(shipped_db, "kon-tum", 2019)
    assert s.bands == [] and s.cluster is None
    assert "không tính được độ nhạy" in sensitivity_note(s, "vi")
