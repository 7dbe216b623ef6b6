"""Where each part of a slide goes, for any page size (16:9 slides, A4 landscape pages).

Both renderers place the same parts in the same order — internal-data band, title, message,
body (big-number tiles, chart, table), footer (province · year · period · date, sources,
notes) — and size every text with ``fit`` so nothing overflows its box. Coordinates are
points from the top-left corner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from pci.brief import fit
from pci.brief.deck import Deck, Slide
from pci.charts.images import figure_bytes

CELL_PAD_X, CELL_PAD_Y = 5.0, 3.0
FULL_ASPECT, SIDE_ASPECT = 2.5, 1.45  # chart images: whole body, or beside a table
SOURCE_CHARS = 140  # one source is cut with "…" beyond this (all are in the speaker notes)
NUMERIC = re.compile(
    r"^[−+\-▲▼]?\s?[\d.,/ %]+(\s?(điểm|points|bậc|places))?$"
)  # table cells aligned right


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Text:
    box: Box
    text: str
    size: float
    bold: bool = False


@dataclass(frozen=True)
class TableFit:
    box: Box
    size: float
    col_widths: list[float]
    row_heights: list[float]
    cells: list[list[str]]  # header row first


@dataclass
class Page:
    band: Text | None
    title: Text
    message: Text
    facts: list[tuple[Text, Text]]
    chart: tuple[Box, float] | None  # box and aspect
    table: TableFit | None
    footer: Text
    page_no: Text
    sources: Text | None
    notes: Text | None


def layout(deck: Deck, i: int, width: float, height: float) -> Page:
    """Everything on slide ``i`` placed on a ``width`` × ``height`` page."""
    s = deck[i]
    m = round(width * 0.035)
    inner = width - 2 * m
    y = m * 0.5
    band = None
    if s.private:
        text = deck_private_label(deck)
        size = fit.fit_size(text, inner - 8, 20, 13, 7, bold=True)
        band = Text(Box(m, y, inner, 22), text, size, True)
        y += 26
    title = _text(s.title, Box(m, y, inner, height * 0.09), height * 0.06, 14, bold=True)
    y += title.box.h + 4
    body_msg = s.figure is None and s.table is None and not s.facts
    msg_h = height * (0.30 if body_msg else 0.115)
    message = _text(s.message, Box(m, y, inner, msg_h), height * (0.05 if body_msg else 0.042), 11)
    y += msg_h + 8
    # footer from the bottom up
    bottom = height - m * 0.5
    page_no = Text(Box(width - m - 90, bottom - 14, 90, 14), deck.page(i), 9)
    footer = Text(Box(m, bottom - 14, inner - 100, 14), deck.footer(s), 9)
    fit_footer = fit.fit_size(footer.text, footer.box.w, footer.box.h, 9.5, 6)
    footer = Text(footer.box, footer.text, fit_footer)
    bottom -= 18
    notes = sources = None
    notes_text = " ".join(s.notes)
    if notes_text:
        notes = _text(notes_text, Box(m, bottom - 34, inner, 34), 10, 6)
        bottom -= 36
    src = sources_line(deck, s)
    if src:
        sources = _text(src, Box(m, bottom - 24, inner, 24), 9, 6)
        bottom -= 26
    body = Box(m, y, inner, bottom - y - 6)
    facts: list[tuple[Text, Text]] = []
    chart = table = None
    if s.facts:
        facts = _tiles(s.facts, body)
    elif s.figure is not None and s.table is not None:
        chart_w = body.w * 0.58
        chart = (_aspect_box(Box(body.x, body.y, chart_w, body.h), SIDE_ASPECT), SIDE_ASPECT)
        table = table_fit(
            s.table, Box(body.x + chart_w + 12, body.y, body.w - chart_w - 12, body.h)
        )
    elif s.figure is not None:
        chart = (_aspect_box(body, FULL_ASPECT), FULL_ASPECT)
    elif s.table is not None:
        table = table_fit(s.table, body)
    return Page(band, title, message, facts, chart, table, footer, page_no, sources, notes)


def deck_private_label(deck: Deck) -> str:
    from pci.i18n import t

    return t("brief.private_label", deck.lang)


def sources_line(deck: Deck, s: Slide) -> str:
    short = [x if len(x) <= SOURCE_CHARS else x[: SOURCE_CHARS - 1] + "…" for x in s.sources]
    return deck.sources_line(Slide(s.key, s.title, s.message, s.year, s.period, sources=short))


def chart_png(s: Slide, aspect: float) -> bytes:
    """The slide's chart as a high-resolution PNG (made once per aspect, then reused)."""
    cache = s.__dict__.setdefault("_png", {})
    if aspect not in cache:
        w = 1200 if aspect > 2 else 820
        cache[aspect] = figure_bytes(s.figure, "png", width=w, height=round(w / aspect), scale=2)
    return cache[aspect]


def table_fit(df: pd.DataFrame, box: Box, max_size: float = 18, min_size: float = 7) -> TableFit:
    """The largest type at which every cell fits its column and the table fits ``box``."""
    cells = [list(map(str, df.columns))] + [
        [str(v) for v in row] for row in df.itertuples(index=False)
    ]
    size = max_size
    while True:
        widths = _col_widths(cells, box.w, size)
        heights = _row_heights(cells, widths, size)
        if sum(heights) <= box.h or size <= min_size:
            break
        size -= 0.5
    return TableFit(Box(box.x, box.y, box.w, sum(heights)), size, widths, heights, cells)


def _col_widths(cells: list[list[str]], total_w: float, size: float) -> list[float]:
    """Every column at least as wide as its longest word at ``size`` (no word is broken); the
    rest shared in proportion to what each column would need unwrapped."""
    ncol = len(cells[0])
    least = [
        max(fit.width(w, size, bold=(k == 0)) for k, r in enumerate(cells) for w in r[j].split(" "))
        + 2 * CELL_PAD_X
        + 1  # slack for rounding to whole EMUs in PowerPoint
        for j in range(ncol)
    ]
    need = [
        max(fit.width(r[j], size, bold=(k == 0)) for k, r in enumerate(cells)) + 2 * CELL_PAD_X
        for j in range(ncol)
    ]
    spare = total_w - sum(least)
    if spare <= 0:
        return [total_w * m / sum(least) for m in least]
    extra = [n - m for n, m in zip(need, least, strict=True)]
    if sum(extra) <= 0:
        return [m + spare / ncol for m in least]
    return [m + spare * e / sum(extra) for m, e in zip(least, extra, strict=True)]


def _row_heights(cells: list[list[str]], widths: list[float], size: float) -> list[float]:
    out = []
    for k, row in enumerate(cells):
        lines = max(
            len(fit.wrap(text, w - 2 * CELL_PAD_X, size, bold=(k == 0)))
            for text, w in zip(row, widths, strict=True)
        )
        out.append(lines * size * fit.LINE + 2 * CELL_PAD_Y)
    return out


def _text(text: str, box: Box, max_size: float, min_size: float, bold: bool = False) -> Text:
    size = fit.fit_size(text, box.w, box.h, max_size, min_size, bold)
    return Text(box, text, size, bold)


def _tiles(facts: list[tuple[str, str]], body: Box) -> list[tuple[Text, Text]]:
    cols = 2
    rows = (len(facts) + 1) // 2
    gap = 14
    w = (body.w - gap * (cols - 1)) / cols
    h = (body.h - gap * (rows - 1)) / rows
    out = []
    for k, (label, value) in enumerate(facts):
        x = body.x + (k % cols) * (w + gap)
        y = body.y + (k // cols) * (h + gap)
        lab = _text(label, Box(x + 10, y + 6, w - 20, h * 0.3), min(22, h * 0.2), 9)
        val = _text(
            value, Box(x + 10, y + 6 + h * 0.3, w - 20, h * 0.62), min(54, h * 0.5), 12, bold=True
        )
        out.append((lab, val))
    return out


def _aspect_box(box: Box, aspect: float) -> Box:
    """The largest box of ``aspect`` inside ``box``, centred."""
    w, h = box.w, box.w / aspect
    if h > box.h:
        h, w = box.h, box.h * aspect
    return Box(box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h)


def prewarm_images() -> None:
    """Start kaleido's browser in the background while the deck's data is gathered.

    Starting Chromium is most of a cold export (~2–5 s); overlapping it with the queries and
    imports saves that much wall time for the command line and the first export of a server.
    """
    import threading

    from pci.charts import images

    def start() -> None:
        with images._lock:
            images._ensure_server()

    threading.Thread(target=start, name="kaleido-prewarm", daemon=True).start()
