"""`pci backup` / `pci restore`: one file, checked before anything changes, atomic swap."""

from __future__ import annotations

import json
import zipfile

import pytest

from etl.load import load_paths, rebuild
from etl.store import import_lock
from pci import backup as bk
from pci.cli import main
from pci.config import state_path, store_dir
from pci.db import query_df, state


def _private_xlsx(path, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Điểm số"
    ws.append(["Năm", "Tỉnh", "Chỉ số", "Điểm", "Hạng", "Ghi chú"])
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


@pytest.fixture
def db(tmp_path):
    db = tmp_path / "live" / "pci.duckdb"
    db.parent.mkdir()
    rebuild(db)
    f = _private_xlsx(tmp_path / "kt.xlsx", [(2023, "Kon Tum", "PCI", 65.1, 40, "")])
    assert load_paths(db, [f], user="lan").ok
    with state(state_path(db)) as con:
        con.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER, text VARCHAR)")
        con.execute("INSERT INTO notes VALUES (1, 'mục tiêu hạng 30')")
    return db


def _facts(db):
    return query_df(db, "SELECT * FROM pci_scores ORDER BY ALL")


def test_backup_then_restore_gives_back_everything(db, tmp_path, capsys):
    before = _facts(db)
    out = tmp_path / "sao-luu.zip"
    assert main(["--db", str(db), "--lang", "en", "backup", str(out)]) == 0
    assert "1 imported originals" in capsys.readouterr().out
    manifest = json.loads(zipfile.ZipFile(out).read("manifest.json"))
    assert {"published.duckdb", "state.duckdb"} <= set(manifest["members"])
    # lose everything: another machine, an empty folder
    other = tmp_path / "other" / "pci.duckdb"
    assert main(["--db", str(other), "--lang", "en", "restore", str(out)]) == 0
    assert _facts(other).equals(before)
    with state(state_path(other)) as con:
        assert con.execute("SELECT text FROM notes").fetchall() == [("mục tiêu hạng 30",)]
        assert con.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
    assert len(list(store_dir(other).iterdir())) == 1
    # and the restored copy rebuilds to the same data (the original is in the store)
    rebuild(other)
    assert _facts(other).equals(before)


def test_restore_keeps_the_previous_data_aside(db, tmp_path):
    out = tmp_path / "b.zip"
    bk.backup(db, out)
    with state(state_path(db)) as con:
        con.execute("INSERT INTO notes VALUES (2, 'sau sao lưu')")
    _, aside = bk.restore(db, out)
    with state(state_path(db)) as con:
        assert con.execute("SELECT count(*) FROM notes").fetchone()[0] == 1
    assert (aside / state_path(db).name).exists() and (aside / db.name).exists()


def _tamper(src, dst, member, data):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, data if info.filename == member else zin.read(info))


@pytest.mark.parametrize("case", ["checksum", "not_zip", "no_manifest", "traversal", "bad_db"])
def test_a_damaged_backup_is_refused_and_changes_nothing(db, tmp_path, case, capsys):
    good = tmp_path / "good.zip"
    bk.backup(db, good)
    bad = tmp_path / "bad.zip"
    if case == "checksum":
        _tamper(good, bad, "state.duckdb", b"x" * 100)
    elif case == "not_zip":
        bad.write_bytes(b"PK\x03\x04 truncated")
    elif case == "no_manifest":
        with zipfile.ZipFile(bad, "w") as z:
            z.writestr("published.duckdb", b"")
    elif case == "traversal":
        with zipfile.ZipFile(good) as zin:
            m = json.loads(zin.read("manifest.json"))
        m["members"]["store/../../evil"] = {"sha256": "0", "size": 1}
        with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
            for info in zin.infolist():
                if info.filename != "manifest.json":
                    zout.writestr(info, zin.read(info))
            zout.writestr("store/../../evil", b"x")
            zout.writestr("manifest.json", json.dumps(m))
    elif case == "bad_db":
        import hashlib

        junk = b"not a duckdb file" * 10
        with zipfile.ZipFile(good) as zin:
            m = json.loads(zin.read("manifest.json"))
        m["members"]["published.duckdb"]["sha256"] = hashlib.sha256(junk).hexdigest()
        with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
            for info in zin.infolist():
                if info.filename == "published.duckdb":
                    zout.writestr(info, junk)
                elif info.filename != "manifest.json":
                    zout.writestr(info, zin.read(info))
            zout.writestr("manifest.json", json.dumps(m))
    files = {p: p.read_bytes() for p in db.parent.rglob("*") if p.is_file()}
    assert main(["--db", str(db), "--lang", "en", "restore", str(bad)]) == 1
    assert "nothing changed" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in db.parent.rglob("*") if p.is_file()} == files
    assert not (tmp_path / "evil").exists()


def test_restore_is_refused_while_an_import_holds_the_lock(db, tmp_path, capsys):
    out = tmp_path / "b.zip"
    bk.backup(db, out)
    before = db.read_bytes()
    with import_lock(db):
        assert main(["--db", str(db), "--lang", "en", "restore", str(out)]) == 1
    assert "import or rebuild is running" in capsys.readouterr().err
    assert db.read_bytes() == before
