"""The register never loses an edit: history with who/when, undo, soft delete, optimistic
concurrency (threads and processes), examples loaded once, and imports/rebuilds/restarts that
leave it alone."""

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pci.targets import store
from pci.targets.examples import ensure_examples, example_files
from pci.targets.register import InvalidTarget, Target, validate

ROOT = Path(__file__).resolve().parents[2]


def _t(**kw):
    base = dict(
        province_id="thua-thien-hue",
        level="CSTP",
        measure="CSTP8",
        metric="rank",
        comparator="le",
        baseline_year=2023,
        baseline_value=32,
        target_year=2024,
        target_value=25,
        lead_unit="Phòng Đầu tư, Doanh nghiệp và Lao động",
    )
    return Target(**{**base, **kw})


@pytest.fixture
def state(tmp_path):
    return tmp_path / "pci_state.duckdb"


def test_create_edit_keeps_every_version_with_who_and_when(state):
    s = store.create(state, _t(), "lan")
    assert (s.version, s.action) == (1, "create")
    s2 = store.update(state, s.target_id, {"target_value": 20}, 1, "minh")
    assert s2.version == 2
    h = store.history(state, s.target_id)
    assert list(h["version"]) == [2, 1]
    assert list(h["edited_by"]) == ["minh", "lan"]
    assert list(h["target_value"]) == [20, 25]
    assert h["edited_at"].notna().all()


def test_an_edit_that_changes_nothing_is_not_recorded(state):
    s = store.create(state, _t(), "lan")
    assert store.update(state, s.target_id, {"target_value": 25}, 1, "lan").action == "unchanged"
    assert len(store.history(state, s.target_id)) == 1


def test_undo_restores_the_previous_version_as_a_new_version(state):
    s = store.create(state, _t(), "lan")
    store.update(state, s.target_id, {"target_value": 20, "notes": "sửa"}, 1, "minh")
    u = store.undo(state, s.target_id, 2, "lan")
    cur = store.get(state, s.target_id)
    assert (u.version, cur.target_value, cur.notes) == (3, 25, None)
    assert list(store.history(state, s.target_id)["action"]) == ["undo", "edit", "create"]
    # undoing the undo brings the edit back
    store.undo(state, s.target_id, 3, "lan")
    assert store.get(state, s.target_id).target_value == 20


def test_undoing_a_creation_deletes_recoverably(state):
    s = store.create(state, _t(), "lan")
    store.undo(state, s.target_id, 1, "lan")
    assert store.list_targets(state, examples=False).empty
    store.undo(state, s.target_id, 2, "lan")  # undoing the undo brings it back
    assert list(store.list_targets(state, examples=False)["target_id"]) == [s.target_id]


def test_delete_is_soft_and_restore_brings_it_back(state):
    s = store.create(state, _t(), "lan")
    store.delete(state, s.target_id, 1, "lan")
    assert store.list_targets(state, examples=False).empty
    gone = store.list_targets(state, include_deleted=True, examples=False)
    assert list(gone["deleted"]) == [True]
    store.restore(state, s.target_id, 2, "minh")
    back = store.list_targets(state, examples=False)
    assert list(back["target_id"]) == [s.target_id] and list(back["version"]) == [3]


def test_a_stale_edit_is_refused_with_who_and_when(state):
    s = store.create(state, _t(), "lan")
    store.update(state, s.target_id, {"target_value": 24}, 1, "minh")
    with pytest.raises(store.StaleEdit) as exc:
        store.update(state, s.target_id, {"target_value": 22}, 1, "lan")
    assert (exc.value.by, exc.value.current, exc.value.expected) == ("minh", 2, 1)
    assert store.get(state, s.target_id).target_value == 24


def test_invalid_targets_are_refused_before_writing(state):
    with pytest.raises(InvalidTarget) as exc:
        store.create(state, _t(target_value=70), "lan")
    assert [i.key for i in exc.value.issues] == ["targets.v.rank_range"]
    assert store.list_targets(state, examples=False).empty


def test_two_threads_editing_the_same_version_one_wins_one_is_refused(state):
    s = store.create(state, _t(), "lan")
    results: list[str] = []
    barrier = threading.Barrier(2)

    def edit(user: str, value: int) -> None:
        barrier.wait()
        try:
            store.update(state, s.target_id, {"target_value": value}, 1, user)
            results.append("ok")
        except store.StaleEdit:
            results.append("stale")

    threads = [threading.Thread(target=edit, args=(u, v)) for u, v in (("a", 20), ("b", 21))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(results) == ["ok", "stale"]
    assert len(store.history(state, s.target_id)) == 2


_EDIT = """
import sys
from pathlib import Path
from pci.targets import store
state, tid, value, user = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
try:
    store.update(state, tid, {"target_value": value}, 1, user)
    print("ok")
except store.StaleEdit:
    print("stale")
"""


def test_two_processes_editing_the_same_version_never_overwrite_each_other(state):
    s = store.create(state, _t(), "lan")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _EDIT, str(state), s.target_id, str(v), u],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for u, v in (("a", 20), ("b", 21))
    ]
    outs = sorted(p.communicate(timeout=120)[0].strip() for p in procs)
    assert outs == ["ok", "stale"]
    h = store.history(state, s.target_id)
    assert list(h["version"]) == [2, 1]


def test_a_new_process_sees_every_saved_edit(state):
    s = store.create(state, _t(), "lan")
    store.update(state, s.target_id, {"target_value": 23}, 1, "lan")
    code = (
        "import sys; from pathlib import Path; from pci.targets import store; "
        "t = store.get(Path(sys.argv[1]), sys.argv[2]); print(t.version, int(t.target_value))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(state), s.target_id],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == ["2", "23"]


def test_examples_load_once_and_never_overwrite_or_resurrect(state):
    n = ensure_examples(state)
    assert n == 22 and len(store.list_targets(state)) == 22
    regs = store.list_targets(state)
    tth = regs[regs["province_id"] == "thua-thien-hue"].iloc[0]
    store.update(state, tth["target_id"], {"target_value": 20}, 1, "lan")
    qt = regs[regs["province_id"] == "quang-tri"].iloc[0]
    store.delete(state, qt["target_id"], 1, "lan")
    assert ensure_examples(state) == 0
    again = store.list_targets(state)
    assert len(again) == 21
    assert store.get(state, tth["target_id"]).target_value == 20


def test_every_example_row_is_valid_and_names_its_plan():
    for f in example_files():
        from pci.targets.examples import read_example

        for t in read_example(f):
            t = t.normalized()
            assert not [i for i in validate(t) if i.severity == "error"], (f.name, t.position)
            assert t.plan_ref and t.plan_date and t.example_set


def test_quang_tri_example_transcribes_the_plan(state):
    regs = store.list_targets(state, "quang-tri")
    assert len(regs) == 18 and list(regs["position"]) == list(range(1, 19))
    six = regs[regs["position"] == 6].iloc[0]
    assert (
        six["indicator_label"]
        == "Số ngày chờ đợi để nhận được thông tin, văn bản yêu cầu (Trung vị)"
    )
    assert (six["target_value"], six["direction"], six["comparator"]) == (5, "lower", "le")
    assert (six["lead_unit"], six["support_units"]) == (
        "Phòng Tài chính - Thương mại",
        "Các phòng, trung tâm",
    )
    one = regs[regs["position"] == 1].iloc[0]
    assert (one["target_value"], one["unit"], one["lead_unit"]) == (
        100,
        "percent",
        "Trung tâm Phục vụ hành chính công tỉnh",
    )
    assert (
        set(regs["plan_ref"]) == {regs["plan_ref"].iloc[0]}
        and "2419/QĐ-UBND" in regs["plan_ref"].iloc[0]
    )


def test_imports_and_rebuilds_leave_the_register_alone(shipped_db, copy_db):
    from etl.load import load_paths, rebuild
    from pci.config import state_path

    db = copy_db(shipped_db)
    st = state_path(db)
    s = store.create(st, _t(), "lan")
    store.update(st, s.target_id, {"target_value": 22}, 1, "lan")
    before = store.history(st)
    csv = db.parent / "extra.csv"
    csv.write_text(
        "year,province,score,rank,source\n2018,Kon Tum,60.10,50,https://example.org/test\n",
        encoding="utf-8",
    )
    summary = load_paths(db, [csv], user="lan")
    assert summary.ok, [p.message("en") for f in summary.rejected for p in f.problems]
    rebuild(db)
    after = store.history(st)
    assert len(after) == len(before)
    assert store.get(st, s.target_id).target_value == 22


_OPEN = """
import sys
from pathlib import Path
from pci.targets import store
print(len(store.list_targets(Path(sys.argv[1]))))
"""


def test_two_processes_opening_a_new_register_load_the_examples_once(state):
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN, str(state)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    assert [p.communicate(timeout=120)[0].strip() for p in procs] == ["22", "22"]
    assert len(store.history(state)) == 22
