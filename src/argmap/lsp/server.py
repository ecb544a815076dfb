"""`argmap lsp`: the language server (pygls, stdio). Wires LSP messages to `state` and `features`.

Diagnostics are debounced (`DEBOUNCE` seconds after the last change) and computed in a worker thread; a result
is published only if the document's version is still the one it was computed for, so a stale result never
reaches the editor. A change re-checks the file and the open files that import it. A change on disk (saved
full texts, imported files not open) drops the cached full text and re-checks every open file.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.server import LanguageServer

from argmap import __version__
from argmap.lsp import features
from argmap.lsp.state import State

DEBOUNCE = 0.05


def path_of(uri: str) -> Path:
    return Path(unquote(urlparse(uri).path)).resolve()


class ArgmapServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("argmap", __version__)
        self.state = State()
        self.pending: dict[Path, asyncio.Task] = {}
        self.roots: list[Path] = []

    def analysis(self, uri: str):
        path = path_of(uri)
        analysis = self.state.analyses.get(path)
        version = self.state.documents.get(path, (None, None))[0]
        if analysis is None or analysis.version != version:
            analysis = self.state.analyse(path)
            self.state.analyses[path] = analysis
        return analysis

    def others(self, path: Path):
        """Analyses of the other .arg files the user works on: open ones, and those in the workspace folders."""
        files = set(self.state.documents)
        for root in self.roots:
            files.update(p.resolve() for p in root.rglob("*.arg"))
        out = []
        for file in sorted(files - {path}):
            analysis = self.state.analyses.get(file)
            if analysis is None or file not in self.state.documents:
                analysis = self.state.analyse(file)
            out.append(analysis)
        return out

    def schedule(self, path: Path) -> None:
        task = self.pending.pop(path, None)
        if task is not None:
            task.cancel()
        self.pending[path] = asyncio.ensure_future(self._check(path))

    async def _check(self, path: Path) -> None:
        await asyncio.sleep(DEBOUNCE)
        targets = [path] + self.state.importers(path)
        for target in targets:
            if target not in self.state.documents:
                continue
            version = self.state.documents[target][0]
            analysis = await asyncio.get_running_loop().run_in_executor(None, self.state.analyse, target)
            current = self.state.documents.get(target)
            if current is None or current[0] != version:
                return  # edited meanwhile: a newer check is scheduled
            self.state.analyses[target] = analysis
            self.publish_diagnostics(target.as_uri(), features.diagnostics(analysis), version=version)


server = ArgmapServer()


@server.feature(lsp.INITIALIZE)
def initialize(ls: ArgmapServer, params: lsp.InitializeParams) -> None:
    folders = params.workspace_folders or []
    ls.roots = [path_of(f.uri) for f in folders] or ([path_of(params.root_uri)] if params.root_uri else [])


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ArgmapServer, params: lsp.DidOpenTextDocumentParams) -> None:
    path = path_of(params.text_document.uri)
    ls.state.open(path, params.text_document.version, params.text_document.text)
    ls.schedule(path)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ArgmapServer, params: lsp.DidChangeTextDocumentParams) -> None:
    path = path_of(params.text_document.uri)
    document = ls.workspace.get_text_document(params.text_document.uri)  # pygls applies incremental edits
    ls.state.open(path, params.text_document.version, document.source)
    ls.schedule(path)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ArgmapServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.schedule(path_of(params.text_document.uri))


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ArgmapServer, params: lsp.DidCloseTextDocumentParams) -> None:
    path = path_of(params.text_document.uri)
    ls.state.close(path)
    ls.publish_diagnostics(params.text_document.uri, [])
    for importer in ls.state.importers(path):
        ls.schedule(importer)


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched(ls: ArgmapServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        ls.state.file_changed(path_of(change.uri))
    for path in list(ls.state.documents):
        ls.schedule(path)


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: ArgmapServer, params: lsp.DefinitionParams):
    return features.definition(ls.analysis(params.text_document.uri), params.position, ls.state.text_of)


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def references(ls: ArgmapServer, params: lsp.ReferenceParams):
    analysis = ls.analysis(params.text_document.uri)
    found = features.references(analysis, params.position, ls.others(analysis.path),
                                params.context.include_declaration)
    return [features._location(path, span, text) for path, span, text in found]


@server.feature(lsp.TEXT_DOCUMENT_RENAME)
def rename(ls: ArgmapServer, params: lsp.RenameParams):
    analysis = ls.analysis(params.text_document.uri)
    return features.rename(analysis, params.position, params.new_name, ls.others(analysis.path))


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: ArgmapServer, params: lsp.HoverParams):
    return features.hover(ls.analysis(params.text_document.uri), params.position)


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                lsp.CompletionOptions(trigger_characters=[" ", '"', ":", "."]))
def completion(ls: ArgmapServer, params: lsp.CompletionParams):
    analysis = ls.analysis(params.text_document.uri)
    return lsp.CompletionList(is_incomplete=False,
                              items=features.completion(analysis, params.position, ls.state.text_of))


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(ls: ArgmapServer, params: lsp.DocumentSymbolParams):
    return features.document_symbols(ls.analysis(params.text_document.uri))


@server.feature(lsp.TEXT_DOCUMENT_FOLDING_RANGE)
def folding_ranges(ls: ArgmapServer, params: lsp.FoldingRangeParams):
    return features.folding_ranges(ls.analysis(params.text_document.uri))


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: ArgmapServer, params: lsp.DocumentFormattingParams):
    return features.formatting(ls.analysis(params.text_document.uri))


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: ArgmapServer, params: lsp.CodeActionParams):
    analysis = ls.analysis(params.text_document.uri)
    return features.code_actions(analysis, params.context.diagnostics, ls.state.text_of)


def run() -> None:
    server.start_io()
