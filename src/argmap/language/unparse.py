"""Model -> syntax tree, so that a model from elsewhere (JSON interchange) can be written as an .arg file.

Input: a `Model`. Output: an `tree.Document` that `argmap.fmt.format_document` prints and that loads back to
the same model (tests/test_interchange.py). Only the file's own content is written (imported nodes stay in
their files); defaults are left implicit: a node's `source:` when the file has one source, its `section:`
when it is the section of its first quote.
"""

from __future__ import annotations

from argmap.language import tree
from argmap.core.diagnostics import Span
from argmap.core.model import Model, Quote, Relation

_NOWHERE = Span("<model>", 0, 0, 0, 0)


def _name(value: str) -> tree.Name:
    return tree.Name(value, _NOWHERE)


def _text(value: str) -> tree.Text:
    return tree.Text(value, _NOWHERE, long="\n" in value)


def _field(name: str, *values, inferred: bool = False) -> tree.Field:
    converted = tuple(v if isinstance(v, (tree.Name, tree.Text, tree.Number)) else
                      tree.Number(v, _NOWHERE) if isinstance(v, int) else _text(str(v)) for v in values)
    return tree.Field(_name(name), converted, inferred, _NOWHERE)


def _quote(q: Quote) -> tree.Quote:
    locator = None
    if q.section is not None:
        page = tree.Number(q.page, _NOWHERE) if q.page is not None else None
        locator = tree.Locator(_text(q.section), page, q.lines, _NOWHERE)
    return tree.Quote(_text(q.text), locator, _NOWHERE)


def _relation(r: Relation, prefix: str = "") -> tree.Relation:
    items: list[tree.Item] = []
    if r.note is not None:
        items.append(_field("note", r.note))
    if r.strength is not None:
        items.append(_field("strength", _name(r.strength)))
    if r.stance is not None:
        items.append(_field("stance", _name(r.stance)))
    if r.reported is not None:
        items.append(_field("reported", r.reported))
    if r.endorsed is not None:
        items.append(_field("endorsed", _name(r.endorsed)))
    if r.about is not None:
        items.append(_field("about", _name(r.about)))
    items += [_quote(q) for q in r.quotes]
    body = tree.Block(tuple(items), _NOWHERE) if items else None
    return tree.Relation(r.kind.value, _NOWHERE, _name(r.target), _name(r.id) if r.id else None, body, _NOWHERE,
                         inferred=r.inferred)


def to_document(model: Model) -> tree.Document:
    statements: list[tree.Statement] = [tree.Import(_text(i.path), _name(i.namespace), _NOWHERE)
                                       for i in model.imports]
    local_sources = [s for s in model.sources if s.namespace is None]
    default = local_sources[0].id if len(local_sources) == 1 and not model.imports else None
    for s in local_sources:
        items: list[tree.Item] = [_field(tag, text) for tag, text in s.translations]
        if s.authors:
            items.append(_field("authors", *s.authors, inferred="authors" in s.inferred))
        if s.affiliations:
            items.append(_field("affiliations", *s.affiliations))
        for name in ("year", "venue", "volume", "issue", "pages", "publisher"):
            value = getattr(s, name)
            if value is not None:
                items.append(_field(name, value, inferred=name in s.inferred))
        for name in ("type", "lang", "claims"):
            value = getattr(s, name)
            if value is not None:
                items.append(_field(name, _name(value), inferred=name in s.inferred))
        for name in ("doi", "url", "fulltext", "bib"):
            value = getattr(s, name)
            if value is not None:
                items.append(_field(name, value, inferred=name in s.inferred))
        for name, refs in (("cites", s.cites), ("cited-by", s.cited_by)):
            if refs:
                items.append(_field(name, *(_name(r) for r in refs)))
        items += [_field("note", n) for n in s.notes]
        body = tree.Block(tuple(items), _NOWHERE) if items else None
        statements.append(tree.SourceDecl(_name(s.id), _text(s.title) if s.title else None, body, _NOWHERE))
    local_ids = {n.id for n in model.local_nodes()}
    relations = [r for r in model.relations if r.namespace is None]
    for n in model.local_nodes():
        items = [_field(tag, text) for tag, text in n.translations]
        if n.source != default and n.source is not None:
            items.append(_field("source", _name(n.source)))
        if n.tags:
            items.append(_field("tags", *(_name(t) for t in sorted(n.tags)), inferred="tags" in n.inferred))
        items += [_field("note", note) for note in n.notes]
        if n.section is not None and (not n.quotes or n.quotes[0].section != n.section):
            items.append(_field("section", n.section, inferred="section" in n.inferred))
        for name, value in (("stance", n.stance), ("status", n.status), ("type", n.type)):
            if value is not None:
                items.append(_field(name, _name(value), inferred=name in n.inferred))
        for name, value in (("date", n.date), ("url", n.url), ("reported", n.reported)):
            if value is not None:
                items.append(_field(name, value, inferred=name in n.inferred))
        if n.endorsed is not None:
            items.append(_field("endorsed", _name(n.endorsed), inferred="endorsed" in n.inferred))
        items += [_quote(q) for q in n.quotes]
        items += [_relation(r) for r in relations if r.origin == n.id]
        body = tree.Block(tuple(items), _NOWHERE) if items else None
        statements.append(tree.NodeDecl(n.kind.value, _NOWHERE, _name(n.id), _text(n.text), body, _NOWHERE))
    for r in relations:
        if r.origin not in local_ids:
            statements.append(tree.RelationStmt(_name(r.origin), _relation(r), _NOWHERE))
    return tree.Document(model.file, tuple(statements), ())
