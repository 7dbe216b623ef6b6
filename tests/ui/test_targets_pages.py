"""AppTest: the Mục tiêu and Chỉ tiêu pages in both languages, and the register editor (add,
edit, undo, delete with confirmation, restore, export → re-import)."""

import json

import pytest

from pci.config import state_path
from pci.targets import store, template
from tests.ui.conftest import open_page


@pytest.fixture
def own_db(shipped_db, copy_db, use_db):
    """A copy of the shipped database with a register of its own (editing tests)."""
    return use_db(copy_db(shipped_db))


def _texts(at):
    return " ".join(
        [m.value for m in at.markdown]
        + [c.value for c in at.caption]
        + [w.value for w in at.warning]
        + [i.value for i in at.info]
        + [s.value for s in at.success]
        + [e.value for e in at.error]
    )


def _signed_in(url, lang, province):
    at = open_page(url, lang=lang, params={"province": province})
    at.session_state["_pci_editor"] = "bien-tap-vien"
    at.run()
    return at


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_targets_page_shows_status_rules_chart_band_and_the_missing_figure(app_on, lang):
    at = app_on("muc-tieu", lang=lang, params={"province": "thua-thien-hue"})
    assert not at.exception
    assert at.title[0].value == {"vi": "Mục tiêu", "en": "Targets"}[lang]
    table = at.dataframe[0].value
    status_col = {"vi": "Trạng thái", "en": "Status"}[lang]
    assert list(table[status_col]) == [{"vi": "Chưa có dữ liệu", "en": "No data yet"}[lang]]
    text = _texts(at)
    assert {"vi": "**Đúng hướng**", "en": "**On track**"}[lang] in text  # the rules are on the page
    assert {"vi": "VCCI không công bố", "en": "VCCI did not publish"}[lang] in text
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert any(s.get("type") == "rect" for s in fig["layout"]["shapes"])  # the target band
    names = [d.get("name") for d in fig["data"]]
    assert {"vi": "Mục tiêu 2024", "en": "Target 2024"}[lang] in names
    assert fig["layout"]["yaxis"]["range"][0] > fig["layout"]["yaxis"]["range"][1]  # rank 1 on top
    assert not [b for b in at.button if (b.key or "").startswith("targets_")]  # no editor


def test_what_it_takes_for_kon_tum_in_english(app_on):
    at = app_on("muc-tieu", lang="en", params={"province": "kon-tum"})
    assert not at.exception
    assert "0.60 points missing" in _texts(at)
    needs = at.dataframe[1].value
    assert list(needs.columns)[:2] == ["Sub-index", "Weight"]
    assert "20%" in set(needs["Weight"])


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_indicator_goals_page_groups_by_lead_department(app_on, lang):
    at = app_on("chi-tieu", lang=lang, params={"province": "quang-tri"})
    assert not at.exception
    heads = [s.value for s in at.subheader]
    assert heads[:4] == [
        "Trung tâm Phục vụ hành chính công tỉnh",
        "Phòng Nội chính",
        "Phòng Tài chính - Thương mại",
        "Cổng thông tin điện tử tỉnh",
    ]
    summary = {"vi": "0/18 chỉ tiêu đạt mục tiêu", "en": "0/18 indicators meet their target"}[lang]
    assert summary in _texts(at)
    assert sum(len(d.value) for d in at.dataframe) == 18


def test_editor_add_edit_undo_delete_restore(own_db):
    at = _signed_in("muc-tieu", "vi", "bac-kan")
    assert not at.exception and at.button(key="targets_save")
    key = "targets_editor_bac-kan_0"
    at.session_state[key] = {
        "edited_rows": {0: {"target_value": 2}},
        "added_rows": [
            {
                "level": "CSTP",
                "measure": "CSTP1",
                "metric": "rank",
                "comparator": "le",
                "target_year": 2024,
                "target_value": 20,
                "lead_unit": "Sở KH&ĐT",
            }
        ],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="targets_save").click().run()
    assert not at.exception
    assert "Đã lưu: 1 mục tiêu mới, 1 mục tiêu sửa." in _texts(at)
    st = state_path(own_db)
    regs = store.list_targets(st, "bac-kan")
    assert sorted(regs["measure"]) == ["CSTP1", "PCI"]
    pci = regs[regs["measure"] == "PCI"].iloc[0]
    assert (pci["target_value"], pci["version"], pci["edited_by"]) == (2, 2, "bien-tap-vien")

    # undo the edit of the PCI target
    at.selectbox(key="w_targets_history").set_value(pci["target_id"]).run()
    at.button(key="targets_undo").click().run()
    assert "Đã hoàn tác" in _texts(at)
    assert store.get(st, pci["target_id"]).target_value == 1

    # delete asks for confirmation first
    at.selectbox(key="w_targets_delete").set_value(pci["target_id"]).run()
    assert at.button(key="targets_delete").disabled
    at.checkbox(key="w_targets_delete_confirm").check().run()
    at.button(key="targets_delete").click().run()
    assert "Đã xoá mục tiêu" in _texts(at)
    assert list(store.list_targets(st, "bac-kan")["measure"]) == ["CSTP1"]
    at.button(key="targets_restore").click().run()
    assert "Đã khôi phục" in _texts(at)
    assert len(store.list_targets(st, "bac-kan")) == 2


def test_editor_refuses_invalid_rows_with_the_column_named(own_db):
    at = _signed_in("muc-tieu", "en", "bac-kan")
    at.session_state["targets_editor_bac-kan_0"] = {
        "edited_rows": {0: {"baseline_value": 80}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="targets_save").click().run()
    err = " ".join(e.value for e in at.error)
    assert (
        "Nothing saved" in err and "row 1" in err and "Baseline value" in err and "1 to 63" in err
    )
    assert store.list_targets(state_path(own_db), "bac-kan")["version"].tolist() == [1]


def test_editor_stale_save_is_refused_and_reloaded(own_db):
    at = _signed_in("muc-tieu", "vi", "bac-kan")
    st = state_path(own_db)
    t = store.list_targets(st, "bac-kan").iloc[0]
    store.update(st, t["target_id"], {"notes": "người khác sửa"}, 1, "nguoi-khac")
    at.session_state["targets_editor_bac-kan_0"] = {
        "edited_rows": {0: {"target_value": 3}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="targets_save").click().run()
    assert "nguoi-khac" in " ".join(e.value for e in at.error)
    cur = store.get(st, t["target_id"])
    assert (cur.target_value, cur.notes) == (1, "người khác sửa")


def test_export_then_reimport_through_the_page_functions(own_db, tmp_path):
    at = _signed_in("muc-tieu", "vi", "quang-tri")
    assert at.get("download_button")  # the export button is there for editors
    st = state_path(own_db)
    f = tmp_path / "so.xlsx"
    f.write_bytes(template.write_template(store.list_targets(st, "quang-tri"), "vi"))
    r = template.import_template(st, f, "bien-tap-vien")
    assert (r.created, r.edited, r.unchanged) == (0, 0, 18)


def test_unmatched_indicator_is_listed_on_the_goals_page(own_db):
    from pci.targets.register import Target

    st = state_path(own_db)
    store.create(
        st,
        Target(
            province_id="quang-tri",
            level="INDICATOR",
            metric="value",
            comparator="ge",
            target_year=2025,
            target_value=50,
            unit="percent",
            direction="higher",
            indicator_label="Chỉ tiêu tự đặt không có trong dữ liệu VCCI",
            lead_unit="Phòng Nội chính",
        ),
        "bien-tap-vien",
    )
    at = open_page("chi-tieu", lang="vi", params={"province": "quang-tri"})
    assert not at.exception
    unmatched = at.dataframe[-1].value
    assert list(unmatched["Chỉ tiêu"]) == ["Chỉ tiêu tự đặt không có trong dữ liệu VCCI"]
    assert "1 chưa khớp tên" in _texts(at)


def test_points_gap_names_its_year_when_older_than_the_latest_result(app_on):
    """Kon Tum: latest result 2022, points gap measured on 2020 figures — the cell says 2020."""
    at = app_on("muc-tieu", params={"province": "kon-tum"})
    table = at.dataframe[0].value
    row = table[table["Mục tiêu"].str.startswith("≤ 46/63")].iloc[0]
    assert row["Còn thiếu (điểm)"] == "0,60 (2020)"
