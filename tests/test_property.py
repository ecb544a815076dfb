"""No input, however broken, gives a traceback: only diagnostics (hypothesis)."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

import argmap

ROOT = Path(__file__).parents[1]
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.arg"))]
ALPHABET = st.sampled_from(list('{}:,."\\#\n -()abcxyz019日英「」；') + ["supports", "claim", "quote", "at",
                                                                      "\"\"\"", "as", "lines", "(inferred)"])


def _assert_only_diagnostics(text: str) -> None:
    result = argmap.loads(text, file="fuzz.arg")
    for d in result.diagnostics:
        assert d.code.startswith("AM") and d.message
        if d.span is not None and d.span.file == "fuzz.arg":
            assert d.span.line >= 1 and d.span.column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_arbitrary_text(text):
    _assert_only_diagnostics(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_token_soup(text):
    _assert_only_diagnostics(text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_examples(seed, data):
    # delete, duplicate or replace a slice of a real example
    i = data.draw(st.integers(0, len(seed)))
    j = data.draw(st.integers(i, min(len(seed), i + 40)))
    insert = data.draw(st.sampled_from(["", "{", "}", '"', "\n", "claim", ":", seed[i:j], "；", "\\"]))
    _assert_only_diagnostics(seed[:i] + insert + seed[j:])
