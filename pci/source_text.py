"""Source citations in the reader's language.

Sources are stored as written when the data was loaded: the workbook reader cites
"PCI_2015.xlsx — tệp dữ liệu PCI 2015 của VCCI, trang «…»" and the shipped public rows end in
"(VCCI province profile page)". Only these fixed phrases are translated for display; file
names, sheet names, addresses and free notes stay exactly as recorded.
"""

from __future__ import annotations

import re

from pci.i18n import t

_WORKBOOK = re.compile(
    r"^(?P<file>.+?) — tệp dữ liệu PCI (?P<year>\d{4}) của VCCI(?:, trang «(?P<sheet>[^»]*)»)?"
)
_PHRASES = {
    "(VCCI province profile page)": "sources.profile_page",
    "(province profile page)": "sources.profile_page",
}


def localize(text: str, lang: str) -> str:
    """``text`` with its stored fixed phrases in ``lang``; anything else unchanged."""
    m = _WORKBOOK.match(text)
    if m:
        key = "sources.workbook_sheet" if m["sheet"] is not None else "sources.workbook"
        text = t(key, lang, file=m["file"], year=m["year"], sheet=m["sheet"]) + text[m.end() :]
    for phrase, key in _PHRASES.items():
        if phrase in text:
            text = text.replace(phrase, f"({t(key, lang)})")
    return text
