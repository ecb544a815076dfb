"""The model: a resolved, immutable argument map (ids looked up, imports merged, defaults applied).

Produced by `argmap.build`; consumed by checks, the graph, renderers, reports and exporters. The whole
vocabulary's enums live here (`NodeKind`, `RelationKind`, with what each relation may connect), made from
`argmap.core.vocabulary`. Nodes of an imported file keep their own id prefixed by the namespace (`ns.id`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Iterator

from argmap.core.diagnostics import Span
from argmap.core.records import fast_construction

from argmap.core import vocabulary as _vocabulary
from argmap.core.vocabulary import (CLAIM_STYLES, ENDORSEMENTS, EVIDENCE_TYPES, RELATION_STANCES,  # noqa: F401
                                    SOURCE_TYPES, STANCES, STATUSES, STRENGTHS)


class _Kind(enum.Enum):
    """An enum hashed by identity, as its members compare (`Enum.__hash__` hashes the member's name in
    Python: a check of a 100k-statement map hashed a kind nine hundred thousand times)."""

    __hash__ = object.__hash__


# The enums are made from the vocabulary (`argmap.core.vocabulary`), the one place that spells the words.
NodeKind = _Kind("NodeKind", [(k.upper(), k) for k in _vocabulary.NODE_KINDS], module=__name__,
                 qualname="NodeKind")
NodeKind.__doc__ = "A kind of node: " + ", ".join(_vocabulary.NODE_KINDS) + "."

CLAIM_LIKE = frozenset(NodeKind(k) for k in _vocabulary.CLAIM_KINDS)
REASONS = frozenset(NodeKind(k) for k in _vocabulary.REASON_KINDS)


class _RelationKindBase(_Kind):
    """A relation of the language; its properties come from the vocabulary's `RelationWord`."""

    @property
    def word(self) -> "_vocabulary.RelationWord":
        return _vocabulary.RELATION[self.value]

    @property
    def symmetric(self) -> bool:
        return self.word.symmetric

    @property
    def comparison(self) -> bool:
        """Relations that compare papers (agrees with, disagrees with, refines, same as)."""
        return self.word.comparison

    @property
    def slug(self) -> str:
        """The word with `_` for spaces (`agrees_with`): in ids and keys."""
        return _SLUGS[self]


RelationKind = _RelationKindBase("RelationKind", [(r.name, r.word) for r in _vocabulary.RELATIONS],
                                 module=__name__, qualname="RelationKind")
_SLUGS = {kind: kind.value.replace(" ", "_") for kind in RelationKind}  # (made once: an edge's key reads it)

# What each relation may connect: (allowed origin kinds, allowed target kinds). `undercuts` targets a relation.
RELATION_RULES: dict = {
    RelationKind(r.word): (frozenset(NodeKind(k) for k in r.origins), frozenset(NodeKind(k) for k in r.targets))
    for r in _vocabulary.RELATIONS
}


def locator_text(section: str | None, page: int | None, lines: tuple[int, int] | None,
                 words: tuple[str, str] = ("line", "lines")) -> str:
    """`section, p. 3, lines 12-14` (a citation writes `words=("l.", "ll.")`)."""
    parts = [section] if section else []
    if page is not None:
        parts.append(f"p. {page}")
    if lines is not None:
        a, b = lines
        parts.append(f"{words[0]} {a}" if a == b else f"{words[1]} {a}-{b}")
    return ", ".join(parts)


@fast_construction
@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    section: str | None
    page: int | None
    lines: tuple[int, int] | None
    source: str | None  # the key of the source it is attributed to
    span: Span

    @property
    def locator(self) -> str:
        return locator_text(self.section, self.page, self.lines)


@fast_construction
@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str | None
    translations: tuple[tuple[str, str], ...]
    authors: tuple[str, ...]
    year: int | None
    venue: str | None
    volume: str | None
    issue: str | None
    pages: str | None
    publisher: str | None
    type: str | None
    lang: str | None
    doi: str | None
    url: str | None
    fulltext: str | None  # resolved path
    notes: tuple[str, ...]
    inferred: frozenset[str]  # names of the fields marked (inferred)
    namespace: str | None
    span: Span
    claims: str | None = None  # `bare`: the text asserts its claims without support (see CLAIM_STYLES)
    affiliations: tuple[str, ...] = ()  # as printed, one per author or institution
    cites: tuple[str, ...] = ()  # ids of the sources this source cites (`ns.id` for an imported one)
    cited_by: tuple[str, ...] = ()  # the same link recorded from the cited side (a map that cannot edit the citer)
    bib: str | None = None  # `refs.bib#key`: the entry of a reference manager's file the fields come from

    def text_in(self, lang: str | None) -> str | None:
        return _text_in(self.title, self.lang, self.translations, lang)

    @property
    def link(self) -> str | None:
        """The source's URL, else its DOI at https://doi.org/; only http(s), percent-encoded (None if unsafe)."""
        from argmap.core.safety import safe_link

        return safe_link(self.url, self.doi)


@fast_construction
@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: NodeKind
    text: str
    translations: tuple[tuple[str, str], ...]
    quotes: tuple[Quote, ...]
    source: str | None
    tags: frozenset[str]
    notes: tuple[str, ...]
    section: str | None
    stance: str | None
    status: str | None
    type: str | None  # the kind of evidence (document, event, figure, ...)
    date: str | None
    url: str | None
    namespace: str | None
    span: Span
    reported: str | None = None  # whose view the node reports (e.g. "Japanese officials"); None: the author's own
    endorsed: str | None = None  # for a reported view: does the author endorse it (yes, no, partly)
    inferred: frozenset[str] = frozenset()  # names of the fields marked (inferred): supplied by the mapper

    @property
    def evidence_type(self) -> str | None:
        """Deprecated name of `type` (the JSON format wrote `type` all along)."""
        return self.type

    def text_in(self, lang: str | None) -> str | None:
        """The text in `lang` ("en" is the node's main text; "zh" matches zh, zh-Hant, zh-Hans)."""
        return _text_in(self.text, "en", self.translations, lang)

    @property
    def link(self) -> str | None:
        """The node's own URL when it is a safe http(s) link (see `argmap.core.safety`)."""
        if self.url is None:  # (most nodes: asked of each node drawn)
            return None
        from argmap.core.safety import safe_url

        return safe_url(self.url)


@fast_construction
@dataclass(frozen=True, slots=True)
class Relation:
    id: str | None
    kind: RelationKind
    origin: str
    target: str
    target_is_relation: bool
    note: str | None
    strength: str | None
    stance: str | None
    quotes: tuple[Quote, ...]
    namespace: str | None
    span: Span
    origin_span: Span
    target_span: Span
    reported: str | None = None  # on `answers`: the paper gives this answer as someone else's view
    endorsed: str | None = None
    about: str | None = None  # the question a comparison relation is about (id of a question)
    inferred: bool = False  # the mapper supplied this link; the paper does not state it

    @property
    def key(self) -> str:
        """A stable key: its id, or `origin verb target`."""
        return self.id or f"{self.origin} {self.kind.slug} {self.target}"


@fast_construction
@dataclass(frozen=True, slots=True)
class Import:
    path: str
    namespace: str
    span: Span


@dataclass(frozen=True, slots=True)
class Model:
    file: str
    sources: tuple[Source, ...]
    nodes: tuple[Node, ...]
    relations: tuple[Relation, ...]
    imports: tuple[Import, ...] = ()
    # ids at the ends of relations that did not resolve (see build): checks keep quiet about their links
    unresolved: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    # Indexes, built in __post_init__ from the tuples above. They are not constructor arguments, so
    # `dataclasses.replace(model, nodes=...)` builds fresh ones and an index can never go stale.
    _nodes_by_id: dict[str, Node] = field(init=False, repr=False, compare=False)
    _sources_by_id: dict[str, Source] = field(init=False, repr=False, compare=False)
    _relations_by_id: dict[str, Relation] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # the dicts are private and never handed out for editing
        object.__setattr__(self, "_nodes_by_id", {n.id: n for n in self.nodes})
        object.__setattr__(self, "_sources_by_id", {s.id: s for s in self.sources})
        object.__setattr__(self, "_relations_by_id", {r.id: r for r in self.relations if r.id})

    def node(self, id: str) -> Node | None:
        return self._nodes_by_id.get(id)

    def source(self, id: str) -> Source | None:
        return self._sources_by_id.get(id)

    def relation(self, id: str) -> Relation | None:
        return self._relations_by_id.get(id)

    def local_nodes(self) -> Iterator[Node]:
        """Nodes defined in this file (not imported)."""
        return (n for n in self.nodes if n.namespace is None)

    @property
    def namespaces(self) -> tuple[str, ...]:
        return tuple(i.namespace for i in self.imports)

    @property
    def title(self) -> str | None:
        local = [s for s in self.sources if s.namespace is None]
        # a comparison is not titled by a work it cites (its own sources are what the papers cite)
        return local[0].text_in("en") if len(local) == 1 and not self.imports else None


def _text_in(main: str | None, main_lang: str | None, translations: tuple[tuple[str, str], ...],
             lang: str | None) -> str | None:
    if lang is None:
        return main
    want = lang.lower()
    for tag, value in translations:
        t = tag.lower()
        if t == want or t.split("-")[0] == want:
            return value
    if main_lang is not None and (main_lang.lower() == want or main_lang.lower().split("-")[0] == want):
        return main
    return None
