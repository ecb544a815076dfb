"""The pipeline on one screen: read -> parse -> build -> check -> verify quotes -> (model, diagnostics).

    text ──syntax──▶ AST ──build──▶ model ──checks, quotes──▶ diagnostics

`load(path)` and `loads(text)` are the public entry points (also `argmap.load` / `argmap.loads`). No stage
prints or exits; I/O problems are diagnostics (AM401, AM402). Imports are loaded through the same pipeline,
once per file per run, with cycles detected on the stack of files being loaded.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path

from argmap.checks import quotes
from argmap.checks import rules as checks
from argmap.language import build, tree
from argmap.language import parse as syntax
from argmap.core.diagnostics import Diagnostic, Severity, Span, cap, make, sort
from argmap.core.model import Model
from argmap.io import PathPolicy, display_path, outside_diagnostic as _outside, read_bounded


@dataclass(frozen=True, slots=True)
class Result:
    model: Model | None
    diagnostics: tuple[Diagnostic, ...]
    document: tree.Document | None = None

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


def load(path: str | os.PathLike) -> Result:
    """Load an .arg file (and what it imports)."""
    return Loader().load(Path(path))


def loads(text: str, file: str = "<string>") -> Result:
    """Load .arg text; imports are resolved relative to the current directory (or `file`'s folder)."""
    return Loader().run(text, file)


def read_text(path: Path, display: str) -> tuple[str | None, list[Diagnostic]]:
    """A file's text, or the AM401/AM402 diagnostic that says why it cannot be had."""
    raw, reason = read_bounded(path)
    if raw is None:
        return None, [make("AM401", Span(display, 1, 1, 1, 1), f"cannot read `{display}`: {reason}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [make("AM402", Span(display, line, column, line, column + 1),
                           f"`{display}` is not UTF-8 text (byte 0x{raw[error.start]:02x})",
                           hint="save the file as UTF-8")]


@dataclass
class Workspace:
    """The files of one run, or of a long-lived session (watch mode, the editor server).

    Loads files through the pipeline, each map and full text once (imports, folders); owns the texts it read,
    so diagnostics are shown with excerpts without reading files again (`lines`); knows which files import
    which and which read which full text, so that `invalidate(path)` forgets a changed file and everything
    that depends on it, and the next `load` re-checks only those.
    """

    cache: dict[Path, Result] = field(default_factory=dict)  # resolved path -> result of loading it
    stack: list[Path] = field(default_factory=list)
    texts: dict = field(default_factory=dict)  # full texts for quote verification, shared across files
    paths: PathPolicy = field(default_factory=PathPolicy)  # where `import` and `fulltext:` may read
    sources: dict[str, str] = field(default_factory=dict)  # file as displayed -> the .arg text read
    importers: dict[Path, set[Path]] = field(default_factory=dict)  # resolved file -> files importing it
    readers: dict[Path, set[Path]] = field(default_factory=dict)  # resolved full text / .bib -> maps using it
    bibliographies: dict = field(default_factory=dict)  # resolved .bib or CSL JSON -> (entries by key, problem)
    # keep the result of every map loaded (an editor, watch mode); False keeps only imported maps, so that
    # checking a folder of 1,000 maps does not hold them all in memory
    keep: bool = True
    # an editor session: each file's next parse reuses the statements an edit left alone (`syntax.Reparser`)
    reparser: "syntax.Reparser | None" = None
    # False: a result holds its errors only, and the checks that can only warn are not run (`render` of one
    # file, which shows errors only: a drawing is refused for an error, never for a warning)
    warnings: bool = True

    def load(self, path: Path) -> Result:
        resolved = path.resolve() if _is_file(path) else None
        if resolved is not None and resolved in self.cache and not self.stack:
            return self.cache[resolved]
        display = display_path(path) if path.is_absolute() else os.path.normpath(path)
        text, diagnostics = read_text(path, display)
        if text is None:
            return Result(None, tuple(diagnostics))
        result = self.run(text, display)
        if resolved is not None and (self.keep or self.stack):
            self.cache[resolved] = result
        return result

    def run(self, text: str, file: str) -> Result:
        self.sources[file] = text
        me = Path(file).resolve()
        self.stack.append(me)
        # The pipeline makes millions of small objects and no cycles worth collecting: the cyclic collector
        # only slows it down (a 100k-statement map parsed in about half the time without it).
        collecting = gc.isenabled() and len(self.stack) == 1
        if collecting:
            gc.disable()
        try:
            document, diagnostics = syntax.parse(text, file, self.reparser)
            model, found = build.build(document, self.load_import)
            model, from_bib = self._bibliography(model, me)
            diagnostics += found + from_bib + checks.run(model, self.warnings) + quotes.verify(
                model, self.texts, self.paths)
            diagnostics = checks.suppress(_without_knock_on(diagnostics, document, text, file), document)
            if not self.warnings:
                diagnostics = [d for d in diagnostics if d.severity is Severity.ERROR]
            for source in model.sources:
                if source.namespace is None and source.fulltext is not None:
                    full = (Path(source.span.file).parent / source.fulltext).resolve()
                    self.readers.setdefault(full, set()).add(me)
            return Result(model, tuple(cap(sort(diagnostics), file)), document)
        finally:
            self.stack.pop()
            if collecting:
                gc.enable()

    # source fields a `bib:` entry may fill (a field the map writes itself wins)
    _BIB_FIELDS = ("title", "authors", "year", "venue", "volume", "issue", "pages", "publisher", "type", "lang",
                   "doi", "url")

    def _bibliography(self, model: Model, me: Path) -> tuple[Model, list[Diagnostic]]:
        """Fill the fields of each source that names `bib: "refs.bib#key"` from that entry (AM213 when the
        file or the entry is not there); the file is read once per workspace, and a change to it invalidates
        the maps that use it."""
        import difflib
        from dataclasses import replace

        from argmap.formats.references import load_bibtex, load_csl

        diagnostics: list[Diagnostic] = []
        sources = []
        for source in model.sources:
            if source.namespace is not None or not source.bib:
                sources.append(source)
                continue
            name, _, key = source.bib.partition("#")
            path = (Path(source.span.file).parent / name)
            resolved = path.resolve()
            self.readers.setdefault(resolved, set()).add(me)
            outside = self.paths.outside(path, Path(source.span.file))
            if outside is not None:
                diagnostics.append(_outside(source.span, "bibliography", path, outside, self.paths.forbid))
                if self.paths.forbid:
                    sources.append(source)
                    continue
            if resolved not in self.bibliographies:
                raw, reason = read_bounded(path)
                entries = None
                if raw is not None:
                    text = raw.decode("utf-8-sig", errors="replace")
                    loaded, problems = (load_csl if path.suffix.lower() == ".json" else load_bibtex)(text, str(path))
                    entries = {s.id: s for s in loaded.sources} if loaded is not None else None
                    if entries is None:
                        reason = "; ".join(p.message for p in problems[:1]) or "not a bibliography"
                self.bibliographies[resolved] = (entries, reason)
            entries, reason = self.bibliographies[resolved]
            if entries is None:
                diagnostics.append(make("AM213", source.span, f"cannot read the bibliography `{name}` of "
                                        f"`{source.id}`: {reason}", hint="the path is relative to the .arg file"))
                sources.append(source)
                continue
            entry = entries.get(key)
            if entry is None:
                close = difflib.get_close_matches(key, list(entries), n=3, cutoff=0.5)
                hint = ("did you mean " + " or ".join(f"`{c}`" for c in close) + "?") if close else \
                    f"{name} has {len(entries)} entries"
                diagnostics.append(make("AM213", source.span, f"no entry `{key}` in `{name}`", hint=hint))
                sources.append(source)
                continue
            filled = {f: getattr(entry, f) for f in self._BIB_FIELDS
                      if getattr(source, f) in (None, ()) and getattr(entry, f) not in (None, ())}
            if not source.translations and entry.translations:
                filled["translations"] = entry.translations
            sources.append(replace(source, **filled))
        if not diagnostics and all(a is b for a, b in zip(sources, model.sources)):
            return model, diagnostics
        return replace(model, sources=tuple(sources)), diagnostics

    def dependencies(self, path: Path) -> set[Path]:
        """The files a loaded map's result depends on: the maps it imports (directly or not) and the full
        texts they all quote, resolved; the map itself included."""
        start = path.resolve()
        imports_of: dict[Path, set[Path]] = {}
        for imported, importers in self.importers.items():
            for importer in importers:
                imports_of.setdefault(importer, set()).add(imported)
        maps, todo = set(), [start]
        while todo:
            current = todo.pop()
            if current not in maps:
                maps.add(current)
                todo.extend(imports_of.get(current, ()))
        texts = {text for text, readers in self.readers.items() if readers & maps}
        return maps | texts

    def lines(self, file: str) -> list[str] | None:
        """The lines of a map this workspace read (for excerpts in diagnostics), or None."""
        text = self.sources.get(file)
        return text.split("\n") if text is not None else None

    def invalidate(self, path: Path) -> set[Path]:
        """Forget a changed file (a map or a full text) and every map that depends on it, directly or
        through imports; returns the resolved paths of the maps forgotten."""
        changed = path.resolve()
        self.texts.pop(changed, None)
        self.bibliographies.pop(changed, None)
        todo = [changed, *self.readers.pop(changed, ())]
        forgotten: set[Path] = set()
        while todo:
            current = todo.pop()
            if current in forgotten:
                continue
            forgotten.add(current)
            result = self.cache.pop(current, None)
            if result is not None:
                for name in [f for f in self.sources if Path(f).resolve() == current]:
                    del self.sources[name]
            todo.extend(self.importers.get(current, ()))
        return {p for p in forgotten if p.suffix == ".arg"}

    def load_import(self, path: Path, span: Span) -> tuple[Model | None, list[Diagnostic]]:
        resolved = path.resolve()
        if self.stack:
            self.importers.setdefault(resolved, set()).add(self.stack[-1])
        if resolved in self.stack:
            chain = " → ".join(display_path(p) for p in self.stack[self.stack.index(resolved):] + [resolved])
            return None, [make("AM206", span, f"import cycle: {chain}",
                               hint="a file may not import itself, directly or through others")]
        outside = self.paths.outside(path, Path(span.file))
        if outside is not None:
            problem = _outside(span, "import", path, outside, self.paths.forbid)
            if self.paths.forbid:
                return None, [problem]
        if not _is_file(resolved):
            hint = "the path is relative to the importing file" + (
                "" if path.suffix == ".arg" else "; .arg files end in `.arg`")
            return None, [make("AM205", span, f"no file `{display_path(path)}` to import", hint=hint)]
        if resolved not in self.cache:
            self.cache[resolved] = self.load(path)
        result = self.cache[resolved]
        return result.model, list(result.diagnostics) + ([problem] if outside is not None else [])


Loader = Workspace  # the earlier name


# warnings that a syntax error nearby can cause by itself: the relation on the broken line was lost
_KNOCK_ON = ("AM304", "AM305")


def _without_knock_on(diagnostics: list[Diagnostic], document: tree.Document, text: str,
                      file: str) -> list[Diagnostic]:
    """Drop "nothing supports" and "linked to nothing" warnings that a recovered syntax error explains: on
    nodes whose statement holds the error, or named on the line that was skipped. The error itself is
    reported; once it is fixed, any warning that still holds comes back."""
    import re

    # only this file's own diagnostics (an imported file's problems are located in that file)
    errors = [d for d in diagnostics if d.code.startswith("AM1") and d.span is not None and d.span.file == file]
    if not errors:
        return diagnostics
    lines = text.split("\n")
    broken = {d.span.line for d in errors}
    for d in errors:  # an error at the start of a line is often the unfinished end of the line before
        line = lines[d.span.line - 1] if 0 < d.span.line <= len(lines) else ""
        if not line[:d.span.column - 1].strip():
            before = next((n for n in range(d.span.line - 1, 0, -1) if lines[n - 1].strip()), None)
            if before is not None:
                broken.add(before)
    broken = sorted(broken)
    quiet_lines: set[int] = set()
    named: set[str] = set()
    for statement in document.statements:
        first, last = statement.span.line, statement.span.end_line
        body = getattr(statement, "body", None)
        if body is not None and body.items:  # (a block closed by recovery ends at its last item)
            last = min(last, max(item.span.end_line for item in body.items) + 1)
        if any(first <= b <= last for b in broken):
            quiet_lines.update(range(first, last + 1))
    for b in broken:
        if 0 < b <= len(lines):
            named.update(re.findall(r"[^\W\d][\w-]*", lines[b - 1]))

    def knock_on(d: Diagnostic) -> bool:
        if d.code not in _KNOCK_ON or d.span is None or d.span.file != file:
            return False
        if d.span.line in quiet_lines:
            return True
        line = lines[d.span.line - 1] if 0 < d.span.line <= len(lines) else ""
        return line[d.span.column - 1:d.span.end_column - 1] in named

    return [d for d in diagnostics if not knock_on(d)]


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL
        return False
