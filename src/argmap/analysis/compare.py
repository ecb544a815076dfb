"""Analysis, compare: a comparison map's model -> a report of how the papers answer its questions.

Input: the model of a comparison map (a file that imports paper maps and states questions). Output: a
`Report` (plain data, no formatting): the papers (one per imported namespace, labelled by author and year,
an inferred year marked `[2023]`), per question its notes, the cells (questions x papers; each the positions
that answer it, with stance, reported view, the answer's note and a citation such as `伍、結論, ll. 542-546`)
and a synthesis from the relations (who agrees, who disputes, who takes no position, who is silent); points
of agreement, dispute and refinement with their notes, quotes and what makes two papers not independent;
positions held by one paper alone; the sources to cite. `argmap.render.report` writes it as text,
Markdown, HTML, JSON, LaTeX or CSV. Order is source order throughout. No diagnostics: the checks
(AM318-AM322) report what is wrong with a comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.analysis.provenance import dependence, source_of
from argmap.core.model import Model, Node, NodeKind, Quote, Relation, RelationKind, Source, locator_text

AGREEMENT = (RelationKind.AGREES_WITH, RelationKind.SAME_AS)
DISPUTE = (RelationKind.DISAGREES_WITH, RelationKind.CONTRADICTS)
POSITIONS = ("asserted", "hedged", "conceded")  # stances that are a position (`none` is not)


@dataclass(frozen=True, slots=True)
class Paper:
    namespace: str
    path: str
    source: str | None  # the id of its source (`ns.key`)
    title: str | None  # English title, else the title as printed
    original_title: str | None
    authors: tuple[str, ...]
    year: int | None
    year_inferred: bool
    label: str  # author-year, e.g. "朱海燕 2021", "巴殿君 et al. [2026]"


@dataclass(frozen=True, slots=True)
class Citation:
    """Where in its paper a position or a quote stands."""
    section: str | None
    page: int | None
    lines: tuple[int, int] | None

    def __str__(self) -> str:
        return locator_text(self.section, self.page, self.lines, words=("l.", "ll."))


@dataclass(frozen=True, slots=True)
class Position:
    id: str
    kind: str
    text: str
    zh: str | None
    stance: str  # asserted, hedged, conceded, or none (the paper takes no position)
    note: str | None  # the answer's own note: how this paper answers the question
    reported: str | None  # whose view it reports (None: the author's own)
    endorsed: str | None
    citation: Citation | None


@dataclass(frozen=True, slots=True)
class QuotedPassage:
    text: str
    citation: Citation
    paper: str | None  # namespace of the paper it is from


@dataclass(frozen=True, slots=True)
class Link:
    kind: str
    origin: Position
    origin_paper: str | None
    target: Position
    target_paper: str | None
    note: str | None
    questions: tuple[str, ...]  # `about:`, else the questions both ends answer
    quotes: tuple[QuotedPassage, ...]
    not_independent: tuple[str, ...]  # shared authors, citation links (empty: independent as far as recorded)


@dataclass(frozen=True, slots=True)
class Synthesis:
    """Who agrees, who disputes, who takes no position and who is silent on one question, from the relations."""
    agree: tuple[tuple[str, str, bool], ...]  # (namespace, namespace, not independent)
    dispute: tuple[tuple[str, str], ...]
    refine: tuple[tuple[str, str], ...]  # (refining paper, refined paper)
    positions: tuple[str, ...]  # papers that take a position
    no_position: tuple[str, ...]  # papers whose answer is `stance: none`
    silent: tuple[str, ...]  # papers with no answer at all


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    zh: str | None
    notes: tuple[str, ...]
    positions: tuple[tuple[str, tuple[Position, ...]], ...]  # (namespace, positions), one per paper
    synthesis: Synthesis


@dataclass(frozen=True, slots=True)
class Report:
    file: str
    papers: tuple[Paper, ...]
    questions: tuple[Question, ...]
    agreements: tuple[Link, ...]
    disputes: tuple[Link, ...]
    refinements: tuple[Link, ...]
    unique: tuple[tuple[str, str, Position], ...]  # (question id, namespace, position) held by one paper alone
    sources: tuple[Source, ...]  # to cite: the papers' sources, then works the comparison map declares


def author_year(source: Source | None, fallback: str) -> str:
    """`朱海燕 2021`, `卢昊 & 赵家敏 2023`, `巴殿君 et al. [2026]` (brackets: the year is inferred); a source
    with no printed author is named by its title."""
    if source is None:
        return fallback
    authors = source.authors
    if not authors:
        title = source.title or source.text_in("en") or fallback
        for mark in ("——", "：", ":"):  # the main title, without its subtitle
            title = title.split(mark)[0].strip() or title
        who = f"《{title}》" if any("\u4e00" <= ch <= "\u9fff" for ch in title) else title
    elif len(authors) == 1:
        who = authors[0]
    elif len(authors) == 2:
        who = f"{authors[0]} & {authors[1]}"
    else:
        who = f"{authors[0]} et al."
    if source.year is None:
        return f"{who} n.d."
    year = f"[{source.year}]" if "year" in source.inferred else str(source.year)
    return f"{who} {year}"


def _citation(quotes: tuple[Quote, ...], node: Node) -> Citation | None:
    for quote in quotes + node.quotes:
        if quote.section or quote.page is not None or quote.lines:
            return Citation(quote.section, quote.page, quote.lines)
    return Citation(node.section, None, None) if node.section else None


def _position(model: Model, node: Node, relation: Relation | None = None) -> Position:
    stance = (relation.stance if relation is not None and relation.stance else None) or node.stance or "asserted"
    reported = (relation.reported if relation is not None else None) or node.reported
    endorsed = (relation.endorsed if relation is not None else None) or node.endorsed
    quotes = relation.quotes if relation is not None and relation.kind is RelationKind.ANSWERS else ()
    return Position(node.id, node.kind.value, node.text, node.text_in("zh"), stance,
                    relation.note if relation is not None else None, reported, endorsed, _citation(quotes, node))


def compare(model: Model) -> Report:
    papers = []
    for imported in model.imports:
        sources = [s for s in model.sources if s.namespace == imported.namespace]
        source = sources[0] if sources else None
        papers.append(Paper(imported.namespace, imported.path, source.id if source else None,
                            (source.text_in("en") or source.title) if source else None,
                            source.title if source else None, source.authors if source else (),
                            source.year if source else None,
                            bool(source and "year" in source.inferred), author_year(source, imported.namespace)))
    namespaces = [p.namespace for p in papers]
    answers: dict[str, list[Relation]] = {}
    for relation in model.relations:
        if relation.kind is RelationKind.ANSWERS and relation.namespace is None:
            answers.setdefault(relation.target, []).append(relation)
    answered_by: dict[str, list[str]] = {}  # node id -> questions it answers
    for question_id, relations in answers.items():
        for relation in relations:
            answered_by.setdefault(relation.origin, []).append(question_id)

    def links(kinds) -> tuple[Link, ...]:
        out = []
        for relation in model.relations:
            if relation.kind not in kinds or relation.namespace is not None:
                continue
            origin, target = model.node(relation.origin), model.node(relation.target)
            if origin is None or target is None:
                continue
            if relation.about is not None:
                shared = (relation.about,)
            else:
                shared = tuple(q for q in answered_by.get(origin.id, []) if q in answered_by.get(target.id, []))
            a, b = source_of(model, origin), source_of(model, target)
            reasons = dependence(model, a, b) if a is not None and b is not None else ()
            quotes = tuple(QuotedPassage(q.text, Citation(q.section, q.page, q.lines), origin.namespace)
                           for q in relation.quotes)
            out.append(Link(relation.kind.value, _position(model, origin), origin.namespace,
                            _position(model, target), target.namespace, relation.note, shared, quotes, reasons))
        return tuple(out)

    agreements, disputes, refinements = links(AGREEMENT), links(DISPUTE), links((RelationKind.REFINES,))

    questions = []
    for node in model.local_nodes():
        if node.kind is not NodeKind.QUESTION:
            continue
        cells = []
        for ns in namespaces:
            found = []
            for relation in answers.get(node.id, ()):
                origin = model.node(relation.origin)
                if origin is not None and origin.namespace == ns:
                    found.append(_position(model, origin, relation))
            cells.append((ns, tuple(found)))
        questions.append(Question(node.id, node.text, node.text_in("zh"), node.notes, tuple(cells),
                                  _synthesis(node.id, cells, agreements, disputes, refinements)))

    shared_ids = {e for link in agreements + refinements for e in (link.origin.id, link.target.id)
                  if link.origin_paper != link.target_paper}
    unique = []
    for question in questions:
        for ns, positions in question.positions:
            for position in positions:
                if position.id not in shared_ids and position.stance in POSITIONS:
                    unique.append((question.id, ns, position))
    paper_sources = [model.source(p.source) for p in papers if p.source]
    cited = [s for s in model.sources if s.namespace is None]
    return Report(model.file, tuple(papers), tuple(questions), agreements, disputes, refinements, tuple(unique),
                  tuple(s for s in paper_sources if s is not None) + tuple(cited))


def _synthesis(question: str, cells, agreements, disputes, refinements) -> Synthesis:
    def pairs(links, symmetric: bool):
        out = []
        for link in links:
            if question not in link.questions or link.origin_paper == link.target_paper:
                continue
            pair = (link.origin_paper, link.target_paper)
            if symmetric and (pair[1], pair[0]) in [p[:2] for p in out]:
                continue
            if pair not in [p[:2] for p in out]:
                out.append(pair + ((bool(link.not_independent),) if symmetric and links is agreements else ()))
        return tuple(out)

    positions, none, silent = [], [], []
    for ns, found in cells:
        if any(p.stance in POSITIONS for p in found):
            positions.append(ns)
        elif found:
            none.append(ns)
        else:
            silent.append(ns)
    return Synthesis(pairs(agreements, True), pairs(disputes, True), pairs(refinements, False), tuple(positions),
                     tuple(none), tuple(silent))
