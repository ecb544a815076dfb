"""Stage 4, graph: model -> networkx graph, and the views renderers draw (filters for big maps).

`to_networkx(model)` returns a `networkx.MultiDiGraph` (two nodes may be linked by several relations):

- one graph node per map node, keyed by its id (`ns.id` for imported nodes), with attributes `kind`, `text`,
  `translations` (dict), `source`, `tags` (sorted list), `notes`, `quotes` (list of dicts with `text` and `locator`),
  `section`, `stance`, `status`, `namespace`;
- one edge per relation, keyed by the relation's key (its `as` id, or `origin verb target`), with attributes
  `kind` (the relation word), `id`, `note`, `strength`, `stance`;
- a relation that is undercut also appears as a graph node of kind `"relation"` (keyed by its id, with
  `relation_kind`, `origin`, `target`), so the `undercuts` edge has somewhere to point.

The graph is derived from the model and never edited by hand. `select` computes the node ids a filtered
rendering shows (`--focus/--depth`, `--tag`, `--source`, `--kind`, `--exclude-disconnected`).
networkx is imported lazily.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.core.model import Model, RelationKind


def to_networkx(model: Model):
    import networkx as nx

    graph = nx.MultiDiGraph(file=model.file, title=model.title)
    for node in model.nodes:
        graph.add_node(
            node.id, kind=node.kind.value, text=node.text, translations=dict(node.translations),
            source=node.source, tags=sorted(node.tags), section=node.section, stance=node.stance,
            status=node.status, namespace=node.namespace, notes=list(node.notes),
            quotes=[{"text": q.text, "locator": q.locator} for q in node.quotes])
    undercut = {r.target for r in model.relations if r.kind is RelationKind.UNDERCUTS}
    for relation in model.relations:
        if relation.id is not None and relation.id in undercut:
            graph.add_node(relation.id, kind="relation", relation_kind=relation.kind.value,
                           origin=relation.origin, target=relation.target)
    for relation in model.relations:
        graph.add_edge(relation.origin, relation.target, key=relation.key, kind=relation.kind.value,
                       id=relation.id, note=relation.note, strength=relation.strength, stance=relation.stance)
    return graph


@dataclass(frozen=True, slots=True)
class Selection:
    """What a rendering shows; the empty selection shows everything."""

    focus: str | None = None
    depth: int = 2
    tags: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    exclude_disconnected: bool = False
    whole: bool = False  # a comparison map: also every node of the imported maps


def select(model: Model, selection: Selection) -> list[str]:
    """The ids of the nodes to show, in source order.

    A comparison map (one that imports others) shows, unless `whole`, its own nodes (the questions) and the
    imported nodes its own relations link, not the whole of every imported map.
    """
    ids = [n.id for n in model.nodes]
    if model.imports and not selection.whole:
        local = [r for r in model.relations if r.namespace is None]
        linked = {n.id for n in model.local_nodes()} | {e for r in local for e in (r.origin, r.target)}
        ids = [i for i in ids if i in linked]
    if selection.focus is not None:
        import networkx as nx

        graph = to_networkx(model)
        near = nx.ego_graph(graph.to_undirected(as_view=True), selection.focus, radius=selection.depth)
        keep = set(near.nodes)
        ids = [i for i in ids if i in keep]
    if selection.tags:
        ids = [i for i in ids if model.node(i).tags & selection.tags]
    if selection.sources:
        ids = [i for i in ids if (model.node(i).source or "") in selection.sources
               or (model.node(i).namespace or "") in selection.sources]
    if selection.kinds:
        ids = [i for i in ids if model.node(i).kind.value in selection.kinds]
    if selection.exclude_disconnected:
        shown = set(ids)
        linked = {e for r in model.relations if r.origin in shown and r.target in shown for e in (r.origin, r.target)}
        # an undercut links its origin to the relation's two ends
        for r in model.relations:
            if r.target_is_relation and r.origin in shown:
                target = model.relation(r.target)
                if target is not None and target.origin in shown and target.target in shown:
                    linked.add(r.origin)
        ids = [i for i in ids if i in linked]
    return ids

