"""Regenerate the generated parts of the docs: the reference part of docs/diagnostics.md (from the registry
of codes) and the vocabulary tables of docs/language.md (from `argmap.core.vocabulary`). Run after changing
a diagnostic code or the vocabulary: `python tools/regen_docs.py` (`--check` only says whether they are up
to date; a test runs that)."""

from __future__ import annotations

import sys
from pathlib import Path

from argmap.core import vocabulary
from argmap.core.diagnostics import registry_markdown

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- generated: vocabulary -->", "<!-- end generated: vocabulary -->"


def _kinds(kinds: tuple[str, ...]) -> str:
    if set(kinds) == set(vocabulary.NODE_KINDS):
        return "any node"
    return ", ".join(kinds) if kinds else "a relation (by its `as` id)"


def vocabulary_markdown() -> str:
    out = [BEGIN, "", "### Relations (generated from the vocabulary)", "",
           "| relation | from | to | symmetric | compares papers |", "|---|---|---|---|---|"]
    for r in vocabulary.RELATIONS:
        out.append(f"| `{r.word}` | {_kinds(r.origins)} | {_kinds(r.targets)} | {'yes' if r.symmetric else ''} "
                   f"| {'yes' if r.comparison else ''} |")
    out += ["", "Words scholars use for these relations are recognised and answered with the word argmap has "
            "(`rebuts` → did you mean `attacks`?): " + ", ".join(f"`{w}`" for w in vocabulary.SYNONYMS) + ".",
            "", "### Fields (generated from the vocabulary)", "",
            "| field | on | value | repeatable | meaning |", "|---|---|---|---|---|"]
    for f in vocabulary.FIELDS:
        on = "every node" if set(f.on) == set(vocabulary.NODE_KINDS) else ", ".join(f.on)
        value = " \\| ".join(f"`{c}`" for c in f.choices) if f.choices else f.value
        out.append(f"| `{f.name}` | {on} | {value} | {'yes' if f.repeatable else ''} | {f.doc} |")
    out += ["", END]
    return "\n".join(out)


def generated() -> dict[Path, str]:
    pages = {}
    diagnostics = ROOT / "docs" / "diagnostics.md"
    text = diagnostics.read_text(encoding="utf-8")
    pages[diagnostics] = text[: text.index("| code | name | severity | summary |")] + registry_markdown()
    language = ROOT / "docs" / "language.md"
    text = language.read_text(encoding="utf-8")
    if BEGIN in text:
        text = text[: text.index(BEGIN)] + vocabulary_markdown() + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Reference\n\n" + vocabulary_markdown() + "\n"
    pages[language] = text
    return pages


def main(argv: list[str]) -> int:
    stale = []
    for page, text in generated().items():
        if page.read_text(encoding="utf-8") != text:
            stale.append(page)
            if "--check" not in argv:
                page.write_text(text, encoding="utf-8")
                print(f"wrote {page.relative_to(ROOT)}")
    if "--check" in argv and stale:
        print("out of date: " + ", ".join(str(p.relative_to(ROOT)) for p in stale) + "; run tools/regen_docs.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
