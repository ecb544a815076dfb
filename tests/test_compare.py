"""Comparison maps: `argmap compare` (goldens for every report format), stances (`none`, reported views),
provenance (authors, cites), the comparison checks AM318-AM322, `argmap diff`."""

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
        holding = [ns for ns, positions in question.positions if any(p.stance != "none" for p in positions)]
        # japan_nato_alliance's q_alliance is 004's question: 000 and 002 answer it with `stance: none`;
        # bandwagoning_or_balancing's q_theory is 003's: 000 adopts realism without saying it is enough
        # (the second reader's finding), so 000's cells there are `stance: none`; japan_nato_alliance's q_limits
        # is 004's too (the full pass: 000's precedent is a century earlier, 003's limits are the US-Japan
        # alliance's, both `stance: none`)
        single = {"q_alliance", "q_theory", "q_limits"}
        assert len(holding) >= (1 if question.id in single else 2), question.id
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


# --- issue 12: stances, provenance, a citable report ---------------------------------------------------
from textwrap import dedent

from argmap.render import report as render

REAL = "maps/comparisons/alliance_asymmetry.arg"  # a no-position cell, a reported view, a same-author link
needs_papers = pytest.mark.skipif(not PAPERS.is_dir(), reason="../shared/papers is not beside the checkout")


def test_comparison_checks_golden(golden, in_root):
    """AM318-AM322 on a case with two papers by one author (matched across full-width letters) and a citation."""
    result = run("check", "tests/cases/compare/provenance.arg")
    assert result.exit_code == 0, result.output  # warnings only
    golden("compare/provenance_check.txt", result.output)
    codes = [line.split("[")[1][:5] for line in result.output.splitlines() if "warning[" in line]
    assert codes == ["AM319", "AM320", "AM318", "AM321", "AM322", "AM322"]
    assert "both are by Lin Mei" in result.output and "`b.lin2021` cites `b.earlier` by Lin Mei" in result.output


def test_an_acknowledged_shared_author_does_not_warn(tmp_path):
    (tmp_path / "a.arg").write_text('source a "A" { authors: "朱海燕" }\nclaim x "X" { quote: "x" at "S" }\n',
                                    encoding="utf-8")
    (tmp_path / "b.arg").write_text('source b "B" { authors: "朱海燕" }\nclaim y "Y" { quote: "y" at "S" }\n',
                                    encoding="utf-8")
    body = 'import "a.arg" as a\nimport "b.arg" as b\nquestion q "Q?"\na.x answers q\nb.y answers q\n'
    for note, warned in (("Both say so.", True), ("Same author: both say so.", False),
                         ("朱海燕 says so twice.", False)):
        (tmp_path / "c.arg").write_text(body + f'a.x agrees with b.y {{ note: "{note}" }}\n', encoding="utf-8")
        codes = [d.code for d in argmap.load(tmp_path / "c.arg").diagnostics]
        assert ("AM320" in codes) is warned, (note, codes)


def test_stance_none_and_reported_fields(tmp_path):
    (tmp_path / "p.arg").write_text(dedent("""\
        source s "S"
        claim own "The author's view" { quote: "own" at "S" }
        claim theirs "What officials think" {
          reported: "Japanese officials"
          endorsed: partly
          quote: "they think" at "S" line 4
        }
        """), encoding="utf-8")
    (tmp_path / "c.arg").write_text(dedent("""\
        import "p.arg" as p
        question q "Q?"
        p.own answers q { stance: none }
        p.theirs answers q { endorsed: yes }
        p.own supports p.theirs { stance: none reported: "x" }
        """), encoding="utf-8")
    result = argmap.load(tmp_path / "c.arg")
    found = [(d.code, d.span.line, d.span.column) for d in result.diagnostics if d.span.file.endswith("c.arg")]
    assert found == [
        ("AM204", 3, 27),  # stance: none needs a note
        ("AM204", 4, 22),  # endorsed without reported
        ("AM204", 5, 35),  # stance: none is for answers
        ("AM210", 5, 40),  # reported is for answers (or a node)
    ]
    theirs = result.model.node("p.theirs")
    assert (theirs.reported, theirs.endorsed) == ("Japanese officials", "partly")


def test_new_fields_round_trip_through_fmt_and_json(in_root):
    from argmap.formats.plain import model_from_dict, model_to_dict
    from argmap.language.fmt import format_document
    from argmap.language.unparse import to_document

    model = argmap.load("tests/cases/compare/paper_b.arg").model
    earlier = model.source("lin2021")
    assert earlier.cites == ("earlier",) and "year" in earlier.inferred
    assert model_from_dict(model_to_dict(model)) == model
    again = argmap.loads(format_document(to_document(model)), file="tests/cases/compare/paper_b.arg").model
    assert again.source("lin2021").cites == ("earlier",)
    a = argmap.load("tests/cases/compare/paper_a.arg").model
    assert a.source("lin2019").affiliations == ("University of Somewhere",)
    node = argmap.loads(format_document(to_document(a)), file="tests/cases/compare/paper_a.arg").model.node(
        "officials_think")
    assert (node.reported, node.endorsed) == ("city planners", "no")


@needs_papers
@pytest.mark.parametrize("fmt, ext", [("text", "txt"), ("markdown", "md"), ("html", "html"), ("json", "json"),
                                      ("latex", "tex"), ("csv", "csv")])
def test_real_comparison_report_golden(fmt, ext, golden, in_root):
    result = run("compare", REAL, "--format", fmt)
    assert result.exit_code == 0, result.output
    golden(f"compare/alliance_asymmetry.{ext}", result.output)


@needs_papers
def test_real_comparison_report_contents(in_root):
    """What a scholar checks: author-year columns with an inferred year marked, a cell's own note with section
    and lines, the question notes, a no-position cell, a reported view, the same-author flag, the synthesis,
    the relation quotes and a bibliography."""
    md = run("compare", REAL, "--format", "markdown").output
    assert "| 朱海燕 2021 | 卢昊 &amp; 赵家敏 2023 | 巴殿君 et al. \\[2026\\] | 朱海燕 \\[2023\\] |" in md
    assert "(朱海燕 2021, (一)日本战略性利用日美同盟的政策收益, ll. 1161-1163)" in md
    assert "> All three US–Japan papers grant that it does" in md
    assert "c\\_e3\\_pattern \\[none\\]: 002 takes no position on a change of rank" in md
    assert "c\\_d1\\_ally\\_value \\[reported view of the Japanese side" in md
    assert "**not independent**: both are by 朱海燕" in md
    assert "*Synthesis*: Agree: 巴殿君 et al. \\[2026\\] and 朱海燕 2021. No position: 卢昊 &amp; 赵家敏 2023. " \
           "Silent: 朱海燕 \\[2023\\]." in md
    assert "> 「美日同盟的結構調整，表現為同盟由“高度不對稱”向“准平等分工”的漸進演化」 (巴殿君 et al. \\[2026\\], 內容提要, l. 14)" in md
    assert "- 朱海燕. 2021. “日本国家战略视域中的日美同盟———战略定位、政策手段及效果评估”. 国际政治研究, no. 5." in md
    assert "[inferred: year, journal, issue, pages]" in md.replace("\\[", "[").replace("\\]", "]")


@needs_papers
def test_bibliography_styles(in_root):
    gb = run("compare", REAL, "--format", "json", "--style", "gb7714").output
    entries = [e["text"] for e in json.loads(gb)["bibliography"]["entries"]]
    assert "巴殿君, 王哈, 耿菲蔓, 2026. 美日同盟轉型： 功能外溢、結構調整、趨勢與影響 (2017-2025). [inferred: year]" in entries
    apa = json.loads(run("compare", REAL, "--format", "json", "--style", "apa").output)["bibliography"]["entries"]
    assert any(e["text"].startswith("卢昊, & 赵家敏. (2023).") and "https://doi.org/10.19498/" in e["text"] for e in apa)


@needs_papers
def test_lang_zh_and_both_translate_questions_and_headings(in_root):
    zh = run("compare", REAL, "--format", "markdown", "--lang", "zh").output
    assert "### q\\_direction: 日美同盟内部的等级结构正朝什么方向演变？" in zh
    assert "### 立场矩阵" in zh and "*综述*: 赞同：" in zh and "［推定：年份" in zh
    both = run("compare", REAL, "--lang", "both", "--width", "200").output
    assert "q_us_control: Does the United States still hold the decisive say over the alliance's direction? / " \
           "美国是否仍掌握同盟走向的决定权？" in both


@needs_papers
@pytest.mark.parametrize("width", [60, 80, 120])
def test_terminal_never_breaks_an_id(width, in_root):
    from argmap.core.text import display_width

    report = compare(argmap.load(REAL).model)
    text = render.format_text(report, width, "en")
    ids = {p.id.split(".", 1)[1] for q in report.questions for _, ps in q.positions for p in ps}
    for line in text.splitlines():
        if line.startswith(("│", "┌", "├", "└")):
            assert display_width(line) <= width
    flat = " ".join(text.split())
    words = set(flat.replace("│", " ").replace(",", " ").replace(":", " ").split())
    assert ids <= words, ids - words  # every id appears whole somewhere, never only in pieces


def test_every_format_escapes_map_text(tmp_path):
    evil = '<script>alert(1)</script> [x](javascript:alert(1)) \\\\input{/etc/passwd} =HYPERLINK(\\"x\\") \\u001b[31m'
    (tmp_path / "p.arg").write_text(f'source s "T {evil}" {{ authors: "A {evil}" year: 2020 }}\n'
                                    f'claim c "C {evil}" {{ quote: "q" at "Sec {evil}" }}\n', encoding="utf-8")
    (tmp_path / "o.arg").write_text('source o "O" { year: 2021 }\nclaim d "D" { quote: "d" at "S" }\n',
                                    encoding="utf-8")
    (tmp_path / "c.arg").write_text(f'import "p.arg" as p\nimport "o.arg" as o\n'
                                    f'question q "Q {evil}" {{ note: "N {evil}" }}\n'
                                    f'p.c answers q {{ note: "A {evil}" }}\no.d answers q\n'
                                    f'p.c agrees with o.d {{ note: "L {evil}" }}\n', encoding="utf-8")
    result = argmap.load(tmp_path / "c.arg")
    assert not [d for d in result.diagnostics if d.severity.value == "error"], result.diagnostics
    report = compare(result.model)
    html = render.format_html(report)
    assert "<script>" not in html and "&lt;script&gt;" in html and "default-src 'none'" in html
    md = render.format_markdown(report)
    assert "<script>" not in md and "[x](javascript:" not in md and "\\[x\\](javascript:" in md
    tex = render.format_latex(report)
    assert "\\input{" not in tex and "\\textbackslash{}input" in tex
    csv_text = render.format_csv(report)
    assert ",=HYPERLINK" not in csv_text and "\x1b" not in csv_text
    terminal = run("compare", tmp_path / "c.arg").output
    assert "\x1b" not in terminal and "\\u001b" in terminal


def test_compare_writes_a_file_atomically(tmp_path, in_root):
    out = tmp_path / "report.md"
    result = run("compare", "examples/comparison/why_cities_grow.arg", "--format", "markdown", "-o", out)
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("## Comparison: ")


@needs_papers
def test_the_markdown_report_in_the_docs_is_what_compare_prints(in_root):
    import re
    doc = (ROOT / "docs" / "compare.md").read_text(encoding="utf-8")
    excerpt = re.search(r"```markdown\n(.*?)```", doc, re.S).group(1)
    printed = run("compare", REAL, "--format", "markdown").output.splitlines()
    lines = [l for l in excerpt.splitlines() if l and l != "…"]
    assert len(lines) > 20 and all(l in printed for l in lines), [l for l in lines if l not in printed]
