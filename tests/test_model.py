"""The build stage and the model: resolution, defaults, imports, round trips."""

import json
from pathlib import Path
from textwrap import dedent

import pytest

import argmap
from argmap.core.model import NodeKind, RelationKind
from argmap.formats.plain import model_to_dict, model_from_dict

EXAMPLES = Path(__file__).parents[1] / "examples"


def test_defaults_and_resolution():
    result = argmap.loads(dedent('''\
        source s "原題" { en: "Title" year: 2019 (inferred) lang: zh-Hant }
        claim c "C" {
          zh: "主張"
          quote: "q" at "壹、前言" lines 1-2
          tags: b, a
        }
        evidence e "E" { type: event supports c as link }
        counterclaim k "K" { status: rebutted undercuts link }
        '''))
    assert list(result.diagnostics) == []
    model = result.model
    c = model.node("c")
    assert c.kind is NodeKind.CLAIM
    assert c.source == "s"  # the file's only source is the default
    assert c.section == "壹、前言"  # from the first quote
    assert c.text_in("zh") == "主張" and c.text_in("en") == "C"
    assert c.tags == frozenset({"a", "b"})
    source = model.source("s")
    assert source.inferred == frozenset({"year"}) and source.year == 2019
    assert source.text_in("en") == "Title" and source.text_in("zh") == "原題"
    link = model.relation("link")
    assert link.kind is RelationKind.SUPPORTS and (link.origin, link.target) == ("e", "c")
    undercut = next(r for r in model.relations if r.kind is RelationKind.UNDERCUTS)
    assert undercut.target == "link" and undercut.target_is_relation


def test_imports_are_merged_under_their_namespace(in_root):
    result = argmap.load("examples/comparison/why_cities_grow.arg")
    assert result.ok, result.diagnostics
    model = result.model
    assert model.namespaces == ("a", "b")
    assert model.node("a.agglomeration").namespace == "a"
    assert model.node("b.weak_agglomeration").source == "b.lee2022"
    # relations of the imported files come along, prefixed
    assert any(r.origin == "b.surveys" and r.target == "b.amenities" for r in model.relations)
    local = [r for r in model.relations if r.namespace is None]
    assert [(r.origin, r.kind.value, r.target) for r in local] == [
        ("a.agglomeration", "answers", "why_grow"),
        ("b.amenities", "answers", "why_grow"),
        ("b.weak_agglomeration", "answers", "size_of_gains"),
        ("a.agglomeration", "disagrees with", "b.amenities"),
        ("b.weak_agglomeration", "refines", "a.agglomeration"),
    ]


def test_import_problems(tmp_path):
    (tmp_path / "a.arg").write_text('import "b.arg" as b\nquestion q "Q"\n', encoding="utf-8")
    (tmp_path / "b.arg").write_text('import "a.arg" as a\nimport "missing.arg" as m\nimport "a.arg" as again\n'
                                    'question q "Q"\n', encoding="utf-8")
    result = argmap.load(tmp_path / "a.arg")
    codes = sorted(d.code for d in result.diagnostics)
    assert codes == ["AM205", "AM206", "AM208", "AM313", "AM313"]  # and both questions are unanswered
    cycle = next(d for d in result.diagnostics if d.code == "AM206")
    assert "a.arg → " in cycle.message and cycle.span.line == 1


@pytest.mark.parametrize("path", sorted(EXAMPLES.rglob("*.arg")), ids=lambda p: p.name)
def test_model_round_trips_through_plain_data(path):
    model = argmap.load(path).model
    data = model_to_dict(model)
    again = model_from_dict(json.loads(json.dumps(data, ensure_ascii=False)))
    assert again == model
    assert model_to_dict(again) == data


def test_model_golden(golden, in_root):
    model = argmap.load("examples/02_counterclaims.arg").model
    golden("model/02_counterclaims.json",
           json.dumps(model_to_dict(model), ensure_ascii=False, indent=2) + "\n")


def test_suppression_comments():
    text = dedent('''\
        source s "S"
        # argmap: ignore[AM304]
        thesis t "nothing supports me, on purpose"
        thesis u "nor me"
        evidence e "E"  # argmap: ignore[AM305, AM304]
        ''')
    codes = [(d.code, d.span.line) for d in argmap.loads(text).diagnostics]
    assert codes == [("AM304", 4)]


def test_language_tags_with_scripts_and_variants():
    from argmap.core.langtags import is_language_tag
    from argmap.core.text import display_width

    for tag in ("en", "zh-Hant", "zh-Hans-CN", "zh-Latn-pinyin", "ja-Latn-hepburn", "cmn", "pt-BR"):
        assert is_language_tag(tag), tag
    for tag in ("xx", "zh_CN", "english", "zh-", ""):
        assert not is_language_tag(tag), tag
    assert display_width("日本a") == 5 and display_width("e\u0301") == 1
