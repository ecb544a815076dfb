"""Stage 3, checks for comparisons (AM318-AM322): model -> diagnostics.

How a comparison may misstate the papers: a view a paper only reports joined by `agrees with` to an author's
own claim (AM318); a cell whose note says the paper does not pose the question but whose stance is a position
(AM319); `agrees with` between papers that share an author or a citation link, with a note that does not say
so (AM320); a cross-paper relation with nothing a reader can check at one end (AM321); `disagrees with` that
does not name the question it is about (AM322). Only relations this file writes are checked.
"""

from __future__ import annotations

import re
from typing import Iterator

from argmap.analysis.provenance import author_key, dependence, source_of
from argmap.checks import reports
from argmap.core.diagnostics import Diagnostic, Related, make
from argmap.core.model import Model, Node, NodeKind, Relation, RelationKind

# A note that says the paper does not take up the question (English or Chinese).
NO_POSITION = re.compile(
    r"does not (?:pose|address|discuss|raise|take up|ask|answer)|takes no (?:position|stance)|is silent on"
    r"|(?:未|没有|沒有|并未|並未)(?:讨论|討論|提出|涉及|回答)", re.IGNORECASE)
# A note that acknowledges that two papers are not independent.
ACKNOWLEDGES = re.compile(r"same author|shared author|not independent|\bcites?\b|\bcited\b|\bciting\b"
                          r"|同一作者|引用", re.IGNORECASE)


def reported_view(model: Model, node: Node) -> str | None:
    """Whose view `node` reports: its own `reported:`, or that of an `answers` in this file."""
    if node.reported:
        return node.reported
    for relation in model.relations:
        if relation.kind is RelationKind.ANSWERS and relation.origin == node.id and relation.reported:
            return relation.reported
    return None


_AGREEING = frozenset((RelationKind.AGREES_WITH, RelationKind.SAME_AS))
_COMPARING = frozenset(k for k in RelationKind if k.comparison)


def _own(relations, model, kinds: frozenset):
    """The map's own relations of these kinds whose two ends are nodes, with the nodes."""
    for relation in relations:
        if relation.namespace is not None or relation.kind not in kinds:
            continue
        origin, target = model.node(relation.origin), model.node(relation.target)
        if origin is not None and target is not None:
            yield relation, origin, target


@reports("AM318")
def check_reported_agreement(model: Model) -> Iterator[Diagnostic]:
    """AM318 (warning): a reported view joined by `agrees with` (or `same as`) to an author's own claim."""
    for relation, origin, target in _own(model.relations, model, _AGREEING):
        a, b = reported_view(model, origin), reported_view(model, target)
        if (a is None) == (b is None):
            continue
        reported, own = (origin, target) if a is not None else (target, origin)
        span = relation.origin_span if reported is origin else relation.target_span
        yield make("AM318", span, f"`{reported.id}` reports the view of {a or b}, but `{own.id}` is its author's "
                   f"own claim: `{relation.kind.value}` pairs them as if both authors held it",
                   hint="link the reported view to the paper's own view of it, or use `refines` with a note "
                        "saying whose view each end is")


@reports("AM319")
def check_no_position_stance(model: Model) -> Iterator[Diagnostic]:
    """AM319 (warning): an answer whose note says the paper does not pose the question, with a position."""
    for relation in model.relations:
        if relation.namespace is not None or relation.kind is not RelationKind.ANSWERS:
            continue
        if relation.stance == "none" or not relation.note:
            continue
        match = NO_POSITION.search(relation.note)
        if match:
            stance = relation.stance or "asserted (the default)"
            yield make("AM319", relation.span, f"the note says the paper {match.group(0)!r} the question, but the "
                       f"stance is {stance}",
                       hint="write `stance: none` when the paper takes no position; keep the stance and reword "
                            "the note when it does")


@reports("AM320")
def check_dependent_agreement(model: Model) -> Iterator[Diagnostic]:
    """AM320 (warning): `agrees with` across papers that share an author or a citation link, unacknowledged."""
    for relation, origin, target in _own(model.relations, model, _AGREEING):
        a, b = source_of(model, origin), source_of(model, target)
        if a is None or b is None:
            continue
        reasons = dependence(model, a, b)
        if not reasons:
            continue
        note = relation.note or ""
        names = {author_key(x) for x in a.authors + b.authors}
        if ACKNOWLEDGES.search(note) or any(n and n in author_key(note) for n in names):
            continue
        yield make("AM320", relation.span, f"`{origin.id}` {relation.kind.value} `{target.id}`, but the two are "
                   f"not independent: {'; '.join(reasons)}",
                   hint="say so in the note (e.g. \"Same author: ...\", \"000 cites ...\"), or use `refines` "
                        "if one builds on the other")


def _anchored(node: Node) -> bool:
    return any(q.section or q.lines or q.page is not None for q in node.quotes) or bool(node.quotes)


@reports("AM321")
def check_anchored_comparison(model: Model) -> Iterator[Diagnostic]:
    """AM321 (warning): a relation between papers without a quote or locator at both ends."""
    for relation, origin, target in _own(model.relations, model, _COMPARING):
        if origin.namespace == target.namespace:
            continue
        ends = []
        if not (relation.quotes or _anchored(origin)):
            ends.append((origin, relation.origin_span))
        if not _anchored(target):
            ends.append((target, relation.target_span))
        for node, span in ends:
            yield make("AM321", span, f"nothing locates `{node.id}` in its paper: no quote on the relation or "
                       "the node", hint="add `quote: \"...\" at \"section\" line N` from the paper (verified by "
                                       "argmap check), or quote the node in its own map")


@reports("AM322")
def check_dispute_question(model: Model) -> Iterator[Diagnostic]:
    """AM322 (warning): `disagrees with` that does not name, with `about:`, the question it is about."""
    for relation, origin, target in _own(model.relations, model, frozenset((RelationKind.DISAGREES_WITH,))):
        if relation.about is None:
            yield make("AM322", relation.span, f"`{origin.id}` disagrees with `{target.id}`, but on which question?",
                       hint="name it: `about: q_id` (a `question` of this map), so the dispute is about the same thing")
            continue
        question = model.node(relation.about)
        if question is not None and question.kind is not NodeKind.QUESTION:
            article = "an" if question.kind.value[0] in "aeiou" else "a"
            yield make("AM322", relation.span, f"`about: {relation.about}` names {article} {question.kind.value}, "
                       "not a question", hint="`about:` takes the id of a `question`",
                       related=[Related(question.span, "defined here")])


CHECKS = (check_reported_agreement, check_no_position_stance, check_dependent_agreement,
          check_anchored_comparison, check_dispute_question)
