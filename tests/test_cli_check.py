"""`pci check` prints coverage, reconstruction residuals per year and the conflicts."""

import subprocess
import sys


def _pci(db, *args):
    return subprocess.run(
        [sys.executable, "-m", "pci.cli", "--db", str(db), *args], capture_output=True, text=True
    )


def test_check_reports_residuals_per_year_and_recorded_conflicts(shipped_db):
    r = _pci(shipped_db, "check")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "Sai số tái tạo PCI" in out
    assert "2011:" in out and "bất thường đã biết" in out
    assert "Khác biệt giữa các nguồn (" in out
    assert "2010 Lâm Đồng PCI (score): giữ 58,26" in out


def test_check_in_english(shipped_db):
    r = _pci(shipped_db, "--lang", "en", "check")
    assert r.returncode == 0 and "Composite reconstruction" in r.stdout
    assert "2010 Lâm Đồng PCI (score): kept 58.26" in r.stdout
