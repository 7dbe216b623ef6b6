"""Stored source citations read in the page's language (fixed phrases only)."""

from pci.source_text import localize

WB = "PCI_2015.xlsx — tệp dữ liệu PCI 2015 của VCCI, trang «Tiếp cận đất đai»"
PAGE = "https://pcivietnam.vn/en/provinces/lam-dong (VCCI province profile page)"


def test_workbook_citation_is_english_on_an_english_page_and_keeps_file_and_sheet():
    assert localize(WB, "en") == "PCI_2015.xlsx — VCCI PCI 2015 data file, sheet «Tiếp cận đất đai»"
    assert localize(WB, "vi") == WB


def test_profile_page_note_is_vietnamese_on_a_vietnamese_page():
    assert localize(PAGE, "vi") == (
        "https://pcivietnam.vn/en/provinces/lam-dong (trang hồ sơ tỉnh của VCCI)"
    )
    assert localize(PAGE, "en") == PAGE


def test_other_citations_are_left_as_recorded():
    other = "Cổng thông tin điện tử tỉnh Kon Tum, tin ngày 23/4/2021"
    assert localize(other, "en") == other
