"""Importing: all or nothing, idempotent, reported; a province's own results are private."""

import hashlib
import subprocess
import sys

import pandas as pd
import pytest

from etl.errors import ImportRejected
from etl.load import load_paths, rebuild
from etl.private_results import read_private_results, write_template
from pci.db import query_df


def _digest(db) -> str:
    """Content of the public surface, to prove a rejected import changed nothing."""
    df = query_df(db, "SELECT * FROM pci_scores ORDER BY year, province_id, measure")
    return hashlib.sha256(pd.util.hash_pandas_object(df, index=False).values.tobytes()).hexdigest()


def _private_xlsx(
    path, rows, sheet="Điểm số", header=("Năm", "Tỉnh", "Chỉ số", "Điểm", "Hạng", "Ghi chú")
):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


@pytest.fixture
def db(tmp_path):
    db = tmp_path / "pci.duckdb"
    rebuild(db)
    return db


def test_private_results_load_as_private_and_stay_out_of_the_public_view(db, tmp_path):
    f = _private_xlsx(
        tmp_path / "kontum_2023.xlsx",
        [(2023, "Kon Tum", "PCI", 65.1, 40, ""), (2023, "Kon Tum", "CSTP8", 7.2, 12, "")],
    )
    summary = load_paths(db, [f], user="tester")
    assert summary.ok and summary.added == 2
    r = query_df(
        db, "SELECT * FROM pci_scores WHERE province_id='kon-tum' AND year=2023 AND measure='PCI'"
    ).iloc[0]
    assert (r.score, r["rank"], r.source_kind) == (65.1, 40, "private")
    pub = query_df(
        db,
        "SELECT * FROM pci_scores_public WHERE province_id='kon-tum' "
        "AND year=2023 AND measure='PCI'",
    )
    assert pub.empty
    log = query_df(db, "SELECT * FROM import_batches")
    assert list(log.outcome) == ["accepted"] and log.imported_by[0] == "tester"


def test_same_file_twice_changes_nothing_the_second_time(db, tmp_path):
    f = _private_xlsx(tmp_path / "kt.xlsx", [(2023, "Kon Tum", "PCI", 65.1, 40, "")])
    load_paths(db, [f])
    before = (_digest(db), db.stat().st_mtime_ns)
    again = load_paths(db, [f])
    assert [o.status for o in again.files] == ["unchanged"]
    assert (_digest(db), db.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    "rows,key",
    [
        ([(2023, "Kon Tu", "PCI", 65.1, 40, "")], "etl.unknown_province"),
        ([(2023, "Kon Tum", "PCI", 165.1, 40, "")], "etl.score_out_of_range"),
        ([(2023, "Kon Tum", "PCI", 65.1, 64, "")], "etl.rank_out_of_range"),
        ([(2023, "Kon Tum", "PCI", "sáu lăm", 40, "")], "etl.text_in_number"),
        ([(2023, "Kon Tum", "CSTP11", 6.5, 40, "")], "etl.private.bad_measure"),
        ([(2026, "Kon Tum", "PCI", 65.0, 10, "")], "etl.province_not_in_year"),
        (
            [(2023, "Kon Tum", "PCI", 65.1, 40, ""), (2023, "Kon Tum", "PCI", 65.2, 40, "")],
            "etl.duplicate_row",
        ),
        (
            [(2023, "Kon Tum", "PCI", 65.1, 40, ""), (2023, "Gia Lai", "PCI", 61.0, 50, "")],
            "etl.private.several_provinces",
        ),
    ],
)
def test_bad_private_rows_are_rejected_with_location_and_nothing_changes(db, tmp_path, rows, key):
    f = _private_xlsx(tmp_path / "bad.xlsx", rows)
    before = (_digest(db), db.stat().st_mtime_ns)
    summary = load_paths(db, [f])
    assert not summary.ok
    problems = summary.rejected[0].problems
    assert key in {p.key for p in problems}
    p = next(p for p in problems if p.key == key)
    assert p.file == "bad.xlsx"
    msg = p.message("vi")
    assert "bad.xlsx" in msg and len(msg) > 30
    assert (_digest(db), db.stat().st_mtime_ns) == before


def test_one_bad_file_rejects_the_whole_batch(db, tmp_path):
    good = _private_xlsx(tmp_path / "good.xlsx", [(2023, "Kon Tum", "PCI", 65.1, 40, "")])
    bad = _private_xlsx(tmp_path / "bad.xlsx", [(2023, "Nowhere", "PCI", 65.1, 40, "")])
    before = _digest(db)
    summary = load_paths(db, [good, bad])
    assert not summary.ok and _digest(db) == before
    assert (
        query_df(db, "SELECT count(*) AS n FROM pci_scores WHERE source_kind='private'").n[0] == 0
    )


@pytest.mark.parametrize(
    "content,key",
    [
        (b"", "etl.file.empty"),
        (b"%PDF-1.4 not a workbook", "etl.file.not_excel"),
        (b"PK\x03\x04 truncated zip", "etl.file.corrupt"),
    ],
)
def test_broken_files_get_a_clear_message(db, tmp_path, content, key):
    f = tmp_path / "broken.xlsx"
    f.write_bytes(content)
    summary = load_paths(db, [f])
    assert key in {p.key for p in summary.rejected[0].problems}


def test_rebuild_replays_imports_and_gives_the_same_data(db, tmp_path):
    f = _private_xlsx(tmp_path / "kt.xlsx", [(2023, "Kon Tum", "PCI", 65.1, 40, "")])
    load_paths(db, [f])
    before = _digest(db)
    f.unlink()  # the original is kept in the store
    rebuild(db)
    assert _digest(db) == before


def test_template_round_trip_reads_back_nothing_but_headers(tmp_path):
    path = write_template(tmp_path / "mau.xlsx")
    with pytest.raises(ImportRejected) as exc:
        read_private_results(path)
    assert {p.key for p in exc.value.problems} == {"etl.private.empty"}


def test_cli_load_exit_codes(db, tmp_path):
    good = _private_xlsx(tmp_path / "good.xlsx", [(2023, "Kon Tum", "PCI", 65.1, 40, "")])
    bad = _private_xlsx(tmp_path / "bad.xlsx", [(2023, "Nowhere", "PCI", 65.1, 40, "")])

    def pci(*args):
        return subprocess.run(
            [sys.executable, "-m", "pci.cli", "--db", str(db), *args],
            capture_output=True,
            text=True,
        )

    r = pci("load", str(bad))
    assert r.returncode == 1 and "Nowhere" in r.stderr and "dòng 2" in r.stderr
    assert pci("load", str(good)).returncode == 0
    assert pci("load", "--no-such-option").returncode == 2
