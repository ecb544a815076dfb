"""Interchange: the model as JSON (with a JSON Schema, both ways) and as GraphML (export).

- JSON: `export_json(model)` is `argmap.serialize.model_to_dict` (the schema is
  `docs/schema/argmap.schema.json`); `import_json(text, file)` checks the data against the schema and
  returns the model, or AM108 diagnostics that say what is wrong and where (a JSON pointer).
- GraphML: the networkx graph (`argmap.graph.to_networkx`) with list and dict attributes written as JSON
  strings, so that yEd, Gephi or networkx can read it.
"""

from __future__ import annotations

import json
from pathlib import Path

from argmap.core.diagnostics import Diagnostic, Span, make
from argmap.core.model import Model
from argmap.formats.plain import model_from_dict, model_to_dict

def schema_text() -> str:
    """The JSON Schema, package data (`docs/schema/argmap.schema.json` in the checkout), read one way for
    wheel and editable installs alike."""
    from importlib.resources import files

    return files("argmap.formats").joinpath("argmap.schema.json").read_text(encoding="utf-8")


def schema() -> dict:
    return json.loads(schema_text())


def export_json(model: Model) -> str:
    return json.dumps(model_to_dict(model), ensure_ascii=False, indent=2) + "\n"


def import_json(text: str, file: str) -> tuple[Model | None, list[Diagnostic]]:
    import jsonschema

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return None, [make("AM108", Span(file, error.lineno, error.colno, error.lineno, error.colno + 1),
                           f"not valid JSON: {error.msg}", hint="argmap reads the JSON that `argmap export` writes")]
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        return None, [make("AM108", Span(file, 1, 1, 1, 1),
                           f"at /{'/'.join(str(p) for p in e.absolute_path)}: {e.message}",
                           hint="see docs/schema/argmap.schema.json") for e in errors[:20]]
    return model_from_dict(data), []


def export_graphml(model: Model) -> bytes:
    import io

    import networkx as nx

    from argmap.analysis.graph import to_networkx

    graph = to_networkx(model)
    clean = nx.MultiDiGraph()
    clean.graph.update({k: v for k, v in graph.graph.items() if v is not None})

    def scalar(attrs: dict) -> dict:
        out = {}
        for key, value in attrs.items():
            if value is None:
                continue
            out[key] = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
        return out

    for node, attrs in graph.nodes(data=True):
        clean.add_node(node, **scalar(attrs))
    for origin, target, key, attrs in graph.edges(keys=True, data=True):
        clean.add_edge(origin, target, key=key, **scalar(attrs))
    buffer = io.BytesIO()
    nx.write_graphml(clean, buffer, encoding="utf-8")
    return buffer.getvalue()
