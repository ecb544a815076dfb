"""The VS Code extension (editors/vscode): its generated TextMate grammar, tokenized as VS Code does it, and
its packaging.

The grammar must be what tools/gen_textmate.py writes, name every keyword of grammar/argmap.lark, and, run
through vscode-textmate + vscode-oniguruma (npm, in editors/vscode/node_modules), give every keyword, field
name and quoted text of every example and map the scope a theme colours. Skipped with a reason when node or
the npm packages are absent (`bash run.sh test` installs them when npm exists).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lark import Lark, Token, Tree

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import gen_textmate  # noqa: E402

EXTENSION = ROOT / "editors" / "vscode"
GRAMMAR_JSON = EXTENSION / "syntaxes" / "argmap.tmLanguage.json"
CORPUS = sorted([*ROOT.glob("examples/**/*.arg"), *ROOT.glob("maps/**/*.arg")])
LARK = Lark((ROOT / "grammar" / "argmap.lark").read_text(encoding="utf-8"), parser="lalr", lexer="contextual",
            propagate_positions=True)


def lark_keywords() -> set[str]:
    """Every terminal of the lark grammar that is a word: what the TextMate grammar must highlight."""
    words = set()
    for terminal in LARK.terminals:
        value = terminal.pattern.value
        found = re.fullmatch(r"[a-z]+", value) if type(terminal.pattern).__name__ == "PatternStr" \
            else re.match(r"([a-z]+)(?![a-z])", value)
        if found:
            words.add(found.group(found.re.groups and 1 or 0))
    return words


def keyword_scoped_words(grammar: dict) -> set[str]:
    """Words named in the alternations of the grammar's keyword-scoped patterns."""
    words = set()

    def visit(rule):
        if isinstance(rule, dict):
            scopes = json.dumps(rule.get("captures", {})) + str(rule.get("name", ""))
            if "match" in rule and "keyword." in scopes:
                for group in re.findall(r"\(([a-z|]+)\)", rule["match"]):
                    words.update(group.split("|"))
            for value in rule.values():
                visit(value)
        elif isinstance(rule, list):
            for value in rule:
                visit(value)

    visit(grammar["repository"])
    return words


def test_committed_grammar_is_the_generated_one():
    assert GRAMMAR_JSON.read_text(encoding="utf-8") == gen_textmate.render(), \
        "editors/vscode/syntaxes/argmap.tmLanguage.json is stale: run python tools/gen_textmate.py"
    assert gen_textmate.main(["--check"]) == 0


def test_grammar_keywords_are_the_lark_grammars():
    grammar = json.loads(GRAMMAR_JSON.read_text(encoding="utf-8"))
    expected = lark_keywords()
    assert {"claim", "supports", "qualifies", "agrees", "with", "same", "as", "quote", "lines"} <= expected
    assert keyword_scoped_words(grammar) == expected
    fields = {f.name for f in __import__("argmap.core.vocabulary", fromlist=["FIELDS"]).FIELDS}
    assert fields <= set(gen_textmate.from_vocabulary().fields)
    vocabulary = gen_textmate.from_vocabulary()
    assert ("agrees", "with") in vocabulary.relations and ("same", "as") in vocabulary.relations
    assert vocabulary.node_kinds == ("thesis", "claim", "evidence", "counterclaim", "question")


def test_a_vocabulary_keyword_the_script_cannot_place_is_an_error(monkeypatch):
    from argmap.core import vocabulary

    monkeypatch.setattr(vocabulary, "KEYWORDS", vocabulary.KEYWORDS | {"rebuts"})
    with pytest.raises(SystemExit, match="rebuts"):
        gen_textmate.from_vocabulary()


def _tokenizer_or_skip() -> list[str]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the TextMate grammar is not tokenized")
    if not (EXTENSION / "node_modules" / "vscode-textmate").is_dir():
        pytest.skip("vscode-textmate is not installed: run `npm ci` in editors/vscode (bash run.sh test does)")
    return [node, str(EXTENSION / "test" / "tokenize.js"), str(GRAMMAR_JSON)]


def expected_scopes(path: Path) -> list[tuple[int, int, str, str]]:
    """(line, UTF-16 column, text, scope prefix) for every keyword, field name and text, from lark's parse."""
    text = path.read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    keywords = {t.name for t in LARK.terminals if t.pattern.value[:1].isalpha()}
    out = []

    def at(token: Token, prefix: str):
        line = lines[token.line - 1]
        column = len(line[: token.column - 1].encode("utf-16-le")) // 2
        out.append((token.line - 1, column, str(token).split("\n")[0], prefix))

    def walk(tree: Tree):
        for i, child in enumerate(tree.children):
            if isinstance(child, Tree):
                walk(child)
            elif isinstance(child, Token):
                if child.type in keywords:
                    at(child, "keyword.")
                elif child.type == "NAME" and tree.data == "field" and i == 0:
                    at(child, "support.type.property-name.")
                elif child.type in ("STRING", "LONG_STRING"):
                    at(child, "string.quoted.")

    walk(LARK.parse(text))
    return out


def test_every_example_and_map_tokenizes_with_no_keyword_left_out():
    command = _tokenizer_or_skip()
    assert len(CORPUS) >= 10
    done = subprocess.run(command + [str(p) for p in CORPUS], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    tokens = json.loads(done.stdout)
    checked = 0
    for path in CORPUS:
        lines = tokens[str(path)]
        misses = []
        for line, column, word, prefix in expected_scopes(path):
            covering = [t for t in lines[line] if t["start"] <= column < t["end"]]
            scopes = covering[0]["scopes"] if covering else []
            if not any(s.startswith(prefix) for s in scopes):
                misses.append(f"{path.name}:{line + 1}:{column + 1} {word!r} has {scopes[1:]}, wants {prefix}*")
            checked += 1
        assert not misses, "\n".join(misses[:20])
    assert checked > 1000


def test_tokenizer_sees_comments_and_a_long_text_over_lines(tmp_path):
    command = _tokenizer_or_skip()
    sample = tmp_path / "sample.arg"
    sample.write_text('# a comment with claim supports\nclaim c1 """two\nlines supports""" {\n'
                      '  tags: a, b (inferred)\n  same as c2\n}\nc1 disagrees with c2\n', encoding="utf-8")
    lines = json.loads(subprocess.run(command + [str(sample)], capture_output=True, text=True,
                                      check=True).stdout)[str(sample)]
    text = sample.read_text(encoding="utf-8").split("\n")

    def scope_of(line: int, word: str) -> str:
        column = text[line].index(word)
        token = next(t for t in lines[line] if t["start"] <= column < t["end"])
        return token["scopes"][-1]

    assert scope_of(0, "supports").startswith("comment.line")
    assert scope_of(1, "c1") == "entity.name.type.node.argmap"
    assert scope_of(2, "supports").startswith("string.quoted.triple")  # inside the text, not a keyword
    assert scope_of(3, "(inferred)") == "storage.modifier.inferred.argmap"
    assert scope_of(4, "as") == "keyword.operator.relation.argmap"
    assert scope_of(6, "with") == "keyword.operator.relation.argmap"
    assert scope_of(6, "c2") == "variable.other.id.argmap"


def _node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the extension is not run")
    return node


def test_extension_starts_the_server_and_previews_and_refreshes_on_save(tmp_path):
    """extension.js with a stand-in for the vscode API, running the real `argmap render`."""
    node = _node_or_skip()
    argmap = Path(sys.executable).with_name("argmap")
    mapped = tmp_path / "minimal.arg"
    mapped.write_text((ROOT / "examples" / "01_minimal.arg").read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run([node, str(EXTENSION / "test" / "extension.test.js"), str(argmap), str(mapped)],
                          capture_output=True, text=True, timeout=300, cwd=EXTENSION)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["servers"] == [{"id": "argmap", "server": {"command": str(argmap), "args": ["lsp"]},
                                  "selector": [{"scheme": "file", "language": "argmap"},
                                               {"scheme": "untitled", "language": "argmap"}],
                                  "watch": "**/*.{arg,txt,md}"}]
    assert record["commands"] == ["argmap.preview", "argmap.restartServer"]
    assert record["panel"]["options"]["enableScripts"] is True
    first, second = record["html"]  # opened, then saved once with an edit; the broken save renders nothing
    assert "<svg" in first and "Content-Security-Policy" in first and "EDITED-ON-SAVE" not in first
    assert "EDITED-ON-SAVE" in second
    assert record["status"] == ["argmap: the map has errors; the preview keeps its last rendering"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in record["escaped"] and "<script>" not in record["escaped"]


def test_package_json_names_what_exists():
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    contributes = manifest["contributes"]
    assert (EXTENSION / manifest["main"]).is_file()
    assert (EXTENSION / contributes["grammars"][0]["path"]).resolve() == GRAMMAR_JSON
    assert contributes["grammars"][0]["scopeName"] == json.loads(GRAMMAR_JSON.read_text())["scopeName"]
    configuration = json.loads((EXTENSION / contributes["languages"][0]["configuration"]).read_text())
    assert configuration["comments"] == {"lineComment": "#"} and ["{", "}"] in configuration["brackets"]
    increase = re.compile(configuration["indentationRules"]["increaseIndentPattern"])
    decrease = re.compile(configuration["indentationRules"]["decreaseIndentPattern"])
    assert increase.search('claim c1 "text" {') and increase.search("source s {  # a comment")
    assert not increase.search('claim c1 "text"') and decrease.search("  }")
    source = (EXTENSION / "extension.js").read_text(encoding="utf-8")
    registered = set(re.findall(r'registerCommand\("([\w.]+)"', source))
    assert registered == {c["command"] for c in contributes["commands"]}


@pytest.mark.slow
def test_package_builds_a_vsix_with_the_extension(tmp_path):
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: the .vsix is not built")
    out = tmp_path / "argmap.vsix"
    done = subprocess.run(["bash", str(EXTENSION / "package.sh"), str(out)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("extension/package.json"))
        grammar = archive.read("extension/syntaxes/argmap.tmLanguage.json").decode("utf-8")
        vsix_manifest = archive.read("extension.vsixmanifest").decode("utf-8")
    assert {"extension/extension.js", "extension/language-configuration.json", "extension/LICENSE.txt",
            "extension/readme.md", "[Content_Types].xml"} <= names
    assert "extension/node_modules/vscode-languageclient/node.js" in names  # the client's runtime dependency
    assert not any(n.startswith(("extension/node_modules/vscode-textmate/", "extension/node_modules/@vscode/vsce/",
                                 "extension/test/")) for n in names)  # test tools stay out
    assert grammar == GRAMMAR_JSON.read_text(encoding="utf-8")
    assert manifest["contributes"]["languages"][0]["extensions"] == [".arg"]
    assert 'Id="argmap"' in vsix_manifest and 'Version="0.1.0"' in vsix_manifest
