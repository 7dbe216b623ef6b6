"""The simulator page (/mo-phong) driven through its sliders, in Vietnamese and English."""

from __future__ import annotations

import pytest

from pci import fmt
from pci.analysis.ranks import field_from_frame

HUE = {"province": "thua-thien-hue", "year": "2019"}


def _metrics(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def _slider(at, measure: str):
    return next(s for s in at.slider if s.label.startswith(f"{measure} ·"))


def _expected_rank(db, score: float) -> int | None:
    from pci.queries.whatif import field

    return field_from_frame(field(db, 2019, "PCI"), "thua-thien-hue", 63).implied_rank(score)


def test_sliders_start_at_published_scores_and_show_the_published_rank(app_on):
    at = app_on("mo-phong", params=HUE)
    assert not at.exception
    assert len(at.slider) == 10
    assert _slider(at, "CSTP3").value == pytest.approx(6.57)
    m = _metrics(at)
    assert m["Điểm sau mô phỏng"][0] == "66,50"
    assert m["Hạng (các tỉnh khác giữ nguyên)"][0] == "20/63"
    assert m["Đến hạng 10"][0] == "thiếu 2,23 điểm"
    table = at.dataframe[0].value
    row = table[table["Chỉ số thành phần"].str.startswith("CSTP3")].iloc[0]
    assert (row["Cần tăng (riêng chỉ số này)"], row["Khả thi?"]) == ("+1,12", "Được")
    assert (table["Khả thi?"] == "Không thể (vượt quá 10)").sum() == 6


def test_raising_transparency_by_1_12_reaches_the_top_10_vi(app_on, shipped_db):
    at = app_on("mo-phong", params=HUE)
    _slider(at, "CSTP3").set_value(6.57 + 1.12).run()
    assert not at.exception
    expected = 66.50 + 10 * 0.20 * 1.12  # 68,74
    rank = _expected_rank(shipped_db, expected)
    assert rank is not None and rank <= 10
    m = _metrics(at)
    assert m["Điểm sau mô phỏng"] == (fmt.number(expected, "vi"), "+2,24")
    assert m["Hạng (các tỉnh khác giữ nguyên)"][0] == f"{rank}/63"
    assert m["Hạng (các tỉnh khác giữ nguyên)"][1] == f"+{20 - rank} bậc"
    assert m["Đến hạng 10"][0] == "Đã đạt"
    assert any("Điểm mô phỏng đã đạt hạng mục tiêu 10" in s.value for s in at.success)


def test_lowering_below_the_published_table_says_not_published_then_reset_en(app_on, shipped_db):
    at = app_on("mo-phong", lang="en", params=HUE)
    _slider(at, "CSTP9").set_value(7.35 - 1.0).run()
    m = _metrics(at)
    assert m["Simulated score"][0] == "64.50"  # 66,50 − 10 × 0,20 × 1
    assert _expected_rank(shipped_db, 64.50) is None  # below the published part of 2019
    assert m["Rank (others unchanged)"][0] == "not published / no data"
    _slider(at, "CSTP8").set_value(5.98 + 0.5).run()
    assert _metrics(at)["Simulated score"][0] == "65.50"
    at.button(key="whatif_reset").click().run()
    assert _slider(at, "CSTP9").value == pytest.approx(7.35)
    assert _slider(at, "CSTP8").value == pytest.approx(5.98)
    m = _metrics(at)
    assert m["Simulated score"][0] == "66.50" and m["Rank (others unchanged)"][0] == "20/63"


def test_sliders_reset_when_the_year_changes(app_on):
    at = app_on("mo-phong", params=HUE)
    _slider(at, "CSTP3").set_value(9.0).run()
    at.selectbox(key="w_whatif_year").set_value(2021).run()
    assert not at.exception
    assert _slider(at, "CSTP3").value == pytest.approx(6.47)  # published 2021
    assert _metrics(at)["Điểm sau mô phỏng"][0] == "69,24"


def test_unknown_weights_2022_allow_only_subindex_targets(app_on):
    at = app_on("mo-phong", lang="en", params={"province": "binh-phuoc", "year": "2022"})
    assert not at.exception
    assert any("has not published the sub-index weights of PCI 2022" in w.value for w in at.warning)
    measures = at.selectbox(key="w_whatif_measure").options
    assert measures and not any(o.startswith("PCI") for o in measures)
    chosen = at.selectbox(key="w_whatif_measure").value
    before = _metrics(at)["Simulated score"][0]
    s = _slider(at, chosen)
    s.set_value(min(10.0, s.value + 0.5)).run()
    after = _metrics(at)["Simulated score"][0]
    assert after != before and after == fmt.number(_slider(at, chosen).value, "en")


def test_rank_change_since_previous_edition_is_explained(app_on):
    at = app_on("mo-phong", params={"province": "hai-phong", "year": "2020"})
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "Hạng 2019 → 2020" in text and "do chính tỉnh" in text
    at = app_on("mo-phong", lang="en", params={"province": "thua-thien-hue", "year": "2021"})
    assert any("different methodology periods" in i.value for i in at.info)


def test_charts_show_actual_and_simulated(app_on):
    import json

    at = app_on("mo-phong", params=HUE)
    _slider(at, "CSTP8").set_value(7.0).run()
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    bars = specs[0]["data"]
    assert [t["name"] for t in bars] == ["Công bố 2019", "Mô phỏng"]
    sim = dict(zip(bars[1]["y"], bars[1]["x"], strict=True))
    assert sim["CSTP8 · Dịch vụ hỗ trợ DN"] == pytest.approx(7.0)
    strip = specs[1]["data"]
    assert strip[-1]["x"] == [pytest.approx(66.50 + 10 * 0.2 * (7.0 - 5.98))]
