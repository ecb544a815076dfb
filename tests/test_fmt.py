"""The formatter: idempotent, meaning-preserving, keeps every comment; `argmap fmt` never loses input."""

from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

import argmap
from argmap.cli.main import main
from argmap.language.fmt import format_document
from argmap.formats.plain import model_to_dict
from argmap.language.parse import parse

ROOT = Path(__file__).parents[1]
FILES = sorted((ROOT / "examples").rglob("*.arg")) + sorted((ROOT / "maps").rglob("*.arg"))


def fmt(text: str) -> str:
    document, diagnostics = parse(text, "f.arg")
    assert not [d for d in diagnostics if d.severity.value == "error"]
    return format_document(document)


def meaning(text: str, file: str) -> dict:
    data = model_to_dict(argmap.loads(text, file=file).model, spans=False)
    data.pop("file")
    return data


def comments(text: str) -> list[str]:
    return sorted(c.text.strip() for c in parse(text, "f.arg")[0].comments)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_idempotent_meaning_preserving_comment_keeping(path):
    text = path.read_text(encoding="utf-8")
    once = fmt(text)
    assert fmt(once) == once
    assert meaning(once, str(path)) == meaning(text, str(path))
    assert comments(once) == comments(text)


def test_canonical_layout():
    text = dedent('''\
        # about the source
        source s "S" { year: 2020 (inferred) lang: zh-Hant }
        claim  c   "say \\"hi\\"" { supports t { note: "n" }   # why
          quote: "q" at "壹、前言" lines 3-3
        }
        thesis t """
            two
              lines
            """
        ''')
    assert fmt(text) == dedent('''\
        # about the source
        source s "S" {
          year: 2020 (inferred)
          lang: zh-Hant
        }

        claim c "say \\"hi\\"" {
          supports t {
            note: "n"
          }  # why
          quote: "q" at "壹、前言" line 3
        }

        thesis t """
          two
            lines
          """
        ''')


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(FILES[:6]), st.data())
def test_mutated_inputs_that_parse_format_stably(path, data):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    i = data.draw(st.integers(0, len(lines) - 1))
    extra = data.draw(st.sampled_from(["# a comment", "", "  # indented comment", "note: \"x\"  # c"]))
    mutated = "\n".join(lines[:i] + [extra] + lines[i:])
    document, diagnostics = parse(mutated, "f.arg")
    if any(d.severity.value == "error" for d in diagnostics):
        return
    once = format_document(document)
    assert fmt(once) == once
    assert comments(once) == comments(mutated)


def test_cli_check_and_in_place(tmp_path):
    messy = tmp_path / "m.arg"
    messy.write_text('source s "S" { year: 2020 }\nthesis t "T"   # keep me\n', encoding="utf-8")
    check = CliRunner().invoke(main, ["fmt", "--check", str(tmp_path)])
    assert check.exit_code == 1 and f"would format {messy}" in check.output
    assert messy.read_text(encoding="utf-8").startswith('source s "S" { year')  # --check changes nothing
    printed = CliRunner().invoke(main, ["fmt", str(messy)])
    assert printed.output == 'source s "S" {\n  year: 2020\n}\n\nthesis t "T"  # keep me\n'
    assert CliRunner().invoke(main, ["fmt", "-i", str(messy)]).exit_code == 0
    assert messy.read_text(encoding="utf-8") == printed.output
    assert CliRunner().invoke(main, ["fmt", "--check", str(messy)]).exit_code == 0


def test_cli_never_touches_a_file_with_syntax_errors(tmp_path):
    broken = tmp_path / "b.arg"
    broken.write_text('claim c "unclosed {\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["fmt", "-i", str(broken)])
    assert result.exit_code == 1 and "AM102" in result.output
    assert broken.read_text(encoding="utf-8") == 'claim c "unclosed {\n'
