"""Concurrency and crashes: readers during swaps, imports at once, SIGKILL mid-import/edit.

Readers use the same ``pci.db.read``/``query_df`` the app uses. Writers are real imports,
rebuilds and state transactions, in other processes where the guarantee is about processes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import openpyxl
import pytest

from etl.load import ensure_built, load_paths, rebuild
from etl.store import ImportBusy, accepted_imports, import_lock
from pci import db as pdb
from pci.config import state_path

ROOT = Path(__file__).resolve().parents[2]
FINGERPRINT = """
    SELECT (SELECT count(*) FROM observations) AS obs,
           (SELECT count(*) FROM pci_scores WHERE source_kind = 'private') AS private,
           (SELECT count(*) FROM sources) AS sources,
           (SELECT value FROM build_info WHERE key = 'batches') AS batches"""


def _fingerprint(db: Path) -> tuple:
    return tuple(pdb.query_df(db, FINGERPRINT).iloc[0])


def _private(path: Path, province: str, score: float = 65.1, rank: int = 40) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Điểm số"
    ws.append(["Năm", "Tỉnh", "Chỉ số", "Điểm", "Hạng", "Ghi chú"])
    ws.append([2023, province, "PCI", score, rank, ""])
    ws.append([2023, province, "CSTP1", 7.1, 9, ""])
    wb.save(path)
    return path


def _python(code: str, *args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


@pytest.fixture
def two_builds(tmp_path):
    """Database A (shipped facts) and B (plus a private import), built for real."""
    a = tmp_path / "a" / "pci.duckdb"
    a.parent.mkdir()
    rebuild(a)
    b = tmp_path / "b" / "pci.duckdb"
    b.parent.mkdir()
    assert load_paths(b, [_private(tmp_path / "kt.xlsx", "Kon Tum")]).ok
    return a, b


READER = """
    import sys, time
    from pathlib import Path
    from pci.db import query_df
    db, sql = Path(sys.argv[1]), sys.argv[3]
    print("READY", flush=True)
    until = time.time() + float(sys.argv[2])
    seen, errors, n = set(), [], 0
    while time.time() < until:
        try:
            seen.add(tuple(str(v) for v in query_df(db, sql).iloc[0]))
            n += 1
        except Exception as exc:
            errors.append(repr(exc)[:200])
    print(repr((sorted(seen), errors[:5], len(errors), n)))
"""

REBUILDER = """
    import sys, time
    from pathlib import Path
    from etl.load import rebuild
    db = Path(sys.argv[1])
    print("READY", flush=True)
    until = time.time() + float(sys.argv[2])
    n = 0
    while time.time() < until:
        rebuild(db)
        n += 1
    print(n)
"""


def test_readers_see_old_or_new_build_never_a_mix_while_files_are_swapped(two_builds, tmp_path):
    a, b = two_builds
    fa, fb = _fingerprint(a), _fingerprint(b)
    assert fa != fb
    live = tmp_path / "live" / "pci.duckdb"
    live.parent.mkdir()
    shutil.copytree(a.parent, live.parent, dirs_exist_ok=True)
    # other processes: two readers and one doing real rebuilds (each one swaps the file)
    procs = [_python(READER, str(live), "8", FINGERPRINT) for _ in range(2)]
    procs.append(_python(REBUILDER, str(live), "8"))
    for p in procs:
        assert p.stdout.readline().strip() == "READY"
    until = time.time() + 8
    # this process: reader threads, and a swapper alternating between builds A and B
    seen: set[tuple] = set()
    errors: list[str] = []
    swaps = reads = 0

    def reader():
        nonlocal reads
        while time.time() < until:
            try:
                seen.add(tuple(str(v) for v in _fingerprint(live)))
                reads += 1
            except Exception as exc:
                errors.append(repr(exc))

    def swapper():
        nonlocal swaps
        i = 0
        while time.time() < until:
            src = (a, b)[i % 2]
            tmp = live.with_name(f"{live.name}.tmp-swap-{i}")
            shutil.copyfile(src, tmp)
            os.replace(tmp, live)
            i += 1
            swaps += 1
            time.sleep(0.05)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    threads.append(threading.Thread(target=swapper))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    outs = [p.communicate(timeout=120) for p in procs]
    allowed = {tuple(str(v) for v in fa), tuple(str(v) for v in fb)}
    assert not errors, errors[:3]
    assert seen and seen <= allowed, seen - allowed
    for (out, err), p in zip(outs[:2], procs[:2], strict=True):
        assert p.returncode == 0, err[-2000:]
        pseen, perrors, nerr, n = eval(out)  # our own repr
        assert nerr == 0, perrors
        # this machine is shared: count only that every process read, and never wrongly
        assert n >= 1 and set(map(tuple, pseen)) <= allowed
    assert procs[2].returncode == 0, outs[2][1][-2000:]
    assert int(outs[2][0]) >= 1 and swaps > 10 and reads > 10


LOADER = """
    import sys
    from pathlib import Path
    from etl.load import load_paths
    s = load_paths(Path(sys.argv[1]), [Path(sys.argv[2])], user=sys.argv[3])
    print("OK" if s.ok else "REJECTED")
"""


def test_two_imports_at_once_are_serialised(tmp_path):
    db = tmp_path / "pci.duckdb"
    rebuild(db)
    f1 = _private(tmp_path / "kontum.xlsx", "Kon Tum")
    f2 = _private(tmp_path / "gialai.xlsx", "Gia Lai", 61.0, 50)
    procs = [
        _python(LOADER, str(db), str(f1), "lan"),
        _python(LOADER, str(db), str(f2), "minh"),
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for (out, err), p in zip(outs, procs, strict=True):
        assert p.returncode == 0 and out.strip() == "OK", err[-2000:]
    got = pdb.query_df(
        db, "SELECT DISTINCT province_id FROM pci_scores WHERE source_kind = 'private'"
    )
    assert set(got.province_id) == {"kon-tum", "gia-lai"}
    assert {i.imported_by for i in accepted_imports(db)} == {"lan", "minh"}
    assert ensure_built(db) is False  # the published build matches the import log


def test_an_import_that_cannot_get_the_lock_is_refused_clearly(tmp_path):
    db = tmp_path / "pci.duckdb"
    rebuild(db)
    holder = _python(
        """
        import sys, time
        from pathlib import Path
        from etl.store import import_lock
        with import_lock(Path(sys.argv[1])):
            print("HOLDING", flush=True)
            time.sleep(30)
        """,
        str(db),
    )
    try:
        assert holder.stdout.readline().strip() == "HOLDING"
        t0 = time.monotonic()
        with pytest.raises(ImportBusy), import_lock(db, wait=0.5):
            pass
        assert time.monotonic() - t0 < 3
        # `pci load` turns it into a sentence in the user's language, exit code 1
        from pci.i18n import t

        assert "Another import" in t("cli.load.busy", "en")
    finally:
        holder.kill()
        holder.wait()
    with import_lock(db, wait=5):  # released when its holder died
        pass


KILLABLE_LOADER = """
    import sys
    from pathlib import Path
    from etl.load import load_paths
    print("START", flush=True)
    load_paths(Path(sys.argv[1]), [Path(sys.argv[2])], user="killed")
    print("DONE", flush=True)
"""


@pytest.mark.parametrize("delay", [0.05, 0.4, 0.9, 1.5])
def test_sigkill_in_the_middle_of_an_import_leaves_a_database_that_opens(
    two_builds, tmp_path, delay
):
    a, _ = two_builds
    before = _fingerprint(a)
    db = tmp_path / "live" / "pci.duckdb"
    db.parent.mkdir()
    shutil.copytree(a.parent, db.parent, dirs_exist_ok=True)
    f = _private(tmp_path / "kt2.xlsx", "Kon Tum")
    p = _python(KILLABLE_LOADER, str(db), str(f))
    assert p.stdout.readline().strip() == "START"
    time.sleep(delay)
    p.send_signal(signal.SIGKILL)
    p.wait()
    # the published database opens and holds a whole build: the old one or the new one
    now = _fingerprint(db)
    private_now = int(now[1])
    assert private_now in (0, 2)
    if private_now == 0:
        assert now == before
    # the state database opens; the published build catches up with the import log
    with pdb.state(state_path(db)) as con:
        con.execute("SELECT count(*) FROM imports").fetchone()
    ensure_built(db)
    accepted = [i.batch_id for i in accepted_imports(db)]
    assert _fingerprint(db)[3] == str(accepted).replace("'", '"')
    assert int(_fingerprint(db)[1]) == (2 if accepted else 0)
    # and importing again works (the lock died with the process; stray temp files are ignored)
    summary = load_paths(db, [f], user="again")
    assert summary.ok
    assert int(_fingerprint(db)[1]) == 2


STATE_WRITER = """
    import sys
    from pathlib import Path
    from pci.db import state
    path, who, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    print("START", flush=True)
    for i in range(n):
        with state(path) as con:
            con.execute("CREATE TABLE IF NOT EXISTS edits (who VARCHAR, txn INTEGER, k INTEGER)")
            for k in range(10):
                con.execute("INSERT INTO edits VALUES ($w, $t, $k)", {"w": who, "t": i, "k": k})
    print("DONE", flush=True)
"""


def test_state_edits_from_two_processes_all_land(tmp_path):
    path = tmp_path / "pci_state.duckdb"
    procs = [_python(STATE_WRITER, str(path), who, "40") for who in ("lan", "minh")]
    outs = [p.communicate(timeout=300) for p in procs]
    for (_, err), p in zip(outs, procs, strict=True):
        assert p.returncode == 0, err[-2000:]
    with pdb.state(path) as con:
        rows = con.execute("SELECT who, count(*) FROM edits GROUP BY who ORDER BY who").fetchall()
    assert rows == [("lan", 400), ("minh", 400)]


def test_sigkill_during_state_edits_keeps_whole_transactions(tmp_path):
    path = tmp_path / "pci_state.duckdb"
    p = _python(STATE_WRITER, str(path), "lan", "100000")
    assert p.stdout.readline().strip() == "START"
    time.sleep(2.0)
    p.send_signal(signal.SIGKILL)
    p.wait()
    with pdb.state(path) as con:
        sizes = con.execute("SELECT txn, count(*) FROM edits GROUP BY txn").fetchall()
    assert sizes, "the writer never committed anything in 2 s"
    assert all(n == 10 for _, n in sizes), [s for s in sizes if s[1] != 10][:3]
