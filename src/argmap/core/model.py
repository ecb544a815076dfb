"""The model: a resolved, immutable argument map (ids looked up, imports merged, defaults applied).

Produced by `argmap.build`; consumed by checks, the graph, renderers, reports and exporters. The whole
vocabulary lives here: `NodeKind`, `RelationKind` (with what each relation may connect), and the value sets
of the enumerated fields. Nodes of an imported file keep their own id prefixed by the namespace (`ns.id`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Iterator

from argmap.core.diagnostics import Span


class NodeKind(enum.Enum):
    THESIS = "thesis"
    CLAIM = "claim"
    EVIDENCE = "evidence"
    COUNTERCLAIM = "counterclaim"
    QUESTION = "question"


CLAIM_LIKE = frozenset({NodeKind.THESIS, NodeKind.CLAIM, NodeKind.COUNTERCLAIM})
REASONS = CLAIM_LIKE | {NodeKind.EVIDENCE}


class RelationKind(enum.Enum):
    SUPPORTS = "supports"
    ATTACKS = "attacks"
    UNDERCUTS = "undercuts"
    QUALIFIES = "qualifies"  # a caveat that narrows a claim without defeating it
    CONTRADICTS = "contradicts"
    ANSWERS = "answers"
    AGREES_WITH = "agrees with"
    DISAGREES_WITH = "disagrees with"
    REFINES = "refines"
    SAME_AS = "same as"

    @property
    def symmetric(self) -> bool:
        return self in (RelationKind.CONTRADICTS, RelationKind.AGREES_WITH, RelationKind.DISAGREES_WITH,
                        RelationKind.SAME_AS)

    @property
    def comparison(self) -> bool:
        """Relations that compare papers (agrees with, disagrees with, refines, same as)."""
        return self in (RelationKind.AGREES_WITH, RelationKind.DISAGREES_WITH, RelationKind.REFINES,
                        RelationKind.SAME_AS)

    @property
    def slug(self) -> str:
        return self.value.replace(" ", "_")


# What each relation may connect: (allowed origin kinds, allowed target kinds). `undercuts` targets a relation.
RELATION_RULES: dict[RelationKind, tuple[frozenset[NodeKind], frozenset[NodeKind]]] = {
    RelationKind.SUPPORTS: (REASONS, CLAIM_LIKE),
    RelationKind.ATTACKS: (REASONS, REASONS),
    RelationKind.UNDERCUTS: (REASONS, frozenset()),
    RelationKind.QUALIFIES: (REASONS, CLAIM_LIKE),
    RelationKind.CONTRADICTS: (CLAIM_LIKE, CLAIM_LIKE),
    RelationKind.ANSWERS: (CLAIM_LIKE, frozenset({NodeKind.QUESTION})),
    RelationKind.AGREES_WITH: (CLAIM_LIKE, CLAIM_LIKE),
    RelationKind.DISAGREES_WITH: (CLAIM_LIKE, CLAIM_LIKE),
    RelationKind.REFINES: (CLAIM_LIKE, CLAIM_LIKE),
    RelationKind.SAME_AS: (frozenset(NodeKind), frozenset(NodeKind)),
}

STANCES = ("asserted", "hedged", "conceded")
# An `answers` relation may also say that the paper takes no position on the question (with a note saying so).
RELATION_STANCES = STANCES + ("none",)
ENDORSEMENTS = ("yes", "no", "partly")  # whether the author endorses a reported view
STATUSES = ("rebutted", "conceded", "open")
STRENGTHS = ("weak", "moderate", "strong")
EVIDENCE_TYPES = ("event", "document", "statement", "figure", "quotation", "study", "data", "other")
SOURCE_TYPES = ("article", "book", "chapter", "report", "document", "speech", "webpage")


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
        parts = [self.section] if self.section else []
        if self.page is not None:
            parts.append(f"p. {self.page}")
        if self.lines is not None:
            a, b = self.lines
            parts.append(f"line {a}" if a == b else f"lines {a}-{b}")
        return ", ".join(parts)


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
    affiliations: tuple[str, ...] = ()  # as printed, one per author or institution
    cites: tuple[str, ...] = ()  # ids of the sources this source cites (`ns.id` for an imported one)
    cited_by: tuple[str, ...] = ()  # the same link recorded from the cited side (a map that cannot edit the citer)

    def text_in(self, lang: str | None) -> str | None:
        return _text_in(self.title, self.lang, self.translations, lang)

    @property
    def link(self) -> str | None:
        """The source's URL, else its DOI at https://doi.org/; only http(s), percent-encoded (None if unsafe)."""
        from argmap.core.safety import safe_link

        return safe_link(self.url, self.doi)


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
    evidence_type: str | None
    date: str | None
    url: str | None
    namespace: str | None
    span: Span
    reported: str | None = None  # whose view the node reports (e.g. "Japanese officials"); None: the author's own
    endorsed: str | None = None  # for a reported view: does the author endorse it (yes, no, partly)

    def text_in(self, lang: str | None) -> str | None:
        """The text in `lang` ("en" is the node's main text; "zh" matches zh, zh-Hant, zh-Hans)."""
        return _text_in(self.text, "en", self.translations, lang)

    @property
    def link(self) -> str | None:
        """The node's own URL when it is a safe http(s) link (see `argmap.core.safety`)."""
        from argmap.core.safety import safe_url

        return safe_url(self.url)


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

    @property
    def key(self) -> str:
        """A stable key: its id, or `origin verb target`."""
        return self.id or f"{self.origin} {self.kind.slug} {self.target}"


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
    _nodes_by_id: dict[str, Node] = field(default_factory=dict, repr=False, compare=False)
    _sources_by_id: dict[str, Source] = field(default_factory=dict, repr=False, compare=False)
    _relations_by_id: dict[str, Relation] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Indexes are built once, here; the dicts are private and never handed out for editing.
        self._nodes_by_id.update((n.id, n) for n in self.nodes)
        self._sources_by_id.update((s.id, s) for s in self.sources)
        self._relations_by_id.update((r.id, r) for r in self.relations if r.id)

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
        return local[0].text_in("en") if len(local) == 1 else None


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
