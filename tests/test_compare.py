"""Comparison maps: `argmap compare` (text, Markdown, JSON goldens), `argmap diff`, and their diagnostics."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli.main import main
from argmap.analysis.compare import compare

ROOT = Path(__file__).parents[1]
COMPARISONS = sorted((ROOT / "maps" / "comparisons").glob("*.arg"))
PAPERS = ROOT.parent / "shared" / "papers"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("fmt, ext", [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_compare_golden(fmt, ext, golden, in_root):
    result = run("compare", "examples/comparison/why_cities_grow.arg", "--format", fmt)
    assert result.exit_code == 0, result.output
    golden(f"compare/why_cities_grow.{ext}", result.output)


def test_stance_matrix_contents(in_root):
    report = compare(argmap.load("examples/comparison/why_cities_grow.arg").model)
    assert [p.namespace for p in report.papers] == ["a", "b"]
    why = report.questions[0]
    assert why.id == "why_grow"
    cells = dict(why.positions)
    assert [(p.id, p.stance) for p in cells["a"]] == [("a.agglomeration", "asserted")]
    assert [(p.id, p.stance) for p in cells["b"]] == [("b.amenities", "hedged")]
    assert dict(report.questions[1].positions)["a"] == ()
    assert [(l.origin.id, l.target.id, l.questions) for l in report.disputes] == [
        ("a.agglomeration", "b.amenities", ("why_grow",))]
    assert [(l.origin.id, l.target.id) for l in report.refinements] == [("b.weak_agglomeration", "a.agglomeration")]
    assert [(q, ns, p.id) for q, ns, p in report.unique] == [("why_grow", "b", "b.amenities")]


def test_compare_needs_a_comparison_map(in_root):
    result = run("compare", "examples/01_minimal.arg")
    assert result.exit_code == 2 and "imports no maps" in result.output


def test_comparison_diagnostics(tmp_path):
    (tmp_path / "p.arg").write_text('source s "S"\nthesis t "T"\nevidence e "E" { supports t }\n', encoding="utf-8")
    (tmp_path / "c.arg").write_text(
        'import "p.arg" as p\n'
        'import "p.arg" as again\n'
        'import "other.arg" as p\n'
        'p.tt agrees with p.t\n'
        'q.t refines p.t\n'
        'p.e answers p.t\n', encoding="utf-8")
    result = argmap.load(tmp_path / "c.arg")
    found = [(d.code, d.span.line, d.span.column) for d in result.diagnostics]
    assert found == [
        ("AM309", 1, 1),   # a comparison map with no question
        ("AM208", 2, 8),   # the same paper imported twice
        ("AM208", 3, 23),  # a namespace used twice
        ("AM201", 4, 1),   # an id that the imported map does not have
        ("AM207", 5, 1),   # a namespace that is not imported
        ("AM301", 6, 1),   # evidence cannot answer questions
    ]
    unknown = next(d for d in result.diagnostics if d.code == "AM201")
    assert unknown.hint == "did you mean `p.t`?"


def test_diff_golden(golden, in_root):
    args = ["diff", "examples/diff/old.arg", "examples/diff/new.arg"]
    text = run(*args)
    assert text.exit_code == 0
    golden("diff/old_new.txt", text.output)
    as_json = run(*args, "--format", "json")
    golden("diff/old_new.json", as_json.output)
    summary = json.loads(as_json.output)["summary"]
    assert summary["node"] == {"added": 1, "removed": 0, "changed": 2}
    assert summary["relation"] == {"added": 1, "removed": 1, "changed": 1}


def test_diff_exit_code(in_root):
    assert run("diff", "--exit-code", "examples/diff/old.arg", "examples/diff/new.arg").exit_code == 1
    same = run("diff", "--exit-code", "examples/diff/old.arg", "examples/diff/old.arg")
    assert same.exit_code == 0 and "no differences" in same.output


def test_diff_refuses_broken_input(tmp_path, in_root):
    bad = tmp_path / "bad.arg"
    bad.write_text('claim c "x" { supports nowhere }\n', encoding="utf-8")
    result = run("diff", "examples/diff/old.arg", bad)
    assert result.exit_code == 1 and "AM201" in result.output and "Traceback" not in result.output


@pytest.mark.skipif(not PAPERS.is_dir(), reason="../shared/papers is not beside the checkout")
@pytest.mark.parametrize("path", COMPARISONS, ids=lambda p: p.stem)
def test_real_comparisons_check_clean_and_compare(path):
    result = argmap.load(path)
    assert list(result.diagnostics) == []
    report = compare(result.model)
    assert len(report.papers) >= 2 and report.questions
    for question in report.questions:
        answering = [ns for ns, positions in question.positions if positions]
        assert len(answering) >= 2, f"{question.id} is answered by fewer than two papers"
    cross = report.agreements + report.disputes + report.refinements
    assert any(link.origin_paper != link.target_paper for link in cross)


def test_quotes_on_comparison_relations_are_verified_against_the_origin_paper(tmp_path):
    (tmp_path / "paper.txt").write_text("S. Strategy\nThe alliance is a tool of national strategy.\n", encoding="utf-8")
    (tmp_path / "p.arg").write_text('source s "S" { fulltext: "paper.txt" }\nthesis t "T"\n', encoding="utf-8")
    (tmp_path / "c.arg").write_text(
        'import "p.arg" as p\nquestion q "Q?"\n'
        'p.t answers q {\n'
        '  quote: "a tool of national strategy" at "S"\n'
        '  quote: "a tool of national power" at "S"\n'
        '}\n', encoding="utf-8")
    result = argmap.load(tmp_path / "c.arg")
    problems = [(d.code, d.span.line) for d in result.diagnostics if d.span.file.endswith("c.arg")]
    assert problems == [("AM308", 5)]


@pytest.mark.skipif(not PAPERS.is_dir(), reason="../shared/papers is not beside the checkout")
def test_worked_example_in_the_docs_checks_clean():
    import re
    doc = (ROOT / "docs" / "compare.md").read_text(encoding="utf-8")
    example = re.search(r"```arg\n(.*?)```", doc, re.S).group(1)
    result = argmap.loads(example, file=str(ROOT / "maps" / "comparisons" / "doc_example.arg"))
    assert [d for d in result.diagnostics if d.span.file.endswith("doc_example.arg")] == []
    report = compare(result.model)
    cells = dict(report.questions[0].positions)
    assert [p.stance for p in cells["aja"]] == ["asserted", "conceded"]
