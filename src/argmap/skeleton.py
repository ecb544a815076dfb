"""`argmap new`: a commented skeleton for mapping a new paper.

Input: the source key, optionally the paper's full text (and where the .arg file will be, for the relative
`fulltext:` path). Output: .arg text that checks clean: a source block filled from the full text's first lines
where they can be read (the title, the line under it as authors, marked `(inferred)`, the script as `lang`),
a thesis with a real quote (the first sentence under the first heading, with its line number), one section
per heading of the full text (as the language server's completion finds them), and one example of each node
kind and each relation, each with a comment that says what it is for. No diagnostics of its own: the caller
checks the text it gets with the ordinary pipeline.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ID = re.compile(r"[^\W\d][\w-]*")
# the ids of the skeleton's examples (a source key must differ from them)
EXAMPLE_IDS = ("main_thesis", "claim1", "claim1_thesis", "evidence1", "evidence2", "counter1", "reply1", "caveat1",
               "narrower1", "claim1a", "question1")
_SENTENCE_END = re.compile(r"[。！？；;.!?：:，,]")


@dataclass(frozen=True, slots=True)
class Paper:
    """What the first lines of a full text say: a title, perhaps authors, the script, the headings."""

    title: str | None
    authors: str | None
    lang: str | None
    headings: tuple[str, ...]
    quote: tuple[str, str, int] | None  # (text, heading, line) of the first sentence under the first heading


# Headings the language server's rule (`lsp.features.headings`) does not know: formal numerals (壹、貳、)
# and Markdown headings (`## I. 引言`), written without their `#`s (how the section occurs in the text).
_MORE_HEADINGS = re.compile(r"^\s*(?:#{1,6}\s+(\S.{0,60}?)|([壹貳參肆伍陸柒捌玖拾]{1,3}、\s*\S.{0,40}?))\s*$")


def _clean(line: str) -> str:
    """A line as it reads: Markdown's heading marks and escapes, footnote stars and runs of spaces removed."""
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    line = re.sub(r"\\(?=[\s\\*_#])|[*∗]", " ", line)
    return " ".join(line.split())


def _headings(text: str) -> list[str]:
    from argmap.lsp.features import headings

    found = [h for h in headings(text) if _is_heading(h)]
    for line in text.split("\n"):
        match = _MORE_HEADINGS.match(line)
        if match:
            heading = _clean(match.group(1) or match.group(2))
            if heading and heading not in found and _is_heading(heading):
                found.append(heading)
    order = {}
    for number, line in enumerate(text.split("\n")):
        order.setdefault(_clean(line), number)
    return sorted(found, key=lambda h: order.get(h, len(order)))


def _lang(text: str) -> str | None:
    letters = [c for c in text[:5000] if c.isalpha()]
    if not letters:
        return None
    han = sum("CJK" in unicodedata.name(c, "") for c in letters)
    if han / len(letters) > 0.5:
        return "zh"
    latin = sum("LATIN" in unicodedata.name(c, "") for c in letters)
    return "en" if latin / len(letters) > 0.8 else None


def _is_heading(line: str) -> bool:
    """A heading the language server would offer that reads as one: no sentence punctuation or link after its
    numbering (a PDF line that starts with a date, `2023 年 7 月，...`, is not a heading), nothing to escape."""
    body = re.sub(r"^[一二三四五六七八九十]{1,3}、", "", line)
    return not re.search(r"[，。；;,]|https?:", body) and not re.match(r"\d+\s*[年月日]", line)


def read_paper(text: str) -> Paper:
    lines = text.split("\n")
    first = [(i, _clean(line)) for i, line in enumerate(lines[:40]) if _clean(line)]
    title = first[0][1] if first and len(first[0][1]) <= 200 else None
    found = tuple(h for h in _headings(text) if h != title)
    heading_lines = {i for i, line in enumerate(lines) if _clean(line) in found}
    authors = None
    for number, line in first[1:6]:
        if number in heading_lines:
            break
        if line != title and len(line) <= 40 and re.fullmatch(r"\w[\w\s、·.,'-]*", line) and \
                not re.search(r"\d", line):
            authors = line
            break
    quote = None
    starts = sorted((i, _clean(lines[i])) for i in heading_lines)
    for start, heading in starts:  # the first heading with a sentence under it (not a table of contents)
        for number in range(start + 1, min(start + 10, len(lines))):
            line = " ".join(lines[number].split())  # verbatim but for white space, which quotes may differ in
            if number in heading_lines:
                break
            if len(line) < 8 or re.search(r"[\\*#|]", line):
                continue
            sentence = _SENTENCE_END.split(line)[0].strip()
            if 6 <= len(sentence) <= 60:
                quote = (sentence, heading, number + 1)
            break
        if quote is not None:
            break
    return Paper(title, authors, _lang(text), found, quote)


def skeleton(key: str, fulltext: str | None = None, paper: Paper | None = None) -> str:
    """The .arg text of a new map for the source `key` (`fulltext` is the path written in `fulltext:`)."""
    from argmap.language.strings import short_literal as q

    paper = paper or Paper(None, None, None, (), None)
    title = paper.title or "The paper's title as printed"
    first, second = (paper.headings + ("", ""))[:2]
    section = f"\n  section: {q(first)}" if first else ""
    later = f"\n  section: {q(second)}" if second else section
    out = [
        f"# Argument map of {' '.join(title.split())}",
        "# Written by `argmap new`: replace every text in quotes with the paper's own argument, keep what fits,",
        "# delete the examples you do not need, and run `argmap check` (or open the file in an editor with",
        "# `argmap lsp`) as you go. The language: docs/language.md.",
        "",
        "# The source: the bibliographic facts as the paper prints them. A value the paper does not print but",
        "# you inferred (from a DOI, the dates it cites) is marked `(inferred)`.",
        f"source {key} {q(title)} {{",
        '  en: "The title in English"',
    ]
    out.append(f"  authors: {q(paper.authors)} (inferred)  # read from the line under the title: check it"
               if paper.authors else '  authors: "Family Given"')
    out += [
        "  year: 2024 (inferred)  # the year of publication: check it",
        "  type: article",
        f"  lang: {paper.lang or 'en'}" + ("  # guessed from the full text's script: zh-Hans or zh-Hant?"
                                          if paper.lang == "zh" else ""),
    ]
    if fulltext:
        out.append(f"  fulltext: {q(fulltext)}  # quotes are checked against it")
    out += ["}", ""]
    if paper.headings:
        out.append("# The full text's section headings follow the examples as banners, in order: map each section under")
        out.append("# its own, with `section:` on its nodes and `at \"HEADING\"` on its quotes.")
        out.append("")
    thesis_quote = ""
    if paper.quote and fulltext:
        text, heading, line = paper.quote
        thesis_quote = (f'\n  # the first sentence under the first heading, as an example of a quote with its locator'
                        f"\n  quote: {q(text)} at {q(heading)} line {line}")
    out += [
        "# The thesis: what the paper argues as a whole, in one sentence (a paper may have two or three).",
        f'thesis main_thesis "State the paper\'s main thesis in one sentence" {{',
        f"  source: {key}{section}"
        f'\n  zh: "论文的主要论点"  # the same in another language (any language tag)' + thesis_quote
        + "\n  answers question1             # the question below",
        "}",
        "",
        "# A claim: a step of the argument. It supports the thesis (or another claim).",
        'claim claim1 "A claim the paper makes on the way to its thesis" {',
        f"  source: {key}{section}",
        "  tags: example",
        "  supports main_thesis as claim1_thesis",
        "}",
        "",
        "# Evidence: what the paper offers as fact (data, a case, a document, a quotation).",
        'evidence evidence1 "The evidence the paper gives for the claim" {',
        f"  source: {key}{later}",
        "  type: data",
        "  supports claim1",
        "  supports claim1a",
        "}",
        'evidence evidence2 "A case the paper cites" {',
        f"  source: {key}{later}",
        "  type: event",
        "  supports reply1",
        "  supports caveat1",
        "}",
        "",
        "# A counterclaim: a position the paper reports in order to reject (or to concede). `status` says which.",
        'counterclaim counter1 "A view the paper argues against" {',
        f"  source: {key}{later}",
        "  status: rebutted",
        "  attacks claim1",
        "}",
        "",
        "# The paper's reply to the counterclaim, and the other relations between claims:",
        'claim reply1 "Why the paper rejects that view" {',
        f"  source: {key}{later}",
        "  attacks counter1              # argues against a node",
        "  undercuts claim1_thesis       # denies that the claim carries the thesis (a relation, by its id)",
        "}",
        'claim caveat1 "A limit the paper itself puts on its claim" {',
        f"  source: {key}{later}",
        "  qualifies claim1              # narrows a claim without defeating it",
        "}",
        'claim narrower1 "The claim again, made more precise" {',
        f"  source: {key}{later}",
        "  refines claim1                # a more precise version",
        "  agrees with main_thesis       # in accord (used most across papers, in comparison maps)",
        "  disagrees with counter1 {     # at odds, without being an attack; on which question:",
        "    about: question1",
        "  }",
        "}",
        'claim claim1a "The claim as the paper says it elsewhere" {',
        f"  source: {key}{later}",
        "  same as claim1                # the same claim, said twice in the paper",
        "  contradicts counter1          # cannot both be true",
        "  supports narrower1",
        "}",
        "",
        "# A question the paper asks, and the position that answers it.",
        'question question1 "The question the paper sets out to answer" {',
        f"  source: {key}{section}",
        "}",
        "",
    ]
    for heading in paper.headings:
        if re.match(r"[（(]", heading):  # a subsection
            out += [f"# {heading}", ""]
        else:
            out += ["# " + "-" * 75, f"# {heading}", "# " + "-" * 75, ""]
    return "\n".join(out).rstrip("\n") + "\n"
