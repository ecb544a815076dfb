"""The editor's view of the files: open documents (an in-memory overlay over the disk) and the pipeline on them.

Input: the texts the editor sends (didOpen/didChange) and the files on disk. Output: `Analysis` values (the
syntax tree, the model and the diagnostics of one file, by absolute path) for the features to answer from.

Built on `workspace.Loader.run`: `OverlayLoader` reads an open document's text instead of the file, and names
every file by its absolute path, so that spans map to editor URIs one to one. Full texts (`FullText`, with
their trigram index for "closest passage") are kept across runs and dropped when their file changes, so a
keystroke costs a parse, a build and the checks, not a re-read of the paper. When the lead's Workspace (issue 9)
owns texts, this module is the one to swap for it. It now does: `State` keeps one `OverlayLoader` (a
`Workspace`) for the server's lifetime and invalidates what an edit makes stale.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from argmap.core.diagnostics import Diagnostic
from argmap.language import tree
from argmap.language.parse import Reparser
from argmap.workspace import Loader, Result, read_text


@dataclass
class OverlayLoader(Loader):
    """A Loader that prefers the editor's unsaved text and names files by absolute path."""

    overlay: dict[Path, str] = field(default_factory=dict)
    reparser: Reparser | None = field(default_factory=Reparser)  # as-you-type: parse only what an edit changed

    def load(self, path: Path) -> Result:
        resolved = path.resolve()
        display = str(resolved)
        if resolved in self.overlay:
            return self.run(self.overlay[resolved], display)
        text, diagnostics = read_text(resolved, display)
        if text is None:
            return Result(None, tuple(diagnostics))
        return self.run(text, display)


@dataclass(frozen=True, slots=True)
class Analysis:
    """One file after the pipeline: what every feature answers from."""

    path: Path
    version: int | None
    text: str
    result: Result
    imported: dict  # resolved path -> Result of each file it imports (directly or not)

    @property
    def document(self) -> tree.Document | None:
        return self.result.document

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """The diagnostics located in this file (an import's own problems are shown in the import)."""
        mine = str(self.path)
        return [d for d in self.result.diagnostics if d.span is not None and d.span.file == mine]


@dataclass
class State:
    """Open documents, and one workspace over them that lives as long as the server.

    The workspace keeps what it has loaded (imported maps, full texts with their index) between keystrokes;
    a change to an open document, or to a file on disk, invalidates that file and everything that depends on
    it, so a keystroke costs parsing and checking the edited file, not its imports or the papers again.
    Analyses run one at a time (the workspace is not shared between threads)."""

    documents: dict[Path, tuple[int | None, str]] = field(default_factory=dict)
    analyses: dict[Path, Analysis] = field(default_factory=dict)
    workspace: OverlayLoader = field(default_factory=OverlayLoader)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def texts(self) -> dict:
        return self.workspace.texts

    def open(self, path: Path, version: int | None, text: str) -> None:
        """A document opened or edited in the editor."""
        path = path.resolve()
        self.documents[path] = (version, text)
        with self.lock:
            self.workspace.overlay[path] = text
            self.workspace.invalidate(path)

    def close(self, path: Path) -> None:
        path = path.resolve()
        self.documents.pop(path, None)
        self.analyses.pop(path, None)
        with self.lock:
            self.workspace.overlay.pop(path, None)
            self.workspace.invalidate(path)

    def file_changed(self, path: Path) -> None:
        """A file changed on disk: forget it (a map or a full text) and what depends on it."""
        with self.lock:
            self.workspace.invalidate(path)

    def text_of(self, path: Path) -> str | None:
        path = path.resolve()
        if path in self.documents:
            return self.documents[path][1]
        text, _ = read_text(path, str(path))
        return text

    def analyse(self, path: Path) -> Analysis:
        """Run the pipeline on one file, open documents taken from the overlay."""
        path = path.resolve()
        version, text = self.documents.get(path, (None, None))
        if text is None:
            text = self.text_of(path) or ""
        with self.lock:
            result = self.workspace.run(text, str(path))
            depends = self.workspace.dependencies(path) - {path}
            imported = {p: self.workspace.cache[p] for p in depends if p in self.workspace.cache}
        return Analysis(path, version, text, result, imported)

    def importers(self, path: Path) -> list[Path]:
        """Open documents whose last analysis imports `path` (directly or through others)."""
        path = path.resolve()
        return [p for p, a in self.analyses.items() if p != path and path in a.imported]
