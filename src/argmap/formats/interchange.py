"""The import side of the CLI: a foreign document -> checked, formatted .arg text, or diagnostics.

Input: the document's text, its file name, a format name (`json`, `aif`, `argdown`, `bibtex`, `csl-json`). Output: the .arg text with a
comment heading that names what was carried over and what was not, and the diagnostics of the reader; or
None when the reader found no map or when the written text would not load without errors (then nothing is
written). Each format is a pair in its own module (`native`, `aif`, `argdown`, `references`); this module
only dispatches, through `READERS`.
"""

from __future__ import annotations

from pathlib import Path

from argmap.core.diagnostics import Diagnostic, Severity

# format -> (module, reader function, what the comment heading adds about the format's losses)
READERS: dict[str, tuple[str, str, str | None]] = {
    "json": ("argmap.formats.native", "import_json", None),
    "aif": ("argmap.formats.aif", "load", "AIF keeps no node kinds, quotes or sources unless argmap wrote the "
            "file; nodes without them are claims."),
    "argdown": ("argmap.formats.argdown", "load", "Argdown statements are claims unless argmap wrote the file; "
                "arguments with a premise-conclusion structure are supports relations to their conclusion."),
    "bibtex": ("argmap.formats.references", "load_bibtex", "A bibliography holds sources only, no nodes."),
    "csl-json": ("argmap.formats.references", "load_csl", "A bibliography holds sources only, no nodes."),
}
LINED = ("argdown", "bibtex", "csl-json")  # formats whose diagnostics point at a real line
EXTENSIONS = {".aif": "aif", ".argdown": "argdown", ".ad": "argdown", ".bib": "bibtex", ".bibtex": "bibtex"}


def guess(path: str, text: str) -> str:
    """By extension (`.aif`, `.argdown`, `.bib`); a `.json` that does not start as argmap JSON but has AIF's
    `nodes` and `edges` is AIF, one that is a list of items is CSL JSON."""
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    head = text[:4000]
    if head.lstrip().startswith("["):
        return "csl-json"
    if '"argmap": 1' not in head and '"nodeID"' in head or '"AIF"' in head:
        return "aif"
    return "json"


def import_text(text: str, file: str, fmt: str, out_name: str) -> tuple[str | None, list[Diagnostic]]:
    from argmap.language.fmt import format_document
    from argmap.language.unparse import to_document
    from argmap.workspace import loads

    import importlib

    module, function, loss = READERS[fmt]
    model, problems = getattr(importlib.import_module(module), function)(text, file)
    if model is None:
        return None, problems
    body = format_document(to_document(model))
    lost = [d for d in problems if d.code == "AM110"]
    heading = [f"# Imported by `argmap import --from {fmt}` from {Path(file).name}.",
               f"# Carried over: {len([n for n in model.nodes if n.namespace is None])} nodes, "
               f"{len([r for r in model.relations if r.namespace is None])} relations, "
               f"{len([s for s in model.sources if s.namespace is None])} sources."]
    if loss:
        heading.append(f"# {loss}")
    heading += [f"# Not carried over (line {d.span.line}): {' '.join(d.message.split())}" if fmt in LINED and d.span
                else f"# Not carried over: {' '.join(d.message.split())}" for d in lost] or ["# Nothing was left out."]
    arg_text = "\n".join(heading) + "\n\n" + body
    check = loads(arg_text, out_name)
    errors = [d for d in check.diagnostics if d.severity is Severity.ERROR and d.code != "AM403"]
    if errors:
        return None, problems + errors
    return arg_text, problems
