"""The Python API for notebooks and scripts: a loaded map that shows itself, its graph and a table of its nodes.

Input: a `workspace.Result` (model and diagnostics). Output: `LoadedMap`, the same result (it is a `Result`:
`.model`, `.diagnostics`, `.ok`) that also

- shows itself in Jupyter: `_repr_svg_` (the diagram as `argmap render` draws it) and `_repr_html_` (the
  diagram inline with a summary of the diagnostics under it), both with the filters of `render`, chosen with
  `view(focus=..., tags=..., kinds=..., lang=...)`;
- renders to bytes (`render("svg" | "png" | "pdf" | "dot")`), gives its graph (`to_networkx()`) and a table
  of its nodes (`table()`: a list of plain dicts, one per node, from the plain projection; pandas not needed,
  `pandas.DataFrame(m.table())` when it is there).

Map text is untrusted: the SVG is Graphviz's from DOT quoted by `render.dot.quote` (links through
`core.safety`), and the HTML around it comes from a Jinja2 template with autoescape; nothing from the map
becomes markup or script. A map with errors draws nothing (`_repr_svg_` is None, so Jupyter falls back) and its
HTML lists the errors. No diagnostics codes of its own: Graphviz problems are the AM4xx of `render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from argmap.core.diagnostics import Diagnostic, Severity, summary
from argmap.core.model import RelationKind
from argmap.core.vocabulary import NODE_KINDS
from argmap.workspace import Result

#: the table's relation columns: the ids a node supports, the ids it attacks
RELATION_COLUMNS = (RelationKind.SUPPORTS.value, RelationKind.ATTACKS.value)
TABLE_COLUMNS = ("id", "kind", "text", "source", "section", "tags", "status", "stance", "type", "quotes",
                 *RELATION_COLUMNS, "line")

_HTML = """\
<div class="argmap-map">
{%- if svg %}{{ svg }}{% endif %}
<p style="font: 12px sans-serif; margin: 4px 0">{{ name }}: {{ counts }}; {{ problems }}</p>
{%- if diagnostics %}
<ul style="font: 12px monospace; margin: 0">
{%- for d in diagnostics %}
<li>{{ d.where }}: {{ d.severity }}[{{ d.code }}] {{ d.message }}</li>
{%- endfor %}
{%- if more %}<li>and {{ more }} more</li>{% endif %}
</ul>
{%- endif %}
</div>"""


@dataclass(frozen=True, slots=True)
class LoadedMap(Result):
    """A loaded map (a `Result`) that draws itself; `options` are `render`'s (a `DotOptions`)."""

    options: object = None
    engine: str = "dot"

    @classmethod
    def of(cls, result: Result) -> "LoadedMap":
        return cls(result.model, result.diagnostics, result.document)

    def view(self, *, focus: str | None = None, depth: int = 2, tags: Iterable[str] = (),
             sources: Iterable[str] = (), kinds: Iterable[str] = (), exclude_disconnected: bool = False,
             whole: bool = False, lang: str = "both", width: int = 30, collapse_evidence: bool = False,
             group: str = "auto", rankdir: str = "auto", legend: bool = True, engine: str = "dot") -> "LoadedMap":
        """The same map drawn with `argmap render`'s filters (`--focus`, `--tag`, `--kind`, ...)."""
        from argmap.analysis.graph import Selection
        from argmap.render.dot import DotOptions

        if isinstance(tags, str) or isinstance(sources, str) or isinstance(kinds, str):
            raise TypeError(f"tags, sources and kinds take a list of names, e.g. kinds={list(NODE_KINDS[:2])}")
        selection = Selection(focus=focus, depth=depth, tags=frozenset(tags), sources=frozenset(sources),
                              kinds=frozenset(kinds), exclude_disconnected=exclude_disconnected, whole=whole)
        options = DotOptions(lang=lang, width=width, rankdir=rankdir, group=group,
                             collapse_evidence=collapse_evidence, legend=legend, selection=selection)
        return replace(self, options=options, engine=engine)

    def _drawing(self):
        from argmap.render.dot import DotOptions, render_dot

        if self.model is None or not self.ok:
            return None
        focus = self.options.selection.focus if self.options is not None else None
        if focus is not None and self.model.node(focus) is None:
            raise KeyError(f"no node `{focus}` in {self.model.file} to focus on")
        return render_dot(self.model, self.options if self.options is not None else DotOptions())

    def render(self, fmt: str = "svg") -> bytes | None:
        """The diagram as bytes (svg, png, pdf or dot); None when the map has errors. Graphviz's own problems
        are added to nothing here: they raise `RuntimeError` with the AM4xx message."""
        from argmap.render import render_bytes

        drawing = self._drawing()
        if drawing is None:
            return None
        if fmt == "dot":
            return drawing.data
        data, problems = render_bytes(drawing.data, fmt, self.engine, self.model.file)
        if data is None:
            raise RuntimeError("; ".join(f"{d.code} {d.message}" for d in problems))
        return data

    def _repr_svg_(self) -> str | None:
        data = self.render("svg")
        return None if data is None else data.decode("utf-8")

    def _repr_html_(self) -> str:
        from jinja2 import Environment
        from markupsafe import Markup

        from argmap.render.html import _inline_svg

        svg = self.render("svg")
        shown = sorted(self.diagnostics, key=lambda d: (d.severity is not Severity.ERROR,))[:20]
        model = self.model
        counts = (f"{len(model.nodes)} nodes, {len(model.relations)} relations" if model is not None
                  else "not loaded")
        env = Environment(autoescape=True)
        return env.from_string(_HTML).render(
            svg=Markup(_inline_svg(svg)) if svg is not None else None,
            name=model.file if model is not None else "map", counts=counts, problems=summary(list(self.diagnostics)),
            diagnostics=[_row(d) for d in shown], more=len(self.diagnostics) - len(shown))

    def to_networkx(self):
        """The argument graph (`networkx.MultiDiGraph`): nodes with their fields, one edge per relation."""
        from argmap.analysis.graph import to_networkx

        return to_networkx(self._model())

    def table(self) -> list[dict]:
        """One row per node (see `table`)."""
        return table(self._model())

    def _model(self):
        if self.model is None:
            raise ValueError("the map did not load: " + summary(list(self.diagnostics)))
        return self.model


def _row(d: Diagnostic) -> dict:
    where = f"{d.span.file}:{d.span.line}:{d.span.column}" if d.span is not None else "argmap"
    return {"where": where, "severity": d.severity.value, "code": d.code, "message": d.message}


def table(model) -> list[dict]:
    """The nodes as rows of plain values (`TABLE_COLUMNS`), in source order, from the plain projection:
    `quotes` counts the node's quotes, `supports` / `attacks` list the ids it supports or attacks, `line` is
    where it is defined. `pandas.DataFrame(table(model))` makes a data frame of it."""
    from argmap.formats.plain import model_to_dict

    plain = model_to_dict(model)
    out_of: dict[str, dict[str, list[str]]] = {}
    for relation in plain["relations"]:
        out_of.setdefault(relation["origin"], {}).setdefault(relation["kind"], []).append(relation["target"])
    rows = []
    for node in plain["nodes"]:
        relations = out_of.get(node["id"], {})
        rows.append({"id": node["id"], "kind": node["kind"], "text": node["text"], "source": node["source"],
                     "section": node["section"], "tags": ", ".join(node["tags"]), "status": node["status"],
                     "stance": node["stance"], "type": node["type"], "quotes": len(node["quotes"]),
                     **{kind: ", ".join(relations.get(kind, [])) for kind in RELATION_COLUMNS},
                     "line": node["span"][1]})
    return rows
