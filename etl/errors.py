"""What went wrong with an input file, said where and in the user's language.

A reader never prints or raises bare strings: it collects ``Problem`` objects (file, sheet,
row, column, message key, parameters) so that one run reports every bad row, not the first,
and so the same problem can be shown in Vietnamese or English, in the CLI or on the data page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pci.i18n import t


@dataclass(frozen=True)
class Problem:
    """One rejected cell, row, sheet or file.

    ``key`` names a message in ``pci/locales/<lang>/etl*.toml``; ``params`` fill its
    placeholders. ``row`` is the 1-based spreadsheet row (as Excel shows it) and ``column``
    the Excel column letter, so a user can go straight to the cell.
    """

    file: str
    key: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        """The full sentence: where, then what was expected."""
        where = [t("etl.where.file", lang, file=self.file)]
        if self.sheet is not None:
            where.append(t("etl.where.sheet", lang, sheet=self.sheet))
        if self.row is not None:
            where.append(t("etl.where.row", lang, row=self.row))
        if self.column is not None:
            where.append(t("etl.where.column", lang, column=self.column))
        return f"{', '.join(where)}: {t(self.key, lang, **self.params)}"

    def as_dict(self, lang: str = "vi") -> dict[str, object]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": t(self.key, lang, **self.params),
        }


class ImportRejected(Exception):
    """The input cannot be loaded; nothing was changed. Carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.render("en"))

    def render(self, lang: str = "vi", limit: int = 50) -> str:
        lines = [p.message(lang) for p in self.problems[:limit]]
        more = len(self.problems) - limit
        if more > 0:
            lines.append(t("etl.more_problems", lang, n=more))
        return "\n".join(lines)


def column_letter(index0: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    n = index0 + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
