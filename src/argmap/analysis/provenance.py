"""Analysis, provenance: who wrote a source and what it cites, so that a comparison can tell independent
agreement from an author agreeing with herself.

Input: a `Model` (sources with `authors`, `affiliations`, `cites`, `cited-by`). Output: plain answers used by
the checks (AM320) and by `argmap compare`: the source behind a node, the authors two sources share, and the
citation links between them (direct, or a source citing another work by an author of the other source).
No diagnostics of its own.
"""

from __future__ import annotations

import unicodedata

from argmap.core.model import Model, Node, Source


def author_key(name: str) -> str:
    """Authors match across sources when they are the same name up to width (全角), case and white space."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


def source_of(model: Model, node: Node) -> Source | None:
    return model.source(node.source) if node.source is not None else None


def citations(model: Model) -> tuple[tuple[str, str], ...]:
    """(citing source id, cited source id), from `cites:` and `cited-by:` wherever they are recorded, in source
    order, each link once."""
    out: list[tuple[str, str]] = []
    for source in model.sources:
        for cited in source.cites:
            if (source.id, cited) not in out:
                out.append((source.id, cited))
        for citer in source.cited_by:
            if (citer, source.id) not in out:
                out.append((citer, source.id))
    return tuple(out)


def shared_authors(a: Source, b: Source) -> tuple[str, ...]:
    keys = {author_key(x) for x in b.authors}
    return tuple(x for x in a.authors if author_key(x) in keys)


def dependence(model: Model, a: Source, b: Source) -> tuple[str, ...]:
    """Why the positions of sources `a` and `b` are not independent, in words (empty when nothing recorded
    links them): a shared author, one citing the other, or one citing another work by the other's author."""
    if a.id == b.id:
        return ()
    reasons = [f"both are by {name}" for name in shared_authors(a, b)]
    for citer, cited in citations(model):
        for x, y in ((a, b), (b, a)):
            if citer != x.id:
                continue
            if cited == y.id:
                reasons.append(f"`{x.id}` cites `{y.id}`")
                continue
            work = model.source(cited)
            if work is not None:
                for name in shared_authors(work, y):
                    reasons.append(f"`{x.id}` cites `{work.id}` by {name}, author of `{y.id}`")
    return tuple(dict.fromkeys(reasons))
