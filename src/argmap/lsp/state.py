"""The editor's view of the files: open documents (an in-memory overlay over the disk) and the pipeline on them.

Input: the texts the editor sends (didOpen/didChange) and the files on disk. Output: `Analysis` values (the
syntax tree, the model and the diagnostics of one file, by absolute path) for the features to answer from.

Built on `workspace.Loader.run`: `OverlayLoader` reads an open document's text instead of the file, and names
every file by its absolute path, so that spans map to editor URIs one to one. Full texts (`FullText`, with
their trigram index for "closest passage") are kept across runs and dropped when their file changes, so a
keystroke costs a parse, a build and the checks, not a re-read of the paper. When the lead's Workspace (issue 9)
owns texts, this module is the one to swap for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from argmap.core.diagnostics import Diagnostic
from argmap.language import tree
from argmap.workspace import Loader, Result, read_text


@dataclass
class OverlayLoader(Loader):
    """A Loader that prefers the editor's unsaved text and names files by absolute path."""

    overlay: dict[Path, str] = field(default_factory=dict)

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
    """Open documents, the full-text cache, and the last analysis of each open document."""

    documents: dict[Path, tuple[int | None, str]] = field(default_factory=dict)
    texts: dict = field(default_factory=dict)
    analyses: dict[Path, Analysis] = field(default_factory=dict)

    def open(self, path: Path, version: int | None, text: str) -> None:
        self.documents[path.resolve()] = (version, text)

    def close(self, path: Path) -> None:
        self.documents.pop(path.resolve(), None)
        self.analyses.pop(path.resolve(), None)

    def file_changed(self, path: Path) -> None:
        """A file changed on disk: forget its full text if it is one."""
        self.texts.pop(path.resolve(), None)

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
        loader = OverlayLoader(texts=self.texts, overlay={p: t for p, (_, t) in self.documents.items()})
        result = loader.run(text, str(path))
        analysis = Analysis(path, version, text, result, dict(loader.cache))
        return analysis

    def importers(self, path: Path) -> list[Path]:
        """Open documents whose last analysis imports `path` (directly or through others)."""
        path = path.resolve()
        return [p for p, a in self.analyses.items() if p != path and path in a.imported]
