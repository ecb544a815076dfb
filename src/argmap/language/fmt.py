"""The formatter: syntax tree -> canonical .arg text, every comment kept.

Input: an `tree.Document` that parsed without syntax errors. Output: text in the one canonical layout: one
statement per paragraph (blank lines between statements kept, at most one), blocks over several lines with
two spaces of indentation, one item per line, items in the order written, text in double quotes (escapes
only where needed; triple quotes kept for text over several lines). Comments stay where they were: before
the statement or item they precede, or at the end of its line.

`format_document(parse(format_document(d)))` is `format_document(d)`, and the formatted text means the same
as the original (tests/test_fmt.py).
"""

from __future__ import annotations

from argmap.language import tree
from argmap.language.strings import INDENT, literal
from argmap.language.suppressions import Suppression, suppressions



def quote_text(text: tree.Text, indent: str) -> str:
    """The literal for a text (see `argmap.language.strings`): it reads back as the same value."""
    return literal(text.value, text.long, indent)


def _value(value: tree.Value, indent: str) -> str:
    if isinstance(value, tree.Text):
        return quote_text(value, indent)
    return str(value.value)


def _comment(comment: tree.Comment) -> str:
    return "#" + comment.text.rstrip()


class _Writer:
    def __init__(self, rules: list[Suppression]) -> None:
        self.lines: list[str] = []
        self.used: set[int] = set()
        self.rules = rules
        self.ancestors: list[object] = []

    def carried(self, item, indent: str) -> None:
        """Copies of the suppression comments that covered this item's first line but belong to another item
        on that line: once the item stands on a line of its own, its copy keeps it covered."""
        own = {id(c) for c in getattr(item, "leading", ())}
        trailing = getattr(item, "trailing", None)
        if trailing is not None:
            own.add(id(trailing))
        for rule in self.rules:
            if (rule.first <= item.span.line <= rule.last and rule.owner is not item
                    and id(rule.comment) not in own and not any(rule.owner is a for a in self.ancestors)):
                self.lines.append(indent + _comment(rule.comment))

    def leading(self, item, indent: str) -> None:
        """The comments before an item, with the blank lines that separated them (at most one)."""
        self.carried(item, indent)
        comments = [c for c in getattr(item, "leading", ()) if id(c) not in self.used]
        for i, comment in enumerate(comments):
            if i and comment.span.line > comments[i - 1].span.end_line + 1:
                self.lines.append("")
            self.lines.append(indent + _comment(comment))
            self.used.add(id(comment))
        if comments and item.span.line > comments[-1].span.line + 1:
            self.lines.append("")

    def end(self, item, line: str) -> str:
        trailing = getattr(item, "trailing", None)
        if trailing is not None:
            self.used.add(id(trailing))
            return f"{line}  {_comment(trailing)}"
        return line

    def block(self, head: str, body: tree.Block | None, item, indent: str) -> None:
        if body is None:
            self.lines.append(self.end(item, indent + head))
            return
        line = indent + head + " {"
        # a comment after `{` (not on a line of its own) stays there
        first = body.items[0] if body.items else None
        after_brace = [c for c in (getattr(first, "leading", ()) if first else body.dangling) if not c.own_line]
        if after_brace:
            line += "  " + _comment(after_brace[0])
            self.used.add(id(after_brace[0]))
        self.lines.append(line)
        inner = indent + INDENT
        self.ancestors.append(item)
        for child in body.items:
            self.item(child, inner)
        self.ancestors.pop()
        for comment in body.dangling:
            if id(comment) not in self.used:
                self.lines.append(inner + _comment(comment))
                self.used.add(id(comment))
        self.lines.append(self.end(item, indent + "}"))

    def item(self, item: tree.Item, indent: str) -> None:
        self.leading(item, indent)
        if isinstance(item, tree.Field):
            values = ", ".join(_value(v, indent) for v in item.values)
            inferred = " (inferred)" if item.inferred else ""
            self.lines.append(self.end(item, f"{indent}{item.name.value}: {values}{inferred}"))
        elif isinstance(item, tree.Quote):
            line = f"{indent}quote: {quote_text(item.text, indent)}"
            loc = item.locator
            if loc is not None:
                line += f" at {quote_text(loc.section, indent)}"
                if loc.page is not None:
                    line += f" page {loc.page.value}"
                if loc.lines is not None:
                    a, b = loc.lines
                    line += f" line {a}" if a == b else f" lines {a}-{b}"
            self.lines.append(self.end(item, line))
        else:
            self.block(_relation_head(item), item.body, item, indent)

    def statement(self, statement: tree.Statement) -> None:
        self.leading(statement, "")
        if isinstance(statement, tree.Import):
            line = f"import {quote_text(statement.path, '')} as {statement.namespace.value}"
            self.lines.append(self.end(statement, line))
        elif isinstance(statement, tree.SourceDecl):
            head = f"source {statement.key.value}"
            if statement.title is not None:
                head += " " + quote_text(statement.title, "")
            self.block(head, statement.body, statement, "")
        elif isinstance(statement, tree.NodeDecl):
            head = f"{statement.kind} {statement.id.value} {quote_text(statement.text, '')}"
            self.block(head, statement.body, statement, "")
        else:
            relation = statement.relation
            head = f"{statement.origin.value} {_relation_head(relation)}"
            # the statement's comments and the relation's are one and the same place
            self.block(head, relation.body, statement, "")


def _relation_head(relation: tree.Relation) -> str:
    head = f"{relation.verb} {relation.target.value}"
    if relation.inferred:
        head += " (inferred)"
    if relation.id is not None:
        head += f" as {relation.id.value}"
    return head


def format_document(document: tree.Document) -> str:
    writer = _Writer(suppressions(document))
    previous: tree.Statement | None = None
    for statement in document.statements:
        if previous is not None:
            first_line = min([c.span.line for c in getattr(statement, "leading", ())] + [statement.span.line])
            # keep a blank line where there was one, and always one before a statement with a block
            if first_line > previous.span.end_line + 1 or _has_block(statement) or _has_block(previous):
                writer.lines.append("")
        writer.statement(statement)
        previous = statement
    rest = [c for c in document.comments if id(c) not in writer.used]
    if rest:
        if writer.lines:
            writer.lines.append("")
        writer.lines += [_comment(c) for c in rest]
    return "\n".join(writer.lines) + "\n" if writer.lines else ""


def _has_block(statement: tree.Statement) -> bool:
    if isinstance(statement, tree.RelationStmt):
        return statement.relation.body is not None
    return getattr(statement, "body", None) is not None
