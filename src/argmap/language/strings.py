"""Quoted texts, both ways: reading a literal's inside (`unescape`, `dedent_long`) and writing a value as a
literal (`literal`) that reads back as the same value. No lark here: the formatter and the unparser use it
too.

Escapes are `\\"`, `\\\\`, `\\n`, `\\t` and `\\uXXXX` (a surrogate pair for characters beyond U+FFFF);
`\\u0000` and lone surrogates are no characters (AM106). Written literals show every invisible control
character as a `\\uXXXX` escape (nothing invisible, no terminal escape, no bidi override is written raw).
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
INDENT = "  "


def unescape(raw: str) -> tuple[str, list[tuple[int, str]]]:
    """Resolve escapes in the inside of a quoted text; returns the text and the bad escapes (index, text)."""
    if "\\" not in raw:
        return raw, []
    out: list[str] = []
    bad: list[tuple[int, str]] = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch != "\\" or i + 1 >= len(raw):
            out.append(ch)
            i += 1
            continue
        nxt = raw[i + 1]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt == "u" and _HEX4.fullmatch(raw[i + 2: i + 6]):
            code = int(raw[i + 2: i + 6], 16)
            low = int(raw[i + 8: i + 12], 16) if raw[i + 6: i + 8] == "\\u" and _HEX4.fullmatch(raw[i + 8: i + 12]) else 0
            if 0xD800 <= code < 0xDC00 and 0xDC00 <= low < 0xE000:  # a surrogate pair: one character
                out.append(chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)))
                i += 12
            elif code == 0 or 0xD800 <= code < 0xE000:  # NUL, or half of a surrogate pair: not text
                bad.append((i, raw[i: i + 6]))
                i += 6
            else:
                out.append(chr(code))
                i += 6
        else:
            bad.append((i, raw[i: i + 2]))
            out.append(nxt)
            i += 2
    return "".join(out), bad


def dedent_long(value: str) -> str:
    """The value of a triple-quoted text: the first line break dropped, the common indentation removed, and
    trailing white space stripped."""
    if value.startswith("\n"):
        value = value[1:]
    return textwrap.dedent(value).rstrip()


def _invisible(ch: str) -> bool:
    """Control, format, line and paragraph separator characters, and surrogates: written as escapes."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs")


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}
_LONG_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\n", "\t": "\t"}


def _escape(value: str, escapes: dict[str, str]) -> str:
    if value.isprintable() and "\\" not in value and '"' not in value:
        return value
    return "".join(escapes.get(ch) or (_escape_char(ch) if _invisible(ch) else ch) for ch in value)


def short_literal(value: str) -> str:
    """`"..."` on one line: quotes, backslashes, line breaks, tabs and invisible characters escaped."""
    return f'"{_escape(value, _SHORT_ESCAPES)}"'


def long_literal(value: str, indent: str) -> str | None:
    """`\"\"\"...\"\"\"` over several lines, indented one step below `indent`; None where that would not read back
    as `value` (for example white space the reader strips), so the caller writes a short literal instead."""
    body = _escape(value, _LONG_ESCAPES)
    lines = [(indent + INDENT + line) if line.strip(" \t") else "" for line in body.split("\n")]
    literal = '"""\n' + "\n".join(lines) + "\n" + indent + INDENT + '"""'
    read, bad = unescape(literal[3:-3])
    return literal if not bad and dedent_long(read) == value else None


def literal(value: str, long: bool, indent: str = "") -> str:
    """The literal for a text: triple-quoted when it was (and reads back the same), else on one line."""
    if long:
        written = long_literal(value, indent)
        if written is not None:
            return written
    return short_literal(value)
