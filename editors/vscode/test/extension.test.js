// Drives extension.js outside VS Code with a stand-in for the `vscode` API (and for vscode-languageclient),
// to check what the extension does with them: the command it starts the language server with, the preview
// it renders with the real `argmap render`, and the re-rendering on save.
//   node test/extension.test.js ARGMAP_EXECUTABLE MAP.arg
// Prints a JSON record of what happened; tests/test_vscode.py asserts on it.
"use strict";
const fs = require("fs");
const Module = require("module");
const path = require("path");

const [argmap, mapFile] = process.argv.slice(2);
const record = { servers: [], html: [], status: [], info: [] };
const commands = {};
const saveListeners = [];
let disposePanel = null;

const fakeVscode = {
  ViewColumn: { Beside: -2 },
  workspace: {
    getConfiguration: () => ({ get: (key) => (key === "command" ? [argmap] : undefined) }),
    createFileSystemWatcher: (glob) => ({ glob, dispose() {} }),
    onDidSaveTextDocument: (listener) => { saveListeners.push(listener); return { dispose() {} }; },
  },
  window: {
    activeTextEditor: { document: { languageId: "argmap", uri: { scheme: "file", fsPath: mapFile } } },
    createWebviewPanel: (type, title, column, options) => {
      record.panel = { type, title, options };
      const webview = {};
      Object.defineProperty(webview, "html", { set: (value) => record.html.push(value), get: () => record.html.at(-1) });
      return { webview, reveal() {}, onDidDispose: (f) => { disposePanel = f; } };
    },
    setStatusBarMessage: (text) => record.status.push(text),
    showInformationMessage: (text) => record.info.push(text),
    showErrorMessage: (text) => record.info.push(text),
  },
  commands: { registerCommand: (name, f) => { commands[name] = f; return { dispose() {} }; } },
};
class LanguageClient {
  constructor(id, name, server, options) {
    record.servers.push({ id, server, selector: options.documentSelector, watch: options.synchronize.fileEvents.glob });
  }
  async start() {}
  async stop() {}
}
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "vscode" || request === "vscode-languageclient/node") return request;
  return resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: fakeVscode };
require.cache["vscode-languageclient/node"] = { id: "lc", filename: "lc", loaded: true, exports: { LanguageClient } };

const until = async (predicate) => {
  for (let i = 0; i < 600 && !predicate(); i++) await new Promise((r) => setTimeout(r, 50));
};

async function main() {
  const extension = require(path.join(__dirname, "..", "extension.js"));
  await extension.activate({ subscriptions: [] });
  record.commands = Object.keys(commands).sort();
  await commands["argmap.preview"]();
  const save = () => saveListeners.forEach((f) => f({ languageId: "argmap", uri: { scheme: "file", fsPath: mapFile } }));
  // an edit that renders: the preview shows it
  fs.writeFileSync(mapFile, fs.readFileSync(mapFile, "utf8").replace(/^(thesis \S+ ")/m, "$1EDITED-ON-SAVE "));
  save();
  await until(() => record.html.length >= 2);
  // an edit with an error: the preview keeps its last rendering and says so in the status bar
  fs.writeFileSync(mapFile, fs.readFileSync(mapFile, "utf8") + "\nclaim broken \"x\" { supports nowhere }\n");
  save();
  await until(() => record.status.length >= 1);
  record.escaped = extension.errorPage("m.arg", "<script>alert(1)</script>");
  disposePanel();
  process.stdout.write(JSON.stringify(record));
}

main().catch((error) => { console.error(error); process.exit(1); });
