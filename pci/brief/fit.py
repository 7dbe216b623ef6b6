"""Measuring text so that it fits its box: the same metrics for PowerPoint and the PDF.

Widths come from DejaVu Sans (Debian's ``fonts-dejavu-core``), the font the PDF embeds for
Vietnamese diacritics. PowerPoint shows the slides in Arial or Calibri, both narrower than
DejaVu Sans, so text measured to fit here fits there too.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"
LINE = 1.2  # line height as a multiple of the font size


class FontMissing(FileNotFoundError):
    """DejaVu Sans is not installed (Debian: apt-get install fonts-dejavu-core)."""


def font_path(bold: bool = False) -> Path:
    name = BOLD if bold else REGULAR
    for d in FONT_DIRS:
        if (d / name).exists():
            return d / name
    raise FontMissing(
        f"{name} not found in {', '.join(map(str, FONT_DIRS))}: install fonts-dejavu-core"
    )


@cache
def _font(bold: bool):
    from PIL import ImageFont

    return ImageFont.truetype(str(font_path(bold)), size=1000, layout_engine=ImageFont.Layout.BASIC)


def width(text: str, size: float, bold: bool = False) -> float:
    """Width of one line of ``text`` in points at ``size`` points."""
    return _font(bold).getlength(text) * size / 1000


def wrap(text: str, box_width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap; a word longer than the line (a URL) is broken where it must be."""
    lines: list[str] = []
    for para in text.split("\n"):
        current = ""
        for word in para.split(" "):
            candidate = f"{current} {word}" if current else word
            if width(candidate, size, bold) <= box_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while width(word, size, bold) > box_width and len(word) > 1:
                cut = len(word)
                while cut > 1 and width(word[:cut], size, bold) > box_width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


def height(text: str, box_width: float, size: float, bold: bool = False) -> float:
    return len(wrap(text, box_width, size, bold)) * size * LINE


def fit_size(
    text: str,
    box_width: float,
    box_height: float,
    max_size: float,
    min_size: float = 8,
    bold: bool = False,
) -> float:
    """The largest size (half-point steps) at which ``text`` fits the box; ``min_size`` at
    worst (callers keep texts short enough that the minimum fits — tests check it)."""
    size = max_size
    while size > min_size and height(text, box_width, size, bold) > box_height:
        size -= 0.5
    return size


def fits(text: str, box_width: float, box_height: float, size: float, bold: bool = False) -> bool:
    return height(text, box_width, size, bold) <= box_height + 0.01
