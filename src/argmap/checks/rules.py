"""Stage 3, checks: model -> diagnostics (AM3xx). Each check is a small function `model -> diagnostics`.

Checks look at what a file defines itself (nodes of imported files are checked when those files are); they
see relations from everywhere, so a comparison map can support an imported claim. Adding a check is adding a
function to `CHECKS`, with the codes it reports (`@reports`). Suppressions (`# argmap: ignore[AM304]`) are
applied by `suppress`.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import Callable, Iterable, Iterator

from argmap.checks import comparison, reports
from argmap.language import tree
from argmap.core.diagnostics import CODES, Diagnostic, Related, Severity, Span, make
from argmap.language.suppressions import suppressions
from argmap.core.model import RELATION_RULES, Model, NodeKind, RelationKind
from argmap.core.text import a as _a

Check = Callable[[Model], Iterator[Diagnostic]]


def _kinds(kinds) -> str:
    names = sorted(k.value for k in kinds)
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


@reports("AM301")
def check_relation_kinds(model: Model) -> Iterator[Diagnostic]:
    """AM301: a relation between kinds that makes no sense (e.g. evidence answering a question)."""
    for relation in model.relations:
        if relation.namespace is not None:
            continue
        origin = model.node(relation.origin)
        if origin is None:
            continue
        sources, targets = RELATION_RULES[relation.kind]
        verb = relation.kind.value
        if origin.kind not in sources:
            yield make("AM301", relation.origin_span,
                       f"{_a(origin.kind.value)} cannot be the origin of `{verb}`",
                       hint=f"`{verb}` starts from a {_kinds(sources)}")
            continue
        if relation.kind is RelationKind.UNDERCUTS:
            if not relation.target_is_relation:
                yield make("AM301", relation.target_span,
                           f"`undercuts` targets a relation, but `{relation.target}` is a node",
                           hint="give the relation an id (`supports c1 as r1`) and write `undercuts r1`; "
                                "to argue against a node, use `attacks`")
            continue
        target = model.node(relation.target)
        if target is None:
            continue
        if relation.kind is RelationKind.SAME_AS and target.kind is not origin.kind:
            yield make("AM301", relation.target_span,
                       f"`same as` links nodes of one kind, but this is {_a(origin.kind.value)} and "
                       f"`{target.id}` is {_a(target.kind.value)}",
                       hint="use `agrees with` or `refines` for related positions")
        elif target.kind not in targets:
            hint = f"`{verb}` leads to a {_kinds(targets)}"
            if relation.kind is RelationKind.ANSWERS or target.kind is NodeKind.QUESTION:
                hint += "; positions answer questions with `answers`, evidence supports those positions"
            yield make("AM301", relation.target_span,
                       f"{_a(origin.kind.value)} cannot `{verb}` {_a(target.kind.value)} (`{target.id}`)", hint=hint)


@reports("AM302")
def check_self_relations(model: Model) -> Iterator[Diagnostic]:
    """AM302: a node related to itself."""
    for relation in model.relations:
        if relation.namespace is None and relation.origin == relation.target:
            yield make("AM302", relation.target_span, f"`{relation.origin}` {relation.kind.value} itself",
                       hint="relate it to another node")


@reports("AM303")
def check_support_cycles(model: Model) -> Iterator[Diagnostic]:
    """AM303 (warning): claims that support each other in a circle."""
    graph: dict[str, list[str]] = defaultdict(list)
    supports = [r for r in model.relations if r.kind is RelationKind.SUPPORTS and not r.target_is_relation]
    for relation in supports:
        graph[relation.origin].append(relation.target)
    components = _cycles(graph)
    spans = {}  # the first relation of each link, where there are cycles to report
    for relation in supports if components else ():
        spans.setdefault((relation.origin, relation.target), relation)
    for component in components:
        members = set(component)
        edges = [spans[(a, b)] for a in component for b in graph[a] if b in members]
        local = sorted((r for r in edges if r.namespace is None), key=lambda r: r.span)
        if not local:
            continue
        first = local[0]
        path = " → ".join(component + [component[0]]) if len(component) < 8 else f"{len(component)} nodes"
        yield make("AM303", first.target_span, f"support cycle: {path}",
                   hint="circular reasoning, or a `supports` written the wrong way round",
                   related=[Related(r.span, "part of the cycle") for r in local[1:4]])


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (iterative Tarjan, source order)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in list(graph):
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component[::-1])
    return found


@reports("AM304")
def check_unsupported_claims(model: Model) -> Iterator[Diagnostic]:
    """AM304 (warning): a thesis or claim that nothing supports."""
    supported = {r.target for r in model.relations if r.kind is RelationKind.SUPPORTS}
    bare = {s.id for s in model.sources if s.claims == "bare"}  # texts that assert their claims bare
    for node in model.local_nodes():
        if node.kind in (NodeKind.THESIS, NodeKind.CLAIM) and node.id not in supported and node.source not in bare \
                and node.id not in model.unresolved:  # (a misspelt `supports` is reported as AM201 already)
            yield make("AM304", node.span, f"nothing supports the {node.kind.value} `{node.id}`",
                       hint="add the evidence or claim that carries it (`supports`); a deliberate gap: "
                            "`# argmap: ignore[AM304]`; a text that asserts its claims bare: `claims: bare` "
                            "in its source")


@reports("AM305")
def check_unlinked_evidence(model: Model) -> Iterator[Diagnostic]:
    """AM305 (warning): evidence linked to nothing."""
    linked = {r.origin for r in model.relations} | {r.target for r in model.relations} | model.unresolved
    for node in model.local_nodes():
        if node.kind is NodeKind.EVIDENCE and node.id not in linked:
            yield make("AM305", node.span, f"the evidence `{node.id}` is linked to nothing",
                       hint="say which claim it backs: `supports ID` in its block")


@reports("AM306")
def check_uncited_sources(model: Model) -> Iterator[Diagnostic]:
    """AM306 (warning): a source that no node cites (and that no source cites or records as cited)."""
    cited = {n.source for n in model.nodes} | {q.source for r in model.relations for q in r.quotes}
    cited |= {c for s in model.sources for c in s.cites}  # a work another source cites is used
    for source in model.sources:
        if source.namespace is None and source.id not in cited and not source.cited_by:
            yield make("AM306", source.span, f"no node cites the source `{source.id}`",
                       hint="cite it with `source: " + source.id + "` on the nodes that come from it")


@reports("AM307")
def check_counterclaim_status(model: Model) -> Iterator[Diagnostic]:
    """AM307 (warning): a counterclaim with no status."""
    for node in model.local_nodes():
        if node.kind is NodeKind.COUNTERCLAIM and node.status is None:
            yield make("AM307", node.span, f"the counterclaim `{node.id}` has no status",
                       hint="add `status: rebutted`, `status: conceded` or `status: open`")


@reports("AM309")
def check_comparison_questions(model: Model) -> Iterator[Diagnostic]:
    """AM309 (warning): a file that imports maps to compare them but states no question."""
    if model.imports and not any(n.kind is NodeKind.QUESTION for n in model.local_nodes()):
        yield make("AM309", model.imports[0].span, "this comparison map states no question",
                   hint="add `question q1 \"...\"` and link each paper's position with `answers q1`")


@reports("AM313")
def check_unanswered_questions(model: Model) -> Iterator[Diagnostic]:
    """AM313 (warning): a question that no position answers."""
    answered = {r.target for r in model.relations if r.kind is RelationKind.ANSWERS}
    for node in model.local_nodes():
        if node.kind is NodeKind.QUESTION and node.id not in answered:
            yield make("AM313", node.span, f"no position answers the question `{node.id}`",
                       hint=f"link the claims that answer it: `ns.claim answers {node.id}`")


@reports("AM310")
def check_duplicate_relations(model: Model) -> Iterator[Diagnostic]:
    """AM310 (warning): the same relation written twice."""
    first: dict[tuple, object] = {}
    for relation in model.relations:
        if relation.namespace is not None:
            continue
        ends = (relation.origin, relation.target)
        if relation.kind.symmetric:
            ends = tuple(sorted(ends))
        key = (relation.kind, ends)
        if key in first:
            yield make("AM310", relation.span, f"`{relation.origin} {relation.kind.value} {relation.target}` "
                       "is written twice", hint="remove one of the two",
                       related=[Related(first[key].span, "first written here")])
        else:
            first[key] = relation


CHECKS: tuple[Check, ...] = (
    check_relation_kinds,
    check_self_relations,
    check_support_cycles,
    check_unsupported_claims,
    check_unlinked_evidence,
    check_uncited_sources,
    check_counterclaim_status,
    check_comparison_questions,
    check_unanswered_questions,
    check_duplicate_relations,
) + comparison.CHECKS


def run(model: Model, warnings: bool = True) -> list[Diagnostic]:
    """Every check's diagnostics; with `warnings=False` only those of the checks that can report an error
    (for a command that shows errors only: at 100k statements the others take 0.4 s)."""
    return [d for check in CHECKS if warnings or _can_fail(check) for d in check(model)]


def _can_fail(check: Check) -> bool:
    return any(CODES[code].severity is Severity.ERROR for code in check.codes)  # type: ignore[attr-defined]


def suppress(diagnostics: Iterable[Diagnostic], document: tree.Document) -> list[Diagnostic]:
    """Drop diagnostics silenced by `# argmap: ignore[CODE]` comments in `document` (see
    `argmap.language.suppressions`), and warn about a code in such a comment that does not exist (AM316):
    a misspelt code silences nothing."""
    rules = suppressions(document)
    kept = []
    for d in diagnostics:
        silenced = d.span is not None and d.span.file == document.file and any(
            d.code in rule.codes and rule.first <= d.span.line <= rule.last for rule in rules)
        if not silenced:
            kept.append(d)
    for rule in rules:
        for code in rule.codes:
            if code not in CODES:
                close = difflib.get_close_matches(code.replace("O", "0").replace("I", "1"), list(CODES), n=1,
                                                  cutoff=0.6) or difflib.get_close_matches(code, list(CODES), n=1)
                span = rule.comment.span
                kept.append(make("AM316", Span(span.file, span.line, span.column, span.line, span.end_column),
                                 f"`{code}` is not a diagnostic code, so this comment silences nothing for it",
                                 hint=f"did you mean `{close[0]}`?" if close else "codes look like `AM304`; "
                                      "`argmap check --explain CODE` explains one"))
    return kept
