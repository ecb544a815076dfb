"""AIF both ways: round trip on every example and map, and hand-written files with AIFdb/OVA quirks."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli.main import main
from argmap.formats import aif

ROOT = Path(__file__).parents[1]
FILES = sorted((ROOT / "examples").rglob("*.arg")) + sorted((ROOT / "maps").rglob("*.arg"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_round_trip_keeps_nodes_and_relations(path):
    model = argmap.load(path).model
    document = json.loads(aif.dump(model))
    assert sum(n["type"] == "I" for n in document["nodes"]) == len(model.nodes)
    back, problems = aif.load(aif.dump(model), "x.json")
    assert problems == []
    assert [(aif.flat_id(n.id), n.kind, n.text, n.quotes and [q.text for q in n.quotes]) for n in model.nodes] == \
        [(n.id, n.kind, n.text, n.quotes and [q.text for q in n.quotes]) for n in back.nodes]
    assert sorted((aif.flat_id(r.origin), r.kind.value, aif.flat_id(r.target)) for r in model.relations
                  if not r.target_is_relation) == \
        sorted((r.origin, r.kind.value, r.target) for r in back.relations if not r.target_is_relation)
    assert sum(r.target_is_relation for r in model.relations) == sum(r.target_is_relation for r in back.relations)


def _load(data) -> tuple:
    return aif.load(json.dumps(data), "t.json")


def test_aifdb_file_with_quirks():
    data = {"nodes": [
        {"nodeID": 1, "text": "Japan should arm", "type": "I"},
        {"nodeID": "2", "text": "China is rising", "type": "I"},
        {"nodeID": "3", "text": "Default Inference", "type": "RA"},
        {"nodeID": 4, "text": "Arming provokes", "type": "I"},
        {"nodeID": 5, "text": "Default Conflict", "type": "CA"},
        {"nodeID": 6, "text": "Premise undercut", "type": "I"},
        {"nodeID": 7, "text": "Default Conflict", "type": "CA"},
        {"nodeID": 8, "text": "Bob: China is rising", "type": "L"},
        {"nodeID": 9, "text": "Asserting", "type": "YA"},
        {"nodeID": 2, "text": "duplicate", "type": "I"},
        {"nodeID": 10, "type": "I"},
        {"text": "no id", "type": "I"},
    ], "edges": [
        {"edgeID": 1, "fromID": 2, "toID": "3"}, {"edgeID": 2, "fromID": "3", "toID": 1},
        {"edgeID": 3, "fromID": 4, "toID": 5}, {"edgeID": 4, "fromID": 5, "toID": 1},
        {"edgeID": 5, "fromID": 6, "toID": 7}, {"edgeID": 6, "fromID": 7, "toID": 3},
        {"edgeID": 7, "fromID": 8, "toID": 9}, {"edgeID": 8, "fromID": 9, "toID": 2},
        {"edgeID": 9, "fromID": 1, "toID": 1}, {"edgeID": 10, "fromID": 4, "toID": 6},
        {"edgeID": 11, "fromID": 4, "toID": 99},
    ], "locutions": [{"nodeID": 8, "personID": 1}]}
    model, problems = _load(data)
    assert [(n.id, n.text) for n in model.nodes] == [
        ("n1", "Japan should arm"), ("n2", "China is rising"), ("n4", "Arming provokes"),
        ("n6", "Premise undercut"), ("n10", "AIF node 10")]
    assert [(r.origin, r.kind.value, r.target, r.target_is_relation) for r in model.relations] == [
        ("n2", "supports", "n1", False), ("n4", "attacks", "n1", False), ("n6", "undercuts", "r3", True)]
    assert model.relations[0].id == "r3"
    messages = " | ".join(d.message for d in problems)
    assert all(d.code == "AM110" and d.span.file == "t.json" for d in problems)
    for part in ("'2' appears more than once", "node 11 has no nodeID", "self-loop", "I-node '4' to I-node '6'",
                 "'99', which the file does not define", "1 L dialogue nodes", "1 YA dialogue nodes",
                 "I-node '10' has no text"):
        assert part in messages


def test_ova_wrapper_linked_premises_and_preference():
    data = {"AIF": {"nodes": [
        {"nodeID": "a", "text": "A", "type": "I"}, {"nodeID": "b", "text": "B", "type": "I"},
        {"nodeID": "c", "text": "C", "type": "I"}, {"nodeID": "s", "text": "Default Inference", "type": "RA"},
        {"nodeID": "p", "text": "Default Preference", "type": "PA"},
        {"nodeID": "m", "text": "Default Rephrase", "type": "MA"}],
        "edges": [{"fromID": "a", "toID": "s"}, {"fromID": "b", "toID": "s"}, {"fromID": "s", "toID": "c"},
                  {"fromID": "a", "toID": "p"}, {"fromID": "p", "toID": "b"},
                  {"fromID": "b", "toID": "m"}, {"fromID": "m", "toID": "c"}]},
        "OVA": {"firstname": "x"}}
    model, problems = _load(data)
    assert [(r.origin, r.kind.value, r.target) for r in model.relations] == [
        ("na", "supports", "nc"), ("nb", "supports", "nc"), ("nb", "same as", "nc")]
    messages = " | ".join(d.message for d in problems)
    assert "links 2 premises" in messages and "1 PA nodes not carried over" in messages


def test_empty_dialogue_only_and_broken_files():
    model, problems = _load({"nodes": [], "edges": []})
    assert model is None and problems[0].code == "AM108" and "no I-nodes" in problems[0].message
    model, problems = _load({"nodes": [{"nodeID": 1, "text": "Bob: hi", "type": "L"}], "edges": []})
    assert model is None and "dialogue only" in problems[0].message
    model, problems = aif.load('{"nodes": [\n  {"nodeID": 1,, }]}', "b.json")
    assert model is None and (problems[0].span.line, problems[0].span.column) == (2, 16)
    model, problems = _load([1, 2])
    assert model is None and "not AIF" in problems[0].message


def test_cli_export_then_import_checks_clean(tmp_path, in_root):
    out = tmp_path / "m.aif"
    assert CliRunner().invoke(main, ["export", "maps/japan_nato_cooperation.arg", "--format", "aif",
                                     "-o", str(out)]).exit_code == 0
    arg = tmp_path / "m.arg"
    result = CliRunner().invoke(main, ["import", str(out), "-o", str(arg)])
    assert result.exit_code == 0, result.output
    text = arg.read_text(encoding="utf-8")
    nodes = len(argmap.load(Path("maps/japan_nato_cooperation.arg")).model.nodes)  # 160 at the second pass
    assert nodes > 100
    assert text.startswith(f"# Imported by `argmap import --from aif` from m.aif.\n# Carried over: {nodes} nodes")
    again = argmap.loads(text, str(arg))
    assert not [d for d in again.diagnostics if d.severity.value == "error" and d.code != "AM403"]
    assert len(again.model.nodes) == nodes


def test_cli_import_of_broken_aif_writes_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [{"nodeID": "1", "type": "L", "text": "x"}], "edges": []}', encoding="utf-8")
    out = tmp_path / "out.arg"
    result = CliRunner().invoke(main, ["import", str(bad), "--from", "aif", "-o", str(out)])
    assert result.exit_code == 1 and "AM108" in result.output and not out.exists()
