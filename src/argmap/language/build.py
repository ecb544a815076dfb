"""Stage 2, build: syntax tree -> model, with resolution diagnostics (AM2xx).

Input: an `tree.Document` and a function that loads an imported file into a model. Output: a `model.Model`
(ids resolved, imports merged under their namespace, defaults applied) and diagnostics: unknown id (AM201),
duplicate id (AM202), unknown field (AM203), invalid value (AM204), import problems (AM205-AM208),
repeated field (AM209), field not allowed here (AM210).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from argmap.language import tree
from argmap.core.diagnostics import Diagnostic, Related, Span, make
from argmap.core.langtags import TAGS_THAT_ARE_WORDS, is_language_tag
from argmap.core.records import fast_construction
from argmap.core.text import a as _a
from argmap.language.tree import OVERSIZED
from argmap.core import vocabulary
from argmap.core.model import (ENDORSEMENTS, EVIDENCE_TYPES, RELATION_STANCES, SOURCE_TYPES, STANCES, STATUSES,
                               STRENGTHS, Import, Model, Node, NodeKind, Quote, Relation, RelationKind, Source)

# Fields, by where they may stand (from the vocabulary's table). A field name that is a language tag gives a
# translation.
NODE_FIELDS = vocabulary.node_field_names()
SOURCE_FIELDS = vocabulary.field_names("source")
RELATION_FIELDS = vocabulary.field_names("relation")
NODE_ITEMS = NODE_FIELDS + ("quote",)  # what a node's block may hold
_NODE_KIND = {k.value: k for k in NodeKind}
_RELATION_KIND = {k.value: k for k in RelationKind}
_NO_WORDS: frozenset[str] = frozenset()
RELATION_ITEMS = RELATION_FIELDS + ("quote",)
REPEATABLE = tuple(dict.fromkeys(f.name for f in vocabulary.FIELDS if f.repeatable))
# node fields that only some kinds allow
FIELDS_OF_KIND = {name: {NodeKind(k) for k in vocabulary.kinds_allowing(name)} for name in NODE_FIELDS
                  if len(vocabulary.kinds_allowing(name)) < len(vocabulary.NODE_KINDS)}
# Relation fields that only `answers` takes (how a paper answers a question).
ANSWER_FIELDS = ("reported", "endorsed")

# a region to suggest for a translation whose tag is also a word (AM212)
_REGION_OF = {"it": "IT", "no": "NO", "is": "IS", "he": "IL", "id": "ID", "in": "ID", "la": "VA", "to": "TO",
              "am": "ET", "be": "BY", "my": "MM", "so": "SO", "ha": "NG", "or": "IN", "an": "ES", "na": "NR"}

# (the model's import of another file, its loaded model, and its diagnostics) for a path
ImportLoader = Callable[[Path, Span], tuple["Model | None", list[Diagnostic]]]


@fast_construction  # one per id (see argmap.core.records)
@dataclass(frozen=True, slots=True)
class _Definition:
    what: str  # "source", "node", "relation"
    span: Span


def build(document: tree.Document, load_import: ImportLoader) -> tuple[Model, list[Diagnostic]]:
    return _Builder(document, load_import).run()


class _Builder:
    def __init__(self, document: tree.Document, load_import: ImportLoader):
        self.document = document
        self.load_import = load_import
        self.base = Path(document.file).parent
        self.diagnostics: list[Diagnostic] = []
        self.defined: dict[str, _Definition] = {}
        self.imported: dict[str, Model] = {}  # namespace -> model
        self.foreign: dict[str, object] = {}  # "ns.id" -> imported Node / Source / Relation
        # ids on either end of a relation whose target did not resolve (its origin, and the id the target
        # most likely meant): their "linked to nothing" and "nothing supports" warnings would be knock-on
        self.unresolved: set[str] = set()

    def error(self, code: str, span: Span, message: str, hint: str | None = None,
              related: Iterable[Related] = ()) -> None:
        self.diagnostics.append(make(code, span, message, hint, related))

    # --- the stage -----------------------------------------------------------------------------------
    def run(self) -> tuple[Model, list[Diagnostic]]:
        statements = self.document.statements
        imports = self._imports([s for s in statements if isinstance(s, tree.Import)])
        self._collect_definitions(statements)
        local_sources = [s for s in statements if isinstance(s, tree.SourceDecl)]
        # One source is the default of the file's nodes, except in a comparison map (a file with imports):
        # its questions are nobody's, and a source it declares is a work the papers cite (`cited-by:`).
        default_source = local_sources[0].key.value if len(local_sources) == 1 and not imports else None

        sources = [self._source(s) for s in local_sources]
        relations: list[Relation] = []
        nodes = [self._node(s, default_source) for s in statements if isinstance(s, tree.NodeDecl)]
        local = {n.id: n for n in nodes}
        for statement in statements:
            if isinstance(statement, tree.NodeDecl) and statement.body is not None:
                source = local[statement.id.value].source
                for item in statement.body.items:
                    if isinstance(item, tree.Relation):
                        relation = self._relation(statement.id, item, source)
                        if relation is not None:
                            relations.append(relation)
            elif isinstance(statement, tree.RelationStmt):
                origin = self._resolve(statement.origin, want="node")
                if origin is not None:
                    # a quote on a relation is the origin's: it is verified against the origin's source
                    relation = self._relation(statement.origin, statement.relation, self._source_of(origin, local))
                    if relation is not None:
                        relations.append(relation)

        for ns, model in self.imported.items():
            sources += [_prefixed(s, ns) for s in model.sources if s.namespace is None]
            nodes += [_prefixed(n, ns) for n in model.nodes if n.namespace is None]
            relations += [_prefixed(r, ns) for r in model.relations if r.namespace is None]
        model = Model(self.document.file, tuple(sources), tuple(nodes), tuple(relations), tuple(imports),
                      unresolved=frozenset(self.unresolved))
        return model, self.diagnostics

    # --- imports and definitions ---------------------------------------------------------------------
    def _imports(self, statements: list[tree.Import]) -> list[Import]:
        out = []
        seen_paths: dict[Path, tree.Import] = {}
        for statement in statements:
            ns = statement.namespace.value
            if ns in self.imported or any(i.namespace == ns for i in out):
                self.error("AM208", statement.namespace.span, f"the namespace `{ns}` is imported twice",
                           hint="give each imported file its own namespace")
                continue
            if self._bad_path(statement.path, "import"):
                continue
            path = (self.base / statement.path.value)
            resolved = path.resolve()
            if resolved in seen_paths:
                first = seen_paths[resolved]
                self.error("AM208", statement.path.span,
                           f"`{statement.path.value}` is already imported as `{first.namespace.value}`",
                           hint=f"refer to its nodes as `{first.namespace.value}.id`",
                           related=[Related(first.span, "imported here first")])
                continue
            seen_paths[resolved] = statement
            model, diagnostics = self.load_import(path, statement.path.span)
            self.diagnostics.extend(diagnostics)
            out.append(Import(statement.path.value, ns, statement.span))
            if model is not None:
                self.imported[ns] = model
                for item in model.sources:
                    if item.namespace is None:
                        self.foreign[f"{ns}.{item.id}"] = item
                for item in model.nodes:
                    if item.namespace is None:
                        self.foreign[f"{ns}.{item.id}"] = item
                for item in model.relations:
                    if item.namespace is None and item.id:
                        self.foreign[f"{ns}.{item.id}"] = item
        return out

    def _define(self, name: tree.Name, what: str) -> None:
        first = self.defined.get(name.value)
        if first is not None:
            self.error("AM202", name.span, f"`{name.value}` is already defined (as a {first.what})",
                       hint="ids are unique in a file: rename one of the two",
                       related=[Related(first.span, "first defined here")])
            return
        self.defined[name.value] = _Definition(what, name.span)

    def _collect_definitions(self, statements) -> None:
        for statement in statements:
            if isinstance(statement, tree.SourceDecl):
                self._define(statement.key, "source")
            elif isinstance(statement, tree.NodeDecl):
                self._define(statement.id, statement.kind)
            relations = []
            if isinstance(statement, tree.RelationStmt):
                relations = [statement.relation]
            elif isinstance(statement, tree.NodeDecl) and statement.body is not None:
                relations = [i for i in statement.body.items if isinstance(i, tree.Relation)]
            for relation in relations:
                if relation.id is not None:
                    self._define(relation.id, "relation")

    def _resolve(self, name: tree.Name, want: str) -> str | None:
        """The resolved id for a reference to a `want` ("node", "source", "node or relation"), or None."""
        value = name.value
        ns = name.namespace
        if ns is not None:
            if ns not in self.imported:
                known = [i for i in self.imported]
                hint = _did_you_mean(ns, known) or (
                    f"import the file first: `import \"file.arg\" as {ns}`" if not known
                    else "imported namespaces: " + ", ".join(f"`{k}`" for k in known))
                self.error("AM207", name.span, f"no file is imported as `{ns}`", hint=hint)
                return None
            item = self.foreign.get(value)
            kind = None if item is None else ("source" if isinstance(item, Source)
                                              else "relation" if isinstance(item, Relation) else "node")
        else:
            definition = self.defined.get(value)
            kind = None if definition is None else (
                definition.what if definition.what in ("source", "relation") else "node")
        if kind is not None and kind in want:
            return value
        if kind is not None:
            self.error("AM201", name.span, f"`{value}` is a {kind}, not a {want.replace(' or ', ' or a ')}",
                       hint="sources are cited with `source:`; relations are targets of `undercuts` only")
            return None
        # only now, on an error, gather the candidates for "did you mean"
        candidates = [k for k in self.foreign if k.startswith(ns + ".")] if ns is not None else list(self.defined)
        pool = candidates if want != "source" else [
            c for c in candidates if (self.defined.get(c) and self.defined[c].what == "source")
            or isinstance(self.foreign.get(c), Source)]
        close = difflib.get_close_matches(value, pool, n=1, cutoff=0.6)
        self.unresolved.update(close)
        hint = _did_you_mean(value, pool) or ("ids are defined by " + ", ".join(
            f"`{k}`" for k in vocabulary.STATEMENT_KEYWORDS[1:]) + ", and `as` on a relation")
        self.error("AM201", name.span, f"unknown id `{value}`", hint=hint)
        return None

    # --- fields --------------------------------------------------------------------------------------
    def _fields(self, block: tree.Block | None, allowed: tuple[str, ...], where: str,
                kind: NodeKind | None = None) -> tuple[dict[str, tree.Field], list[tree.Field], list[tree.Field]]:
        """Split a block's fields into (single fields by name, repeated notes, translations) with checks."""
        single: dict[str, tree.Field] = {}
        notes: list[tree.Field] = []
        translations: dict[str, tree.Field] = {}
        if block is None:
            return single, notes, []
        for item in block.items:
            if isinstance(item, tree.Quote) and "quote" not in allowed:
                self.error("AM210", item.span, f"{_a(where)} has no quotes",
                           hint="quotes belong to nodes and relations")
            if not isinstance(item, tree.Field):
                continue
            name = item.name.value
            if name in allowed:
                if kind is not None and name in FIELDS_OF_KIND and kind not in FIELDS_OF_KIND[name]:
                    kinds = ", ".join(sorted(k.value for k in FIELDS_OF_KIND[name]))
                    self.error("AM210", item.name.span, f"`{name}` is not a field of {_a(where)}",
                               hint=f"`{name}` belongs to: {kinds}")
                    continue
                if name in REPEATABLE:
                    notes.append(item)
                elif name in single:
                    self._repeated(item, single[name])
                else:
                    single[name] = item
            elif is_language_tag(name) and all(isinstance(v, tree.Text) for v in item.values):
                # (a translation is a text: `typ: event` is a misspelt `type`, not the Thaypan language)
                key = name.lower()
                if key in TAGS_THAT_ARE_WORDS:
                    hint = _did_you_mean(name, [a for a in allowed if a != "quote"])
                    self.error("AM212", item.name.span,
                               f"`{name}:` gives a translation into {TAGS_THAT_ARE_WORDS[key]}",
                               hint=(hint + " " if hint else "") + f"If a translation is meant, add a region or "
                                    f"script to the tag (e.g. `{name}-{_REGION_OF.get(key, 'XX')}:`)")
                if key in translations:
                    self._repeated(item, translations[key])
                else:
                    translations[key] = item
            else:
                # suggest only what may stand here: `status` is no suggestion for a claim
                here = [a for a in allowed if kind is None or a not in FIELDS_OF_KIND or kind in FIELDS_OF_KIND[a]]
                hint = _did_you_mean(name, here)
                elsewhere = difflib.get_close_matches(name, [a for a in allowed if a not in here], n=1, cutoff=0.7)
                if hint is None and elsewhere:
                    kinds = ", ".join(sorted(k.value for k in FIELDS_OF_KIND[elsewhere[0]]))
                    hint = f"`{elsewhere[0]}` is a field of: {kinds}, not of {_a(where)}"
                self.error("AM203", item.name.span, f"unknown field `{name}` for {_a(where)}",
                           hint=hint or ("fields here: " + ", ".join(f"`{a}`" for a in here)
                                         + "; a language tag such as `en` or `zh` gives a translation"))
        return single, notes, list(translations.values())

    def _repeated(self, item: tree.Field, first: tree.Field) -> None:
        self.error("AM209", item.name.span, f"`{item.name.value}` is given twice",
                   hint="give it once; only `note` and `quote` may repeat",
                   related=[Related(first.span, "first given here")])

    def _one(self, field: tree.Field | None) -> tree.Text | tree.Name | tree.Number | None:
        if field is None:
            return None
        if len(field.values) > 1:
            self.error("AM204", field.values[1].span, f"`{field.name.value}` takes one value",
                       hint="remove the values after the first comma")
        return field.values[0]

    def _text(self, field: tree.Field | None, allow_number: bool = False) -> str | None:
        value = self._one(field)
        if value is None:
            return None
        if isinstance(value, tree.Text):
            return value.value
        if isinstance(value, tree.Number) and allow_number:
            return str(value.value)
        self.error("AM204", value.span, f"`{field.name.value}` takes a quoted text",
                   hint=f'write it in double quotes: `{field.name.value}: "{value.value}"`')
        return None

    def _link(self, field: tree.Field | None, doi: bool = False) -> str | None:
        """A `url:` or `doi:` value; one that cannot be a safe link is kept but warned about (AM314): it is
        shown as text, never as a link."""
        from argmap.core.safety import link_problem, normalize_doi

        value = self._text(field)
        if value is None:
            return None
        span = field.values[0].span
        if doi:
            if normalize_doi(value) is None:
                self.error("AM314", span, f"`{_short(value)}` is not a DOI, so it is not linked",
                           hint="a DOI looks like `10.1234/abc` (or `doi:10.1234/abc`, `https://doi.org/10.1234/abc`)")
        else:
            problem = link_problem(value)
            if problem is not None:
                self.error("AM314", span, f"`{_short(value)}` is not linked: {problem}",
                           hint="links are absolute http or https URLs, e.g. `https://example.org/paper`")
        return value

    def _bad_path(self, text: tree.Text, what: str) -> bool:
        """True (and AM204) for a path with NUL or other control characters, which no file system has."""
        if all(ch.isprintable() for ch in text.value) and text.value.strip():
            return False
        self.error("AM204", text.span, f"the {what} path is empty or holds control characters",
                   hint="write the path of the file, relative to this .arg file")
        return True

    def _path(self, field: tree.Field | None, what: str) -> str | None:
        value = self._one(field)
        if value is None:
            return None
        if isinstance(value, tree.Text):
            return None if self._bad_path(value, what) else value.value
        return self._text(field)

    def _choice(self, field: tree.Field | None, choices: tuple[str, ...]) -> str | None:
        value = self._one(field)
        if value is None:
            return None
        word = value.value if isinstance(value, (tree.Text, tree.Name)) else str(value.value)
        if word in choices:
            return word
        hint = _did_you_mean(word, list(choices)) or "one of: " + ", ".join(choices)
        self.error("AM204", value.span, f"`{word}` is not a valid {field.name.value}", hint=hint)
        return None

    def _words(self, field: tree.Field | None) -> tuple[str, ...]:
        if field is None:
            return ()
        return tuple(str(v.value) for v in field.values)

    def _texts(self, field: tree.Field | None) -> tuple[str, ...]:
        """A comma-separated list of quoted texts (e.g. `affiliations:`)."""
        if field is None:
            return ()
        out = []
        for value in field.values:
            if isinstance(value, tree.Text):
                out.append(value.value)
            else:
                self.error("AM204", value.span, f"`{field.name.value}` takes quoted texts",
                           hint=f'write each in double quotes: `{field.name.value}: "{value.value}"`')
        return tuple(out)

    def _refs(self, field: tree.Field | None, own: str) -> tuple[str, ...]:
        """`cites:` / `cited-by:`: keys of sources, local or `ns.key` of an imported map."""
        if field is None:
            return ()
        out = []
        for value in field.values:
            if not isinstance(value, tree.Name):
                self.error("AM204", value.span, f"`{field.name.value}` takes keys of sources",
                           hint=f"write the key without quotes, e.g. `{field.name.value}: zhu2014`; declare a "
                                "cited work that no map has with its own `source` statement")
                continue
            if value.namespace is None and value.value == own:
                self.error("AM204", value.span, f"the source `{own}` cannot cite itself",
                           hint="name another source")
                continue
            resolved = self._resolve(value, want="source")
            if resolved is not None:
                out.append(resolved)
        return tuple(out)

    def _endorsed(self, single: dict[str, tree.Field]) -> str | None:
        endorsed = self._choice(single.get("endorsed"), ENDORSEMENTS)
        if endorsed is not None and "reported" not in single:
            field = single["endorsed"]
            self.error("AM204", field.name.span, "`endorsed` says whether the author shares a reported view, "
                       "but nothing is reported here",
                       hint='say whose view it is: `reported: "Japanese officials"`, or remove `endorsed`')
        return endorsed

    def _about(self, field: tree.Field | None) -> str | None:
        value = self._one(field)
        if value is None:
            return None
        if not isinstance(value, tree.Name):
            self.error("AM204", value.span, "`about` takes the id of a question",
                       hint="write the id without quotes: `about: q_logic`")
            return None
        return self._resolve(value, want="node")

    def _translations(self, fields: list[tree.Field]) -> tuple[tuple[str, str], ...]:
        out = []
        for field in fields:
            text = self._text(field)
            if text is not None:
                out.append((field.name.value, text))
        return tuple(out)

    def _quotes(self, block: tree.Block | None, source: str | None) -> tuple[Quote, ...]:
        if block is None:
            return ()
        out = []
        for item in block.items:
            if isinstance(item, tree.Quote):
                if not item.text.value.strip():
                    self.error("AM204", item.text.span, "the quote is empty", hint="copy the passage verbatim")
                    continue
                loc = item.locator
                out.append(Quote(item.text.value, loc.section.value if loc else None,
                                 loc.page.value if loc and loc.page else None,
                                 loc.lines if loc else None, source, item.text.span))
                if loc and loc.lines and loc.lines[0] > loc.lines[1] and max(loc.lines) < OVERSIZED:
                    self.error("AM204", loc.span, f"the line range {loc.lines[0]}-{loc.lines[1]} runs backwards",
                               hint=f"write `lines {loc.lines[1]}-{loc.lines[0]}`")
        return tuple(out)

    # --- statements ----------------------------------------------------------------------------------
    def _source(self, decl: tree.SourceDecl) -> Source:
        single, notes, translations = self._fields(decl.body, SOURCE_FIELDS, "source")
        if decl.body is not None:
            for item in decl.body.items:
                if isinstance(item, tree.Relation):
                    self.error("AM210", item.verb_span, "a source cannot be related to anything",
                               hint="relations start from nodes; cite the source with `source:` on a node")
        year = None
        year_value = self._one(single.get("year"))
        if year_value is not None:
            if isinstance(year_value, tree.Number) and 1000 <= year_value.value <= 2999:
                year = year_value.value
            elif isinstance(year_value, tree.Number) and year_value.value >= OVERSIZED:
                pass  # reported when it was read
            else:
                self.error("AM204", year_value.span, f"`{year_value.value}` is not a year",
                           hint="write the year as a number, e.g. `year: 2019`")
        lang = None
        lang_value = self._one(single.get("lang"))
        if lang_value is not None:
            word = str(lang_value.value)
            if is_language_tag(word):
                lang = word
            else:
                self.error("AM204", lang_value.span, f"`{word}` is not a language tag",
                           hint="use a BCP 47 tag such as `en`, `zh`, `zh-Hans`, `zh-Hant`, `ja`")
        return Source(
            id=decl.key.value,
            title=decl.title.value if decl.title else None,
            translations=self._translations(translations),
            authors=self._words(single.get("authors")),
            year=year,
            venue=self._text(single.get("venue")),
            volume=self._text(single.get("volume"), allow_number=True),
            issue=self._text(single.get("issue"), allow_number=True),
            pages=self._text(single.get("pages"), allow_number=True),
            publisher=self._text(single.get("publisher")),
            type=self._choice(single.get("type"), SOURCE_TYPES),
            lang=lang,
            doi=self._link(single.get("doi"), doi=True),
            url=self._link(single.get("url")),
            fulltext=self._path(single.get("fulltext"), "fulltext"),
            bib=self._text(single.get("bib")),
            notes=tuple(t for t in (self._text(n) for n in notes) if t is not None),
            inferred=frozenset(name for name, f in single.items() if f.inferred),
            namespace=None,
            span=decl.key.span,
            affiliations=self._texts(single.get("affiliations")),
            cites=self._refs(single.get("cites"), decl.key.value),
            cited_by=self._refs(single.get("cited-by"), decl.key.value),
            claims=self._choice(single.get("claims"), vocabulary.CLAIM_STYLES),
        )

    def _node(self, decl: tree.NodeDecl, default_source: str | None) -> Node:
        kind = _NODE_KIND.get(decl.kind) or NodeKind(decl.kind)
        single, notes, translations = self._fields(decl.body, NODE_ITEMS, decl.kind, kind)
        if not decl.text.value.strip():
            self.error("AM204", decl.text.span, f"the {decl.kind} `{decl.id.value}` has no text",
                       hint="say in a sentence what it states")
        source = default_source
        source_field = single.get("source")
        if source_field is not None:
            value = self._one(source_field)
            source = None
            if isinstance(value, tree.Name):
                source = self._resolve(value, want="source")
            else:
                self.error("AM204", value.span, "`source` takes the key of a source",
                           hint="write the key without quotes: `source: lin2004`")
        quotes = self._quotes(decl.body, source)
        section = self._text(single.get("section"))
        if section is None and quotes:
            section = quotes[0].section
        if not single and not notes:  # only translations, quotes and relations: no other field to read
            return Node(decl.id.value, kind, decl.text.value, self._translations(translations), quotes, source,
                        _NO_WORDS, (), section, None, None, None, None, None, None, decl.id.span)
        return Node(
            id=decl.id.value,
            kind=kind,
            text=decl.text.value,
            translations=self._translations(translations),
            quotes=quotes,
            source=source,
            tags=frozenset(self._words(single.get("tags"))),
            notes=tuple(t for t in (self._text(n) for n in notes) if t is not None),
            section=section,
            stance=self._choice(single.get("stance"), STANCES),
            status=self._choice(single.get("status"), STATUSES),
            type=self._choice(single.get("type"), EVIDENCE_TYPES),
            date=self._text(single.get("date"), allow_number=True),
            url=self._link(single.get("url")),
            namespace=None,
            span=decl.id.span,
            reported=self._text(single.get("reported")),
            endorsed=self._endorsed(single),
            inferred=frozenset(name for name, f in single.items() if f.inferred),
        )

    def _relation(self, origin: tree.Name, item: tree.Relation, source: str | None) -> Relation | None:
        kind = _RELATION_KIND.get(item.verb) or RelationKind(item.verb)
        want = "node or relation" if kind is RelationKind.UNDERCUTS else "node"
        target = self._resolve(item.target, want=want)
        if item.body is None and target is not None and not self._is_relation(target):
            # `verb target` and nothing more (most relations): no field to read
            return Relation(item.id.value if item.id else None, kind, origin.value, target, False, None, None, None,
                            (), None, item.span, origin.span, item.target.span, inferred=item.inferred)
        single, notes, translations = self._fields(item.body, RELATION_ITEMS, "relation")
        for field in translations:
            self.error("AM203", field.name.span, f"a relation has no translations (`{field.name.value}`)",
                       hint="put the text in a `note:`")
        if notes and "note" not in single:
            single["note"] = notes[0]
            for extra in notes[1:]:
                self._repeated(extra, notes[0])
        for name in ANSWER_FIELDS:
            if name in single and kind is not RelationKind.ANSWERS:
                self.error("AM210", single[name].name.span, f"`{name}` is a field of `answers` or of a node",
                           hint=f"mark the node itself with `{name}:` in its own map")
                del single[name]
        stance_field = single.get("stance")
        if stance_field is not None and kind is not RelationKind.ANSWERS and stance_field.values and \
                str(stance_field.values[0].value) == "none":
            self.error("AM204", stance_field.values[0].span, "`stance: none` is for `answers`",
                       hint="it records that a paper takes no position on a question")
            del single["stance"]
        elif stance_field is not None and stance_field.values and str(stance_field.values[0].value) == "none" \
                and "note" not in single:
            self.error("AM204", stance_field.values[0].span, "`stance: none` needs a `note:`",
                       hint='say what the paper does instead, e.g. `note: "002 does not pose the question; it ..."`')
        if target is None:
            self.unresolved.add(origin.value)
            return None
        target_is_relation = self._is_relation(target)
        if target_is_relation and kind is not RelationKind.UNDERCUTS:
            self.error("AM301", item.target.span, f"`{target}` is a relation; only `undercuts` targets relations",
                       hint=f"write `undercuts {target}`")
            return None
        return Relation(
            id=item.id.value if item.id else None,
            kind=kind,
            origin=origin.value,
            target=target,
            target_is_relation=target_is_relation,
            note=self._text(single.get("note")),
            strength=self._choice(single.get("strength"), STRENGTHS),
            stance=self._choice(single.get("stance"), RELATION_STANCES),
            quotes=self._quotes(item.body, source),
            namespace=None,
            span=item.span,
            origin_span=origin.span,
            target_span=item.target.span,
            reported=self._text(single.get("reported")),
            endorsed=self._endorsed(single),
            about=self._about(single.get("about")),
            inferred=item.inferred,
        )

    def _source_of(self, node_id: str, local: dict[str, Node]) -> str | None:
        """The source of a node of this file, or (namespaced) of an imported node."""
        if "." not in node_id:
            node = local.get(node_id)
            return node.source if node is not None else None
        node = self.foreign.get(node_id)
        if not isinstance(node, Node) or node.source is None:
            return None
        return f"{node_id.split('.', 1)[0]}.{node.source}"

    def _is_relation(self, ref: str) -> bool:
        if "." in ref:
            return isinstance(self.foreign.get(ref), Relation)
        definition = self.defined.get(ref)
        return definition is not None and definition.what == "relation"


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def _did_you_mean(word: str, candidates: list[str]) -> str | None:
    close = difflib.get_close_matches(word, candidates, n=3, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        close = [lowered[c] for c in difflib.get_close_matches(word.lower(), list(lowered), n=3, cutoff=0.6)]
    if not close:
        return None
    return "did you mean " + " or ".join(f"`{c}`" for c in close) + "?"


def _prefixed(item, ns: str):
    """An imported source, node or relation, its ids prefixed by the namespace."""

    def p(value: str | None) -> str | None:
        return None if value is None else f"{ns}.{value}"

    if isinstance(item, Node):
        quotes = tuple(replace(q, source=p(q.source)) for q in item.quotes)
        return replace(item, id=p(item.id), source=p(item.source), quotes=quotes, namespace=ns)
    if isinstance(item, Source):
        return replace(item, id=p(item.id), namespace=ns, cites=tuple(p(c) for c in item.cites),
                       cited_by=tuple(p(c) for c in item.cited_by))
    return replace(item, id=p(item.id), origin=p(item.origin), target=p(item.target), namespace=ns,
                   about=p(item.about), quotes=tuple(replace(q, source=p(q.source)) for q in item.quotes))



