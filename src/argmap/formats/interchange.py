"""The import side of the CLI: a foreign document -> checked, formatted .arg text, or diagnostics.

Input: the document's text, its file name, a format name (`json`, `aif`). Output: the .arg text with a
comment heading that names what was carried over and what was not, and the diagnostics of the reader; or
None when the reader found no map or when the written text would not load without errors (then nothing is
written). Each format is a pair in its own module (`native`, `aif`); this module only dispatches.
"""

from __future__ import annotations

from pathlib import Path

from argmap.core.diagnostics import Diagnostic, Severity

READERS = ("json", "aif")


def guess(path: str, text: str) -> str:
    """`.aif` is AIF; a `.json` that does not start as argmap JSON but has AIF's `nodes` and `edges` is AIF."""
    suffix = Path(path).suffix.lower()
    if suffix == ".aif":
        return "aif"
    head = text[:4000]
    if '"argmap": 1' not in head and '"nodeID"' in head or '"AIF"' in head:
        return "aif"
    return "json"


def import_text(text: str, file: str, fmt: str, out_name: str) -> tuple[str | None, list[Diagnostic]]:
    from argmap.language.fmt import format_document
    from argmap.language.unparse import to_document
    from argmap.workspace import loads

    if fmt == "aif":
        from argmap.formats import aif

        model, problems = aif.load(text, file)
    else:
        from argmap.formats.native import import_json

        model, problems = import_json(text, file)
    if model is None:
        return None, problems
    body = format_document(to_document(model))
    lost = [d for d in problems if d.code == "AM110"]
    heading = [f"# Imported by `argmap import --from {fmt}` from {Path(file).name}.",
               f"# Carried over: {len([n for n in model.nodes if n.namespace is None])} nodes, "
               f"{len([r for r in model.relations if r.namespace is None])} relations, "
               f"{len([s for s in model.sources if s.namespace is None])} sources."]
    if fmt == "aif":
        heading.append("# AIF keeps no node kinds, quotes or sources unless argmap wrote the file; "
                       "nodes without them are claims.")
    heading += [f"# Not carried over: {' '.join(d.message.split())}" for d in lost] or ["# Nothing was left out."]
    arg_text = "\n".join(heading) + "\n\n" + body
    check = loads(arg_text, out_name)
    errors = [d for d in check.diagnostics if d.severity is Severity.ERROR and d.code != "AM403"]
    if errors:
        return None, problems + errors
    return arg_text, problems
