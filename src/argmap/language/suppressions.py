"""Suppression comments: `# argmap: ignore[AM304, AM305] reason` in the syntax tree, as line ranges.

A comment on a line of its own silences the statement or block item that follows it (all its lines); a
comment at the end of a line silences that line. Used by `argmap.checks.rules.suppress` (which drops what
they silence) and by the formatter (which keeps them covering what they covered when it moves statements
that shared a line onto lines of their own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from argmap.language import tree

_IGNORE = re.compile(r"argmap:\s*ignore\[([^\]\n]*)\]", re.I)


@dataclass(frozen=True, slots=True)
class Suppression:
    codes: tuple[str, ...]  # as written, upper-cased
    first: int  # lines silenced, inclusive
    last: int
    comment: tree.Comment
    owner: object | None  # the statement or item the comment belongs to (None: a stray end-of-line comment)


def codes_of(comment: tree.Comment) -> tuple[str, ...] | None:
    match = _IGNORE.search(comment.text)
    if match is None:
        return None
    return tuple(c.strip().upper() for c in match.group(1).split(",") if c.strip())


def body_of(item) -> tree.Block | None:
    return item.relation.body if isinstance(item, tree.RelationStmt) else getattr(item, "body", None)


def suppressions(document: tree.Document) -> list[Suppression]:
    # every comment of the tree is in `document.comments`: without one that suppresses, nothing to walk
    if not any(_IGNORE.search(comment.text) for comment in document.comments):
        return []
    found: list[Suppression] = []
    attached: set[int] = set()

    def visit(item) -> None:
        for comment in getattr(item, "leading", ()):
            attached.add(id(comment))
            if (codes := codes_of(comment)) is not None:
                found.append(Suppression(codes, item.span.line, item.span.end_line, comment, item))
        trailing = getattr(item, "trailing", None)
        if trailing is not None:
            attached.add(id(trailing))
            if (codes := codes_of(trailing)) is not None:
                found.append(Suppression(codes, trailing.span.line, trailing.span.line, trailing, item))
        body = body_of(item)
        if body is not None:
            for inner in body.items:
                visit(inner)

    for statement in document.statements:
        visit(statement)
    for comment in document.comments:  # an end-of-line comment that belongs to no item silences its line
        if id(comment) not in attached and not comment.own_line and (codes := codes_of(comment)) is not None:
            found.append(Suppression(codes, comment.span.line, comment.span.line, comment, None))
    return found


def walk(document: tree.Document) -> Iterator[tuple[object, tuple[object, ...]]]:
    """Every statement and block item with its ancestors (outermost first)."""

    def visit(item, ancestors):
        yield item, ancestors
        body = body_of(item)
        if body is not None:
            for inner in body.items:
                yield from visit(inner, ancestors + (item,))

    for statement in document.statements:
        yield from visit(statement, ())
