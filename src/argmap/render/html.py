"""Render stage, HTML: the map as one self-contained, offline page for reviewers.

Input: the model, the ids of the nodes drawn, the SVG that Graphviz drew, and optionally a labelling
(`argmap.analysis.semantics`). Output: one HTML file with four ways in: the diagram (pan, pinch and zoom;
it opens on the thesis, or a comparison's first question, at a legible size), an outline (the thesis, then
what supports and attacks it, nested and collapsible), a focus view (a node and its neighbours to a chosen
depth, laid out in the page), and a panel with each node's text, quotes, notes and its relations grouped
by kind. Search lists its results; filters by kind, tag, section and source; an en / zh / both toggle.

Safety: the page is a Jinja2 template (`templates/viewer.html.j2`) with autoescaping; the map's data is
embedded as JSON through `tojson` (which escapes `<`, `>`, `&` and quotes) inside a non-executed
`application/json` script; the page's script (`templates/viewer.js`) builds the DOM with `textContent`
only and never `innerHTML`; links come only from `Node.link` / `Source.link` (http(s), percent-encoded by
`argmap.core.safety`). A Content-Security-Policy meta allows no network access and no script but the
page's own, by its SHA-256 hash computed here at render time (so inline event handlers and injected
scripts cannot run). The SVG is Graphviz's own output, whose text was escaped when the DOT was written.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib import resources

from argmap import __version__
from argmap.core import vocabulary
from argmap.core.model import Model, NodeKind, RelationKind

# the panel's headings for a node's relations: (relation kind, direction) -> words, in display order
# The side panel's groups, (kind, direction, heading), from the vocabulary: what arrives at a node, what
# leaves it, then the symmetric relations.
RELATION_GROUPS: tuple[tuple[RelationKind, str, str], ...] = (
    tuple((RelationKind(r.word), "in", r.incoming) for r in vocabulary.RELATIONS if not r.symmetric)
    + tuple((RelationKind(r.word), "out", r.outgoing) for r in vocabulary.RELATIONS if not r.symmetric)
    + tuple((RelationKind(r.word), "both", r.outgoing) for r in vocabulary.RELATIONS if r.symmetric)
)


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def viewer_data(model: Model, shown: list[str], labels: dict[str, str] | None = None) -> dict:
    """What the page's script reads: the nodes drawn, the relations among them, the sources, and the
    groups for the panel (plain values only; the template embeds them as JSON)."""
    labels = labels or {}
    shown_set = set(shown)
    nodes = [model.node(i) for i in shown]
    relations = []
    for r in model.relations:
        if r.target_is_relation:
            target = model.relation(r.target)
            if target is None or r.origin not in shown_set or target.origin not in shown_set \
                    or target.target not in shown_set:
                continue
            # an undercut is shown on both ends of the inference it undercuts
            ends = [target.origin, target.target]
            target_key = target.key
        else:
            if r.origin not in shown_set or r.target not in shown_set:
                continue
            ends, target_key = [r.target], None
        relations.append({"key": r.key, "kind": r.kind.value, "origin": r.origin, "targets": ends,
                          "on": target_key, "note": r.note, "strength": r.strength, "stance": r.stance,
                          "quotes": [{"text": q.text, "locator": q.locator} for q in r.quotes]})
    sources = []
    for s in model.sources:
        sources.append({"id": s.id, "title": s.title, "en": s.text_in("en"), "authors": list(s.authors),
                        "year": s.year, "link": s.link})
    def source_link(n):
        source = model.source(n.source) if n.source else None
        return source.link if source is not None else None

    return {
        "file": model.file,
        "comparison": bool(model.imports),
        "nodes": [_viewer_node(n, labels.get(n.id), n.link or source_link(n)) for n in nodes],
        "relations": relations,
        "sources": sources,
        "groups": [{"kind": k.value, "dir": d, "words": w} for k, d, w in RELATION_GROUPS],
        "matrix": stance_matrix(model),
    }


def stance_matrix(model: Model) -> dict | None:
    """A comparison map's questions by papers: in each cell, the positions of that paper that answer the
    question, with the answer's stance, note and reported view, and a link to the position in the paper's own
    page when the site lays the pages out as the maps are (`../map.html#id`). None for a map that is not a
    comparison (no questions, or no imports)."""
    import os
    from urllib.parse import quote

    questions = [n for n in model.nodes if n.kind is NodeKind.QUESTION and n.namespace is None]
    if not questions or not model.imports:
        return None
    here = os.path.dirname(model.file)
    pages = {}
    for i in model.imports:
        relative = os.path.relpath(os.path.normpath(os.path.join(here, i.path)), here or ".")
        parts = relative.removesuffix(".arg").split(os.sep)
        # the link is built from the import's path, which is map text: only plain names and `..` pass
        if all(p == ".." or _PAGE_PART.fullmatch(p) for p in parts):
            pages[i.namespace] = "/".join(parts) + ".html"
    papers = []
    for i in model.imports:
        sources = [s for s in model.sources if s.namespace == i.namespace]
        s = sources[0] if sources else None
        who = (s.authors[0] + (" et al." if len(s.authors) > 1 else "")) if s and s.authors else i.namespace
        year = "" if s is None or s.year is None else (f" [{s.year}]" if "year" in s.inferred else f" {s.year}")
        papers.append({"ns": i.namespace, "label": who + year, "title": (s.text_in("en") or s.title) if s else None})
    cells: dict[str, dict[str, list]] = {q.id: {} for q in questions}
    for r in model.relations:
        if r.kind is not RelationKind.ANSWERS or r.target not in cells:
            continue
        node = model.node(r.origin)
        if node is None or node.namespace is None:
            continue
        page = pages.get(node.namespace)
        local_id = node.id.split(".", 1)[1]
        cells[r.target].setdefault(node.namespace, []).append({
            "node": node.id, "text": node.text, "stance": r.stance or "asserted", "note": r.note,
            "reported": r.reported or node.reported,
            "page": f"{page}#{quote(local_id, safe='')}" if page else None})
    return {"questions": [{"id": q.id, "text": q.text, "zh": q.text_in("zh")} for q in questions],
            "papers": papers, "cells": cells}


_PAGE_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


def _viewer_node(n, label: str | None, link: str | None) -> dict:
    """A node for the page's script: the plain projection (argmap.formats.plain), with the Chinese text, the
    safe link and the label the viewer shows, and quotes as text and locator."""
    from argmap.formats.plain import node_dict

    d = node_dict(n, spans=False)
    del d["translations"], d["url"]  # the page shows `zh`, and only the checked `link`
    d.update(zh=n.text_in("zh"), link=link, label=label,
             quotes=[{"text": q.text, "locator": q.locator} for q in n.quotes])
    return d


def _inline_svg(svg: bytes) -> str:
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]  # drop the XML prolog and doctype: the SVG is inline
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    # one user unit = one CSS pixel at zoom 1 (Graphviz writes sizes in pt), so zoom 1 shows 11 px text
    match = re.search(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"', text)
    if match:
        width, height = match.group(3), match.group(4)
        head, rest = text.split(">", 1)
        head = re.sub(r'\swidth="[^"]*"', f' width="{width}"', head, count=1)
        head = re.sub(r'\sheight="[^"]*"', f' height="{height}"', head, count=1)
        text = head + ">" + rest
    return text


def to_html(model: Model, svg: bytes, shown: list[str], title: str,
            labels: dict[str, str] | None = None, semantics: str | None = None) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=PackageLoader("argmap.render", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    script = resources.files("argmap.render").joinpath("templates/viewer.js").read_text(encoding="utf-8")
    data = viewer_data(model, shown, labels)
    kinds = [k.value for k in NodeKind if any(n["kind"] == k.value for n in data["nodes"])]
    tags = sorted({t for n in data["nodes"] for t in n["tags"]})
    sections = list(dict.fromkeys(n["section"] for n in data["nodes"] if n["section"]))
    sources = list(dict.fromkeys(n["source"] for n in data["nodes"] if n["source"]))
    csp = ("default-src 'none'; script-src " + _csp_hash(script) + "; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    return env.get_template("viewer.html.j2").render(
        title=title, svg=Markup(_inline_svg(svg)), data=data, kinds=kinds, tags=tags, sections=sections,
        sources=sources, version=__version__, script=Markup(script), csp=csp, semantics=semantics)
