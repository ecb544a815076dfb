"""Generate the TextMate grammar of the .arg language for editors (VS Code, and anything that reads
tmLanguage JSON) from the language's own definition, so that highlighting cannot drift from the parser.

Input: the keywords of `grammar/argmap.lark` (read with lark: which terminal is a statement keyword, a node
kind, a relation word, a locator word is read off the rules that use it) and the field names the builder
knows. Output: `editors/vscode/syntaxes/argmap.tmLanguage.json` (deterministic; `--check` exits 1 when the
committed file differs from what this script writes, for CI). A keyword terminal this script cannot place
is an error, not a silent gap in highlighting.

    python tools/gen_textmate.py            # write the grammar
    python tools/gen_textmate.py --check    # compare only
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GRAMMAR = ROOT / "grammar" / "argmap.lark"
OUTPUT = ROOT / "editors" / "vscode" / "syntaxes" / "argmap.tmLanguage.json"

ID = r"[^\W\d][\w-]*"
NOT_IN_WORD_BEFORE = r"(?<![\w-])"
NOT_IN_WORD_AFTER = r"(?![\w-])"
NOT_A_FIELD = r"(?!\s*:)"  # `source:` is a field name, `source` a statement keyword


@dataclass(frozen=True)
class Vocabulary:
    """The words of the language, in the grammar's order."""

    declarations: tuple[str, ...]  # import, source
    node_kinds: tuple[str, ...]  # thesis, claim, ...
    relations: tuple[tuple[str, ...], ...]  # ("supports",), ("agrees", "with"), ...
    quote: tuple[str, ...]  # quote
    locator: tuple[str, ...]  # at, page, line, lines
    naming: tuple[str, ...]  # as
    fields: tuple[str, ...]  # source, tags, note, ... (fields the builder knows)

    def keywords(self) -> set[str]:
        words = set(self.declarations) | set(self.node_kinds) | set(self.quote) | set(self.locator)
        words |= set(self.naming) | {w for phrase in self.relations for w in phrase}
        return words


def keyword_word(pattern) -> str | None:
    """The word a keyword terminal matches (`"supports"`, `/claim(?![\\w-])(?!\\s*:)/`), or None."""
    value = pattern.value
    if type(pattern).__name__ == "PatternStr":
        return value if re.fullmatch(r"[a-z]+", value) else None
    match = re.match(r"([a-z]+)(\(\?[!=<].*)?$", value)
    return match.group(1) if match else None


def from_grammar(path: Path = GRAMMAR) -> Vocabulary:
    """Read the vocabulary off the lark grammar's terminals and the rules that use them."""
    from lark import Lark

    parser = Lark(path.read_text(encoding="utf-8"), parser="lalr")
    words = {t.name: w for t in parser.terminals if (w := keyword_word(t.pattern)) is not None}
    expansions: dict[str, list[list[str]]] = {}
    for rule in parser.rules:
        expansions.setdefault(rule.origin.name, []).append([s.name for s in rule.expansion])

    def ordered(names):
        return tuple(dict.fromkeys(words[n] for n in names if n in words))

    declarations = ordered(e[0] for rule in ("import_stmt", "source_stmt") for e in expansions[rule])
    node_kinds = ordered(e[0] for e in expansions["node_kind"])
    relations = tuple(dict.fromkeys(tuple(words[n] for n in e) for e in expansions["verb"]))
    quote = ordered(n for e in expansions["quote"] for n in e)
    locator = ordered(n for rule in ("locator", "line_range") for e in expansions[rule] for n in e)
    naming = ordered(n for rule in ("import_stmt", "relation") for e in expansions[rule] for n in e[1:])
    vocabulary = Vocabulary(declarations, node_kinds, relations, quote, locator, naming, field_names())
    unplaced = set(words.values()) - vocabulary.keywords()
    if unplaced:
        raise SystemExit(f"gen_textmate: keyword terminals not placed in any class: {sorted(unplaced)}; "
                         "teach tools/gen_textmate.py which rule they belong to")
    return vocabulary


def field_names() -> tuple[str, ...]:
    from argmap.language import build

    names = build.NODE_FIELDS + build.SOURCE_FIELDS + build.RELATION_FIELDS + ("quote",)
    return tuple(dict.fromkeys(names))


def alternation(words) -> str:
    # longest first, so that `lines` is not cut to `line` (Oniguruma takes the first alternative that fits)
    return "|".join(sorted(dict.fromkeys(words), key=lambda w: (-len(w), w)))


def grammar(v: Vocabulary) -> dict:
    """The TextMate grammar (a plain dict, written as JSON)."""
    single = [p[0] for p in v.relations if len(p) == 1]
    phrases = [p for p in v.relations if len(p) > 1]
    escape = {"name": "constant.character.escape.argmap", "match": r'\\(?:["\\nt]|u[0-9a-fA-F]{4})'}
    bad_escape = {"name": "invalid.illegal.escape.argmap", "match": r"\\."}
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "argmap",
        "scopeName": "source.argmap",
        "fileTypes": ["arg"],
        "comment": "Generated by tools/gen_textmate.py from grammar/argmap.lark; do not edit by hand.",
        "patterns": [{"include": "#comment"}, {"include": "#string"}, {"include": "#declaration"},
                     {"include": "#relation"}, {"include": "#quote"}, {"include": "#locator"},
                     {"include": "#inferred"}, {"include": "#field"}, {"include": "#reference"},
                     {"include": "#number"}, {"include": "#punctuation"}],
        "repository": {
            "comment": {"name": "comment.line.number-sign.argmap", "match": r"#.*$"},
            "string": {"patterns": [
                {"name": "string.quoted.triple.argmap", "begin": '"""', "end": '"""',
                 "beginCaptures": {"0": {"name": "punctuation.definition.string.begin.argmap"}},
                 "endCaptures": {"0": {"name": "punctuation.definition.string.end.argmap"}},
                 "patterns": [escape, bad_escape]},
                {"name": "string.quoted.double.argmap", "begin": '"', "end": r'"|$',
                 "comment": "a quoted text closes on its line",
                 "beginCaptures": {"0": {"name": "punctuation.definition.string.begin.argmap"}},
                 "endCaptures": {"0": {"name": "punctuation.definition.string.end.argmap"}},
                 "patterns": [escape, bad_escape]},
            ]},
            "declaration": {"patterns": [
                {"comment": "a node: its kind, then its id",
                 "match": f"{NOT_IN_WORD_BEFORE}({alternation(v.node_kinds)}){NOT_IN_WORD_AFTER}{NOT_A_FIELD}"
                          f"(?:\\s+({ID}))?",
                 "captures": {"1": {"name": "keyword.declaration.node.argmap"},
                              "2": {"name": "entity.name.type.node.argmap"}}},
                {"comment": "import and source",
                 "match": f"{NOT_IN_WORD_BEFORE}({alternation(v.declarations)}){NOT_IN_WORD_AFTER}{NOT_A_FIELD}"
                          f"(?:\\s+({ID}))?",
                 "captures": {"1": {"name": "keyword.declaration.statement.argmap"},
                              "2": {"name": "entity.name.type.source.argmap"}}},
            ]},
            "relation": {"patterns": [
                *({"match": f"{NOT_IN_WORD_BEFORE}({first})\\s+({second}){NOT_IN_WORD_AFTER}",
                   "captures": {"1": {"name": "keyword.operator.relation.argmap"},
                                "2": {"name": "keyword.operator.relation.argmap"}}}
                  for first, second in phrases),
                {"match": f"{NOT_IN_WORD_BEFORE}({alternation(single)}){NOT_IN_WORD_AFTER}{NOT_A_FIELD}",
                 "captures": {"1": {"name": "keyword.operator.relation.argmap"}}},
            ]},
            "quote": {"match": f"{NOT_IN_WORD_BEFORE}({alternation(v.quote)})\\s*(:)",
                      "captures": {"1": {"name": "keyword.other.quote.argmap"},
                                   "2": {"name": "punctuation.separator.key-value.argmap"}}},
            "locator": {"comment": "at, page, line(s) after a quote; as before a name",
                        "match": f"{NOT_IN_WORD_BEFORE}({alternation(v.locator + v.naming)}){NOT_IN_WORD_AFTER}"
                                 f"(?=\\s)",
                        "captures": {"1": {"name": "keyword.other.locator.argmap"}}},
            "inferred": {"name": "storage.modifier.inferred.argmap", "match": r"\(\s*inferred\s*\)"},
            "field": {"patterns": [
                {"comment": "a field the language defines",
                 "match": f"{NOT_IN_WORD_BEFORE}({alternation(v.fields)})\\s*(:)",
                 "captures": {"1": {"name": "support.type.property-name.field.argmap"},
                              "2": {"name": "punctuation.separator.key-value.argmap"}}},
                {"comment": "any other name before `:` is a language tag (en:, zh:)",
                 "match": f"{NOT_IN_WORD_BEFORE}({ID})\\s*(:)",
                 "captures": {"1": {"name": "support.type.property-name.language.argmap"},
                              "2": {"name": "punctuation.separator.key-value.argmap"}}},
            ]},
            "reference": {"match": f"{NOT_IN_WORD_BEFORE}{ID}(?:\\.{ID})?",
                          "name": "variable.other.id.argmap"},
            "number": {"name": "constant.numeric.integer.argmap", "match": r"(?<!\w)\d+(?!\w)"},
            "punctuation": {"patterns": [
                {"name": "punctuation.section.block.begin.argmap", "match": r"\{"},
                {"name": "punctuation.section.block.end.argmap", "match": r"\}"},
                {"name": "punctuation.separator.argmap", "match": r"[,:.\-]"},
            ]},
        },
    }


def render() -> str:
    return json.dumps(grammar(from_grammar()), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed grammar is out of date")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
        if current != text:
            print(f"{args.output} is out of date: run python tools/gen_textmate.py", file=sys.stderr)
            return 1
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from argmap.io import write_atomic

    problems = write_atomic(args.output, text.encode("utf-8"), str(args.output))
    for problem in problems:
        print(problem.message, file=sys.stderr)
    return 3 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
