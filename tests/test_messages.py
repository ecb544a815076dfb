"""Diagnostics point at the one real mistake (issue 16): synonyms of relation words, no knock-on warnings
after a recovered error, suggestions only among what is allowed, readable closest passages, headings."""

from __future__ import annotations

from textwrap import dedent

import pytest

import argmap


def _codes(text: str) -> list[tuple[str, int]]:
    return [(d.code, d.span.line) for d in argmap.loads(dedent(text), "m.arg").diagnostics]


def _diagnostics(tmp_path, text: str, files: dict[str, str] = {}):
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    path = tmp_path / "m.arg"
    path.write_text(dedent(text), encoding="utf-8")
    return argmap.load(path).diagnostics


@pytest.mark.parametrize("word, meant", [("rebuts", "attacks"), ("refutes", "attacks"), ("opposes", "attacks"),
                                         ("undermines", "attacks"), ("backs", "supports"),
                                         ("contradicts-with", "contradicts")])
def test_a_synonym_of_a_relation_word_gets_the_word_and_why(word, meant):
    for text in (f'claim a "A" {{\n  {word} b\n}}\nclaim b "B"\n', f'claim a "A"\nclaim b "B"\na {word} b\n'):
        diagnostics = argmap.loads(text, "m.arg").diagnostics
        errors = [d for d in diagnostics if d.severity.value == "error"]
        assert [d.code for d in errors] == ["AM104"], text
        assert f"`{word}` is not a relation word" in errors[0].message
        assert errors[0].hint.startswith(f"did you mean `{meant}`? ")
        assert "refines" not in errors[0].hint


def test_an_unclosed_block_keeps_its_node_defined():
    codes = _codes('''\
        thesis t "T"
        claim a "A" {
          supports t

        claim b "B" {
          supports a
        }
        ''')
    # one error; `a` is still defined (no AM201 on `supports a`), `t` is still supported (no AM304 on t);
    # b's own warning (nothing supports b) stays
    assert codes == [("AM105", 2), ("AM304", 5)]


def test_a_broken_line_does_not_also_make_its_node_unlinked():
    codes = _codes('''\
        thesis t "T"
        evidence e "E" {
          supports t t
        }
        ''')
    # the broken line is the one problem: not also "e is linked to nothing" and "nothing supports t"
    assert codes == [("AM103", 4)]


def test_a_misspelt_target_does_not_also_report_the_target_unsupported():
    codes = _codes('''\
        thesis agglomeration "Cities grow"
        evidence premium "Wages are higher" {
          supports agglomeraton
        }
        ''')
    assert codes == [("AM201", 3)]


def test_field_suggestions_are_among_the_fields_allowed_here():
    diagnostics = argmap.loads('claim a "A" {\n  statu: open\n  typ: event\n  tgas: x\n}\n', "m.arg").diagnostics
    hints = {d.span.line: d.hint for d in diagnostics if d.code == "AM203"}
    assert hints[2] == "`status` is a field of: counterclaim, not of a claim"
    assert hints[3] == "`type` is a field of: evidence, not of a claim"  # not the Thaypan language (`typ`)
    assert hints[4] == "did you mean `tags`?"


def test_the_closest_passage_keeps_its_spacing_and_marks_the_differences(tmp_path):
    diagnostics = _diagnostics(tmp_path, '''\
        source s "S" { fulltext: "paper.txt" }
        claim a "A" {
          quote: "we have developed this version of the model to run quickly"
        }
        ''', {"paper.txt": "We have designed this version of the model\nto run quickly on small machines.\n"})
    (found,) = [d for d in diagnostics if d.code == "AM308"]
    assert 'at line 1, differences in [brackets]: "[We] have [designed] this version of the model to run quickly"' \
        in found.hint
    assert '"developed" where the text has "designed"' in found.hint


def test_the_closest_passage_of_cjk_text_drops_the_pdf_padding(tmp_path):
    diagnostics = _diagnostics(tmp_path, '''\
        source s "S" { fulltext: "paper.txt" }
        claim a "A" {
          quote: "日本与北约的安全合作取得重大进展"
        }
        ''', {"paper.txt": "日本 与 北约 的 安全 合作 取得\n突破性 进展，双方 将 深化 合作。\n"})
    (found,) = [d for d in diagnostics if d.code == "AM308"]
    assert "日本与北约的安全合作取得[突破性]进展" in found.hint
    assert '"重大" where the text has "突破性"' in found.hint


def test_a_misspelt_section_gets_the_heading_that_exists(tmp_path):
    diagnostics = _diagnostics(tmp_path, '''\
        source s "S" { fulltext: "paper.txt" }
        claim a "A" {
          quote: "突破性进展" at "二、结论"
        }
        ''', {"paper.txt": "一、日美同盟的战略定位\n日本与北约\n二、结语\n突破性 进展。\n"})
    (found,) = [d for d in diagnostics if d.code == "AM312"]
    assert found.hint.startswith('did you mean "二、结语" (line 3)?')


def test_a_source_that_asserts_its_claims_bare_gets_no_unsupported_warnings():
    text = 'source essay "An essay" {\n  claims: bare\n}\nthesis t "T"\nclaim c "C" {\n  supports t\n}\n'
    assert _codes(text) == []
    assert [c for c, _ in _codes(text.replace("claims: bare", "claims: supported"))] == ["AM304"]
    assert [c for c, _ in _codes(text.replace("claims: bare", "claims: naked"))] == ["AM204", "AM304"]


def test_an_import_with_syntax_errors_below_the_importers_length_is_reported_not_a_crash(tmp_path):
    (tmp_path / "b.arg").write_text("thesis t \"T\"\n" + "\n" * 40 + "claim c \"C\" {\n  supports t t\n}\n",
                                    encoding="utf-8")
    (tmp_path / "a.arg").write_text('import "b.arg" as b\nclaim x "X" {\n  supports b.t\n}\n', encoding="utf-8")
    diagnostics = argmap.load(tmp_path / "a.arg").diagnostics
    assert any(d.code.startswith("AM1") and d.span.file.endswith("b.arg") for d in diagnostics)
