"""Text measured as a terminal or a diagram shows it: display width (East Asian wide characters take two
cells) and wrapping by width (Latin text at spaces, CJK text between characters). Used by diagnostics (the
caret), diagrams (labels) and reports (tables)."""

from __future__ import annotations

import functools
import re

from wcwidth import wcwidth


def display_width(text: str) -> int:
    """Terminal cells as `wcwidth` counts them: East Asian wide and full-width characters take two, combining
    marks and zero-width characters none; a control character (never sent to a terminal: it is shown
    escaped) counts as one."""
    if text.isascii() and text.isprintable():  # U+0020-U+007E: one cell each, as wcwidth says (exact)
        return len(text)
    if len(text) == 1:  # wrapping measures CJK text a character at a time
        return _char_width(text)
    return sum(map(_char_width, text))


@functools.lru_cache(maxsize=None)  # one entry per distinct character seen (a few thousand in a map)
def _char_width(ch: str) -> int:
    w = wcwidth(ch)
    return w if w >= 0 else 1


_WORD = re.compile(r"\s+|[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]+")
_NO_LINE_START = set("，。、；：？！）」』》〉】,.;:?!)]}%")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` terminal cells: Latin text breaks at spaces, CJK text between any two
    characters (never before closing punctuation), over-long words are cut."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        short = " ".join(paragraph.split())
        size = len(short)
        # fits on one line (what `_wrap` would make of it): no character takes more than two cells, and
        # an ASCII one takes one
        if size * 2 <= width or (size <= width and short.isascii()) or display_width(short) <= width:
            lines.append(short)
            continue
        plain = _wrap_plain(short, width) if paragraph.isascii() and paragraph.isprintable() else None
        lines += plain if plain is not None else _wrap(paragraph, width)
    return [l for l in lines if l] or [""]


def _wrap_plain(short: str, width: int) -> list[str] | None:
    """`_wrap` of a printable ASCII paragraph (most English labels), its words one space apart in `short`:
    each line ends at the last space that leaves it `width` long or less. None where `_wrap` would do
    otherwise: a word longer than a line (it is cut), a line that would start with closing punctuation (it
    stays on the line before). `tests/test_render.py` compares the two on random text."""
    lines = []
    start, size = 0, len(short)
    while size - start > width:
        cut = short.rfind(" ", start, start + width + 1)
        if cut <= start:  # the next word is longer than a line
            return None
        after = short.find(" ", cut + 1)
        if short[cut + 1:after if after >= 0 else size] in _NO_LINE_START:
            return None
        lines.append(short[start:cut])
        start = cut + 1
    lines.append(short[start:])
    return lines


def _wrap(paragraph: str, width: int) -> list[str]:
    """The lines of one paragraph that does not fit on one (possibly with empty ones, which `wrap` drops)."""
    lines: list[str] = []
    line, used = "", 0  # the line so far and its width (widths add up: a line's is the sum of its pieces')
    # printable ASCII (most English labels): one cell a character, words between spaces
    plain = paragraph.isascii() and paragraph.isprintable()
    for piece in paragraph.split() if plain else _WORD.findall(paragraph):
        if plain:
            if line:  # the words of a plain paragraph stood apart: a space before each but the first
                line += " "
                used += 1
        elif piece.isspace():
            if line:
                line += " "
                used += 1
            continue
        w = len(piece) if plain else display_width(piece)  # (plain: one cell a character)
        while w > width:  # a word longer than a line
            room = width - used if line else width
            cut = _fit(piece, room)
            if cut == 0 and not line:  # a character wider than a whole line: it stands alone
                cut = 1
            if cut == 0:
                lines.append(line.rstrip())
                line, used = "", 0
                continue
            lines.append((line + piece[:cut]).rstrip())
            line, used, piece = "", 0, piece[cut:]
            w = len(piece) if plain else display_width(piece)
        if used + w > width and line.strip() and piece not in _NO_LINE_START:
            lines.append(line.rstrip())
            line, used = piece, w
        else:
            line += piece
            used += w
    lines.append(line.rstrip())
    return lines


def _fit(piece: str, room: int) -> int:
    used = 0
    for i, ch in enumerate(piece):
        used += display_width(ch)
        if used > room:
            return i
    return len(piece)


def a(word: str) -> str:
    """The word with its indefinite article, for messages: `a claim`, `an evidence`."""
    return ("an " if word[:1] in "aeiou" else "a ") + word
