"""The language server: `argmap lsp` (pygls over stdio).

`state` holds the open documents as an overlay over the files on disk and runs the pipeline on them;
`features` turns a loaded file (syntax tree, model, diagnostics) into editor answers as plain functions
(tested without a client); `server` wires them to LSP messages.
"""
