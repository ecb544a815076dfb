"""The lark-cython parser (the fast path) gives the same syntax tree and diagnostics as pure lark on every
map, example and test case, clean or not; files with syntax errors go to the pure-lark path, which recovers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from argmap.language import parse as syntax

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for d in ("maps", "examples", "tests") for p in (ROOT / d).rglob("*.arg"))
sys.path.insert(0, str(ROOT / "bench"))


def pure(text: str, file: str, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(syntax, "_fast", lambda: None)
        return syntax.parse(text, file)


def test_lark_cython_is_in_use():
    pytest.importorskip("lark_cython")
    lark_cython = pytest.importorskip("lark_cython")
    fast = syntax._fast()
    assert fast is not None
    # built from lark's cache of the grammar's tables, it still lexes and parses with lark-cython
    assert type(fast.parser.parser).__module__ == type(fast.parser.lexer).__module__ == "lark_cython.lark_cython"
    assert lark_cython.Token in syntax._TOKEN_TYPES


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_tree_and_diagnostics_as_pure_lark(path, monkeypatch):
    text = path.read_bytes().decode("utf-8", "replace")
    assert syntax.parse(text, str(path)) == pure(text, str(path), monkeypatch)


def test_a_file_with_errors_still_gets_every_diagnostic(monkeypatch):
    text = (ROOT / "tests/cases/diagnostics/syntax_errors.arg").read_text(encoding="utf-8")
    document, diagnostics = syntax.parse(text, "syntax_errors.arg")
    assert sum(d.code.startswith("AM1") for d in diagnostics) >= 2  # recovered past the first error
    assert (document, diagnostics) == pure(text, "syntax_errors.arg", monkeypatch)


def test_big_synthetic_map_parses_the_same(monkeypatch):
    from generate import synthetic_map

    text = synthetic_map(500)
    fast = syntax.parse(text, "bench.arg")
    assert fast == pure(text, "bench.arg", monkeypatch)
    assert len(fast[0].statements) == 502 and not fast[1]


LINES = ['claim a "A"', 'claim b "B" {', '  supports a', '}', 'evidence e "E" { year: 2024 }', 'a attacks b',
         'thesis t "T\\q"', 'b supports a (inferred)', '  tags: x, y', 'source s "S" {', '"unclosed', '  zh: "中"',
         'cliam c "C"', '# note', 'b undercuts a as r1', 'e qualifies a { strength: weak }', '  x', '{', ';']


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=12))
def test_same_result_on_line_soup(lines):
    text = "\n".join(lines) + "\n"
    mp = pytest.MonkeyPatch()
    try:
        assert syntax.parse(text, "soup.arg") == pure(text, "soup.arg", mp)
    finally:
        mp.undo()
