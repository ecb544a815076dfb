"""The ICCMA formats (apx, tgf, i23): reading, writing, `argmap analyze FILE.apx|.tgf|.i23`, `argmap export
--format apx|tgf|i23`, and line-numbered diagnostics for malformed framework files."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

import argmap
from argmap.analysis.semantics import Framework, framework_of, grounded
from argmap.cli.main import main
from argmap.formats import iccma

ROOT = Path(__file__).parents[1]
CASES = ROOT / "tests" / "cases" / "iccma"
MAPS = sorted((ROOT / "maps").glob("*.arg"))
FORMATS = ("apx", "tgf", "i23")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def load_case(name: str) -> Framework:
    path = CASES / name
    af, problems = iccma.load(path.read_text(encoding="utf-8"), str(path), iccma.format_of(name))
    assert problems == [] and af is not None
    return af


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_textbook_framework_reads_alike_in_every_format(fmt):
    af = load_case(f"dung_example.{fmt}")
    names = ["a", "b", "c", "d", "e"] if fmt != "i23" else ["1", "2", "3", "4", "5"]
    a, b, c, d, e = names
    assert af.arguments == tuple(names)
    assert af.attacks == ((a, b), (b, a), (b, c), (c, d))


# what `argmap analyze --semantics S` prints for the textbook framework, in each format's notation
# (extensions ordered by their members' positions)
EXPECTED = {
    "apx": {"grounded": "[e]", "complete": "[[a,c,e],[b,d,e],[e]]", "preferred": "[[a,c,e],[b,d,e]]",
            "stable": "[[a,c,e],[b,d,e]]"},
    "i23": {"grounded": "w 5", "complete": "w 1 3 5\nw 2 4 5\nw 5", "preferred": "w 1 3 5\nw 2 4 5",
            "stable": "w 1 3 5\nw 2 4 5"},
}
EXPECTED["tgf"] = EXPECTED["apx"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("semantics", ["grounded", "complete", "preferred", "stable"])
def test_analyze_prints_extensions_in_iccma_notation(fmt, semantics):
    result = run("analyze", "--semantics", semantics, CASES / f"dung_example.{fmt}")
    assert result.exit_code == 0, result.output
    assert result.output == EXPECTED[fmt][semantics] + "\n"


def test_one_extension_and_no_extension():
    assert run("analyze", "--semantics", "preferred", "--one", CASES / "dung_example.apx").output == "[a,c,e]\n"
    assert run("analyze", "--semantics", "stable", "--one", CASES / "dung_example.i23").output == "w 1 3 5\n"
    # an odd cycle: no stable extension at all; the one preferred extension is empty
    assert run("analyze", "--semantics", "stable", CASES / "odd_cycle.apx").output == "[]\n"
    assert run("analyze", "--semantics", "stable", "--one", CASES / "odd_cycle.apx").output == "NO\n"
    assert run("analyze", "--semantics", "preferred", CASES / "odd_cycle.apx").output == "[[]]\n"
    assert run("analyze", "--semantics", "grounded", CASES / "odd_cycle.apx").output == "[]\n"


def test_acceptance_answers_yes_or_no_with_the_2023_certificates():
    apx, i23 = CASES / "dung_example.apx", CASES / "dung_example.i23"
    assert run("analyze", "--semantics", "preferred", "--accept", "a", "--mode", "credulous", apx).output == "YES\n"
    assert run("analyze", "--semantics", "preferred", "--accept", "a", apx).output == "NO\n"
    assert run("analyze", "--semantics", "preferred", "--accept", "e", apx).output == "YES\n"
    # ICCMA 2023: credulous YES and sceptical NO carry an extension as certificate on the next line
    assert run("analyze", "--semantics", "stable", "--accept", "1", "--mode", "credulous", i23).output == \
        "YES\nw 1 3 5\n"
    out = run("analyze", "--semantics", "preferred", "--accept", "1", i23).output
    assert out == "NO\nw 2 4 5\n"
    assert run("analyze", "--semantics", "grounded", "--accept", "5", i23).output == "YES\n"
    assert run("analyze", "--semantics", "complete", "--accept", "1", "--mode", "credulous",
               CASES / "reinstatement.i23").output == "YES\nw 1 3\n"
    unknown = run("analyze", "--accept", "z", apx)
    assert unknown.exit_code == 2 and "`z` is not an argument" in unknown.output


@pytest.mark.parametrize("name", ["malformed.apx", "malformed.tgf", "malformed.i23"])
def test_malformed_files_get_line_numbered_diagnostics(name, golden, in_root):
    result = CliRunner().invoke(main, ["analyze", f"tests/cases/iccma/{name}"])
    assert result.exit_code == 1
    golden(f"diagnostics/iccma_{name.replace('.', '_')}.txt", result.output)


def test_malformed_positions_and_codes():
    path = CASES / "malformed.i23"
    af, problems = iccma.load(path.read_text(encoding="utf-8"), "m.i23", "i23")
    assert af is None
    assert [(d.code, d.span.line, d.span.column) for d in problems] == [
        ("AM112", 4, 3), ("AM111", 5, 1), ("AM112", 6, 1), ("AM113", 7, 1)]
    _, problems = iccma.load("1 2\n", "h.i23", "i23")
    assert [(d.code, d.message) for d in problems] == [("AM112", "an attack before the `p af N` header")]
    _, problems = iccma.load("# only a comment\n", "e.i23", "i23")
    assert [(d.code, d.message) for d in problems] == [("AM112", "no `p af N` header")]
    # a warning alone keeps the framework: the repeat is dropped
    af, problems = iccma.load("arg(a). arg(a). att(a,a).\n", "w.apx", "apx")
    assert af == Framework(("a",), (("a", "a"),)) and [d.code for d in problems] == ["AM113"]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 12).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))),
                         max_size=3 * n if n else 0))))
def test_round_trip_in_every_format(case):
    n, pairs = case
    names = [f"x{i}" for i in range(n)]
    attacks = tuple(dict.fromkeys((names[i], names[j]) for i, j in pairs))
    for fmt in FORMATS:
        labels = iccma.names_for(names, fmt)
        rename = dict(zip(names, labels))
        af = Framework(tuple(labels), tuple((rename[x], rename[y]) for x, y in attacks))
        back, problems = iccma.load(iccma.dump(af, fmt, ["a comment"]), "rt", fmt)
        assert problems == [] and back == af, fmt


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_export_of_every_paper_map(path, tmp_path):
    model = argmap.load(path).model
    af, _ = framework_of(model)
    labels = grounded(af)
    for fmt in FORMATS:
        out = tmp_path / f"map.{fmt}"
        result = run("export", path, "--format", fmt, "-o", out)
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        back, problems = iccma.load(text, str(out), fmt)
        assert problems == [] and len(back.arguments) == len(af.arguments) and len(back.attacks) == len(af.attacks)
        # the id table: comments in apx and i23, a side file for tgf
        table = (tmp_path / f"map.{fmt}.ids.tsv").read_text(encoding="utf-8") if fmt == "tgf" else text
        for name, ident in zip(iccma.names_for(af.arguments, fmt), af.arguments):
            line = f"{name}\t{ident}\t" if fmt == "tgf" else f"{name} = {ident} ("
            assert line in table
        # the framework is the map's: the grounded extension read back names the same arguments
        rename = dict(zip(iccma.names_for(af.arguments, fmt), af.arguments))
        grounded_back = run("analyze", "--semantics", "grounded", out).output.strip()
        members = grounded_back.removeprefix("w").strip().split() if fmt == "i23" else \
            [x for x in grounded_back.strip("[]").split(",") if x]
        assert sorted(rename[m] for m in members) == sorted(a for a, v in labels.items() if v == "in")


def test_export_names_ids_that_a_format_cannot_carry():
    model = argmap.loads('source s "S"\nthesis 論點 "T"\nclaim c-1 "C" { attacks 論點 }\n').model
    text, table = iccma.dump_model(model, "apx")
    assert "arg(a1).\narg(a2).\natt(a2,a1)." in text
    assert "% a1 = 論點 (thesis)" in text and "a2\tc-1\tclaim" in table
    back, problems = iccma.load(text, "x.apx", "apx")
    assert problems == [] and back.attacks == (("a2", "a1"),)


def test_export_prints_to_standard_output_and_writes_no_map_text(in_root):
    result = run("export", "examples/02_counterclaims.arg", "--format", "i23")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "p af 7"
    assert "# 6 = congestion (counterclaim)" in lines
    assert "Congestion" not in result.output  # ids and kinds only, never a node's text
    assert [line for line in lines if not line.startswith(("#", "p "))] == ["3 7", "4 3", "5 1", "6 1"]  # in source order


def test_framework_names_cannot_drive_the_terminal(tmp_path):
    path = tmp_path / "esc.apx"
    path.write_text("arg(a\x1b[2J). arg(b).\natt(a\x1b[2J,b).\n", encoding="utf-8")
    result = run("analyze", "--semantics", "preferred", path)
    assert result.exit_code == 0 and "\x1b" not in result.output and result.output == "[[a\\u001b[2J]]\n"
    result = run("analyze", "--semantics", "grounded", "--format", "json", path)
    assert result.exit_code == 2 and "ICCMA notation" in result.output
