"""The language server end to end: `argmap lsp` as a subprocess, driven over stdio by pygls's client."""

import asyncio
import shutil
import sys
from pathlib import Path
from textwrap import dedent

import pytest
from lsprotocol import types as lsp
from pygls.lsp.client import BaseLanguageClient

ROOT = Path(__file__).resolve().parent.parent

BROKEN = dedent('''\
    source s "A paper" {
      fulltext: "paper.txt"
    }

    thesis t "The thesis" {
      quote: "the alliance holds" at "一、引言" lines 1-1
    }

    claim c1 "A claim" {
      supports tt
    }
    ''')
PAPER = "标题\n一、引言\n第一行\nthe alliance holds\n"


def _run(coro):
    return asyncio.run(coro)


async def _session(tmp: Path, steps):
    client = BaseLanguageClient("test", "1")
    received: dict[str, list] = {}
    event = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: lsp.PublishDiagnosticsParams):
        received.setdefault(params.uri, []).append(params)
        event.set()

    await client.start_io(sys.executable, "-m", "argmap", "lsp")
    await client.initialize_async(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(),
                                                       root_uri=tmp.as_uri()))
    client.initialized(lsp.InitializedParams())

    async def wait_diagnostics(uri, version):
        for _ in range(200):
            found = [p for p in received.get(uri, []) if p.version == version]
            if found:
                return found[-1].diagnostics
            event.clear()
            try:
                await asyncio.wait_for(event.wait(), 0.1)
            except asyncio.TimeoutError:
                pass
        raise AssertionError("no diagnostics published")

    try:
        return await steps(client, wait_diagnostics)
    finally:
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()


def test_lsp_end_to_end(tmp_path):
    (tmp_path / "paper.txt").write_text(PAPER, encoding="utf-8")
    path = tmp_path / "m.arg"
    path.write_text(BROKEN, encoding="utf-8")
    uri = path.as_uri()

    async def steps(client, wait):
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="argmap", version=1, text=BROKEN)))
        first = await wait(uri, 1)
        by_code = {d.code: d for d in first}
        assert by_code["AM201"].range == lsp.Range(start=lsp.Position(line=9, character=11),
                                                   end=lsp.Position(line=9, character=13))
        assert by_code["AM311"].range.start.line == 5
        hover = await client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=4, character=8)))
        assert "**thesis** `t`" in hover.contents.value and "一、引言, line 1" in hover.contents.value
        definition = await client.text_document_definition_async(lsp.DefinitionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=0, character=7)))
        assert definition[0].range.start == lsp.Position(line=0, character=7)
        completion = await client.text_document_completion_async(lsp.CompletionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=9, character=11)))
        assert {"t", "c1"} <= {i.label for i in completion.items}
        actions = await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=by_code["AM311"].range,
            context=lsp.CodeActionContext(diagnostics=[by_code["AM311"]])))
        fix = next(a for a in actions if "locator" in a.title)
        assert [e.new_text for e in fix.edit.changes[uri]] == ["line 4"]
        fixed = BROKEN.replace("lines 1-1", "line 4").replace("supports tt", "supports t")
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeEvent_Type2(text=fixed)]))
        second = await wait(uri, 2)
        assert [d.code for d in second] == ["AM304"]  # the two errors fixed; c1 is still unsupported
        refs = await client.text_document_references_async(lsp.ReferenceParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=4, character=7),
            context=lsp.ReferenceContext(include_declaration=True)))
        assert sorted(r.range.start.line for r in refs) == [4, 9]
        edit = await client.text_document_rename_async(lsp.RenameParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=4, character=7),
            new_name="main"))
        assert sorted(e.range.start.line for e in edit.changes[uri]) == [4, 9]

    _run(_session(tmp_path, steps))
