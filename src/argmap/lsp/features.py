"""Editor answers as plain functions: Analysis (syntax tree, model, diagnostics) -> LSP values.

Input: `state.Analysis` values. Output: lsprotocol types (diagnostics with exact ranges, locations, hovers,
completions, symbols, folding ranges, edits, code actions). No messages are sent here; `server` does that.

Positions: argmap spans count lines and columns from 1 in characters; LSP counts from 0 in UTF-16 code units.
`Lines` converts, using the file's text (a character outside the BMP takes two units).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from lsprotocol import types as lsp

from argmap.core.diagnostics import CODES, Diagnostic, Severity, Span
from argmap.core.model import (EVIDENCE_TYPES, SOURCE_TYPES, STANCES, STATUSES, STRENGTHS, Model, NodeKind,
                               RelationKind)
from argmap.core.safety import for_markdown
from argmap.language import build as builder
from argmap.language import tree
from argmap.language.parse import RELATION_WORDS, STATEMENT_KEYWORDS
from argmap.lsp.state import Analysis

LANGUAGE_TAGS = ("en", "zh", "zh-Hans", "zh-Hant", "ja", "ko")
VALUES = {"stance": STANCES, "status": STATUSES, "strength": STRENGTHS,
          "type_evidence": EVIDENCE_TYPES, "type_source": SOURCE_TYPES}


# --- positions --------------------------------------------------------------------------------------------

class Lines:
    """A file's lines, for converting between character columns and UTF-16 positions."""

    def __init__(self, text: str):
        self.lines = text.split("\n")

    def _line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def position(self, line: int, column: int) -> lsp.Position:
        text = self._line(line)
        units = len(text[: max(column - 1, 0)].encode("utf-16-le")) // 2
        return lsp.Position(line=max(line - 1, 0), character=units)

    def range(self, span: Span) -> lsp.Range:
        return lsp.Range(start=self.position(span.line, span.column),
                         end=self.position(span.end_line, span.end_column))

    def column(self, position: lsp.Position) -> tuple[int, int]:
        """(line, column) from 1, in characters, of an LSP position."""
        text = self._line(position.line + 1)
        encoded = text.encode("utf-16-le")[: position.character * 2]
        return position.line + 1, len(encoded.decode("utf-16-le", errors="ignore")) + 1

    def before(self, position: lsp.Position) -> str:
        line, column = self.column(position)
        return self._line(line)[: column - 1]


def contains(span: Span, line: int, column: int) -> bool:
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)


# --- diagnostics ------------------------------------------------------------------------------------------

def to_lsp_diagnostic(d: Diagnostic, lines: Lines) -> lsp.Diagnostic:
    message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
    related = [lsp.DiagnosticRelatedInformation(
        location=lsp.Location(uri=Path(r.span.file).as_uri(), range=Lines("").range(r.span)), message=r.message)
        for r in d.related if Path(r.span.file).is_absolute()]
    return lsp.Diagnostic(
        range=lines.range(d.span), message=message, code=d.code, source="argmap",
        severity=lsp.DiagnosticSeverity.Error if d.severity is Severity.ERROR else lsp.DiagnosticSeverity.Warning,
        related_information=related or None, data={"hint": d.hint})


def diagnostics(analysis: Analysis) -> list[lsp.Diagnostic]:
    lines = Lines(analysis.text)
    return [to_lsp_diagnostic(d, lines) for d in analysis.diagnostics]


# --- the names in a file ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Occurrence:
    name: tree.Name
    definition: bool
    what: str  # "source", "node", "relation", "reference"


def occurrences(document: tree.Document) -> Iterator[Occurrence]:
    """Every id defined or referred to in the file, in source order."""
    def block(body: tree.Block | None) -> Iterator[Occurrence]:
        for item in body.items if body else ():
            if isinstance(item, tree.Relation):
                yield from relation(item)
            elif isinstance(item, tree.Field) and item.name.value == "source":
                yield from (Occurrence(v, False, "reference") for v in item.values if isinstance(v, tree.Name))

    def relation(item: tree.Relation) -> Iterator[Occurrence]:
        yield Occurrence(item.target, False, "reference")
        if item.id is not None:
            yield Occurrence(item.id, True, "relation")
        yield from block(item.body)

    for statement in document.statements:
        if isinstance(statement, tree.SourceDecl):
            yield Occurrence(statement.key, True, "source")
            yield from block(statement.body)
        elif isinstance(statement, tree.NodeDecl):
            yield Occurrence(statement.id, True, "node")
            yield from block(statement.body)
        elif isinstance(statement, tree.RelationStmt):
            yield Occurrence(statement.origin, False, "reference")
            yield from relation(statement.relation)


def at(document: tree.Document, line: int, column: int) -> Occurrence | None:
    return next((o for o in occurrences(document) if contains(o.name.span, line, column)), None)


def imports_of(document: tree.Document) -> dict[str, Path]:
    """namespace -> resolved path of each import."""
    base = Path(document.file).parent
    return {s.namespace.value: (base / s.path.value).resolve()
            for s in document.statements if isinstance(s, tree.Import)}


def definition_of(analysis: Analysis, value: str) -> tuple[Path, tree.Name] | None:
    """Where the id `value` (or `ns.id`) is defined: the file and the defining name."""
    document = analysis.document
    if document is None:
        return None
    path, wanted = analysis.path, value
    if "." in value:
        ns, wanted = value.split(".", 1)
        path = imports_of(document).get(ns)
        imported = analysis.imported.get(path) if path else None
        if imported is None or imported.document is None:
            return None
        document = imported.document
    found = next((o.name for o in occurrences(document) if o.definition and o.name.value == wanted), None)
    return (path, found) if found else None


def _location(path: Path, span: Span, text: str) -> lsp.Location:
    return lsp.Location(uri=path.as_uri(), range=Lines(text).range(span))


def _defined_under_cursor(analysis: Analysis, position: lsp.Position):
    """(file, name) where the id under the cursor is defined, or None."""
    if analysis.document is None:
        return None
    line, column = Lines(analysis.text).column(position)
    occurrence = at(analysis.document, line, column)
    return None if occurrence is None else definition_of(analysis, occurrence.name.value)


def definition(analysis: Analysis, position: lsp.Position, text_of) -> list[lsp.Location]:
    found = _defined_under_cursor(analysis, position)
    if found is None:
        return []
    path, name = found
    return [_location(path, name.span, text_of(path) or "")]


def references(analysis: Analysis, position: lsp.Position, others: list[Analysis],
               include_declaration: bool = True) -> list[tuple[Path, Span, str]]:
    """(file, span, file text) of every occurrence of the id under the cursor: in its defining file, and as
    `ns.id` in the files among `others` that import that file."""
    found = _defined_under_cursor(analysis, position)
    if found is None:
        return []
    home, name = found
    bare = name.value
    out: list[tuple[Path, Span, str]] = []
    seen: set = set()
    for other in [analysis] + others:
        if other.document is None or other.path in seen:
            continue
        seen.add(other.path)
        wanted = {bare} if other.path == home else {f"{ns}.{bare}" for ns, p in imports_of(other.document).items()
                                                       if p == home}
        if other.path != home and not wanted:
            continue
        for o in occurrences(other.document):
            if o.name.value in wanted and (include_declaration or not o.definition):
                out.append((other.path, o.name.span, other.text))
    if home not in seen:  # the defining file is not among those given: read it from the import
        imported = analysis.imported.get(home)
        if imported is not None and imported.document is not None:
            text = Path(home).read_text(encoding="utf-8-sig") if Path(home).is_file() else ""
            for o in occurrences(imported.document):
                if o.name.value == bare and (include_declaration or not o.definition):
                    out.append((home, o.name.span, text))
    return out


def rename(analysis: Analysis, position: lsp.Position, new_name: str, others: list[Analysis]) -> lsp.WorkspaceEdit | None:
    if not re.fullmatch(r"[^\W\d][\w-]*", new_name):
        return None
    changes: dict[str, list[lsp.TextEdit]] = {}
    for path, span, text in references(analysis, position, others):
        lines = Lines(text)
        value_len = span.end_column - span.column
        # for `ns.id` only the id after the dot changes
        prefix = text.split("\n")[span.line - 1][span.column - 1: span.end_column - 1]
        offset = prefix.rfind(".") + 1 if "." in prefix else 0
        start = lines.position(span.line, span.column + offset)
        end = lines.position(span.line, span.column + value_len)
        changes.setdefault(path.as_uri(), []).append(lsp.TextEdit(range=lsp.Range(start=start, end=end),
                                                                  new_text=new_name))
    return lsp.WorkspaceEdit(changes=changes) if changes else None


# --- hover ------------------------------------------------------------------------------------------------

def hover(analysis: Analysis, position: lsp.Position) -> lsp.Hover | None:
    model, document = analysis.result.model, analysis.document
    if model is None or document is None:
        return None
    lines = Lines(analysis.text)
    line, column = lines.column(position)
    occurrence = at(document, line, column)
    if occurrence is None:
        return None
    value = occurrence.name.value
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=describe(model, value)),
                     range=lines.range(occurrence.name.span)) if describe(model, value) else None


def describe(model: Model, value: str) -> str | None:
    """Markdown for a node, source or relation id (map text escaped for Markdown)."""
    m = for_markdown
    node = model.node(value)
    if node is not None:
        out = [f"**{node.kind.value}** `{value}`", "", m(node.text)]
        out += [f"- *{m(tag)}*: {m(text)}" for tag, text in node.translations]
        if node.quotes:
            out += ["", "**quotes**"]
            out += [f"- “{m(q.text)}”" + (f" — {m(q.locator)}" if q.locator else "") for q in node.quotes]
        relations = [r for r in model.relations if value in (r.origin, r.target)]
        if relations:
            out += ["", "**relations**"]
            out += [f"- `{m(r.origin)}` {r.kind.value} `{m(r.target)}`" for r in relations]
        extra = [(k, v) for k, v in (("source", node.source), ("section", node.section), ("status", node.status),
                                     ("stance", node.stance), ("type", node.type), ("date", node.date)) if v]
        if extra:
            out += ["", " · ".join(f"{k}: {m(v)}" for k, v in extra)]
        return "\n".join(out)
    source = model.source(value)
    if source is not None:
        out = [f"**source** `{value}`", "", m(source.title or "")]
        out += [f"- *{m(tag)}*: {m(text)}" for tag, text in source.translations]
        facts = [m(", ".join(source.authors))] if source.authors else []
        facts += [str(source.year)] if source.year else []
        facts += [m(source.venue)] if source.venue else []
        if facts:
            out += ["", " · ".join(facts)]
        if source.fulltext:
            out += ["", f"full text: `{m(source.fulltext)}`"]
        return "\n".join(out)
    relation = model.relation(value)
    if relation is not None:
        return f"**relation** `{value}`: `{m(relation.origin)}` {relation.kind.value} `{m(relation.target)}`"
    return None


# --- completion -------------------------------------------------------------------------------------------

_HEADING = re.compile(r"^\s*(〔[^〕]{1,20}〕|[一二三四五六七八九十]{1,3}、\S.{0,40}|（[一二三四五六七八九十]{1,3}）\S.{0,40}"
                      r"|第[一二三四五六七八九十]+[章节部分]\S{0,30}|\d+(?:\.\d+)*\.?\s+\S.{0,60})\s*$")


def headings(text: str) -> list[str]:
    """The section headings of a full text: short lines numbered the way papers number them
    (〔提要〕, 一、…, （一）…, 第一章…, 1. / 1.2 …), in order, without repetitions."""
    out: list[str] = []
    for line in text.split("\n"):
        match = _HEADING.match(line)
        if match and len(line.strip()) <= 60:
            heading = " ".join(line.split())
            if heading not in out:
                out.append(heading)
    return out


def fulltext_of(model: Model, node_id: str | None) -> Path | None:
    source = model.source(model.node(node_id).source) if node_id and model.node(node_id) and \
        model.node(node_id).source else None
    if source is None:
        local = [s for s in model.sources if s.namespace is None]
        source = local[0] if len(local) == 1 else None
    if source is None or source.fulltext is None:
        return None
    return (Path(source.span.file).parent / source.fulltext).resolve()


def enclosing(document: tree.Document, line: int) -> tree.Statement | None:
    return next((s for s in document.statements if s.span.line <= line <= s.span.end_line), None)


def _kind_at(analysis: Analysis, line: int) -> tuple[str | None, str | None]:
    """(kind of the statement around `line`: `source` or a node kind, its id) from the tree, or from the text
    above the cursor when the tree has no statement there (an unclosed block while typing)."""
    if analysis.document is not None:
        statement = enclosing(analysis.document, line)
        if isinstance(statement, tree.NodeDecl):
            return statement.kind, statement.id.value
        if isinstance(statement, tree.SourceDecl):
            return "source", statement.key.value
    for text in reversed(analysis.text.split("\n")[: line - 1]):
        match = re.match(r"(source|thesis|claim|evidence|counterclaim|question)\s+([^\W\d][\w-]*)", text)
        if match:
            return match.group(1), match.group(2)
        if text.startswith("}"):
            break
    return None, None


def completion(analysis: Analysis, position: lsp.Position, text_of) -> list[lsp.CompletionItem]:
    lines = Lines(analysis.text)
    line, _ = lines.column(position)
    before = lines.before(position)
    model = analysis.result.model
    item = lsp.CompletionItem
    K = lsp.CompletionItemKind
    kind, node_id = _kind_at(analysis, line)

    if re.search(r'\bat\s+"[^"]*$', before):  # a section locator: the headings of the full text
        path = fulltext_of(model, node_id) if model else None
        text = text_of(path) if path else None
        return [item(label=h, kind=K.Reference, detail="heading in the full text") for h in headings(text or "")]
    verbs = "|".join(w.replace(" ", r"\s+") for w in RELATION_WORDS)
    if re.search(rf"(^|\s)({verbs})\s+[\w.-]*$", before) or re.search(r"^[^\W\d][\w.-]*\s+$", before):
        return _ids(model, nodes=True)
    if re.search(r"^\s*source\s*:\s*[\w.-]*$", before) and not before.startswith("source"):
        return _ids(model, nodes=False)
    field = re.match(r"^\s+([a-z]+)\s*:\s*\w*$", before)
    if field:
        name = field.group(1)
        key = f"type_{'source' if kind == 'source' else NodeKind.EVIDENCE.value}" if name == "type" else name
        return [item(label=v, kind=K.EnumMember) for v in VALUES.get(key, ())]
    if re.fullmatch(r"\s+[\w-]*", before) and kind is not None:  # start of a line inside a block
        if kind == "source":
            fields = builder.SOURCE_FIELDS
            out = []
        else:
            node_kind = NodeKind(kind)
            fields = tuple(f for f in builder.NODE_FIELDS
                           if f not in builder.FIELDS_OF_KIND or node_kind in builder.FIELDS_OF_KIND[f])
            out = [item(label="quote", kind=K.Keyword, insert_text='quote: "$1" at "$2" lines $3',
                        insert_text_format=lsp.InsertTextFormat.Snippet, detail="a quote with its locator")]
            out += [item(label=w, kind=K.Keyword, detail="relation") for w in RELATION_WORDS]
        out += [item(label=f, kind=K.Field, insert_text=f + ": ") for f in fields]
        out += [item(label=t, kind=K.Field, insert_text=t + ": ", detail="text in this language")
                for t in LANGUAGE_TAGS]
        return out
    if re.fullmatch(r"[\w-]*", before):  # column 1: a statement, or an origin of a top-level relation
        return [item(label=w, kind=K.Keyword) for w in STATEMENT_KEYWORDS] + _ids(model, nodes=True)
    return []


def _ids(model: Model | None, nodes: bool) -> list[lsp.CompletionItem]:
    if model is None:
        return []
    K = lsp.CompletionItemKind
    if not nodes:
        return [lsp.CompletionItem(label=s.id, kind=K.Module, detail=s.title) for s in model.sources]
    return [lsp.CompletionItem(label=n.id, kind=K.Reference, detail=n.kind.value, documentation=n.text)
            for n in model.nodes]


# --- outline, folding, formatting -------------------------------------------------------------------------

_SYMBOL_KIND = {"source": lsp.SymbolKind.Module, NodeKind.THESIS.value: lsp.SymbolKind.Class,
                NodeKind.CLAIM.value: lsp.SymbolKind.Function, NodeKind.EVIDENCE.value: lsp.SymbolKind.Constant,
                NodeKind.COUNTERCLAIM.value: lsp.SymbolKind.Event, NodeKind.QUESTION.value: lsp.SymbolKind.Interface}


def document_symbols(analysis: Analysis) -> list[lsp.DocumentSymbol]:
    """Sources, then nodes, grouped under their `section:` (in the order sections first appear)."""
    document = analysis.document
    if document is None:
        return []
    lines = Lines(analysis.text)
    out: list[lsp.DocumentSymbol] = []
    sections: dict[str, lsp.DocumentSymbol] = {}
    for s in document.statements:
        if isinstance(s, tree.SourceDecl):
            out.append(lsp.DocumentSymbol(name=s.key.value, kind=_SYMBOL_KIND["source"], range=lines.range(s.span),
                                          selection_range=lines.range(s.key.span),
                                          detail=s.title.value if s.title else None))
        elif isinstance(s, tree.NodeDecl):
            symbol = lsp.DocumentSymbol(name=s.id.value, kind=_SYMBOL_KIND[s.kind], range=lines.range(s.span),
                                        selection_range=lines.range(s.id.span), detail=f"{s.kind}: {s.text.value[:80]}")
            section = next((f.values[0].value for f in (s.body.items if s.body else ())
                            if isinstance(f, tree.Field) and f.name.value == "section" and f.values
                            and isinstance(f.values[0], tree.Text)), None)
            if section is None:
                out.append(symbol)
                continue
            if section not in sections:
                sections[section] = lsp.DocumentSymbol(name=section, kind=lsp.SymbolKind.Namespace,
                                                       range=symbol.range, selection_range=symbol.selection_range,
                                                       children=[])
                out.append(sections[section])
            group = sections[section]
            group.children.append(symbol)
            group.range = lsp.Range(start=group.range.start, end=symbol.range.end)
    return out


def folding_ranges(analysis: Analysis) -> list[lsp.FoldingRange]:
    document = analysis.document
    if document is None:
        return []
    out = []
    for s in document.statements:
        if s.span.end_line > s.span.line:
            out.append(lsp.FoldingRange(start_line=s.span.line - 1, end_line=s.span.end_line - 1,
                                        kind=lsp.FoldingRangeKind.Region))
    run: list[tree.Comment] = []
    for c in list(document.comments) + [None]:
        if c is not None and c.own_line and (not run or c.span.line == run[-1].span.line + 1):
            run.append(c)
            continue
        if len(run) > 1:
            out.append(lsp.FoldingRange(start_line=run[0].span.line - 1, end_line=run[-1].span.line - 1,
                                        kind=lsp.FoldingRangeKind.Comment))
        run = [c] if c is not None and c.own_line else []
    return out


def formatting(analysis: Analysis) -> list[lsp.TextEdit]:
    """The whole file as `argmap fmt` prints it; nothing while there are syntax errors (fmt would drop text)."""
    from argmap.language.fmt import format_document

    if analysis.document is None or any(d.code.startswith("AM1") and d.severity is Severity.ERROR
                                        for d in analysis.result.diagnostics):
        return []
    formatted = format_document(analysis.document)
    if formatted == analysis.text:
        return []
    lines = analysis.text.split("\n")
    end = lsp.Position(line=len(lines) - 1, character=len(lines[-1].encode("utf-16-le")) // 2)
    return [lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=0, character=0), end=end), new_text=formatted)]


# --- code actions -----------------------------------------------------------------------------------------

_CANDIDATES = re.compile(r"`([^`]+)`")
_LINES = re.compile(r"\blines?\s+\d+(?:\s*-\s*\d+)?\s*$")


def _quote_item(document: tree.Document, span: Span) -> tree.Quote | None:
    def items(body):
        for item in body.items if body else ():
            if isinstance(item, tree.Quote):
                yield item
            elif isinstance(item, tree.Relation):
                yield from items(item.body)

    for s in document.statements:
        body = s.relation.body if isinstance(s, tree.RelationStmt) else getattr(s, "body", None)
        for quote in items(body):
            if quote.text.span == span:
                return quote
    return None


def code_actions(analysis: Analysis, diagnostics: list[lsp.Diagnostic], text_of) -> list[lsp.CodeAction]:
    """Fixes for the diagnostics the editor passes (those under the cursor)."""
    document, model = analysis.document, analysis.result.model
    if document is None:
        return []
    lines = Lines(analysis.text)
    uri = analysis.path.as_uri()
    by_range = {(d.code, lines.range(d.span).start.line, lines.range(d.span).start.character): d
                for d in analysis.diagnostics}
    out: list[lsp.CodeAction] = []

    def action(title: str, edits: list[lsp.TextEdit], diagnostic: lsp.Diagnostic, preferred: bool = False):
        out.append(lsp.CodeAction(title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                                  edit=lsp.WorkspaceEdit(changes={uri: edits}), is_preferred=preferred or None))

    for diagnostic in diagnostics:
        d = by_range.get((diagnostic.code, diagnostic.range.start.line, diagnostic.range.start.character))
        if d is None:
            continue
        if d.code in ("AM201", "AM207", "AM203") and d.hint and d.hint.startswith("did you mean"):
            for i, candidate in enumerate(_CANDIDATES.findall(d.hint)):
                span = d.span
                if d.code == "AM207":  # only the namespace part of `ns.id`
                    ns_len = analysis.text.split("\n")[span.line - 1][span.column - 1:].split(".", 1)[0]
                    span = Span(span.file, span.line, span.column, span.line, span.column + len(ns_len))
                action(f"Change to `{candidate}`", [lsp.TextEdit(range=lines.range(span), new_text=candidate)],
                       diagnostic, i == 0)
        elif d.code == "AM311" and d.hint:
            found = re.search(r"`(lines? \d+(?:-\d+)?)`", d.hint)
            quote = _quote_item(document, d.span)
            if found and quote is not None and quote.locator is not None:
                loc = quote.locator.span
                source = analysis.text.split("\n")[loc.end_line - 1][: loc.end_column - 1]
                match = _LINES.search(source)
                if match:
                    start = Span(loc.file, loc.end_line, match.start() + 1, loc.end_line, match.end() + 1)
                    action(f"Correct the locator to `{found.group(1)}`",
                           [lsp.TextEdit(range=lines.range(start), new_text=found.group(1))], diagnostic, True)
        elif d.code == "AM312" and model is not None:
            quote = _quote_item(document, d.span)
            statement = enclosing(document, d.span.line)
            node_id = statement.id.value if isinstance(statement, tree.NodeDecl) else None
            path = fulltext_of(model, node_id)
            text = text_of(path) if path else None
            if quote is not None and quote.locator is not None and text:
                wanted = quote.locator.section.value
                close = difflib.get_close_matches(wanted, headings(text), n=3, cutoff=0.3)
                for i, heading in enumerate(close):
                    escaped = heading.replace("\\", "\\\\").replace('"', '\\"')
                    action(f"Use the heading “{heading}”",
                           [lsp.TextEdit(range=lines.range(quote.locator.section.span), new_text=f'"{escaped}"')],
                           diagnostic, i == 0)
        elif d.code == "AM307":
            statement = enclosing(document, d.span.line)
            if isinstance(statement, tree.NodeDecl):
                for status in STATUSES:
                    if statement.body is not None:
                        brace = statement.body.span
                        at_ = lines.position(brace.line, brace.column + 1)
                        edit = lsp.TextEdit(range=lsp.Range(start=at_, end=at_), new_text=f"\n  status: {status}")
                    else:
                        end = lines.position(statement.span.end_line, statement.span.end_column)
                        edit = lsp.TextEdit(range=lsp.Range(start=end, end=end),
                                            new_text=f" {{\n  status: {status}\n}}")
                    action(f"Add `status: {status}`", [edit], diagnostic, status == "open")
        if d.severity is Severity.WARNING and d.span is not None:
            line_text = analysis.text.split("\n")[d.span.line - 1]
            end = lines.position(d.span.line, len(line_text) + 1)
            comment = f"  # argmap: ignore[{d.code}] REASON"
            if "#" not in line_text:
                action(f"Silence {d.code} on this line (give the reason)",
                       [lsp.TextEdit(range=lsp.Range(start=end, end=end), new_text=comment)], diagnostic)
    return out


def explain(code: str) -> str | None:
    c = CODES.get(code)
    return None if c is None else f"{c.code} {c.slug}: {c.explanation}"
