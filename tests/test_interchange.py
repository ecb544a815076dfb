"""Interchange: JSON export validated by the schema, JSON import back to .arg, GraphML export."""

import json
from pathlib import Path

import jsonschema
import networkx as nx
import pytest
from click.testing import CliRunner

import argmap
from argmap.cli.main import main
from argmap.language.fmt import format_document
from argmap.formats.native import export_graphml, export_json, import_json, schema
from argmap.formats.plain import model_to_dict
from argmap.language.unparse import to_document

ROOT = Path(__file__).parents[1]
FILES = sorted((ROOT / "examples").rglob("*.arg")) + sorted((ROOT / "maps").rglob("*.arg"))


def meaning(model) -> dict:
    data = model_to_dict(model, spans=False)
    data.pop("file")
    data["relations"] = sorted(data["relations"], key=lambda r: (r["origin"], r["kind"], r["target"], r["id"] or ""))
    return data


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_json_round_trip_through_arg_text(path):
    model = argmap.load(path).model
    exported = export_json(model)
    jsonschema.validate(json.loads(exported), schema())
    imported, problems = import_json(exported, "x.json")
    assert problems == [] and imported == model
    # and written back as .arg text, it loads to the same map
    text = format_document(to_document(imported))
    again = argmap.loads(text, file=str(path))
    assert [d for d in again.diagnostics if d.severity.value == "error"] == []
    assert meaning(again.model) == meaning(model)


def test_import_reports_what_is_wrong(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"argmap": 1, "file": "x", "imports": [], "sources": [], "relations": [],\n'
                   ' "nodes": [{"id": "c", "kind": "opinion", "text": "T"}]}', encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(bad)])
    assert result.exit_code == 1 and "AM108" in result.output and "at /nodes/0" in result.output
    broken = tmp_path / "broken.json"
    broken.write_text('{"argmap": 1,\n  "file": }', encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(broken)])
    assert result.exit_code == 1 and f"{broken}:2:11: error[AM108] not valid JSON" in result.output


def test_cli_export_import(tmp_path, in_root):
    out = tmp_path / "m.json"
    assert CliRunner().invoke(main, ["export", "examples/03_quotes.arg", "-o", str(out)]).exit_code == 0
    arg = tmp_path / "m.arg"
    result = CliRunner().invoke(main, ["import", str(out), "-o", str(arg)])
    assert result.exit_code == 0
    assert 'thesis filial_root "Filial piety is the root of humaneness"' in arg.read_text(encoding="utf-8")


def test_graphml(in_root):
    model = argmap.load("examples/02_counterclaims.arg").model
    graph = nx.read_graphml(__import__("io").BytesIO(export_graphml(model)))
    assert graph.nodes["sorting"]["kind"] == "counterclaim"
    assert graph.nodes["premium_link"]["kind"] == "relation"
    kinds = sorted(d["kind"] for _, _, d in graph.edges(data=True))
    assert kinds == ["attacks", "attacks", "attacks", "supports", "undercuts"]
    assert json.loads(graph.nodes["amenities"]["notes"]) == ["The author grants this for retirees only."]
