"""The DOT writer's fast paths for printable text give exactly what the general path gives (the reference
functions below are the writer's quoting before the fast paths), on any text and on the paper maps."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings, strategies as st

import argmap
from argmap.render.dot import html_text, quote, to_dot

ROOT = Path(__file__).resolve().parents[1]


def reference_quote(value: object) -> str:
    text = "".join(ch for ch in str(value) if ch in "\n\r\t" or unicodedata.category(ch) != "Cc")
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def reference_html_text(value: str) -> str:
    out = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    out = out.replace("]", "&#93;")
    return "".join(ch for ch in out if ch == "\n" or unicodedata.category(ch)[0] != "C")


AWKWARD = ['', 'node', 'a "b" \\c', 'line\nnext\r\nthird\rfourth', 'tab\there', '\x00\x07\x1b[31mred\x7f\x85\x9f',
           '中文：“引号” \u200b\u2028\u2029\ufeff', ']]', '<b>&amp;</b>', '\ud800 lone', 'ｚ\u00a0nbsp', '\U0001f600']


def test_quote_and_html_text_match_the_general_path_on_awkward_texts():
    for text in AWKWARD:
        assert quote(text) == reference_quote(text), text
        assert html_text(text) == reference_html_text(text), text
    assert quote(2024) == reference_quote(2024) == '"2024"'


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=())))
def test_quote_and_html_text_match_the_general_path_on_any_text(text):
    assert quote(text) == reference_quote(text)
    assert html_text(text) == reference_html_text(text)


def test_paper_maps_dot_is_the_same_with_the_reference_quoting(monkeypatch):
    from argmap.render import dot

    for path in sorted((ROOT / "maps").glob("*.arg"))[:4] + sorted((ROOT / "examples").glob("*.arg"))[:4]:
        model = argmap.load(path).model
        fast = to_dot(model)
        with monkeypatch.context() as m:
            m.setattr(dot, "quote", reference_quote)
            m.setattr(dot, "html_text", reference_html_text)
            slow = to_dot(model)
        assert fast == slow, path
        assert fast.startswith("digraph ")


def test_display_width_fast_path_matches_wcwidth():
    from wcwidth import wcwidth

    from argmap.core.text import display_width

    for text in ["", "plain words", "~!@#$%^&*()_+{}|:<>?`-=[]\\;',./", "中文 text", "tab\t", "\x00\x1b\x7f"] + [
            chr(c) for c in range(0, 0x200)]:
        assert display_width(text) == sum(w if (w := wcwidth(ch)) >= 0 else 1 for ch in text), repr(text)
