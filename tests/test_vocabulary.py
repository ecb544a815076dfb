"""The vocabulary is written out once: the grammar's keywords and `argmap.core.vocabulary` are the same set,
and no other module of the package spells a relation word or a node kind."""

from __future__ import annotations

import re
from pathlib import Path

from lark import Lark

from argmap.core import vocabulary
from argmap.core.model import NodeKind, RelationKind, RELATION_RULES
from argmap.language import build
from argmap.language.parse import RELATION_WORDS, STATEMENT_KEYWORDS

ROOT = Path(__file__).resolve().parents[1]
GRAMMAR = ROOT / "grammar" / "argmap.lark"
_KEYWORD_PATTERN = re.compile(r"^([a-z]+)\(\?!\[\\w-\]\)\(\?!\\s\*:\)$")  # `thesis(?![\w-])(?!\s*:)`


def _grammar_keywords() -> set[str]:
    parser = Lark(GRAMMAR.read_text(encoding="utf-8"), parser="lalr", lexer="contextual")
    words = set()
    for terminal in parser.terminals:
        pattern = terminal.pattern
        if pattern.type == "str" and re.fullmatch(r"[a-z]+", pattern.value):
            words.add(pattern.value)
        elif pattern.type == "re" and (m := _KEYWORD_PATTERN.match(pattern.value)):
            words.add(m.group(1))
    return words


def test_grammar_keywords_are_the_vocabulary():
    assert _grammar_keywords() == set(vocabulary.KEYWORDS)


def test_enums_and_tables_come_from_the_vocabulary():
    assert [k.value for k in NodeKind] == list(vocabulary.NODE_KINDS)
    assert [k.value for k in RelationKind] == list(vocabulary.RELATION_WORDS) == list(RELATION_WORDS)
    assert STATEMENT_KEYWORDS == vocabulary.STATEMENT_KEYWORDS
    assert set(RELATION_RULES) == set(RelationKind)
    assert RelationKind.SAME_AS.symmetric and RelationKind.AGREES_WITH.comparison
    assert not RelationKind.SUPPORTS.symmetric
    assert build.FIELDS_OF_KIND["status"] == {NodeKind.COUNTERCLAIM}
    assert "date" in build.NODE_FIELDS and "fulltext" in build.SOURCE_FIELDS and "strength" in build.RELATION_FIELDS


def test_every_synonym_suggests_a_relation_of_the_language():
    for word, (suggestion, reason) in vocabulary.SYNONYMS.items():
        assert suggestion in vocabulary.RELATION_WORDS, word
        assert word not in vocabulary.KEYWORDS or word in ("agrees", "disagrees", "same")
        assert reason


def test_no_other_module_spells_a_relation_word_or_node_kind():
    words = set(vocabulary.RELATION_WORDS) | set(vocabulary.NODE_KINDS)
    literal = re.compile(r"""(["'])(%s)\1""" % "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    # the JSON keys of a framework's size and a comparison table's header are not the vocabulary's words
    # and BibTeX's and CSL's entry type `thesis` is not the node kind
    allowed = {("analysis/semantics.py", "attacks"), ("analysis/compare.py", "question"),
               ("formats/references.py", "thesis")}
    found = []
    for path in sorted((ROOT / "src" / "argmap").rglob("*.py")):
        rel = path.relative_to(ROOT / "src" / "argmap").as_posix()
        if rel == "core/vocabulary.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in literal.finditer(line):
                if (rel, m.group(2)) not in allowed:
                    found.append(f"{rel}:{number}: {m.group(0)}")
    assert found == []


def test_the_docs_tables_are_generated_from_the_vocabulary():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "tools" / "regen_docs.py"), "--check"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr  # diagnostics, language and maps tables
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    for word in vocabulary.RELATION_WORDS:
        assert f"| `{word}` |" in text
