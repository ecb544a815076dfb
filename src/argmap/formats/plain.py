"""The model as plain data (dicts and lists, ready for JSON) and back.

Input: a `Model`; output: a dict whose keys follow the model's field names, in source order; and the
inverse, so that `model_from_dict(model_to_dict(m)) == m`. This is the basis of the JSON interchange format
and of the model golden files.
"""

from __future__ import annotations

from argmap.core.diagnostics import Span
from argmap.core.model import Import, Model, Node, NodeKind, Quote, Relation, RelationKind, Source

FORMAT_VERSION = 1


def _span(span: Span) -> list:
    return [span.file, span.line, span.column, span.end_line, span.end_column]


def quote_dict(q: Quote, spans: bool = True) -> dict:
    d = {"text": q.text, "section": q.section, "page": q.page, "lines": list(q.lines) if q.lines else None,
         "source": q.source}
    if spans:
        d["span"] = _span(q.span)
    return d


def source_dict(s: Source, spans: bool = True) -> dict:
    d = {"id": s.id, "title": s.title, "translations": dict(s.translations), "authors": list(s.authors),
         "year": s.year, "venue": s.venue, "volume": s.volume, "issue": s.issue, "pages": s.pages,
         "publisher": s.publisher, "type": s.type, "lang": s.lang, "doi": s.doi, "url": s.url,
         "fulltext": s.fulltext, "notes": list(s.notes), "inferred": sorted(s.inferred),
         "claims": s.claims, "namespace": s.namespace, "affiliations": list(s.affiliations),
         "cites": list(s.cites), "cited_by": list(s.cited_by), "bib": s.bib}
    if spans:
        d["span"] = _span(s.span)
    return d


def node_dict(n: Node, spans: bool = True) -> dict:
    """A node as plain data: the one projection JSON, diff, the networkx graph and the viewer start from."""
    d = {"id": n.id, "kind": n.kind.value, "text": n.text, "translations": dict(n.translations),
         "quotes": [quote_dict(q, spans) for q in n.quotes], "source": n.source, "tags": sorted(n.tags),
         "notes": list(n.notes), "section": n.section, "stance": n.stance, "status": n.status,
         "type": n.type, "date": n.date, "url": n.url, "inferred": sorted(n.inferred),
         "namespace": n.namespace, "reported": n.reported, "endorsed": n.endorsed}
    if spans:
        d["span"] = _span(n.span)
    return d


def relation_dict(r: Relation, spans: bool = True) -> dict:
    d = {"id": r.id, "kind": r.kind.value, "origin": r.origin, "target": r.target,
         "target_is_relation": r.target_is_relation, "note": r.note, "strength": r.strength,
         "stance": r.stance, "quotes": [quote_dict(q, spans) for q in r.quotes], "inferred": r.inferred,
         "namespace": r.namespace, "reported": r.reported, "endorsed": r.endorsed, "about": r.about}
    if spans:
        d.update(span=_span(r.span), origin_span=_span(r.origin_span), target_span=_span(r.target_span))
    return d


def model_to_dict(model: Model, spans: bool = True) -> dict:
    imports = [{"path": i.path, "namespace": i.namespace} | ({"span": _span(i.span)} if spans else {})
               for i in model.imports]
    return {
        "argmap": FORMAT_VERSION,
        "file": model.file,
        "imports": imports,
        "sources": [source_dict(s, spans) for s in model.sources],
        "nodes": [node_dict(n, spans) for n in model.nodes],
        "relations": [relation_dict(r, spans) for r in model.relations],
    }


def model_from_dict(data: dict) -> Model:
    """The inverse of `model_to_dict`; spans may be left out (JSON written by other tools)."""
    nowhere = [data.get("file", "<json>"), 0, 0, 0, 0]

    def span(v: list | None) -> Span:
        return Span(*(v or nowhere))

    def quote(q: dict) -> Quote:
        return Quote(q["text"], q.get("section"), q.get("page"), tuple(q["lines"]) if q.get("lines") else None,
                     q.get("source"), span(q.get("span")))

    sources = tuple(Source(
        id=s["id"], title=s["title"], translations=tuple(s["translations"].items()), authors=tuple(s["authors"]),
        year=s["year"], venue=s["venue"], volume=s["volume"], issue=s["issue"], pages=s["pages"],
        publisher=s["publisher"], type=s["type"], lang=s["lang"], doi=s["doi"], url=s["url"],
        fulltext=s["fulltext"], notes=tuple(s["notes"]), inferred=frozenset(s["inferred"]),
        namespace=s["namespace"], span=span(s.get("span")), claims=s.get("claims"),
        affiliations=tuple(s.get("affiliations", ())), cites=tuple(s.get("cites", ())),
        cited_by=tuple(s.get("cited_by", ())), bib=s.get("bib")) for s in data["sources"])
    nodes = tuple(Node(
        id=n["id"], kind=NodeKind(n["kind"]), text=n["text"], translations=tuple(n["translations"].items()),
        quotes=tuple(quote(q) for q in n["quotes"]), source=n["source"], tags=frozenset(n["tags"]),
        notes=tuple(n["notes"]), section=n["section"], stance=n["stance"], status=n["status"],
        type=n["type"] if "type" in n else n.get("evidence_type"), date=n["date"], url=n["url"],
        namespace=n["namespace"], span=span(n.get("span")), inferred=frozenset(n.get("inferred", ())),
        reported=n.get("reported"), endorsed=n.get("endorsed"))
        for n in data["nodes"])
    relations = tuple(Relation(
        id=r["id"], kind=RelationKind(r["kind"]), origin=r["origin"], target=r["target"],
        target_is_relation=r["target_is_relation"], note=r["note"], strength=r["strength"], stance=r["stance"],
        quotes=tuple(quote(q) for q in r["quotes"]), namespace=r["namespace"], span=span(r.get("span")),
        origin_span=span(r.get("origin_span")), target_span=span(r.get("target_span")),
        inferred=bool(r.get("inferred", False)), reported=r.get("reported"), endorsed=r.get("endorsed"),
        about=r.get("about")) for r in data["relations"])
    imports = tuple(Import(i["path"], i["namespace"], span(i.get("span"))) for i in data["imports"])
    return Model(data["file"], sources, nodes, relations, imports)
