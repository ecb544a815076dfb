"""Argdown both ways: every map exported and read back (and by the Argdown CLI when it is installed), and
hand-written files with each construct of the language."""

import json
import shutil
import subprocess
from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli.main import main
from argmap.formats import argdown
from argmap.formats.aif import flat_id
from argmap.formats.interchange import import_text

ROOT = Path(__file__).parents[1]
FILES = sorted((ROOT / "examples").rglob("*.arg")) + sorted((ROOT / "maps").rglob("*.arg"))
CLI = ROOT / ".argdown" / "node_modules" / ".bin" / "argdown"
PACKAGE_EXAMPLES = ROOT / ".argdown" / "node_modules" / "@argdown" / "cli" / "test"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_round_trip_keeps_statements_and_relations(path):
    model = argmap.load(path).model
    back, problems = argdown.load(argdown.dump(model), "x.argdown")
    assert problems == []
    # nodes come back grouped by section (Argdown's headings), so compare them in id order
    assert sorted((flat_id(n.id), n.kind.value, " ".join(n.text.split()), sorted(n.tags), [q.text for q in n.quotes])
                  for n in model.nodes) == \
        sorted((n.id, n.kind.value, n.text, sorted(n.tags), [q.text for q in n.quotes]) for n in back.nodes)
    assert sorted((flat_id(r.origin), r.kind.value, flat_id(r.target), r.note, r.strength, r.inferred)
                  for r in model.relations) == \
        sorted((r.origin, r.kind.value, r.target, r.note, r.strength, r.inferred) for r in back.relations)
    assert sorted((flat_id(n.id), sorted(n.inferred)) for n in model.nodes) == \
        sorted((n.id, sorted(n.inferred)) for n in back.nodes)
    assert [(flat_id(s.id), s.title, s.authors) for s in model.sources] == [(s.id, s.title, s.authors) for s in back.sources]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_import_of_the_export_checks_clean(path, tmp_path):
    model = argmap.load(path).model
    text, problems = import_text(argdown.dump(model), str(tmp_path / "x.argdown"), "argdown", str(tmp_path / "x.arg"))
    assert text is not None, problems
    assert text.startswith("# Imported by `argmap import --from argdown`")


@pytest.mark.skipif(not CLI.exists() or shutil.which("node") is None,
                    reason="the Argdown CLI is not installed (bash run.sh test installs it when npm exists)")
def test_argdown_cli_accepts_every_export(tmp_path):
    for path in FILES:
        (tmp_path / f"{path.stem}.argdown").write_text(argdown.dump(argmap.load(path).model), encoding="utf-8")
    result = subprocess.run([str(CLI), "json", "*.argdown", "out"], cwd=tmp_path, capture_output=True, text=True,
                            timeout=600)
    assert "syntax errors" not in result.stdout + result.stderr, result.stdout
    for path in FILES:
        data = json.loads((tmp_path / "out" / f"{path.stem}.json").read_text(encoding="utf-8"))
        model = argmap.load(path).model
        assert set(data["statements"]) == {n.id for n in model.nodes}
        undercut = {r.target for r in model.relations if r.target_is_relation}
        expected = sum(r.kind.value in ("supports", "attacks", "contradicts", "undercuts") for r in model.relations)
        # an undercut supports is an argument with a premise-conclusion structure, not a relation
        arguments = [r for r in model.relations if r.id in undercut and r.kind.value == "supports"]
        assert len(data["relations"]) == expected - len(arguments)
        for r in arguments:
            assert [(p["role"], p["title"]) for p in data["arguments"][r.id]["pcs"]] == \
                [("premise", r.origin), ("main-conclusion", r.target)]
        # the text reads back the same
        for n in model.nodes:
            statement = data["statements"][n.id]
            text = next(m["text"] for m in statement["members"] if m.get("text"))
            assert text.strip().startswith(" ".join(n.text.split()))
            assert set(statement.get("tags") or []) == set(n.tags)


@pytest.mark.skipif(not PACKAGE_EXAMPLES.exists(), reason="the @argdown/cli package is not installed")
def test_argdown_package_examples():
    model, problems = argdown.load((PACKAGE_EXAMPLES / "test.argdown").read_text(encoding="utf-8"), "test.argdown")
    assert [(n.id, n.text) for n in model.nodes] == [("statement_1", "text"), ("statement_2", "text")]
    assert [(r.origin, r.kind.value, r.target) for r in model.relations] == [("statement_2", "supports", "statement_1")]
    model, problems = argdown.load((PACKAGE_EXAMPLES / "include-test.argdown").read_text(encoding="utf-8"), "i.argdown")
    assert [(d.code, d.span.line) for d in problems] == [("AM110", 3)]
    assert "@include(_partial1.argdown)" in problems[0].message


PRIMER = dedent("""\
    ===
    title: A small debate
    author: Someone
    ===

    # Basics

    [Intro]: Argdown writes pros and cons. #intro
      + Writing a list is easy.
      + <Second reason>: Structures can be
        reconstructed in detail. #(two words)
      - <Objection>: Nobody reads __maps__. {weight: 2}
        - <Reply>: Maps are read by scholars.

    [Intro]: A second formulation of the intro.

    ## Reconstructions

    <Argument 1>

    (1) First premise.
    (2) [Intro]
    --
    Modus ponens {uses: [1, 2]}
    --
    (3) The conclusion.
      -> [Other]: Another statement.
      >< [Rival]: A rival statement.

    [Undercutter]: The inference fails.
      _> <Argument 1>

    @include(more.argdown)
    <!-- a comment with [Fake]: no statement -->
    """)


def test_hand_written_file_with_each_construct():
    model, problems = argdown.load(PRIMER, "primer.argdown")
    texts = {n.id: n.text for n in model.nodes}
    assert texts["Intro"] == "Argdown writes pros and cons."
    assert texts["second_reason"] == "Structures can be reconstructed in detail."
    assert "fake" not in texts
    intro = model.node("Intro")
    assert intro.tags == {"intro"} and intro.section == "Basics"
    assert intro.notes == ("A second formulation of the intro.",)
    assert model.node("second_reason").tags == {"two_words"} and model.node("second_reason").section == "Basics"
    assert model.node("Objection").notes == ("Argdown argument <Objection>",)
    assert model.node("untitled_3").section == "Reconstructions"
    relations = {(r.origin, r.kind.value, r.target) for r in model.relations}
    assert ("untitled_1", "supports", "Intro") in relations
    assert ("second_reason", "supports", "Intro") in relations
    assert ("Objection", "attacks", "Intro") in relations
    assert ("Reply", "attacks", "Objection") in relations
    # the premise-conclusion structure: each premise supports the conclusion; the argument's relations are
    # its conclusion's; the undercut aims at the inference
    conclusion = next(n.id for n in model.nodes if n.text == "The conclusion.")
    assert ("untitled_2", "supports", conclusion) in relations and ("Intro", "supports", conclusion) in relations
    assert (conclusion, "attacks", "Other") in relations and (conclusion, "contradicts", "Rival") in relations
    undercut = next(r for r in model.relations if r.kind.value == "undercuts")
    assert undercut.origin == "Undercutter" and model.relation(undercut.target).target == conclusion
    assert [s.title for s in model.sources] == ["A small debate"] and model.sources[0].authors == ("Someone",)
    found = sorted((d.span.line, d.message.split(":")[0][:40]) for d in problems)
    lines = [line for line, _ in found]
    assert all(d.code == "AM110" for d in problems)
    assert 12 in lines  # the data {weight: 2}
    assert 15 in lines  # the second formulation
    assert 23 in lines  # the inference rule
    assert 33 in lines  # @include


def test_hand_written_file_imports_and_checks(tmp_path):
    (tmp_path / "primer.argdown").write_text(PRIMER, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "primer.argdown"), "-o", str(tmp_path / "p.arg")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "p.arg").read_text(encoding="utf-8")
    assert "# Not carried over (line 33): `@include(more.argdown)` is not followed" in written
    assert argmap.load(tmp_path / "p.arg").ok


def test_bad_yaml_data_is_an_error_with_line_and_column(tmp_path):
    (tmp_path / "bad.argdown").write_text("[a]: text\n\n[b]: text {key: [1, 2}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "bad.argdown"), "-o", str(tmp_path / "bad.arg")])
    assert result.exit_code == 1
    assert "bad.argdown:3:" in result.output and "AM108" in result.output
    assert not (tmp_path / "bad.arg").exists()


def test_escape_keeps_special_characters():
    text = "50% of [x] <y> {z} #not_a_tag a@b *s* _u_ a/b c\\d"
    model = argmap.loads(f'claim c "{text.replace(chr(92), chr(92) * 2)}"').model
    back, problems = argdown.load(argdown.dump(model), "x.argdown")
    assert back.nodes[0].text == text and back.nodes[0].tags == frozenset()
