"""Stage 1, syntax: text -> syntax tree (`argmap.ast.Document`) and syntax diagnostics (AM1xx).

The only module that imports lark. The grammar is `grammar/argmap.lark` (LALR, contextual lexer); lark trees
are turned into the AST by an inline transformer, so no lark tree is ever built in full and nothing
downstream sees a lark type. A file is first parsed by `argmap.language.lalr` (lark's own tables and
terminals, driven by a loop of ours, with the same transformer); in a file with a syntax error, lark, whose
error messages and recovery are the reference, reads the statements around each error (see `_parse_range`).
Lark errors become diagnostics in plain words (AM101-AM106); after an error the parser resynchronises at the
next line that starts a statement in column 1, so one run reports every problem. Comments are kept in the
tree (see `argmap.ast`).
"""

from __future__ import annotations

import difflib
import functools
import os
import threading
import re
from dataclasses import replace
from pathlib import Path

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from argmap.language import tree
from argmap.language.strings import dedent_long, unescape
from argmap.language.tree import MAX_NUMBER_DIGITS, OVERSIZED
from argmap.core.diagnostics import Diagnostic, Span, make
from argmap.core.records import maker

from argmap.core.vocabulary import RELATION_WORDS, RELATIONS, STATEMENT_KEYWORDS, SYNONYMS  # noqa: F401
MAX_SYNTAX_ERRORS = 50
_TOKEN_TYPES = {Token}  # and the fast parser's FastToken once it is built

# the transformer makes most of a parse's objects: straight from their makers (see `argmap.core.records`)
_SPAN, _TEXT, _NAME, _FIELD = maker(Span), maker(tree.Text), maker(tree.Name), maker(tree.Field)
_RELATION, _BLOCK, _NODE_DECL = maker(tree.Relation), maker(tree.Block), maker(tree.NodeDecl)

# What each terminal is, in words, for "expected ..." messages.
_TERMINAL_WORDS = {
    "NAME": "an id", "NUMBER": "a number", "STRING": "a quoted text", "LONG_STRING": "a quoted text",
    "LBRACE": "`{`", "RBRACE": "`}`", "COLON": "`:`", "COMMA": "`,`", "DOT": "`.`", "MINUS": "`-`",
    "INFERRED": "`(inferred)`", "$END": "the end of the file",
}
_STATEMENT_TERMINALS = {w.upper() for w in STATEMENT_KEYWORDS}
_VERB_TERMINALS = {r.terminals[0] for r in RELATIONS}  # the first word of each relation
_VERB_OF = {r.word.split()[0]: r.word for r in RELATIONS if " " in r.word}  # agrees -> agrees with

# Helpful words for characters people type by habit (CJK input methods, other languages).
_CHARACTER_HINTS = {
    ";": "statements need no `;`: put each on its own line",
    "=": "fields are written `name: value`",
    "'": "quoted text uses double quotes: \"...\"",
    "“": "use straight double quotes \"...\", not curly ones",
    "”": "use straight double quotes \"...\", not curly ones",
    "：": "use the ASCII colon `:` after a field name, not the full-width `：`",
    "，": "use the ASCII comma `,` between values, not the full-width `，`",
    "｛": "use the ASCII brace `{`", "｝": "use the ASCII brace `}`",
    "[": "lists are written without brackets: `tags: a, b`",
    "(": "the only parenthesis is `(inferred)` after a value",
}

# Possessive quantifiers: linear time on any line, also when a text is never closed (as in the grammar).
_STRINGS_AND_COMMENTS = r'"""(?:[^"\\]++|\\.|"(?!""))*+"""|"(?:[^"\\\n]++|\\.)*+"|#[^\n]*+'
_COMMENT_OR_STRING = re.compile(_STRINGS_AND_COMMENTS, re.S)
_BRACE_OR_SKIP = re.compile(_STRINGS_AND_COMMENTS + "|[{}]", re.S)
_LINE_STRING_COMMENT_OR_BRACE = re.compile(r'"(?:[^"\\\n]++|\\.)*+"|#[^\n]*+|[{}]')
MAX_KEYWORD_LENGTH = 40  # no keyword is longer: longer words are not compared with keywords
_SYNC_POINT = re.compile(r"^(?=[^\W\d])", re.M)


def grammar_text() -> str:
    """The grammar, package data (`grammar/argmap.lark` in the checkout), read with importlib.resources: one
    way for wheel and editable installs alike."""
    from importlib.resources import files

    return files("argmap.language").joinpath("argmap.lark").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _grammar_text() -> str:
    return grammar_text()


@functools.lru_cache(maxsize=1)
def _shared() -> tuple[Lark, "_ToAst", threading.Lock]:
    """One parser per process (building one costs ~10 ms even with its LALR tables cached on disk; a folder
    of 1,000 maps paid that per file). Its transformer is told the file and diagnostics of each parse, so
    parses take turns (the lock)."""
    builder = _ToAst("", [])
    parser = Lark(_grammar_text(), parser="lalr", lexer="contextual", transformer=builder,
                  cache=True, maybe_placeholders=True)
    return parser, builder, threading.Lock()


@functools.lru_cache(maxsize=1)
def _fast() -> "lalr.FastParser | None":
    """The same grammar's tables and the same transformer, driven by `lalr.FastParser` (about a fifth of the
    time of lark's own lexer and parser). It does not recover from errors, so a file with a syntax error is
    parsed again by lark, which gives every diagnostic; a file without one gets the same tree either way
    (tests/test_parse_fast.py). `ARGMAP_PURE_LARK=1` turns it off."""
    if os.environ.get("ARGMAP_PURE_LARK", "") not in ("", "0"):
        return None
    from argmap.language import lalr

    parser, builder, _ = _shared()
    _TOKEN_TYPES.add(lalr.FastToken)
    try:
        return lalr.FastParser(parser, builder)
    except (AttributeError, KeyError, TypeError, ValueError):  # a lark whose tables are laid out otherwise
        return None


class Reparser:
    """The last clean parse of each file, so that the next parse of an edited text parses only what changed
    (the language server, on each keystroke).

    A text is cut only where a statement keyword (`claim`, `source`, ...) starts a line of the last parse:
    no statement can run on into a keyword, nor a token across the start of a line that begins a statement,
    so the statements before the first cut and after the last one are the last parse's own, and the text
    between is parsed alone (with its line numbers kept). Statements after an edit that added or removed lines
    have moved and are parsed again. Anything unusual (no earlier clean parse, a syntax or escape error, no
    fast parser) takes the full path; `tests/test_parse_incremental.py` checks on random edits of the real
    maps that the two give the same document and diagnostics.
    """

    def __init__(self) -> None:
        self.last: dict[str, tuple[str, list]] = {}  # file -> (text, statements before comments are attached)
        self.reused = 0  # statements taken from the last parse (for tests and benchmarks)

    def parse(self, fast: Lark, builder: "_ToAst", text: str, file: str) -> list | None:
        last = self.last.get(file)
        if last is None:
            return None
        old, statements = last
        if old == text:
            self.reused += len(statements)
            return list(statements)
        prefix = _common_prefix(old, text)
        suffix = _common_prefix(old[prefix:][::-1], text[prefix:][::-1])
        first_line = text.count("\n", 0, prefix) + 1  # the first line that changed
        old_last_line = old.count("\n", 0, max(len(old) - suffix - 1, prefix)) + 1  # the last one, in the old text
        delta = text.count("\n") - old.count("\n")
        cuts = [k for k, st in enumerate(statements)
                if not isinstance(st, tree.RelationStmt) and st.span.column == 1]
        before = max((k for k in cuts if statements[k].span.line < first_line), default=None)
        after = None if delta else min((k for k in cuts if statements[k].span.line > old_last_line), default=None)
        start_line = statements[before].span.line if before is not None else 1
        start = _offset_of_line(text, start_line)
        if after is None:
            end = len(text)
        else:
            end = _offset_of_line(old, statements[after].span.line) + len(text) - len(old)
        errors = len(builder.diagnostics)
        try:
            middle = list(fast.parse("\n" * (start_line - 1) + text[start:end]))
        except Exception:  # noqa: BLE001 - a syntax error: the full path reports it
            del builder.diagnostics[errors:]
            return None
        if len(builder.diagnostics) > errors:  # an escape error: the full path reports it the same way
            del builder.diagnostics[errors:]
            return None
        head = statements[:before] if before is not None else []
        tail = statements[after:] if after is not None else []
        self.reused += len(head) + len(tail)
        return head + middle + tail

    def remember(self, file: str, text: str, statements: list | None) -> None:
        if statements is None:
            self.last.pop(file, None)
        else:
            self.last[file] = (text, list(statements))


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix (halving slices compared in C: fast on long texts)."""
    n = min(len(a), len(b))
    lo, hi = 0, n
    if a[:n] == b[:n]:
        return n
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo + (1 if lo < n and a[lo] == b[lo] else 0)


def _offset_of_line(text: str, line: int) -> int:
    """The offset where a line (from 1) starts."""
    at = 0
    for _ in range(line - 1):
        at = text.index("\n", at) + 1
    return at


def parse(text: str, file: str, reuse: Reparser | None = None) -> tuple[tree.Document, list[Diagnostic]]:
    """Parse one file's text. Always returns a document (the statements that parsed) and the diagnostics.

    With `reuse`, the statements an edit left alone are taken from that file's last parse (see `Reparser`)."""
    diagnostics: list[Diagnostic] = []
    text = _without_surrogates(text, file, diagnostics)
    parser, builder, lock = _shared()
    fast = _fast()
    clean = None
    with lock:
        builder.file, builder.diagnostics = file, diagnostics
        try:
            statements, failed = None, None
            if reuse is not None and fast is not None and not diagnostics:
                statements = reuse.parse(fast, builder, text, file)
            if statements is None and fast is not None:
                statements, failed = _try_fast(fast, text, diagnostics)
            if statements is None:
                sync = [m.start() for m in _SYNC_POINT.finditer(text)]
                statements = _parse_range(parser, text, 0, len(text), sync, diagnostics, file, fast, failed)
            elif not diagnostics:
                clean = statements
        finally:
            builder.file, builder.diagnostics = "", []
    if reuse is not None:
        reuse.remember(file, text, clean)
    comments = _comments(text, file)
    statements = _attach_comments(statements, comments)
    document = tree.Document(file, tuple(statements), tuple(comments))
    if not statements and not any(d.code.startswith("AM1") for d in diagnostics):
        diagnostics.append(make("AM107", Span(file, 1, 1, 1, 1), "the file holds no statements",
                                hint="start with `source KEY \"title\"` and a `thesis`"))
    return document, diagnostics


def _without_surrogates(text: str, file: str, diagnostics: list[Diagnostic]) -> str:
    """Text from a file is UTF-8, but text handed to `loads` may hold lone surrogates, which no output can
    encode, and any text may hold NUL characters, which no path or text can: each is reported (AM402) and
    read as U+FFFD."""
    if "\x00" not in text:
        try:
            text.encode("utf-8")
            return text
        except UnicodeEncodeError:
            pass
    out = []
    for offset, ch in enumerate(text):
        if "\ud800" <= ch <= "\udfff" or ch == "\x00":
            what = "a NUL character" if ch == "\x00" else f"a lone surrogate U+{ord(ch):04X}"
            diagnostics.append(make("AM402", _span_at(text, offset, 1, file), f"{what} is not text",
                                    hint="save the file as UTF-8 text; write a NUL nowhere"))
            ch = "\ufffd"
        out.append(ch)
    return "".join(out)


def _try_fast(fast: "lalr.FastParser", text: str, diagnostics: list[Diagnostic]) -> tuple[list | None, tuple]:
    """(the statements, ()) where the fast parser parses `text` (lark's own: tests/test_parse_fast.py); else
    (None, (the statements it had finished where it stopped at a syntax error, the diagnostics it had made,
    which are taken back))."""
    from argmap.language import lalr

    before = len(diagnostics)
    try:
        return list(fast.parse(text)), ()
    except lalr.Bail as bail:
        taken = diagnostics[before:]
        del diagnostics[before:]
        return None, (bail.done, taken)
    except Exception:  # noqa: BLE001 - anything else: lark decides
        del diagnostics[before:]
        return None, ([], [])


_FIRST_TOKEN = {tree.SourceDecl: ("SOURCE", "source"), tree.Import: ("IMPORT", "import")}  # (kind, text)


def _restart(fast: "lalr.FastParser", text: str, start: int, done: list) -> tuple[int, int]:
    """Where a range with a syntax error after `start` may be cut, its statements before the cut being the
    fast parser's and lark reading on from there as from the range's start: the line of the latest of the
    last few finished statements (`done`, from the fast parser; not the range's first) that starts a line,
    where lark is as at the start of a file. Lark reaches that statement with the statements before it
    reduced, so its parser is in the same state from the statement's first token on, as long as that token
    is read as a file's first token is read (the token after a statement is read in that statement's last
    state, where `same` in `claim a "A"` + newline + `same as b` is the relation word, not an id): checked
    here with the fast parser's scanner for the start state. (That offset, the statement's index in `done`),
    or (`start`, 0) where no statement qualifies."""
    match, _skip, unless = fast.scanners[fast.start_state]
    for index in range(len(done) - 1, max(len(done) - 4, 0), -1):  # (the first was read at the start)
        statement = done[index]
        span = statement.span
        if span.column != 1:
            continue
        if isinstance(statement, tree.NodeDecl):
            expected = (statement.kind.upper(), statement.kind)
        elif isinstance(statement, tree.RelationStmt):
            expected = ("NAME", statement.origin.value.split(".")[0])
        else:
            expected = _FIRST_TOKEN.get(type(statement))
        at = _offset_of_line(text, span.line)
        if at < start:
            break
        m = match(text, at)
        if m is None or m.start(m.lastgroup) != at:
            continue
        kind, value = m.lastgroup, m.group(m.lastgroup)
        kind = unless.get(kind, {}).get(value, kind)
        if (kind, value) == expected:
            return at, index
    return start, 0


def _parse_range(parser: Lark, text: str, start: int, end: int, sync: list[int], diagnostics: list[Diagnostic],
                 file: str, fast: "lalr.FastParser | None" = None, failed: tuple | None = None,
                 ) -> list[tree.Statement]:
    """Parse text[start:end]; on an error, report it and recover.

    Inside a block, the line with the error is blanked (its braces kept) and the statement parsed again, so
    the node survives with its other lines. At top level, the statement with the error is skipped up to
    the next line that starts a statement in column 1.

    With `fast` (the fast parser), each range is given to it first: where it parses the range, its
    statements are lark's (tests/test_parse_fast.py). Where it stops at an error, the range is cut at the
    last statement it had finished before the error that lark can start at as at a file's start
    (`_restart`): the statements before are the fast parser's, and only the rest of the range is parsed
    as above, by lark from that statement to the error. `failed`: what `_try_fast` gave back when the fast
    parser failed on this range already.
    """
    if start >= end or len(diagnostics) >= MAX_SYNTAX_ERRORS:
        return []
    # Keep line numbers and columns: the text before `start` becomes blank lines.
    prefix = "\n" * text.count("\n", 0, start)
    if fast is not None:
        if failed is None:
            statements, failed = _try_fast(fast, prefix + text[start:end], diagnostics)
            if statements is not None:
                return statements
        done, taken = failed
        origin, index = _restart(fast, text, start, done)
        if origin > start:  # the statements before `origin` are the fast parser's; the rest is a range
            line = done[index].span.line
            diagnostics.extend(d for d in taken if d.span is not None and d.span.line < line)
            rest = (done[index:], [d for d in taken if d.span is None or d.span.line >= line])
            return done[:index] + _parse_range(parser, text, origin, end, sync, diagnostics, file, fast, rest)
    try:
        tree = parser.parse(prefix + text[start:end])
    except UnexpectedInput as error:
        offset = start + error.pos_in_stream - len(prefix) if error.pos_in_stream is not None else end
        at_end = isinstance(error, UnexpectedEOF) or (
            isinstance(error, UnexpectedToken) and error.token.type == "$END")
        if at_end:
            brace = _unclosed_brace(text, start, end)
            # the statement that runs into the end starts at the last sync point before it (strictly)
            before = _last_sync(sync, brace if brace is not None else end - 1, start)
            statements = _parse_range(parser, text, start, before, sync, diagnostics, file, fast) \
                if before > start else []
            diagnostics.append(_unclosed_block(text, brace, file) if brace is not None
                               else _describe(error, text, offset, file))
            if brace is not None:
                # The block was left open: read it as if closed where the next statement starts, so its
                # node and relations still exist (no knock-on "unknown id" or "nothing supports" after it).
                statements += _closed_at_end(parser, text, before, end, fast, diagnostics)
            return statements
        before = _last_sync(sync, offset, start)
        if _unclosed_brace(text, before, offset) is not None:
            blanked = _blank_line(text, offset)
            if blanked != text:  # else nothing is left to blank: skip the statement as at top level
                diagnostics.append(_describe(error, text, offset, file))
                return _parse_range(parser, blanked, start, end, sync, diagnostics, file, fast)
        after = next((s for s in sync if s > offset), end)
        count = len(diagnostics)
        statements = _parse_range(parser, text, start, before, sync, diagnostics, file, fast) \
            if before > start else []
        if any(d.code == "AM105" for d in diagnostics[count:]):
            # The statement before was left open; this error is its consequence: start afresh here.
            return statements + _parse_range(parser, text, before, end, sync, diagnostics, file, fast)
        diagnostics.append(_describe(error, text, offset, file))
        return statements + _parse_range(parser, text, min(after, end), end, sync, diagnostics, file, fast)
    except VisitError as error:  # an AST constructor raised: a bug in argmap, not bad input
        raise error.orig_exc from error
    return list(tree)


def _closed_at_end(parser: Lark, text: str, start: int, end: int, fast: "lalr.FastParser | None",
                   diagnostics: list[Diagnostic]) -> list[tree.Statement]:
    """The statements of text[start:end] with the missing `}`s added after it, or [] if that does not
    parse either (the error is reported already; nothing more is said)."""
    missing = 0
    for match in _BRACE_OR_SKIP.finditer(text, start, end):
        if match.group() == "{":
            missing += 1
        elif match.group() == "}":
            missing = max(missing - 1, 0)
    if missing == 0:
        return []
    closed = "\n" * text.count("\n", 0, start) + text[start:end] + "\n" + "}" * missing
    if fast is not None:
        statements, _failed = _try_fast(fast, closed, diagnostics)
        if statements is not None:
            return statements
    try:
        return list(parser.parse(closed))
    except UnexpectedInput:
        return []
    except VisitError as error:
        raise error.orig_exc from error


def _blank_line(text: str, offset: int) -> str:
    """The text with the rest of the line at `offset` (from the innermost `{` on it) blanked, braces kept."""
    line_start = text.rfind("\n", 0, offset) + 1
    # keep what comes before the block the error stands in (`claim b "B" { tags x }` keeps `claim b "B" {`)
    line_start = max(line_start, text.rfind("{", line_start, offset) + 1)
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    kept = [" "] * len(line)
    for match in _LINE_STRING_COMMENT_OR_BRACE.finditer(line):
        if match.group() in "{}":
            kept[match.start()] = match.group()
    return text[:line_start] + "".join(kept) + text[line_end:]


def _last_sync(sync: list[int], offset: int, floor: int) -> int:
    best = floor
    for s in sync:
        if s > offset:
            break
        if s >= floor:
            best = s
    return best


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _span_at(text: str, offset: int, length: int, file: str) -> Span:
    line, column = _position(text, offset)
    return Span(file, line, column, line, column + max(length, 1))


def _unclosed_brace(text: str, start: int, end: int) -> int | None:
    """The offset of the last `{` in text[start:end] that is never closed (strings and comments skipped)."""
    stack: list[int] = []
    for match in _BRACE_OR_SKIP.finditer(text, start, end):
        token = match.group()
        if token == "{":
            stack.append(match.start())
        elif token == "}" and stack:
            stack.pop()
    return stack[-1] if stack else None


def _unclosed_block(text: str, brace: int, file: str) -> Diagnostic:
    line_start = text.rfind("\n", 0, brace) + 1
    head = text[line_start:brace].strip()
    what = f"the block of `{head}`" if head else "this block"
    return make("AM105", _span_at(text, brace, 1, file), f"{what} is never closed",
                hint="add `}` after its last line")


def _describe(error: UnexpectedInput, text: str, offset: int, file: str) -> Diagnostic:
    if isinstance(error, UnexpectedCharacters):
        char = text[offset] if offset < len(text) else ""
        if char == '"':
            line_end = text.find("\n", offset)
            line_end = len(text) if line_end < 0 else line_end
            return make("AM102", _span_at(text, offset, line_end - offset, file),
                        "this quoted text has no closing quote",
                        hint='end it with `"` on the same line; for several lines use """triple quotes"""')
        if char == "\\":
            return make("AM101", _span_at(text, offset, 1, file), "a backslash outside quoted text",
                        hint="backslashes are only used for escapes inside quoted text")
        hint = _CHARACTER_HINTS.get(char, "put text in double quotes, or remove the character")
        return make("AM101", _span_at(text, offset, 1, file), f"unexpected character `{char}`", hint=hint)
    token: Token = error.token if isinstance(error, UnexpectedToken) else None
    expected = set(getattr(error, "expected", ()) or ())
    if isinstance(error, UnexpectedToken):
        expected = set(error.accepts or error.expected)
    length = len(token.value) if token is not None and token.type != "$END" else 1
    span = _span_at(text, offset, length, file)
    misspelt = _misspelt_keyword(text, offset, token, expected, file)
    if misspelt is not None:
        return misspelt
    found = _token_words(token)
    return make("AM103", span, f"unexpected {found}; expected {_expected_words(expected)}",
                hint=_hint_for(token, expected))


def _token_words(token: Token | None) -> str:
    if token is None or token.type == "$END":
        return "end of file"
    if token.type in ("STRING", "LONG_STRING"):
        return "quoted text"
    if token.type == "NAME":
        return f"word `{token.value}`"
    if token.type == "NUMBER":
        return f"number `{token.value}`"
    return f"`{token.value}`"


def _expected_words(expected: set[str]) -> str:
    words: list[str] = []
    if _STATEMENT_TERMINALS <= expected:
        words.append("a statement (" + ", ".join(STATEMENT_KEYWORDS) + ")")
        expected = expected - _STATEMENT_TERMINALS
    if _VERB_TERMINALS <= expected:
        words.append("a relation word (" + ", ".join(RELATION_WORDS) + ")")
        expected = expected - _VERB_TERMINALS
    if "QUOTE" in expected and "NAME" in expected:
        words.append("a field (`name: value`)")
        expected = expected - {"QUOTE", "NAME"}
    for name in sorted(expected, key=lambda n: (n not in _TERMINAL_WORDS, n)):
        word = _TERMINAL_WORDS.get(name, f"`{name.lower()}`")
        if word not in words and not name.startswith("__"):
            words.append(word)
    if not words:
        return "something else"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _hint_for(token: Token | None, expected: set[str]) -> str | None:
    if token is not None and token.type == "NAME" and expected <= {"COLON"}:
        return "a field is written `name: value`"
    if expected & {"STRING", "LONG_STRING"} and token is not None and token.type == "NAME":
        return 'texts are written in double quotes: "..."'
    if "NAME" in expected and token is not None and token.type == "NUMBER":
        return "ids may not start with a digit"
    if "RBRACE" in expected and token is not None and token.type in _STATEMENT_TERMINALS:
        return "is a `}` missing before this line?"
    return None


def _misspelt_keyword(text: str, offset: int, token: Token | None, expected: set[str],
                      file: str) -> Diagnostic | None:
    """`cliam c1 "..."` or `suports c1`: the unexpected word, or the word before it, is close to a keyword."""
    tries: list[tuple[str, int, tuple[str, ...]]] = []
    if token is not None and token.type == "NAME" and (expected & (_STATEMENT_TERMINALS | _VERB_TERMINALS)):
        tries.append((token.value, offset, tuple(k for k in STATEMENT_KEYWORDS + RELATION_WORDS
                                                 if k.split()[0].upper() in expected)))
    line_start = text.rfind("\n", 0, offset) + 1
    first = _first_word_before(text, line_start, offset)
    if first is not None:  # the first word on its line, then white space, then the error
        tries.append((text[first[0]:first[1]], first[0], STATEMENT_KEYWORDS + RELATION_WORDS + ("quote",)))
    for word, word_offset, candidates in tries:
        if len(word) > MAX_KEYWORD_LENGTH:
            continue
        firsts = [c.split()[0] for c in candidates]
        synonym = SYNONYMS.get(word.lower())
        if synonym is not None and synonym[0] in candidates and word.lower() not in firsts:
            # a word scholars use for a relation the language spells otherwise (`rebuts` for `attacks`)
            return make("AM104", _span_at(text, word_offset, len(word), file),
                        f"`{word}` is not a relation word of argmap",
                        hint=f"did you mean `{synonym[0]}`? {synonym[1][0].upper()}{synonym[1][1:]}.")
        close = difflib.get_close_matches(word.lower(), firsts, n=1, cutoff=0.7)
        if close and close[0] != word:
            suggestion = candidates[firsts.index(close[0])]
            return make("AM104", _span_at(text, word_offset, len(word), file), f"unknown keyword `{word}`",
                        hint=f"did you mean `{suggestion}`?")
    return None


def _first_word_before(text: str, line_start: int, offset: int) -> tuple[int, int] | None:
    """(start, end) of the word that, followed by white space, fills text[line_start:offset] (linear time:
    a scan back from `offset`, not a regex anchored at the end, which is quadratic on a long line)."""
    end = offset
    while end > line_start and text[end - 1].isspace():
        end -= 1
    if end == offset:
        return None
    start = end
    while start > line_start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
        start -= 1
    if start == end or text[line_start:start].strip() or not (text[start].isalpha() or text[start] == "_"):
        return None
    return start, end


def _comments(text: str, file: str) -> list[tree.Comment]:
    if "#" not in text:  # no comment, and no scan of every string to tell one
        return []
    comments = []
    for match in _COMMENT_OR_STRING.finditer(text):
        token = match.group()
        if token.startswith("#"):
            line, column = _position(text, match.start())
            line_start = match.start() - column + 1
            own_line = not text[line_start: match.start()].strip()
            comments.append(tree.Comment(token[1:], Span(file, line, column, line, column + len(token)),
                                        own_line))
    return comments


def _pos(span: Span) -> tuple[int, int]:
    return (span.line, span.column)


def _end(span: Span) -> tuple[int, int]:
    return (span.end_line, span.end_column)


def _attach_comments(items: list, comments: list[tree.Comment]) -> list:
    """Give each statement or item the comments just before it and the one at the end of its line."""
    if not comments:
        return items
    out = []
    i = 0
    for item in items:
        leading = []
        while i < len(comments) and _pos(comments[i].span) < _pos(item.span):
            leading.append(comments[i])
            i += 1
        inside = []
        while i < len(comments) and _pos(comments[i].span) < _end(item.span):
            inside.append(comments[i])
            i += 1
        trailing = None
        if i < len(comments) and comments[i].span.line == item.span.end_line and not comments[i].own_line:
            trailing = comments[i]
            i += 1
        body = getattr(item, "body", None)
        changes = {}
        if isinstance(item, tree.RelationStmt):
            relation = item.relation
            if relation.body is not None and inside:
                relation = replace(relation, body=_attach_block(relation.body, inside))
            changes["relation"] = relation
        elif body is not None and inside:
            changes["body"] = _attach_block(body, inside)
        if leading:
            # a comment on the same line as the previous item's end belongs to that item
            changes["leading"] = tuple(leading)
        if trailing is not None:
            changes["trailing"] = trailing
        out.append(replace(item, **changes) if changes else item)
    return out


def _attach_block(block: tree.Block, comments: list[tree.Comment]) -> tree.Block:
    items = _attach_comments(list(block.items), comments)
    used = set()
    for item in items:
        used.update(id(c) for c in getattr(item, "leading", ()))
        if getattr(item, "trailing", None) is not None:
            used.add(id(item.trailing))
        for nested in _nested_comments(item):
            used.add(id(nested))
    last_end = _end(block.items[-1].span) if block.items else _pos(block.span)
    dangling = tuple(c for c in comments if id(c) not in used and _pos(c.span) > last_end)
    return replace(block, items=tuple(items), dangling=dangling)


def _nested_comments(item) -> list[tree.Comment]:
    body = item.body if isinstance(item, tree.Relation) else None
    if body is None:
        return []
    found: list[tree.Comment] = list(body.dangling)
    for inner in body.items:
        found.extend(getattr(inner, "leading", ()))
        if getattr(inner, "trailing", None) is not None:
            found.append(inner.trailing)
    return found


class _ToAst(Transformer):
    """lark rules -> AST nodes. One instance per parse: it knows the file and collects escape errors."""

    def __init__(self, file: str, diagnostics: list[Diagnostic]):
        super().__init__()
        self.file = file
        self.diagnostics = diagnostics

    def _span(self, token: Token) -> Span:
        return _SPAN(self.file, token.line, token.column, token.end_line, token.end_column)

    def _span_of(self, first, last) -> Span:
        """From the start of `first` to the end of `last`, each a token or a node (made directly: a parse
        makes one of these for most nodes)."""
        a = first if type(first) in _TOKEN_TYPES else first.span
        b = last if type(last) in _TOKEN_TYPES else last.span
        return _SPAN(self.file, a.line, a.column, b.end_line, b.end_column)

    def start(self, children):
        return children

    def text(self, children):
        (token,) = children
        long = token.type == "LONG_STRING"
        if not long and "\\" not in token.value:  # most texts: nothing to resolve
            return _TEXT(token.value[1:-1],
                         _SPAN(self.file, token.line, token.column, token.end_line, token.end_column), False)
        raw = token.value[3:-3] if long else token.value[1:-1]
        value, bad = unescape(raw)
        for index, escape in bad:
            # position of the bad escape inside the token (the token may span lines)
            before = token.value[: index + (3 if long else 1)]
            line = token.line + before.count("\n")
            column = (len(before) - before.rfind("\n")) if "\n" in before else token.column + len(before)
            span = Span(self.file, line, column, line, column + len(escape))
            if len(escape) == 6:  # a \uXXXX escape that is no character
                what = "NUL" if int(escape[2:], 16) == 0 else "half of a surrogate pair"
                self.diagnostics.append(make(
                    "AM106", span, f"`{escape}` is not a character ({what})",
                    hint="write the character itself; beyond U+FFFF as a pair such as `\\ud83d\\ude00`"))
                continue
            self.diagnostics.append(make(
                "AM106", span, f"unknown escape `{escape}` in quoted text",
                hint="write a backslash as `\\\\`; escapes are \\\" \\\\ \\n \\t \\uXXXX"))
        if long:
            value = dedent_long(value)
        return tree.Text(value, self._span(token), long)

    def ref(self, children):
        if len(children) == 1:  # `id` (most references)
            (token,) = children
            return _NAME(token.value, _SPAN(self.file, token.line, token.column, token.end_line, token.end_column))
        names = [c for c in children if c is not None and c.type == "NAME"]
        value = ".".join(n.value for n in names)
        return tree.Name(value, self._span_of(names[0], names[-1]))

    def _number(self, token: Token) -> tree.Number:
        """A number; one of more than MAX_NUMBER_DIGITS digits is reported (AM204) and stands as OVERSIZED."""
        if len(token.value) > MAX_NUMBER_DIGITS:
            self.diagnostics.append(make(
                "AM204", self._span(token), f"a number of {len(token.value)} digits is too large",
                hint=f"years, pages and line numbers have at most {MAX_NUMBER_DIGITS} digits"))
            return tree.Number(OVERSIZED, self._span(token))
        return tree.Number(int(token.value), self._span(token))

    def _value(self, child):
        if type(child) in _TOKEN_TYPES:
            if child.type == "NUMBER":
                return self._number(child)
            return tree.Name(child.value, self._span(child))
        return child

    def field(self, children):
        if len(children) == 4 and children[3] is None:  # `name: value` (most fields)
            name, _colon, value, _inferred = children
            if type(value) in _TOKEN_TYPES:
                value = self._value(value)
            file, line, column = self.file, name.line, name.column
            end = value.span
            return _FIELD(_NAME(name.value, _SPAN(file, line, column, name.end_line, name.end_column)), (value,),
                          False, _SPAN(file, line, column, end.end_line, end.end_column))
        name, _colon, *rest = children
        inferred = rest[-1] is not None
        values = tuple(self._value(v) for v in rest[:-1] if not (type(v) in _TOKEN_TYPES and v.type == "COMMA"))
        last = rest[-1] if inferred else values[-1]
        return tree.Field(tree.Name(name.value, self._span(name)), values, inferred, self._span_of(name, last))

    def line_range(self, children):
        numbers = [int(c.value) if len(c.value) <= MAX_NUMBER_DIGITS else self._number(c).value
                   for c in children if c.type == "NUMBER"]
        return (numbers[0], numbers[-1]), children[-1]

    def locator(self, children):
        at, section, page_kw, page, lines = children
        last = section
        page_value = None
        if page is not None:
            page_value = self._number(page)
            last = page
        line_values = None
        if lines is not None:
            line_values, last = lines
        return tree.Locator(section, page_value, line_values, self._span_of(at, last))

    def quote(self, children):
        keyword, _colon, text, locator = children
        return tree.Quote(text, locator, self._span_of(keyword, locator if locator is not None else text))

    def verb(self, children):
        first = children[0]
        word = _VERB_OF.get(first.value, first.value)
        return word, self._span_of(first, children[-1])

    def relation(self, children):
        (word, verb_span), target, inferred, _as, rel_id, body = children
        rel_name = tree.Name(rel_id.value, self._span(rel_id)) if rel_id is not None else None
        if body is not None:
            end = body.span
        elif rel_name is not None:
            end = rel_name.span
        elif inferred is not None:
            end = self._span(inferred)
        else:
            end = target.span
        return _RELATION(word, verb_span, target, rel_name, body,
                         _SPAN(self.file, verb_span.line, verb_span.column, end.end_line, end.end_column),
                         (), None, inferred is not None)

    def block(self, children):
        lbrace, rbrace = children[0], children[-1]
        return _BLOCK(tuple(children[1:-1]),
                      _SPAN(self.file, lbrace.line, lbrace.column, rbrace.end_line, rbrace.end_column), ())

    def node_kind(self, children):
        return children[0]

    def node_stmt(self, children):
        kind, name, text, body = children
        file, line, column = self.file, kind.line, kind.column
        end = (body if body is not None else text).span
        return _NODE_DECL(kind.value, _SPAN(file, line, column, kind.end_line, kind.end_column),
                          _NAME(name.value, _SPAN(file, name.line, name.column, name.end_line, name.end_column)),
                          text, body, _SPAN(file, line, column, end.end_line, end.end_column))

    def source_stmt(self, children):
        keyword, name, title, body = children
        key = tree.Name(name.value, self._span(name))
        last = body if body is not None else (title if title is not None else key)
        return tree.SourceDecl(key, title, body, self._span_of(keyword, last))

    def import_stmt(self, children):
        keyword, path, _as, name = children
        namespace = tree.Name(name.value, self._span(name))
        return tree.Import(path, namespace, self._span_of(keyword, namespace))

    def relation_stmt(self, children):
        origin, relation = children
        return tree.RelationStmt(origin, relation, origin.span.to(relation.span))
