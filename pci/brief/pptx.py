"""The deck as a PowerPoint file: 16:9, native editable text, charts as high-resolution PNG.

Every text box has a fixed size and a font size measured to fit it (``pci.brief.fit``);
PowerPoint's own auto-fit is switched off so the file looks the same everywhere. Tables are
native PowerPoint tables. The speaker notes repeat the message, the notes and every source.
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from pci.brief.deck import Deck
from pci.brief.fit import LINE
from pci.brief.layout import CELL_PAD_X, CELL_PAD_Y, NUMERIC, Box, Text, chart_png, layout

WIDTH_PT, HEIGHT_PT = 960.0, 540.0  # 13.333 × 7.5 in
FONT = "Arial"
INK = RGBColor(0x1F, 0x29, 0x33)
ACCENT = RGBColor(0x00, 0x4C, 0x8C)
MUTED = RGBColor(0x52, 0x60, 0x6D)
PRIVATE = RGBColor(0xB0, 0x1E, 0x1E)
TILE = RGBColor(0xEE, 0xF2, 0xF6)
HEADER = RGBColor(0x00, 0x4C, 0x8C)


def render(deck: Deck) -> bytes:
    """The .pptx file's bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(WIDTH_PT), Pt(HEIGHT_PT)
    blank = prs.slide_layouts[6]
    prs.core_properties.title = deck.title
    prs.core_properties.language = deck.lang
    for i, s in enumerate(deck):
        page = layout(deck, i, WIDTH_PT, HEIGHT_PT)
        sl = prs.slides.add_slide(blank)
        if page.band:
            _rect(sl, page.band.box, PRIVATE)
            _text(sl, page.band, RGBColor(0xFF, 0xFF, 0xFF), name="private_label", pad=4)
        _text(sl, page.title, INK, name="title")
        _text(sl, page.message, ACCENT, name="message")
        for k, (label, value) in enumerate(page.facts):
            b = label.box
            _rect(sl, Box(b.x - 10, b.y - 6, b.w + 20, value.box.y + value.box.h - b.y + 12), TILE)
            _text(sl, label, MUTED, name=f"fact_label_{k}")
            _text(sl, value, INK, name=f"fact_value_{k}")
        if page.chart:
            box, aspect = page.chart
            pic = sl.shapes.add_picture(
                io.BytesIO(chart_png(s, aspect)), Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h)
            )
            pic.name = "chart"
        if page.table:
            _table(sl, page.table)
        if page.sources:
            _text(sl, page.sources, MUTED, name="sources")
        if page.notes:
            _text(sl, page.notes, MUTED, name="notes")
        _text(sl, page.footer, MUTED, name="footer")
        _text(sl, page.page_no, MUTED, name="page", align=PP_ALIGN.RIGHT)
        notes = [s.message, *s.notes, *s.sources]
        if s.private:
            notes.insert(0, page.band.text if page.band else "")
        sl.notes_slide.notes_text_frame.text = "\n".join(n for n in notes if n)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def write(deck: Deck, path: Path) -> Path:
    path.write_bytes(render(deck))
    return path


def _rect(sl, box: Box, color: RGBColor) -> None:
    from pptx.enum.shapes import MSO_SHAPE

    shp = sl.shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(box.x), Pt(box.y), Pt(box.w), Pt(box.h))
    shp.fill.solid()
    shp.fill.fore_color.rgb = color
    shp.line.fill.background()
    shp.shadow.inherit = False


def _text(sl, t: Text, color: RGBColor, *, name: str, align=PP_ALIGN.LEFT, pad: float = 0) -> None:
    b = t.box
    tb = sl.shapes.add_textbox(Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h))
    tb.name = name
    tf = tb.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = Pt(pad)
    tf.margin_top = tf.margin_bottom = Emu(0)
    tf.vertical_anchor = MSO_ANCHOR.MIDDLE if pad else MSO_ANCHOR.TOP
    p = tf.paragraphs[0]
    p.alignment = align
    p.line_spacing = Pt(t.size * LINE)
    run = p.add_run()
    run.text = t.text
    f = run.font
    f.name, f.size, f.bold = FONT, Pt(t.size), t.bold
    f.color.rgb = color


def _table(sl, tf) -> None:
    rows, cols = len(tf.cells), len(tf.cells[0])
    b = tf.box
    gt = sl.shapes.add_table(rows, cols, Pt(b.x), Pt(b.y), Pt(b.w), Pt(b.h))
    gt.name = "table"
    table = gt.table
    for j, w in enumerate(tf.col_widths):
        table.columns[j].width = Pt(w)
    for k, h in enumerate(tf.row_heights):
        table.rows[k].height = Pt(h)
        for j in range(cols):
            cell = table.cell(k, j)
            cell.margin_left = cell.margin_right = Pt(CELL_PAD_X)
            cell.margin_top = cell.margin_bottom = Pt(CELL_PAD_Y)
            frame = cell.text_frame
            frame.word_wrap = True
            p = frame.paragraphs[0]
            p.line_spacing = Pt(tf.size * LINE)
            right = j > 0 and k > 0 and bool(NUMERIC.match(tf.cells[k][j]))
            p.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
            run = p.add_run()
            run.text = tf.cells[k][j]
            run.font.name, run.font.size, run.font.bold = FONT, Pt(tf.size), k == 0
            if k == 0:
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                cell.fill.solid()
                cell.fill.fore_color.rgb = HEADER
