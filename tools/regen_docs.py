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


MAPS_BEGIN, MAPS_END = "<!-- generated: maps table -->", "<!-- end generated: maps table -->"


def maps_table() -> str:
    """The table of the paper maps in docs/maps.md, counted from the maps themselves (`argmap stats`)."""
    import argmap
    from argmap.analysis.stats import stats

    out = [MAPS_BEGIN, "",
           "| map | paper | theses | claims | evidence | counterclaims | supports / attacks / undercuts / qualifies "
           "| inferred relations | quotes (on relations) |", "|---|---|---|---|---|---|---|---|---|"]
    loaded = [(path, argmap.load(path).model) for path in (ROOT / "maps").glob("*.arg")]

    def paper_order(item):  # in the order of the papers (their full texts are numbered 000, 001, ...)
        path, model = item
        texts = [Path(s.fulltext).name for s in model.sources if s.namespace is None and s.fulltext]
        return (texts[0] if texts else "~", path.name)

    for path, model in sorted(loaded, key=paper_order):
        table = stats(model)
        local = [s for s in model.sources if s.namespace is None]
        paper = local[0].title if local else ""
        if local and local[0].authors:
            paper += f" ({'、'.join(local[0].authors)})"
        n, r = table["nodes"], table["relations"]
        on_relations = sum(len(x.quotes) for x in model.relations if x.namespace is None)
        out.append(f"| [`{path.name}`](../maps/{path.name}) | {paper} | {n['thesis']} | {n['claim']} | "
                   f"{n['evidence']} | {n['counterclaim']} | {r['supports']} / {r['attacks']} / {r['undercuts']} / "
                   f"{r['qualifies']} | {table['inferred']['relations']} of {table['total']['relations']} | "
                   f"{table['quotes']} ({on_relations}) |")
    out += ["", MAPS_END]
    return "\n".join(out)


def _replace(text: str, begin: str, end: str, content: str) -> str:
    return text[: text.index(begin)] + content + text[text.index(end) + len(end):]


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
    maps = ROOT / "docs" / "maps.md"
    text = maps.read_text(encoding="utf-8")
    if MAPS_BEGIN in text:
        pages[maps] = _replace(text, MAPS_BEGIN, MAPS_END, maps_table())
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
