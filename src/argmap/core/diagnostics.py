"""One diagnostic type for every stage, the registry of codes, and the two ways to print them.

Input: nothing (every stage imports `Diagnostic` and `Span` from here).
Output: `Diagnostic` values; `format_text` (clickable `file:line:col`, the source line and a caret) and
`to_json`. Codes: `AM1xx` syntax, `AM2xx` resolution, `AM3xx` checks, `AM4xx` I/O and rendering. Every code
is registered in `CODES` with a slug, a summary and an explanation; `docs/diagnostics.md` lists them and a
test keeps the two in step.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Iterable

from argmap.core.records import fast_construction
from argmap.core.text import display_width


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.value


@fast_construction  # a parse makes some twenty spans per statement (0.5 against 0.2 microseconds a span)
@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A range in a source file; lines and columns count from 1, columns in characters."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def to(self, other: "Span") -> "Span":
        """The span from the start of `self` to the end of `other`."""
        return Span(self.file, self.line, self.column, other.end_line, other.end_column)


@dataclass(frozen=True, slots=True)
class Related:
    """A second place that explains a diagnostic ("first defined here")."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    span: Span | None
    message: str
    hint: str | None = None
    related: tuple[Related, ...] = field(default=())

    @property
    def sort_key(self) -> tuple:
        if self.span is None:
            return ("", 0, 0, self.code, self.message)
        return (self.span.file, self.span.line, self.span.column, self.code, self.message)

    def to_dict(self) -> dict:
        def span_dict(span: Span | None) -> dict | None:
            if span is None:
                return None
            return {
                "file": span.file,
                "line": span.line,
                "column": span.column,
                "end_line": span.end_line,
                "end_column": span.end_column,
            }

        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "span": span_dict(self.span),
            "related": [{"message": r.message, "span": span_dict(r.span)} for r in self.related],
        }


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    slug: str
    severity: Severity
    summary: str
    explanation: str


E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {
    c.code: c
    for c in sorted((
        # --- syntax
        Code("AM101", "unexpected-character", E, "a character that cannot start anything here",
             "The text contains a character the language does not use outside quoted text, such as `;` or `=`. "
             "Put text in double quotes, or remove the character."),
        Code("AM102", "unclosed-quote", E, "a quoted text has no closing quote",
             "A text that starts with `\"` must end with `\"` on the same line. For text over several lines use "
             "triple quotes: `\"\"\"...\"\"\"`. A `\"` inside a text is written `\\\"`."),
        Code("AM103", "unexpected-token", E, "something else was expected here",
             "The parser met a word or sign it did not expect at this place. The message says what it expected; "
             "compare the statement with the forms in docs/language.md."),
        Code("AM104", "unknown-keyword", E, "a misspelt keyword or relation word",
             "Statements start with `import`, `source`, `thesis`, `claim`, `evidence`, `counterclaim` or "
             "`question`; relations are `supports`, `attacks`, `undercuts`, `contradicts`, `answers`, "
             "`agrees with`, `disagrees with`, `refines`, `same as`."),
        Code("AM105", "unclosed-block", E, "a `{` is never closed",
             "Every block opened with `{` must be closed with `}`. The diagnostic points at the `{` that is "
             "still open."),
        Code("AM106", "invalid-escape", E, "an unknown escape in a quoted text",
             "Inside quoted text, a backslash starts an escape: `\\\"`, `\\\\`, `\\n`, `\\t` or `\\uXXXX`. "
             "Write a backslash itself as `\\\\`."),
        Code("AM109", "more-problems", W, "more problems in the file than are shown",
             "argmap reports at most 200 problems per file and counts the rest in this one (an error when "
             "any of the rest is an error). Fix the first ones: they are often the cause of the rest."),
        Code("AM107", "empty-file", W, "the file holds no statements",
             "An empty .arg file (or one with only comments) maps nothing. Add a source and a thesis, or "
             "delete the file."),
        # --- resolution
        Code("AM201", "unknown-id", E, "a reference to an id that is not defined",
             "Relations and `source:` fields refer to ids defined by `source`, `thesis`, `claim`, `evidence`, "
             "`counterclaim`, `question` or a relation's `as`. Ids of imported files are written `ns.id`."),
        Code("AM202", "duplicate-id", E, "an id defined twice",
             "Sources, nodes and relation ids share one set of ids per file. Rename one of the two."),
        Code("AM203", "unknown-field", E, "a field name the language does not have",
             "Fields are listed in docs/language.md. A language tag (`en`, `zh`, `zh-Hant`, `ja`) gives the "
             "text in that language."),
        Code("AM204", "invalid-value", E, "a field value of the wrong kind",
             "For example a year that is not a four-digit year, a status other than rebutted, conceded or "
             "open, or a malformed language tag."),
        Code("AM205", "import-not-found", E, "an imported file does not exist",
             "Import paths are relative to the importing file."),
        Code("AM206", "import-cycle", E, "files import each other in a cycle",
             "A file may not import itself, directly or through other files."),
        Code("AM207", "unknown-namespace", E, "a reference `ns.id` whose `ns` is not imported",
             "Add `import \"file.arg\" as ns`, or correct the namespace."),
        Code("AM208", "duplicate-import", E, "a namespace or a file imported twice",
             "Each imported file gets one namespace, and each namespace names one file."),
        Code("AM209", "repeated-field", E, "a field given twice in one block",
             "Only `quote` and `note` may be repeated. Merge the two values."),
        Code("AM210", "field-not-allowed", E, "a field that does not belong to this kind of statement",
             "For example `status` is for counterclaims, `type` and `date` for evidence."),
        Code("AM211", "unknown-option-id", E, "an id given on the command line does not exist",
             "Check the id with `argmap stats` or the map itself."),
        Code("AM213", "bib-entry-not-found", E, "a source's `bib:` names a file or an entry that is not there",
             "`bib: \"refs.bib#key\"` takes the source's fields from the entry `key` of a BibTeX file (or the item "
             "with that `id` of a CSL JSON file), relative to the .arg file. Check the file name and the key; "
             "the hint lists the closest keys of the file."),
        Code("AM212", "tag-is-a-word", W, "a translation whose language tag is also a common English word",
             "`to:`, `no:`, `is:` or `it:` are language tags (Tonga, Norwegian, Icelandic, Italian), so a misspelt "
             "field such as `no: ...` for `note:` would silently become a translation. Such a tag warns; write "
             "the translation with a region or script (`it-IT:`, `nb:` for Norwegian Bokmål) to say it is meant."),
        # --- checks
        Code("AM301", "relation-kinds", E, "a relation between kinds that makes no sense",
             "Evidence does not answer questions, a question supports nothing, `undercuts` targets a relation "
             "(by its `as` id), and so on. The table of relations is in docs/language.md."),
        Code("AM302", "self-relation", E, "a node related to itself", "Relate the node to another node."),
        Code("AM303", "support-cycle", W, "claims that support each other in a circle",
             "A chain of `supports` leads back to where it started: circular reasoning, or a direction "
             "written the wrong way round."),
        Code("AM304", "unsupported-claim", W, "a thesis or claim that nothing supports",
             "Add the evidence or claim that carries it, or silence the warning with "
             "`# argmap: ignore[AM304]` where the paper asserts it without support."),
        Code("AM305", "unlinked-evidence", W, "evidence that is linked to nothing",
             "Evidence should support or attack a claim."),
        Code("AM306", "uncited-source", W, "a source that no node cites",
             "Cite it with `source:` on a node, or remove it."),
        Code("AM307", "counterclaim-status", W, "a counterclaim with no status",
             "Say whether the paper has `status: rebutted`, `conceded` or `open` for it."),
        Code("AM308", "quote-not-found", E, "a quote does not occur verbatim in the source's full text",
             "Quotes are compared with the text named by the source's `fulltext:`, ignoring line breaks and "
             "white space. The hint shows the closest passage in the text."),
        Code("AM309", "no-questions", W, "a comparison map that states no question",
             "A file that imports maps to compare them should state the questions they answer with "
             "`question` and link positions with `answers`."),
        Code("AM310", "duplicate-relation", W, "the same relation written twice",
             "Two relations of the same kind between the same two nodes: remove one."),
        Code("AM311", "locator-mismatch", W, "a quote's line numbers do not cover where it stands",
             "The quote was found in the full text, but not at the lines its locator gives. The message says "
             "where it stands."),
        Code("AM312", "section-not-found", W, "a quote's section heading does not occur in the full text",
             "The locator's section should be the heading as the source prints it (white space may differ), "
             "so that a reader can find the passage."),
        Code("AM313", "unanswered-question", W, "a question that no position answers",
             "A question states an issue on which positions differ; link the claims that take a position on "
             "it with `answers`, or remove the question."),
        Code("AM314", "unsafe-link", W, "a `url` or `doi` that cannot be a link",
             "Links in diagrams, pages and reports are absolute http or https URLs, or DOIs (shown at "
             "https://doi.org/). Anything else (`javascript:`, `data:`, a relative path, text with spaces) is "
             "kept in the map and shown as text, never as a link."),
        Code("AM315", "path-outside-project", W, "an import or full text outside the project folder",
             "Maps are shared, so a map should read only files of its own project: the folder above it with "
             "pyproject.toml, argmap.toml or .git. List other folders under `[tool.argmap] allowed-paths` "
             "(a list of paths relative to the project folder). The closest passage of a text outside is "
             "never shown. With `--forbid-outside-paths` the path is an error and the file is not read."),
        Code("AM316", "unknown-suppressed-code", W, "an `ignore[...]` comment names a code that does not exist",
             "A misspelt code (`AM3O4` with a letter O) silences nothing, so the warning it was meant for "
             "still shows, or a later one is silenced by mistake. Correct the code; `argmap check --explain` "
             "lists what each code means."),
        Code("AM317", "date-not-in-paper", W, "a node's `date` whose year its quotes and section do not print",
             "A date the paper does not print beside the point (a year from the mapper's own knowledge, or a "
             "month added to the paper's year) reads as the paper's own fact. Quote the passage that gives the "
             "date, or mark the value `(inferred)`: `date: \"1902-01\" (inferred)`."),
        Code("AM318", "reported-agreement", W, "a reported view joined by `agrees with` to an author's own claim",
             "A node with `reported:` (or an `answers` with `reported:`) gives someone else's view, e.g. what "
             "Japanese officials believe. Pairing it with another author's own claim by `agrees with` or "
             "`same as` attributes the view to the paper. Link it to the paper's own view, or use `refines`."),
        Code("AM319", "no-position-stance", W, "a cell whose note says the paper does not pose the question, "
             "with a position as stance",
             "The note of an `answers` says the paper does not pose, address or discuss the question (or 未讨论, "
             "没有提出), but its stance is asserted, hedged or conceded. Write `stance: none`."),
        Code("AM320", "dependent-agreement", W, "`agrees with` between papers that are not independent",
             "`agrees with` means two papers argue the same independently. The sources share an author "
             "(`authors:` matched up to width and case), or one cites the other or another work by its author "
             "(`cites:`, `cited-by:`). Say so in the relation's note (\"same author\", \"cites\", the author's "
             "name), or use `refines`."),
        Code("AM321", "unanchored-comparison", W, "a relation between papers without a quote or locator at "
             "both ends", "A reader checks a cross-paper relation against both texts: give the relation a "
             "`quote:` from the origin's paper, and make sure the target node has a quote in its own map."),
        Code("AM322", "dispute-without-question", W, "`disagrees with` that does not name its question",
             "Two papers disagree about something: name the question with `about: q_id`, so that the dispute "
             "is about the same thing and appears under that question in `argmap compare`."),
        # --- I/O and rendering
        Code("AM401", "unreadable-file", E, "a file cannot be read",
             "The file does not exist, is a directory, or cannot be opened."),
        Code("AM402", "not-utf8", E, "a file is not UTF-8 text",
             "Save the file as UTF-8."),
        Code("AM403", "fulltext-not-found", E, "a source's full text cannot be read",
             "The `fulltext:` path is relative to the .arg file."),
        Code("AM108", "invalid-interchange", E, "a JSON file that is not an argmap model",
             "`argmap import` reads the JSON that `argmap export --format json` writes; its schema is "
             "docs/schema/argmap.schema.json. The message gives the place (a JSON pointer) and the problem."),
        Code("AM110", "not-carried-over", W, "part of an imported file is not carried over, or carried differently",
             "AIF, Argdown, BibTeX and CSL JSON say things argmap has no word for (dialogue nodes, linked "
             "premises, preference, Argdown's premise-conclusion structures, unknown entry fields) and files "
             "have flaws (duplicate ids, self-loops, edges to nowhere). The import goes on without that part "
             "and says so; docs/formats.md lists what each format loses."),
        Code("AM111", "invalid-framework-line", E, "a line of a framework file that is not a statement of its format",
             "`argmap analyze` reads ICCMA framework files: apx (`arg(a).` and `att(a,b).`, `%` comments), "
             "tgf (argument names, a `#` line, then `a b` attack lines) and i23 (`p af N`, then `i j` attack "
             "lines, `#` comments). The message says what was expected; docs/semantics.md shows each format."),
        Code("AM112", "framework-unknown-argument", E, "an attack on an argument the framework file does not declare",
             "In apx every name in `att(a,b).` needs an `arg(a).`; in tgf every name in an attack line needs "
             "a line before `#`; in i23 numbers run from 1 to the N of the one `p af N` header, which must "
             "come before the attacks."),
        Code("AM113", "framework-duplicate", W, "an argument or an attack given twice in a framework file",
             "The repeat is dropped (a framework is a set of arguments and a set of attacks). Remove it."),
        Code("AM404", "graphviz-missing", E, "Graphviz is not installed",
             "Rendering svg, png or pdf needs the `dot` program: `apt-get install graphviz` on Debian. "
             "`--format dot` works without it."),
        Code("AM405", "render-failed", E, "Graphviz failed or the output cannot be written",
             "The message carries what Graphviz or the file system said."),
    ), key=lambda c: c.code)
}


def registry_markdown() -> str:
    """The table of codes and one section per code, as docs/diagnostics.md ends (a test keeps them equal)."""
    out = ["| code | name | severity | summary |", "|---|---|---|---|"]
    out += [f"| [{c.code}](#{c.code.lower()}) | {c.slug} | {c.severity.value} | {c.summary} |" for c in CODES.values()]
    out.append("")
    for c in CODES.values():
        out += [f"## {c.code}", "", f"**{c.slug}** ({c.severity.value}): {c.summary}.", "", c.explanation, ""]
    return "\n".join(out)


def make(code: str, span: Span | None, message: str, hint: str | None = None,
         related: Iterable[Related] = (), severity: Severity | None = None) -> Diagnostic:
    """A diagnostic with the severity registered for `code` (or the one given)."""
    return Diagnostic(code, severity or CODES[code].severity, span, message, hint, tuple(related))


MAX_PER_FILE = 200  # diagnostics reported per file; the rest are counted in one more (AM109)


def cap(diagnostics: list[Diagnostic], file: str) -> list[Diagnostic]:
    """At most MAX_PER_FILE diagnostics of one sorted list, then one that counts the rest (errors first)."""
    if len(diagnostics) <= MAX_PER_FILE:
        return diagnostics
    rest = diagnostics[MAX_PER_FILE:]
    errors = sum(d.severity is Severity.ERROR for d in rest)
    last = diagnostics[MAX_PER_FILE - 1].span
    return diagnostics[:MAX_PER_FILE] + [make(
        "AM109", Span(file, last.line, last.column, last.line, last.column) if last else None,
        f"{len(rest)} more problems not shown ({errors} errors, {len(rest) - errors} warnings)",
        hint="fix the ones above first; they are often the cause of the rest",
        severity=Severity.ERROR if errors else Severity.WARNING)]


def sort(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by position and with exact repetitions removed (an imported file is read once per importer)."""
    seen: set = set()
    out = []
    for d in sorted(diagnostics, key=lambda d: d.sort_key):
        key = (d.code, d.span, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


EXCERPT_WIDTH = 100  # terminal cells of a source line shown around a diagnostic's column


def _excerpt(line: str, column: int, end_column: int) -> tuple[str, int, int]:
    """(shown text, caret start, caret width) for a source line: control characters shown as escapes, and a
    long line cut to a window of about EXCERPT_WIDTH cells around the span (`…` where it is cut)."""
    from argmap.core.safety import for_terminal

    cells = [for_terminal(ch) if ch != "\t" else " " for ch in line]
    widths = [display_width(c) for c in cells]
    first = max(column - 1, 0)
    last = max(min(end_column - 1, len(cells)), first + 1)
    lo, hi = first, min(last, len(cells))
    budget = EXCERPT_WIDTH
    used = sum(widths[lo:hi])
    while used < budget and (lo > 0 or hi < len(cells)):  # widen on both sides in turn
        if lo > 0:
            lo -= 1
            used += widths[lo]
        if hi < len(cells) and used < budget:
            used += widths[hi]
            hi += 1
    head = "…" if lo > 0 else ""
    tail = "…" if hi < len(cells) else ""
    start = display_width(head) + sum(widths[lo:first])
    width = sum(widths[first:min(last, hi)]) or 1
    return head + "".join(cells[lo:hi]) + tail, start, min(width, EXCERPT_WIDTH)


def format_text(d: Diagnostic, lines_of: "callable[[str], list[str] | None]" = lambda f: None) -> str:
    """`file:line:col: severity[CODE] message`, the source line with a caret, the hint, related places.

    Everything from the map is shown safely for a terminal (control characters as `\\u001b` escapes), and
    a long source line is cut to a window around the column."""
    from argmap.core.safety import for_terminal

    where = f"{d.span}: " if d.span else ""
    out = [for_terminal(f"{where}{d.severity.value}[{d.code}] {d.message}")]
    if d.span is not None:
        lines = lines_of(d.span.file)
        if lines is not None and 0 < d.span.line <= len(lines):
            src = lines[d.span.line - 1].rstrip("\n")
            gutter = str(d.span.line)
            pad = " " * len(gutter)
            end = d.span.end_column if d.span.end_line == d.span.line and d.span.end_column > d.span.column \
                else d.span.column + 1
            shown, start, width = _excerpt(src, d.span.column, end)
            out.append(f" {gutter} | {shown}")
            out.append(f" {pad} | {' ' * start}{'^' * max(width, 1)}")
    if d.hint:
        out.append(for_terminal(f"   = hint: {d.hint}"))
    for r in d.related:
        out.append(for_terminal(f"   = note: {r.span}: {r.message}"))
    return "\n".join(out)


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
