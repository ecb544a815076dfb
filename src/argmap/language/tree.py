"""The syntax tree: the surface syntax of an .arg file, one class per construct, comments kept.

Produced by `argmap.syntax`; consumed by `argmap.build` (which resolves it into the model) and by the
formatter. Nothing here knows about lark. Every node carries a `Span`. Comments are kept in the tree:
`Document.comments` holds all of them in order, and each statement and block item carries the comments on
the lines just before it (`leading`) and the one at the end of its first line (`trailing`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from argmap.core.diagnostics import Span
from argmap.core.records import fast_construction


@fast_construction
@dataclass(frozen=True, slots=True)
class Comment:
    text: str  # without the leading `#`
    span: Span
    own_line: bool  # nothing but white space before it on its line


@fast_construction
@dataclass(frozen=True, slots=True)
class Text:
    """A quoted text, escapes resolved; `long` for triple-quoted text."""

    value: str
    span: Span
    long: bool = False


@fast_construction
@dataclass(frozen=True, slots=True)
class Name:
    """An id, a field name or a reference; a reference to an imported node is `ns.id`."""

    value: str
    span: Span

    @property
    def namespace(self) -> str | None:
        return self.value.split(".", 1)[0] if "." in self.value else None


MAX_NUMBER_DIGITS = 9  # years, pages and line numbers; a longer number is an error (AM204)
OVERSIZED = 10 ** MAX_NUMBER_DIGITS  # the value of a number that was too long (reported when it was read)


@fast_construction
@dataclass(frozen=True, slots=True)
class Number:
    value: int
    span: Span


Value = Union[Text, Name, Number]


@fast_construction
@dataclass(frozen=True, slots=True)
class Field:
    name: Name
    values: tuple[Value, ...]
    inferred: bool
    span: Span
    leading: tuple[Comment, ...] = ()
    trailing: Comment | None = None


@fast_construction
@dataclass(frozen=True, slots=True)
class Locator:
    section: Text
    page: Number | None
    lines: tuple[int, int] | None
    span: Span


@fast_construction
@dataclass(frozen=True, slots=True)
class Quote:
    text: Text
    locator: Locator | None
    span: Span
    leading: tuple[Comment, ...] = ()
    trailing: Comment | None = None


@fast_construction
@dataclass(frozen=True, slots=True)
class Block:
    items: tuple["Item", ...]
    span: Span
    dangling: tuple[Comment, ...] = ()  # comments after the last item, before `}`


@fast_construction
@dataclass(frozen=True, slots=True)
class Relation:
    """`verb target [(inferred)] [as id] [{...}]`, inside a node's block or after an origin at top level."""

    verb: str  # canonical, as the vocabulary spells it (`RelationWord.word`)
    verb_span: Span
    target: Name
    id: Name | None
    body: Block | None
    span: Span
    leading: tuple[Comment, ...] = ()
    trailing: Comment | None = None
    inferred: bool = False  # `(inferred)` after the target: the mapper supplied the link, the paper does not state it


Item = Union[Field, Quote, Relation]


@fast_construction
@dataclass(frozen=True, slots=True)
class Import:
    path: Text
    namespace: Name
    span: Span
    leading: tuple[Comment, ...] = ()
    trailing: Comment | None = None


@fast_construction
@dataclass(frozen=True, slots=True)
class SourceDecl:
    key: Name
    title: Text | None
    body: Block | None
    span: Span
    leading: tuple[Comment, ...] = ()
    trailing: Comment | None = None


@fast_construction
@dataclass(frozen=True, slots=True)
class NodeDecl:
    kind: str  # a node kind of the vocabulary (`NODE_KINDS`)
    kind_span: Span
    id: Name
    text: Text
    body: Block | None
    span: Span
    leading: tuple[Comment, ...] = ()
    trailing: Comment | None = None


@fast_construction
@dataclass(frozen=True, slots=True)
class RelationStmt:
    """A top-level relation: `origin verb target ...` (used for relations between imported nodes)."""

    origin: Name
    relation: Relation
    span: Span
    leading: tuple[Comment, ...] = ()
    trailing: Comment | None = None


Statement = Union[Import, SourceDecl, NodeDecl, RelationStmt]


@dataclass(frozen=True, slots=True)
class Document:
    file: str
    statements: tuple[Statement, ...]
    comments: tuple[Comment, ...] = field(default=())
