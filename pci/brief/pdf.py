"""The deck as an A4 landscape PDF report: one page per slide, the same content, nothing cut.

Drawn with reportlab on its canvas, with DejaVu Sans embedded (Vietnamese diacritics; the
base-14 PDF fonts have none). Every text is wrapped and sized by ``pci.brief.fit`` with the
very font the PDF embeds, so what was measured to fit is what is printed.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from pci.brief import fit
from pci.brief.deck import Deck
from pci.brief.layout import CELL_PAD_X, CELL_PAD_Y, NUMERIC, Box, TableFit, Text, chart_png, layout

PAGE_W, PAGE_H = landscape(A4)  # 841.9 × 595.3 pt
INK, ACCENT, MUTED = "#1F2933", "#004C8C", "#52606D"
PRIVATE, TILE, HEADER, GRID = "#B01E1E", "#EEF2F6", "#004C8C", "#C8D1DA"
ASCENT = 0.93  # DejaVu Sans ascent as a share of the font size


def render(deck: Deck) -> bytes:
    """The PDF file's bytes."""
    _fonts()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(PAGE_W, PAGE_H), pageCompression=1)
    c.setTitle(deck.title)
    c.setAuthor("PCI Việt Nam")
    c.setSubject(deck.footer(deck[0]))
    for i, s in enumerate(deck):
        page = layout(deck, i, PAGE_W, PAGE_H)
        if page.band:
            _rect(c, page.band.box, PRIVATE)
            _text(c, page.band, "#FFFFFF", pad=4, middle=True)
        _text(c, page.title, INK)
        _text(c, page.message, ACCENT)
        for label, value in page.facts:
            b = label.box
            _rect(c, Box(b.x - 10, b.y - 6, b.w + 20, value.box.y + value.box.h - b.y + 12), TILE)
            _text(c, label, MUTED)
            _text(c, value, INK)
        if page.chart:
            box, aspect = page.chart
            img = ImageReader(io.BytesIO(chart_png(s, aspect)))
            c.drawImage(img, box.x, PAGE_H - box.y - box.h, box.w, box.h, mask="auto")
        if page.table:
            _table(c, page.table)
        for t in (page.sources, page.notes, page.footer):
            if t:
                _text(c, t, MUTED)
        _text(c, page.page_no, MUTED, right=True)
        c.showPage()
    c.save()
    return out.getvalue()


def write(deck: Deck, path: Path) -> Path:
    path.write_bytes(render(deck))
    return path


def _fonts() -> None:
    if "DejaVuSans" in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(fit.font_path(False))))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(fit.font_path(True))))


def _rect(c: canvas.Canvas, b: Box, color: str) -> None:
    c.setFillColor(color)
    c.setStrokeColor(color)
    c.rect(b.x, PAGE_H - b.y - b.h, b.w, b.h, stroke=0, fill=1)


def _lines(c, lines, x, top, width, size, bold, color, right=False) -> None:
    c.setFillColor(color)
    c.setFont("DejaVuSans-Bold" if bold else "DejaVuSans", size)
    for k, line in enumerate(lines):
        base = PAGE_H - (top + k * size * fit.LINE + size * ASCENT)
        if right:
            c.drawRightString(x + width, base, line)
        else:
            c.drawString(x, base, line)


def _text(c, t: Text, color: str, *, pad: float = 0, middle: bool = False, right=False) -> None:
    b = t.box
    lines = fit.wrap(t.text, b.w - 2 * pad, t.size, t.bold)
    top = b.y
    if middle:
        top = b.y + (b.h - len(lines) * t.size * fit.LINE) / 2
    _lines(c, lines, b.x + pad, top, b.w - 2 * pad, t.size, t.bold, color, right)


def _table(c, tf: TableFit) -> None:
    y = tf.box.y
    for k, (row, h) in enumerate(zip(tf.cells, tf.row_heights, strict=True)):
        x = tf.box.x
        if k == 0:
            _rect(c, Box(x, y, tf.box.w, h), HEADER)
        for j, (text, w) in enumerate(zip(row, tf.col_widths, strict=True)):
            lines = fit.wrap(text, w - 2 * CELL_PAD_X, tf.size, bold=(k == 0))
            right = j > 0 and k > 0 and bool(NUMERIC.match(text))
            color = "#FFFFFF" if k == 0 else INK
            _lines(
                c,
                lines,
                x + CELL_PAD_X,
                y + CELL_PAD_Y,
                w - 2 * CELL_PAD_X,
                tf.size,
                k == 0,
                color,
                right,
            )
            x += w
        y += h
        c.setStrokeColor(GRID)
        c.setLineWidth(0.5)
        c.line(tf.box.x, PAGE_H - y, tf.box.x + tf.box.w, PAGE_H - y)
