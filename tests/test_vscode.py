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
    vocabulary = gen_textmate.from_grammar()
    assert ("agrees", "with") in vocabulary.relations and ("same", "as") in vocabulary.relations
    assert vocabulary.node_kinds == ("thesis", "claim", "evidence", "counterclaim", "question")


def test_a_keyword_terminal_the_script_cannot_place_is_an_error(tmp_path):
    grammar = (ROOT / "grammar" / "argmap.lark").read_text(encoding="utf-8")
    grammar = grammar.replace("    | SAME AS\n", "    | SAME AS\n    | REBUTS\n").replace(
        'SAME: "same"\n', 'SAME: "same"\nREBUTS: "rebuts"\n')
    path = tmp_path / "argmap.lark"
    path.write_text(grammar, encoding="utf-8")
    assert "rebuts" in {w for p in gen_textmate.from_grammar(path).relations for w in p}
    path.write_text(grammar.replace("    | REBUTS\n", "").replace(
        "?value: text | NUMBER | ref", "?value: text | NUMBER | ref | REBUTS"), encoding="utf-8")
    with pytest.raises(SystemExit, match="rebuts"):
        gen_textmate.from_grammar(path)


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
