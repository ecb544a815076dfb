"""Analysis, compare: a comparison map's model -> a report of how the papers answer its questions.

Input: the model of a comparison map (a file that imports paper maps and states questions). Output: a
`Report` (plain data): the papers (one per imported namespace), the stance matrix (questions x papers; each
cell the positions that answer the question, with their stance), points of agreement (`agrees with`, `same
as`), points of dispute (`disagrees with`, `contradicts`), refinements, and positions held by one paper
alone. Rendered as a terminal table, Markdown or JSON by `format_text`, `format_markdown`, `to_json`.
Order is source order throughout.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from argmap.core.model import Model, Node, NodeKind, Relation, RelationKind
from argmap.core.text import display_width, wrap

TABLE_TEXT_CELLS = 160  # positions are shortened in the terminal table; Markdown and JSON keep them whole
AGREEMENT = (RelationKind.AGREES_WITH, RelationKind.SAME_AS)
DISPUTE = (RelationKind.DISAGREES_WITH, RelationKind.CONTRADICTS)


@dataclass(frozen=True, slots=True)
class Paper:
    namespace: str
    path: str
    title: str | None
    original_title: str | None
    authors: tuple[str, ...]
    year: int | None


@dataclass(frozen=True, slots=True)
class Position:
    id: str
    kind: str
    text: str
    zh: str | None
    stance: str  # asserted, hedged or conceded
    note: str | None


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    zh: str | None
    positions: tuple[tuple[str, tuple[Position, ...]], ...]  # (namespace, positions), one per paper


@dataclass(frozen=True, slots=True)
class Link:
    kind: str
    origin: Position
    origin_paper: str | None
    target: Position
    target_paper: str | None
    note: str | None
    questions: tuple[str, ...]  # the questions both ends answer


@dataclass(frozen=True, slots=True)
class Report:
    file: str
    papers: tuple[Paper, ...]
    questions: tuple[Question, ...]
    agreements: tuple[Link, ...]
    disputes: tuple[Link, ...]
    refinements: tuple[Link, ...]
    unique: tuple[tuple[str, str, Position], ...]  # (question id, namespace, position) held by one paper alone


def _position(node: Node, relation: Relation | None = None) -> Position:
    stance = (relation.stance if relation is not None and relation.stance else None) or node.stance or "asserted"
    return Position(node.id, node.kind.value, node.text, node.text_in("zh"), stance,
                    relation.note if relation is not None else None)


def compare(model: Model) -> Report:
    papers = []
    for imported in model.imports:
        sources = [s for s in model.sources if s.namespace == imported.namespace]
        source = sources[0] if sources else None
        papers.append(Paper(imported.namespace, imported.path,
                            (source.text_in("en") or source.title) if source else None,
                            source.title if source else None, source.authors if source else (),
                            source.year if source else None))
    namespaces = [p.namespace for p in papers]
    answers: dict[str, list[Relation]] = {}
    for relation in model.relations:
        if relation.kind is RelationKind.ANSWERS:
            answers.setdefault(relation.target, []).append(relation)
    questions = []
    answered_by: dict[str, list[str]] = {}  # node id -> questions it answers
    for node in model.local_nodes():
        if node.kind is not NodeKind.QUESTION:
            continue
        cells = []
        for ns in namespaces:
            found = []
            for relation in answers.get(node.id, ()):
                origin = model.node(relation.origin)
                if origin is not None and origin.namespace == ns:
                    found.append(_position(origin, relation))
                    answered_by.setdefault(origin.id, []).append(node.id)
            cells.append((ns, tuple(found)))
        questions.append(Question(node.id, node.text, node.text_in("zh"), tuple(cells)))

    def links(kinds) -> tuple[Link, ...]:
        out = []
        for relation in model.relations:
            if relation.kind not in kinds or relation.namespace is not None:
                continue
            origin, target = model.node(relation.origin), model.node(relation.target)
            if origin is None or target is None:
                continue
            shared = tuple(q for q in answered_by.get(origin.id, []) if q in answered_by.get(target.id, []))
            out.append(Link(relation.kind.value, _position(origin), origin.namespace, _position(target),
                            target.namespace, relation.note, shared))
        return tuple(out)

    agreements, disputes, refinements = links(AGREEMENT), links(DISPUTE), links((RelationKind.REFINES,))
    shared_ids = {e for link in agreements + refinements for e in (link.origin.id, link.target.id)
                  if link.origin_paper != link.target_paper}
    unique = []
    for question in questions:
        for ns, positions in question.positions:
            for position in positions:
                if position.id not in shared_ids:
                    unique.append((question.id, ns, position))
    return Report(model.file, tuple(papers), tuple(questions), agreements, disputes, refinements, tuple(unique))


# --- output -------------------------------------------------------------------------------------------
def to_json(report: Report) -> dict:
    data = asdict(report)
    data["questions"] = [
        {"id": q.id, "text": q.text, "zh": q.zh,
         "positions": {ns: [asdict(p) for p in positions] for ns, positions in q.positions}}
        for q in report.questions]
    data["unique"] = [{"question": q, "paper": ns, "position": asdict(p)} for q, ns, p in report.unique]
    return data


def _short(text: str, limit: int) -> str:
    if display_width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > limit - 1:
            break
        out += ch
    return out.rstrip() + "…"


def _mark(position: Position) -> str:
    return "" if position.stance == "asserted" else f" [{position.stance}]"


def _text_in(position: Position, lang: str) -> str:
    return position.zh if lang == "zh" and position.zh else position.text


def _cell(position: Position, lang: str) -> str:
    return f"{position.id}{_mark(position)}: {_text_in(position, lang)}"


def _paper_name(paper: Paper) -> str:
    who = ", ".join(paper.authors)
    year = str(paper.year) if paper.year else ""
    return f"{paper.namespace} ({', '.join(x for x in (who, year) if x)})" if who or year else paper.namespace


def format_markdown(report: Report, lang: str = "en") -> str:
    from argmap.core.safety import for_markdown as esc  # map text is untrusted: no raw HTML, no links

    out = [f"# Comparison: {report.file}", "", "## Papers", ""]
    for p in report.papers:
        out.append(f"- **{p.namespace}**: {esc(p.title or p.path)}"
                   + (f" ({esc(p.original_title)})" if p.original_title and p.original_title != p.title else "")
                   + (f", {esc(', '.join(p.authors))}" if p.authors else "") + (f", {p.year}" if p.year else ""))
    out += ["", "## Stance matrix", "", "| question | " + " | ".join(p.namespace for p in report.papers) + " |",
            "|---|" + "---|" * len(report.papers)]
    for q in report.questions:
        cells = ["<br>".join(esc(_cell(pos, lang)) for pos in positions) or "—" for _, positions in q.positions]
        out.append(f"| **{q.id}**: {esc(q.text)} | " + " | ".join(cells) + " |")
    for title, links in (("Points of agreement", report.agreements), ("Points of dispute", report.disputes),
                         ("Refinements", report.refinements)):
        out += ["", f"## {title}", ""]
        if not links:
            out.append("None stated.")
        for link in links:
            about = f" (on {', '.join(link.questions)})" if link.questions else ""
            out.append(f"- `{link.origin.id}` {link.kind} `{link.target.id}`{about}: {esc(link.note or '')}".rstrip(": "))
    out += ["", "## Positions held by one paper alone", ""]
    if not report.unique:
        out.append("None.")
    for question, ns, position in report.unique:
        out.append(f"- {question}, {ns}: `{position.id}` {esc(_short(position.text, 100))}")
    return "\n".join(out) + "\n"


def format_text(report: Report, width: int = 120, lang: str = "en") -> str:
    """A terminal table (box drawing, CJK-aware widths; each position's id, stance and shortened text), then
    the lists of agreements, disputes, refinements and positions held alone."""
    papers = report.papers
    first = max(18, min(30, width // (len(papers) + 2)))
    col = max(16, (width - first - 3 * (len(papers) + 1) - 1) // max(len(papers), 1))
    widths = [first] + [col] * len(papers)

    def line(left: str, mid: str, right: str) -> str:
        return left + mid.join("─" * (w + 2) for w in widths) + right

    def row(cells: list[list[str]]) -> list[str]:
        height = max(len(c) for c in cells)
        out = []
        for i in range(height):
            parts = []
            for cell, w in zip(cells, widths):
                text = cell[i] if i < len(cell) else ""
                parts.append(" " + text + " " * (w - display_width(text)) + " ")
            out.append("│" + "│".join(parts) + "│")
        return out

    out = [f"Comparison: {report.file}", ""]
    for p in papers:
        out.append(f"  {_paper_name(p)}: {p.title or p.path}")
    out += ["", line("┌", "┬", "┐")]
    out += row([["question"]] + [[p.namespace] for p in papers])
    for q in report.questions:
        out.append(line("├", "┼", "┤"))
        cells = [wrap(f"{q.id}: {q.text}", widths[0])]
        for (_, positions), w in zip(q.positions, widths[1:]):
            lines: list[str] = []
            for position in positions:
                if lines:
                    lines.append("")
                local_id = position.id.split(".", 1)[-1]  # the column names the paper
                lines += wrap(local_id + _mark(position), w) + wrap(_short(_text_in(position, lang), TABLE_TEXT_CELLS), w)
            cells.append(lines or ["—"])
        out += row(cells)
    out.append(line("└", "┴", "┘"))
    for title, links in (("Agreement", report.agreements), ("Dispute", report.disputes),
                         ("Refinement", report.refinements)):
        out += ["", f"{title}:"]
        if not links:
            out.append("  none stated")
        for link in links:
            about = f" [{', '.join(link.questions)}]" if link.questions else ""
            out.append(f"  {link.origin.id} {link.kind} {link.target.id}{about}")
            if link.note:
                out += ["      " + l for l in wrap(link.note, width - 6)]
    out += ["", "Held by one paper alone:"]
    if not report.unique:
        out.append("  none")
    for question, ns, position in report.unique:
        out.append(f"  {question} · {ns}: {position.id}")
    return "\n".join(out) + "\n"
