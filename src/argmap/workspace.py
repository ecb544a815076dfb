"""The pipeline on one screen: read -> parse -> build -> check -> verify quotes -> (model, diagnostics).

    text ──syntax──▶ AST ──build──▶ model ──checks, quotes──▶ diagnostics

`load(path)` and `loads(text)` are the public entry points (also `argmap.load` / `argmap.loads`). No stage
prints or exits; I/O problems are diagnostics (AM401, AM402). Imports are loaded through the same pipeline,
once per file per run, with cycles detected on the stack of files being loaded.
"""

from __future__ import annotations

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
    readers: dict[Path, set[Path]] = field(default_factory=dict)  # resolved full text -> maps quoting it

    def load(self, path: Path) -> Result:
        resolved = path.resolve() if _is_file(path) else None
        if resolved is not None and resolved in self.cache and not self.stack:
            return self.cache[resolved]
        display = display_path(path) if path.is_absolute() else os.path.normpath(path)
        text, diagnostics = read_text(path, display)
        if text is None:
            return Result(None, tuple(diagnostics))
        result = self.run(text, display)
        if resolved is not None:
            self.cache[resolved] = result
        return result

    def run(self, text: str, file: str) -> Result:
        self.sources[file] = text
        me = Path(file).resolve()
        self.stack.append(me)
        try:
            document, diagnostics = syntax.parse(text, file)
            model, found = build.build(document, self.load_import)
            diagnostics += found + checks.run(model) + quotes.verify(model, self.texts, self.paths)
            diagnostics = checks.suppress(diagnostics, document)
            for source in model.sources:
                if source.namespace is None and source.fulltext is not None:
                    full = (Path(source.span.file).parent / source.fulltext).resolve()
                    self.readers.setdefault(full, set()).add(me)
            return Result(model, tuple(cap(sort(diagnostics), file)), document)
        finally:
            self.stack.pop()

    def lines(self, file: str) -> list[str] | None:
        """The lines of a map this workspace read (for excerpts in diagnostics), or None."""
        text = self.sources.get(file)
        return text.split("\n") if text is not None else None

    def invalidate(self, path: Path) -> set[Path]:
        """Forget a changed file (a map or a full text) and every map that depends on it, directly or
        through imports; returns the resolved paths of the maps forgotten."""
        changed = path.resolve()
        self.texts.pop(changed, None)
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


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL
        return False
