"""Structural analysis for reviewers: `argmap analyze MAP --report structure` (text, Markdown, JSON)."""

import json
from pathlib import Path
from textwrap import dedent

import pytest
from click.testing import CliRunner

import argmap
from argmap.analysis import structure
from argmap.cli.main import main

ROOT = Path(__file__).parents[1]
MAPS = sorted((ROOT / "maps").glob("*.arg"))
GOLDEN_MAP = "maps/us_japan_alliance_national_strategy.arg"


def report_of(text: str) -> dict:
    result = argmap.loads(dedent(text))
    assert result.model is not None, result.diagnostics
    return structure.report(result.model)


def ids(items) -> list[str]:
    return [i["id"] for i in items]


MAP = '''\
    source s "S"
    thesis t "The thesis"
    claim hub "Everything passes through here" { supports t }
    claim left "Left" { supports hub }
    claim right "Right" { supports hub }
    evidence e1 "E1" { supports left }
    evidence e2 "E2" { supports right }
    claim bare "Nothing supports this" { supports t }
    claim hollow "Supported only by another claim" { supports t }
    claim opinion "An opinion" { supports hollow }
    claim shaky "Supported only by what is attacked" { supports t }
    evidence weak "Weak" { supports shaky }
    counterclaim cc1 "Attacks weak" { status: rebutted
      attacks weak }
    counterclaim cc2 "Nobody answers this" { status: conceded
      attacks hub }
    evidence answer "Answers cc1" { attacks cc1 }
    '''


def test_each_finding_on_a_small_map():
    data = report_of(MAP)
    assert ids(data["unsupported"]) == ["bare", "opinion"]
    assert ids(data["no_evidence"]) == ["hollow"]
    assert ids(data["attacked_support"]) == ["shaky"]
    assert data["attacked_support"][0]["supported_by"] == [
        {"supporter": "weak", "attacked_by": ["cc1"], "undercut_by": []}]
    assert [(i["id"], i["status"]) for i in data["unanswered"]] == [("cc2", "conceded")]
    # all of t's evidence is e1 and e2 (via hub) and weak (via shaky): no single claim carries it all
    assert data["load_bearing"] == [{"id": "t", "evidence_beneath": 3, "claims": []}]
    assert data["chains"][0] == ["e1", "left", "hub", "t"]
    assert data["per_source"] == {"s": {"thesis": 1, "claim": 7, "evidence": 4, "counterclaim": 2, "question": 0}}


def test_load_bearing_claims_are_those_on_every_path_from_the_evidence():
    data = report_of('''\
        source s "S"
        thesis t "T"
        claim top "Top" { supports t }
        claim mid "Mid" { supports top }
        claim a "A" { supports mid }
        claim b "B" { supports mid }
        evidence e1 "E1" { supports a }
        evidence e2 "E2" { supports b }
        evidence e3 "E3" { supports b }
        claim side "Side, no evidence" { supports t }
        ''')
    assert ids(data["load_bearing"][0]["claims"]) == ["top", "mid"]  # nearest the thesis first
    assert data["load_bearing"][0]["evidence_beneath"] == 3


def test_a_support_cycle_does_not_hang_the_chains():
    data = report_of('''\
        source s "S"
        thesis t "T"
        claim a "A" { supports b }
        claim b "B" { supports a
          supports t }
        evidence e "E" { supports a }
        ''')
    assert data["chains"][0] == ["e", "a", "b", "t"]


def test_an_undercut_support_counts_as_attacked_and_answers_the_counterclaim(in_root):
    data = structure.report(argmap.load("examples/02_counterclaims.arg").model)
    assert data["attacked_support"][0]["supported_by"] == [
        {"supporter": "wage_premium", "attacked_by": [], "undercut_by": ["sorting"]}]
    # sorting is answered (movers attacks it); amenities and congestion are not
    assert [(i["id"], i["status"]) for i in data["unanswered"]] == [("amenities", "conceded"), ("congestion", "open")]


@pytest.mark.parametrize("fmt,ext", [("text", "txt"), ("markdown", "md"), ("json", "json")])
def test_golden_report_of_a_paper_map(fmt, ext, golden, in_root):
    result = CliRunner().invoke(main, ["analyze", GOLDEN_MAP, "--report", "structure", "--format", fmt])
    assert result.exit_code == 0, result.output
    golden(f"structure/us_japan_alliance_national_strategy.{ext}", result.output)
    if fmt == "json":
        data = json.loads(result.output)
        assert set(data) >= {"unsupported", "no_evidence", "attacked_support", "unanswered", "load_bearing",
                             "chains", "per_source", "per_section"}


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_paper_map_has_a_structure_report(path):
    data = structure.report(argmap.load(path).model)
    theses = [n.id for n in argmap.load(path).model.nodes if n.kind.value == "thesis"]
    # every thesis of a paper map rests on evidence, and every chain ends in what it supports
    assert sorted(lb["id"] for lb in data["load_bearing"]) == sorted(theses)
    assert all(len(c) >= 2 for c in data["chains"])
    assert sum(sum(c.values()) for c in data["per_section"].values()) == sum(data["nodes"].values())


def test_map_text_is_escaped_in_every_form():
    hostile = 'Click <a href="javascript:alert(1)">[here](javascript:x)</a> \x1b[31m'
    quoted = hostile.replace('"', '\\"').replace(chr(27), "\\u001b")
    data = report_of('source s "S"\nthesis t "' + quoted + '"\n')
    text = structure.format_text(data)
    assert "\x1b" not in text and "\\u001b" in text
    md = structure.format_markdown(data)
    assert "<a" not in md and "&lt;a" in md and "\\[here\\]" in md and "\x1b" not in md
    assert json.loads(structure.format_json(data))["unsupported"][0]["text"].startswith("Click <a")


def test_structure_needs_a_map_and_markdown_needs_structure(in_root):
    runner = CliRunner()
    result = runner.invoke(main, ["analyze", "--report", "structure", "tests/cases/iccma/dung_example.apx"])
    assert result.exit_code == 2 and "needs a map" in result.output
    result = runner.invoke(main, ["analyze", "--format", "markdown", "examples/02_counterclaims.arg"])
    assert result.exit_code == 2 and "--report structure" in result.output
