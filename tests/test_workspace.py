"""The workspace owns what it read, and forgets exactly what a change makes stale; the model's indexes
cannot go stale; the golden fixture never writes a missing golden on its own."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from textwrap import dedent

from click.testing import CliRunner

import argmap
from argmap.cli.main import main
from argmap.workspace import Workspace

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]

B = 'source s "A paper" { fulltext: "paper.txt" }\nclaim shared "A shared claim" {\n  quote: "the sky is blue"\n}\n'
A = 'import "b.arg" as b\nthesis t "A thesis" {\n  supports b.shared\n}\nb.shared supports t\n'
C = 'thesis alone "Unrelated"\n'


def _project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "paper.txt").write_text("We find that the sky is blue.\n", encoding="utf-8")
    (tmp_path / "b.arg").write_text(B, encoding="utf-8")
    (tmp_path / "a.arg").write_text(A, encoding="utf-8")
    (tmp_path / "c.arg").write_text(C, encoding="utf-8")
    return tmp_path


def test_invalidating_an_import_forgets_its_importers_and_nothing_else(tmp_path):
    root = _project(tmp_path)
    ws = Workspace()
    for name in ("a.arg", "b.arg", "c.arg"):
        ws.load(root / name)
    c_before = ws.cache[(root / "c.arg").resolve()]
    (root / "b.arg").write_text(B.replace("A shared claim", "A changed claim"), encoding="utf-8")
    forgotten = ws.invalidate(root / "b.arg")
    assert forgotten == {(root / "a.arg").resolve(), (root / "b.arg").resolve()}
    a = ws.load(root / "a.arg")
    assert a.model.node("b.shared").text == "A changed claim"
    assert ws.load(root / "c.arg") is c_before  # not re-checked


def test_invalidating_a_full_text_rechecks_the_maps_that_quote_it(tmp_path):
    root = _project(tmp_path)
    ws = Workspace()
    assert not [d for d in ws.load(root / "a.arg").diagnostics if d.code == "AM308"]
    (root / "paper.txt").write_text("We find that the sky is grey.\n", encoding="utf-8")
    assert ws.invalidate(root / "paper.txt") == {(root / "a.arg").resolve(), (root / "b.arg").resolve()}
    codes = [d.code for d in ws.load(root / "b.arg").diagnostics]
    assert "AM308" in codes


def test_excerpts_come_from_the_text_the_workspace_read(tmp_path):
    path = tmp_path / "m.arg"
    path.write_text('claim c "A claim" {\n  stauts: open\n}\n', encoding="utf-8")
    ws = Workspace()
    result = ws.load(path)
    path.write_text("something else entirely\n", encoding="utf-8")  # the file changes after it was read
    file = result.diagnostics[0].span.file
    assert ws.lines(file)[1] == "  stauts: open"


def test_check_prints_excerpts_without_reading_files_again(tmp_path, monkeypatch):
    path = tmp_path / "m.arg"
    path.write_text('claim c "A claim" {\n  stauts: open\n}\n', encoding="utf-8")
    reads = []
    original = Path.read_text

    def counting(self, *args, **kwargs):
        reads.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    out = CliRunner().invoke(main, ["check", str(path)])
    assert "  stauts: open" in out.output and out.exit_code == 1
    assert path not in reads


def test_replacing_the_nodes_of_a_model_rebuilds_its_index():
    model = argmap.load(ROOT / "examples" / "02_counterclaims.arg").model
    first = model.nodes[0]
    assert model.node(first.id) is first
    emptied = dataclasses.replace(model, nodes=())
    assert emptied.node(first.id) is None
    assert dataclasses.replace(model, nodes=model.nodes[1:]).node(first.id) is None


def test_a_translation_tag_that_is_a_word_warns(tmp_path):
    path = tmp_path / "m.arg"
    path.write_text(dedent('''\
        thesis t "A thesis" {
          no: "meant as a note"
          it-IT: "Una tesi"
          zh-Latn-pinyin: "lùndiǎn"
        }
        '''), encoding="utf-8")
    result = argmap.load(path)
    problems = [d for d in result.diagnostics if d.code != "AM304"]  # (a thesis that nothing supports)
    assert [(d.code, d.span.line) for d in problems] == [("AM212", 2)]
    assert "did you mean `note`?" in problems[0].hint
    assert dict(result.model.node("t").translations)["it-IT"] == "Una tesi"


def test_a_missing_golden_fails_even_outside_ci(pytester, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))
    pytester.makepyfile(test_x='def test_x(golden):\n    golden("stage/never_written.txt", "text")\n')
    outcome = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    outcome.assert_outcomes(failed=1)
    assert "golden file stage/never_written.txt is missing" in outcome.stdout.str()
