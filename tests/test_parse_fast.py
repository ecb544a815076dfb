"""The fast parser (`argmap.language.lalr`: lark's tables, our loop) gives the same syntax tree and diagnostics as pure lark on every
map, example and test case, clean or not; in a file with syntax errors, lark parses the statements with errors, and
recovers, and the fast parser the others.

Diagnostics are compared as they are reported (`sort`, which also drops exact repetitions: lark reads the statements
before an error twice, and reports an escape error in them twice)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from argmap.core.diagnostics import sort
from argmap.language import parse as syntax

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for d in ("maps", "examples", "tests") for p in (ROOT / d).rglob("*.arg"))
sys.path.insert(0, str(ROOT / "bench"))


def pure(text: str, file: str, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(syntax, "_fast", lambda: None)
        document, diagnostics = syntax.parse(text, file)
        return document, sort(diagnostics)


def fast(text: str, file: str):
    document, diagnostics = syntax.parse(text, file)
    return document, sort(diagnostics)


def test_the_fast_parser_is_in_use():
    from argmap.language import lalr

    fast = syntax._fast()
    assert isinstance(fast, lalr.FastParser)
    assert lalr.FastToken in syntax._TOKEN_TYPES
    # built from lark's own tables: every state of lark's parse table, and a scanner for each
    parser, _, _ = syntax._shared()
    table = parser.parser.parser.parser.parse_table
    # (lists indexed by state where lark numbers them 0..n-1, as it does)
    assert isinstance(fast.actions, list) and isinstance(fast.gotos, list) and isinstance(fast.scanners, list)
    assert set(range(len(fast.actions))) == set(table.states) == set(range(len(fast.scanners)))
    for state, entries in table.states.items():  # each state's own actions, at its own index
        assert set(fast.actions[state]) | set(fast.gotos[state]) == set(entries)


def test_no_terminal_starts_where_white_space_or_a_comment_can():
    """The fast scanner skips ignored text before each token in one match; lark tries the ignored terminals
    among the others. The two agree because no other terminal can start with a character an ignored one
    starts with: checked here of the grammar, over every character of the Basic Multilingual Plane."""
    import re

    parser, _, _ = syntax._shared()
    ignore = parser.lexer_conf.ignore
    ignored = [re.compile(t.pattern.to_regexp()) for t in parser.terminals if t.name in ignore]
    others = [(t.name, re.compile(t.pattern.to_regexp())) for t in parser.terminals if t.name not in ignore]
    assert len(ignored) == 2 and len(others) > 30
    starts = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF
              and any(rx.match(chr(c) + " x") for rx in ignored)]
    assert "#" in starts and "\n" in starts and "\ufeff" in starts
    for c in starts:
        for name, rx in others:
            for rest in ("", " inferred)", 'a"', '""x"""', "x", "1"):  # what a terminal could need next
                assert not rx.match(c + rest), (name, c)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_tree_and_diagnostics_as_pure_lark(path, monkeypatch):
    text = path.read_bytes().decode("utf-8", "replace")
    assert fast(text, str(path)) == pure(text, str(path), monkeypatch)


def test_a_file_with_errors_still_gets_every_diagnostic(monkeypatch):
    text = (ROOT / "tests/cases/diagnostics/syntax_errors.arg").read_text(encoding="utf-8")
    document, diagnostics = fast(text, "syntax_errors.arg")
    assert sum(d.code.startswith("AM1") for d in diagnostics) >= 2  # recovered past the first error
    assert (document, diagnostics) == pure(text, "syntax_errors.arg", monkeypatch)


def test_big_synthetic_map_parses_the_same(monkeypatch):
    from generate import synthetic_map

    text = synthetic_map(500)
    parsed = fast(text, "bench.arg")
    assert parsed == pure(text, "bench.arg", monkeypatch)
    assert len(parsed[0].statements) == 502 and not parsed[1]


LINES = ['claim a "A"', 'claim b "B" {', '  supports a', '}', 'evidence e "E" { year: 2024 }', 'a attacks b',
         'thesis t "T\\q"', 'b supports a (inferred)', '  tags: x, y', 'source s "S" {', '"unclosed', '  zh: "中"',
         'cliam c "C"', '# note', 'b undercuts a as r1', 'e qualifies a { strength: weak }', '  x', '{', ';',
         # keywords where an id or a field name is expected, words that only start like keywords, odd spacing
         'claim with "W" { page: 3  source: s }', 'with agrees with same', 'same same as with', 'thesis: x',
         'agrees withx a', 'claim supports-x "S" { quote: """long\n  text""" at "§ 2" page 4 lines 3 - 5 }',
         'question claimed "Q" # a comment', 'import "other.arg" as as', 'a.b refines c (  inferred ) as line',
         'evidence e2 "\\u00e9 \\n" { year: 12, 13 (inferred) quote: "q" at "s" line 7 }', 'claim', '\ufeff',
         'claim c3 "x" {\n  answers q\n  disagrees with a { note: "n" }\n}', 'lines 1 - 2', '"""never closed',
         '\t\f\r', 'counterclaim k "K"{supports a}', 'a same as b', '"""a"""', 'source x', 'claim d "D" { }']


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12))
def test_same_result_on_line_soup(lines):
    text = "\n".join(lines) + "\n"
    mp = pytest.MonkeyPatch()
    try:
        assert fast(text, "soup.arg") == pure(text, "soup.arg", mp)
    finally:
        mp.undo()


LARGEST = ROOT / "maps" / "japan_nato_cooperation.arg"


def _lark_parses(monkeypatch) -> list[str]:
    """The texts lark's own parser is given from now on."""
    parser, _, _ = syntax._shared()
    texts: list[str] = []
    real = parser.parse

    def parse(text, *args, **kwargs):
        texts.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(parser, "parse", parse)
    return texts


def test_lark_reads_only_the_statements_around_the_error(monkeypatch):
    text = LARGEST.read_text(encoding="utf-8")
    lines = text.split("\n")
    middle = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("claim "))
    lines[middle] = "cliam" + lines[middle][5:]  # a typo in the middle of the largest map
    broken = "\n".join(lines)
    expected = pure(broken, "m.arg", monkeypatch)
    parses = _lark_parses(monkeypatch)
    fast_parser = syntax._fast()
    given: list[int] = []  # what the fast parser reads, without the blank lines that keep line numbers
    real = fast_parser.parse
    monkeypatch.setattr(fast_parser, "parse", lambda text: given.append(len(text.lstrip("\n"))) or real(text))
    document, diagnostics = fast(broken, "m.arg")
    assert (document, diagnostics) == expected
    assert [(d.code, d.span.line) for d in diagnostics if d.code.startswith("AM1")] == [("AM104", middle + 1)]
    # lark reads from the statement before the error to the error, once; the fast parser reads the map up
    # to the error (the statements it finished are kept), the statement before the error, and the rest of
    # the map after the error: not the first half again
    assert len(parses) == 1
    origin, error = len(broken) - len(parses[0].lstrip("\n")), broken.index("\ncliam") + 1
    assert error - 5000 < origin < error  # (the statement before it: a few lines up)
    assert len(given) == 3 and sum(given) < len(text) * 1.6


def test_an_error_at_a_statements_first_token_is_found_as_lark_finds_it(monkeypatch):
    # after `claim c "C"` (no block) `same` is read as the relation word, an error; at a file's start, an id
    head = "".join(f'claim c{i} "C{i}"\n' for i in range(6))
    text = head + 'same same as c1\nclaim d "D"\n'
    expected = pure(text, "q.arg", monkeypatch)
    assert [d.code for d in expected[1]] == ["AM103"] and expected[1][0].span.line == 7
    assert fast(text, "q.arg") == expected
    restarted = head + 'same same as c1\nsame same as c2\n'  # (the first `same` line ends a statement)
    assert fast(restarted, "q.arg") == pure(restarted, "q.arg", monkeypatch)


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted((ROOT / "maps").rglob("*.arg"))), st.floats(0, 1), st.sampled_from(
    ["", "{", "}", '"', "x", " supports ", "\n", "claim ", ":"]), st.integers(0, 3))
def test_an_edit_anywhere_in_a_map_parses_as_lark_parses_it(path, where, insert, delete):
    """What an editor sends while one types: a real map with a few characters deleted or typed anywhere."""
    text = path.read_text(encoding="utf-8")
    at = int(where * len(text))
    edited = text[:at] + insert + text[at + delete:]
    mp = pytest.MonkeyPatch()
    try:
        assert fast(edited, "edited.arg") == pure(edited, "edited.arg", mp)
    finally:
        mp.undo()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.booleans()), max_size=6), st.integers(0, 2), st.booleans())
def test_a_generated_reducer_fills_children_as_lark_does(plan, tail, expand1):
    """Every shape a rule can have (Nones before a child, `_`-rules spliced, Nones at the end), against lark's
    own `ChildFilterLALR` over the same plan (its `to_include` list: index, splice, Nones before)."""
    from lark.parse_tree_builder import ChildFilterLALR
    from lark.tree import Tree

    from argmap.language.lalr import _builder

    def children():  # a spliced child is a helper rule's list (lark: a Tree whose children it splices)
        return [[f"s{i}a", f"s{i}b"] if spliced else f"c{i}" for i, (_, spliced) in enumerate(plan)]

    ours = _builder(plan, tail, lambda kids: ("called", kids), expand1)(children())
    seen = []
    theirs = ChildFilterLALR([(i, spliced, before) for i, (before, spliced) in enumerate(plan)], tail,
                             lambda kids: seen.append(list(kids)) or ("called", kids))(
        [Tree("_x", kid) if isinstance(kid, list) else kid for kid in children()])
    if expand1 and len(seen[0]) == 1:
        assert ours == seen[0][0]
    else:
        assert ours == theirs
