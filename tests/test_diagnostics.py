"""Diagnostics end to end: golden text and JSON for each case in tests/cases/diagnostics/."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import main
from argmap.core.diagnostics import CODES, registry_markdown
from argmap.core.text import display_width

CASES = sorted((Path(__file__).parent / "cases" / "diagnostics").glob("*.arg"))


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_golden_text_and_json(case, golden, in_root):
    path = str(case.relative_to(in_root))
    text = CliRunner().invoke(main, ["check", path])
    golden(f"diagnostics/{case.stem}.txt", text.output)
    as_json = CliRunner().invoke(main, ["check", "--format", "json", path])
    golden(f"diagnostics/{case.stem}.json", as_json.output)
    assert json.loads(as_json.output)["files"] == [path]
    assert text.exit_code == as_json.exit_code
    assert "Traceback" not in text.output


def test_syntax_errors_are_all_reported_with_positions(in_root):
    result = CliRunner().invoke(main, ["check", "--format", "json", "tests/cases/diagnostics/syntax_errors.arg"])
    found = [(d["code"], d["span"]["line"], d["span"]["column"]) for d in json.loads(result.output)["diagnostics"]]
    assert found == [
        ("AM104", 3, 1),    # cliam
        ("AM102", 5, 11),   # unclosed quote
        ("AM101", 9, 13),   # full-width semicolon
        ("AM104", 10, 3),   # suports
        ("AM204", 11, 14),  # lines 3-2
        ("AM101", 12, 8),   # note = "x"
        ("AM106", 15, 22),  # \q
        ("AM103", 16, 10),  # agrees c9 (with missing)
        ("AM103", 20, 7),   # id starting with a digit
    ]
    assert result.exit_code == 1


def test_hints_say_how_to_fix(in_root):
    result = CliRunner().invoke(main, ["check", "tests/cases/diagnostics/resolution_errors.arg"])
    assert "did you mean `main`?" in result.output
    assert "did you mean `authors`?" in result.output
    assert "did you mean `hedged`?" in result.output
    assert "first defined here" in result.output


def test_caret_counts_wide_characters_twice(in_root):
    result = CliRunner().invoke(main, ["check", "tests/cases/diagnostics/syntax_errors.arg"])
    lines = result.output.splitlines()
    i = next(i for i, line in enumerate(lines) if "unexpected character `；`" in line)
    source_line, caret_line = lines[i + 1], lines[i + 2]
    # the caret stands under the full-width semicolon, which takes two cells
    prefix = source_line.split("；")[0]
    assert caret_line.index("^") == display_width(prefix)
    assert caret_line.count("^") == 2


def test_every_code_is_documented():
    doc = (Path(__file__).parents[1] / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^## (AM\d{3})", doc, re.M))
    assert documented == set(CODES)
    # the reference part of the page is the registry itself (regenerate: argmap.core.diagnostics.registry_markdown)
    assert doc.endswith(registry_markdown())


def test_explain():
    result = CliRunner().invoke(main, ["check", "--explain", "am201"])
    assert result.exit_code == 0
    assert result.output.startswith("AM201 (unknown-id, error)")
    bad = CliRunner().invoke(main, ["check", "--explain", "AM999"])
    assert bad.exit_code == 2
    assert "no diagnostic code" in bad.output
