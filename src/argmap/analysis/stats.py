"""Reports on one model: `argmap stats` (counts by node kind, relation kind and source).

Input: a model. Output: plain dicts (for JSON) and their text rendering. Order is the vocabulary's order
(node kinds, relation kinds) or source order; nothing here iterates a set.
"""

from __future__ import annotations

from argmap.core.model import Model, NodeKind, RelationKind


def stats(model: Model) -> dict:
    local_nodes = list(model.local_nodes())
    local_relations = [r for r in model.relations if r.namespace is None]
    by_source = []
    for source in model.sources:
        if source.namespace is not None:
            continue
        nodes = [n for n in local_nodes if n.source == source.id]
        by_source.append({
            "source": source.id,
            "title": source.title,
            "nodes": len(nodes),
            "quotes": sum(len(n.quotes) for n in nodes),
        })
    return {
        "file": model.file,
        "nodes": {k.value: sum(n.kind is k for n in local_nodes) for k in NodeKind},
        "relations": {k.value: sum(r.kind is k for r in local_relations) for k in RelationKind},
        "sources": by_source,
        "imports": {i.namespace: i.path for i in model.imports},
        "quotes": sum(len(n.quotes) for n in local_nodes) + sum(len(r.quotes) for r in local_relations),
        # links and values the mapper supplied, not the paper: `(inferred)`
        "inferred": {"relations": sum(r.inferred for r in local_relations),
                     "fields": sum(len(n.inferred) for n in local_nodes)},
        "total": {"nodes": len(local_nodes), "relations": len(local_relations)},
    }


def stats_text(table: dict) -> str:
    lines = [table["file"]]
    total = table["total"]
    lines.append(f"  nodes: {total['nodes']}")
    lines += [f"    {kind:<16}{count:>6}" for kind, count in table["nodes"].items() if count]
    lines.append(f"  relations: {total['relations']}")
    lines += [f"    {kind:<16}{count:>6}" for kind, count in table["relations"].items() if count]
    lines.append(f"  quotes: {table['quotes']}")
    inferred = table["inferred"]
    if inferred["relations"] or inferred["fields"]:
        lines.append(f"  inferred: {inferred['relations']} relations, {inferred['fields']} node fields")
    if table["sources"]:
        lines.append("  sources:")
        for s in table["sources"]:
            lines.append(f"    {s['source']:<16}{s['nodes']:>6} nodes {s['quotes']:>5} quotes  {s['title'] or ''}")
    if table["imports"]:
        lines.append("  imports:")
        lines += [f"    {ns:<16}{path}" for ns, path in table["imports"].items()]
    return "\n".join(lines)
