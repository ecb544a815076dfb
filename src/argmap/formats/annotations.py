"""Quotes as W3C Web Annotations (JSON-LD, https://www.w3.org/TR/annotation-model/).

`dump(model) -> (str, diagnostics)`: an `AnnotationCollection` with one `Annotation` per quote of a node or
relation. Its body is the node's text (for a relation's quote: the relation in words, with its note); its
target is the source's full text (a `file:` IRI of the text `fulltext:` names; `scope` is the source's
own link), selected by a `TextQuoteSelector` (`exact`, and 32 characters of `prefix` and `suffix`, all taken
from the full text, so the quote as the text writes it, line breaks included) and a `TextPositionSelector`
(start and end as code point offsets into the full text). The quote is found as quote verification finds it,
ignoring white space. A quote whose source has no full text, or that its text does not hold, gets a
TextQuoteSelector with the quote alone and targets the source's link (AM110 says which).
"""

from __future__ import annotations

import json
from pathlib import Path

from argmap.core.diagnostics import Diagnostic, make
from argmap.core.model import Model, Quote

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
AFFIX = 32  # characters of prefix and suffix


def compact(text: str) -> tuple[str, list[int]]:
    """The text without white space, and the offset in `text` of each character that remains."""
    positions = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in positions), positions


def locate(text: str, quote: str, squeezed: tuple[str, list[int]] | None = None) -> tuple[int, int] | None:
    """(start, end) offsets of `quote` in `text`, white space ignored on both sides, or None."""
    chars, positions = squeezed or compact(text)
    needle = "".join(quote.split())
    if not needle:
        return None
    at = chars.find(needle)
    if at < 0:
        return None
    return positions[at], positions[at + len(needle) - 1] + 1


def _read(path: str, cache: dict[str, str | None]) -> str | None:
    from argmap.io import read_bounded

    if path not in cache:
        raw, _ = read_bounded(Path(path))
        try:
            cache[path] = raw.decode("utf-8-sig") if raw is not None else None
        except UnicodeDecodeError:
            cache[path] = None
    return cache[path]


def dump(model: Model) -> tuple[str, list[Diagnostic]]:
    problems: list[Diagnostic] = []
    texts: dict[str, str | None] = {}
    squeezed: dict[str, tuple[str, list[int]]] = {}
    items: list[dict] = []
    stem = Path(model.file).stem

    def annotate(owner: str, body: str, q: Quote, index: int, default_source: str | None) -> None:
        source = model.source(q.source or default_source) if (q.source or default_source) else None
        selector: list[dict] = [{"type": "TextQuoteSelector", "exact": q.text}]
        target: dict = {}
        path = None
        if source is not None and source.fulltext:  # relative to the file that defines the source
            path = Path(source.span.file).parent / source.fulltext
        full = _read(str(path), texts) if path is not None else None
        if full is not None and str(path) not in squeezed:
            squeezed[str(path)] = compact(full)
        place = locate(full, q.text, squeezed[str(path)]) if full is not None else None
        if place is not None:
            start, end = place
            selector = [{"type": "TextQuoteSelector", "exact": full[start:end],
                         "prefix": full[max(0, start - AFFIX):start], "suffix": full[end:end + AFFIX]},
                        {"type": "TextPositionSelector", "start": start, "end": end}]
            target["source"] = path.resolve().as_uri()
            if source.link:
                target["scope"] = source.link
        else:
            link = source.link if source is not None else None
            target["source"] = link or f"urn:argmap:{stem}:source:{source.id if source else 'none'}"
            problems.append(make("AM110", q.span, f"the quote of `{owner}` is not located in a full text: its "
                                 "annotation has the quote alone", hint="give the source a `fulltext:` that "
                                 "holds the quote"))
        target["selector"] = selector
        anno = {"id": f"urn:argmap:{stem}:{owner}:quote:{index}", "type": "Annotation", "motivation": "describing",
                "body": {"type": "TextualBody", "value": body, "format": "text/plain", "language": "en"},
                "target": target}
        if q.locator:
            anno["argmap:locator"] = q.locator
        items.append(anno)

    for n in model.nodes:
        for i, q in enumerate(n.quotes, start=1):
            annotate(n.id, n.text, q, i, n.source)
    for r in model.relations:
        origin = model.node(r.origin)
        for i, q in enumerate(r.quotes, start=1):
            words = f"{r.origin} {r.kind.value} {r.target}" + (f": {r.note}" if r.note else "")
            annotate(r.key.replace(" ", "_"), words, q, i, origin.source if origin else None)
    collection = {"@context": [CONTEXT, {"argmap": "urn:argmap:vocab#"}],
                  "id": f"urn:argmap:{stem}:quotes", "type": "AnnotationCollection",
                  "label": model.title or stem, "total": len(items),
                  "first": {"type": "AnnotationPage", "startIndex": 0, "items": items}}
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n", problems
