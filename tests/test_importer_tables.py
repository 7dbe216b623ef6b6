"""The data page's preview tables: problems and reader notes located in the user's language."""

from __future__ import annotations

from etl.load import FileOutcome, LoadSummary
from etl.vcci_workbook import Note
from pci.ui.importer import notes_table, problems_table


def _summary() -> LoadSummary:
    note = Note(file="PCI_2030.xlsx", sheet="Trống", key="etl.workbook.note.empty_sheet")
    return LoadSummary(files=[FileOutcome("PCI_2030.xlsx", "abc", "added", notes=[note])])


def test_reader_notes_are_listed_with_their_sheet_in_both_languages():
    vi, en = notes_table(_summary(), "vi"), notes_table(_summary(), "en")
    assert len(vi) == 1 and vi.iloc[0, 1] == "Trống"  # file, sheet, row, column, reason
    assert vi.columns.tolist() != en.columns.tolist()
    assert vi.iloc[0, -1] != en.iloc[0, -1]


def test_notes_are_not_problems():
    assert problems_table(_summary(), "vi").empty
