"""Analysis, structure: the gaps a reviewer looks for in a map's reasoning, without any semantics.

Input: a model. Output: `report(model) -> dict` (the JSON of `argmap analyze MAP --report structure --format
json`) and its text and Markdown forms (`format_text`, `format_markdown`, `format_json`). No diagnostics:
a map that loads has a structure.

What is reported (the map's own nodes and relations; a comparison map's imported nodes are left out):
- `unsupported`: theses and claims that nothing `supports`;
- `no_evidence`: theses and claims that are supported, but with no evidence anywhere beneath them (following
  `supports` down through any number of claims);
- `attacked_support`: theses and claims whose every supporter is itself attacked (by `attacks`,
  `contradicts`) or whose every support is undercut;
- `unanswered`: counterclaims that nothing attacks, contradicts or undercuts, with the status the map gives
  them (a conceded counterclaim is expected to stand; a rebutted one that stands unanswered is not);
- `load_bearing`: for each thesis with evidence beneath it, the claims that lie on every `supports` path
  from that evidence to the thesis (their removal cuts the thesis off from all its evidence): the dominators of
  the evidence in the support graph read from the thesis down;
- `chains`: the longest chains of `supports` (in links), at most five, longest first; a support cycle
  (AM303) is broken at the link that closes it, in source order;
- `per_source` and `per_section`: counts of nodes by kind for each source (its key) and each section (the
  node's `section`, else its first quote's section).

Map text appears only in the text and Markdown forms, escaped with `for_terminal` and `for_markdown`.
"""

from __future__ import annotations

import json
from collections import defaultdict

from argmap.core.model import Model, NodeKind, RelationKind
from argmap.core.safety import for_markdown, for_terminal
from argmap.core.vocabulary import NODE_KINDS

CLAIMS = (NodeKind.THESIS, NodeKind.CLAIM)
KINDS = NODE_KINDS  # in the vocabulary's order
CHAINS = 5
NO_SOURCE, NO_SECTION = "(none)", "(none)"


def _support_graph(model: Model):
    """Local supports as supporter lists (target -> [origin], source order), and the undercut supports."""
    local = {n.id for n in model.local_nodes()}
    relations = [r for r in model.relations if r.namespace is None]
    undercut = {r.target for r in relations if r.kind is RelationKind.UNDERCUTS}
    supporters: dict[str, list[str]] = defaultdict(list)
    undercutters: dict[str, list[str]] = defaultdict(list)
    for r in relations:
        if r.kind is RelationKind.UNDERCUTS:
            undercutters[r.target].append(r.origin)
    cut: dict[tuple[str, str], list[str]] = defaultdict(list)  # (supporter, supported) -> its undercutters
    for r in relations:
        if r.kind is RelationKind.SUPPORTS and r.origin in local and r.target in local:
            if r.origin not in supporters[r.target]:
                supporters[r.target].append(r.origin)
            if r.id is not None and r.id in undercut:
                cut[(r.origin, r.target)] += undercutters[r.id]
    attackers: dict[str, list[str]] = defaultdict(list)  # attacks and contradicts on the node itself
    answers: dict[str, list[str]] = defaultdict(list)  # those, and undercuts of the node's own relations
    for r in relations:
        if r.kind is RelationKind.ATTACKS or r.kind is RelationKind.CONTRADICTS:
            pairs = [(r.origin, r.target)] + ([(r.target, r.origin)] if r.kind is RelationKind.CONTRADICTS else [])
            for x, y in pairs:
                attackers[y].append(x)
                answers[y].append(x)
        elif r.kind is RelationKind.UNDERCUTS:
            attacked = model.relation(r.target)
            if attacked is not None:  # an undercut answers the relation's origin, the one who argued it
                answers[attacked.origin].append(r.origin)
    return supporters, cut, attackers, answers


def _beneath(start: str, supporters: dict[str, list[str]]) -> list[str]:
    """Every node from which a chain of supports leads to `start` (not `start` itself), in visiting order."""
    seen, order, stack = {start}, [], [start]
    while stack:
        for s in supporters.get(stack.pop(), ()):
            if s not in seen:
                seen.add(s)
                order.append(s)
                stack.append(s)
    return order


def _load_bearing(thesis: str, evidence: list[str], supporters: dict[str, list[str]], is_evidence) -> list[str]:
    """The nodes on every supports path from the thesis's evidence up to it, nearest the thesis first."""
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_node(thesis)
    stack, seen = [thesis], {thesis}
    while stack:
        x = stack.pop()
        for s in supporters.get(x, ()):
            graph.add_edge(x, s)
            if s not in seen:
                seen.add(s)
                stack.append(s)
    sink = object()
    for e in evidence:
        graph.add_edge(e, sink)
    idom = nx.immediate_dominators(graph, thesis)
    found, x = [], idom[sink]
    while x != thesis:
        found.append(x)
        x = idom[x]
    return [x for x in reversed(found) if not is_evidence(x)]


def _chains(model: Model, supporters: dict[str, list[str]]) -> list[list[str]]:
    """The longest support chains (lists of ids, from the first reason to the last claim), longest first."""
    order = {n.id: i for i, n in enumerate(model.local_nodes())}
    supported: dict[str, list[str]] = defaultdict(list)  # origin -> targets
    for target in sorted(supporters, key=order.get):
        for origin in supporters[target]:
            supported[origin].append(target)
    # longest chain starting at each node, by depth-first search; an edge back into the current path is skipped
    best: dict[str, list[str]] = {}
    on_path: set[str] = set()

    def longest(x: str) -> list[str]:
        if x in best:
            return best[x]
        on_path.add(x)
        chain = [x]
        for y in supported.get(x, ()):
            if y in on_path:
                continue
            tail = longest(y)
            if len(tail) + 1 > len(chain):
                chain = [x] + tail
        on_path.discard(x)
        best[x] = chain
        return chain

    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 4 * len(order) + 100))
    try:
        starts = [n for n in order if n in supported and not supporters.get(n)]  # reasons nothing supports
        chains = [longest(n) for n in starts] or [longest(n) for n in order if n in supported]
    finally:
        sys.setrecursionlimit(limit)
    chains.sort(key=lambda c: (-len(c), order[c[0]]))
    return [c for c in chains if len(c) > 1][:CHAINS]


def report(model: Model) -> dict:
    nodes = list(model.local_nodes())
    supporters, cut, attackers, answers = _support_graph(model)

    def kind_of(x: str) -> str:
        node = model.node(x)
        return node.kind.value if node is not None else "relation"

    def is_evidence(x: str) -> bool:
        node = model.node(x)
        return node is not None and node.kind is NodeKind.EVIDENCE

    def entry(x: str, **more) -> dict:
        node = model.node(x)
        return {"id": x, "kind": kind_of(x), "text": node.text if node is not None else "", **more}

    claims = [n for n in nodes if n.kind in CLAIMS]
    unsupported = [entry(n.id) for n in claims if not supporters.get(n.id)]
    no_evidence, attacked_support = [], []
    for n in claims:
        below = supporters.get(n.id)
        if not below:
            continue
        if not any(is_evidence(x) for x in _beneath(n.id, supporters)):
            no_evidence.append(entry(n.id))
        weak = [s for s in below if attackers.get(s) or (s, n.id) in cut]
        if len(weak) == len(below):
            attacked_support.append(entry(n.id, supported_by=[
                {"supporter": x, "attacked_by": list(dict.fromkeys(attackers.get(x, []))),
                 "undercut_by": list(dict.fromkeys(cut.get((x, n.id), [])))} for x in below]))
    unanswered = [entry(n.id, status=n.status) for n in nodes
                  if n.kind is NodeKind.COUNTERCLAIM and not answers.get(n.id)]
    load_bearing = []
    for n in nodes:
        if n.kind is not NodeKind.THESIS:
            continue
        evidence = [x for x in _beneath(n.id, supporters) if is_evidence(x)]
        if evidence:
            load_bearing.append({"id": n.id, "evidence_beneath": len(evidence),
                                 "claims": [entry(x) for x in _load_bearing(n.id, evidence, supporters, is_evidence)]})
    per_source: dict[str, dict[str, int]] = {}
    per_section: dict[str, dict[str, int]] = {}
    for n in nodes:
        section = n.section or next((q.section for q in n.quotes if q.section), None) or NO_SECTION
        for table, key in ((per_source, n.source or NO_SOURCE), (per_section, section)):
            counts = table.setdefault(key, {k: 0 for k in KINDS})
            counts[n.kind.value] += 1
    return {
        "file": model.file,
        "nodes": {k: sum(n.kind.value == k for n in nodes) for k in KINDS},
        "relations": sum(r.namespace is None for r in model.relations),
        "unsupported": unsupported,
        "no_evidence": no_evidence,
        "attacked_support": attacked_support,
        "unanswered": unanswered,
        "load_bearing": load_bearing,
        "chains": _chains(model, supporters),
        "per_source": per_source,
        "per_section": per_section,
    }


# --- output --------------------------------------------------------------------------------------------------

SECTIONS = (
    ("unsupported", "Theses and claims that nothing supports"),
    ("no_evidence", "Supported, but with no evidence anywhere beneath"),
    ("attacked_support", "Whose every support is itself attacked"),
    ("unanswered", "Counterclaims left unanswered"),
)


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _detail(key: str, item: dict) -> str:
    if key == "unanswered":
        return f"status: {item['status'] or 'none'}"
    if key == "attacked_support":
        parts = []
        for sup in item["supported_by"]:
            said = ([f"attacked by {', '.join(sup['attacked_by'])}"] if sup["attacked_by"] else []) + (
                [f"its support undercut by {', '.join(sup['undercut_by'])}"] if sup["undercut_by"] else [])
            parts.append(f"{sup['supporter']}: {' and '.join(said)}")
        return "; ".join(parts)
    return ""


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{v} {k}" for k, v in counts.items() if v)


def format_text(data: dict) -> str:
    t = for_terminal
    out = [t(f"{data['file']}: structure of {_counts(data['nodes'])}; {data['relations']} relations")]
    for key, title in SECTIONS:
        items = data[key]
        out.append(f"{title} ({len(items)}):" if items else f"{title}: none")
        for item in items:
            detail = _detail(key, item)
            out.append(t(f"  {item['id']} ({item['kind']}) \"{_short(item['text'])}\""
                         + (f"\n      {detail}" if detail else "")))
    out.append("Load-bearing claims (removing one cuts the thesis off from all its evidence):")
    if not data["load_bearing"]:
        out.append("  no thesis has evidence beneath it")
    for lb in data["load_bearing"]:
        ids = ", ".join(c["id"] for c in lb["claims"]) or "none (no one claim lies on every path from its evidence)"
        out.append(t(f"  {lb['id']} ({lb['evidence_beneath']} evidence beneath): {ids}"))
    out.append("Longest chains of reasoning (links):")
    out += [t(f"  {len(c) - 1}: {' -> '.join(c)}") for c in data["chains"]] or ["  none"]
    for key, title in (("per_source", "Nodes per source"), ("per_section", "Nodes per section")):
        out.append(f"{title}:")
        out += [t(f"  {name}: {_counts(counts)}") for name, counts in data[key].items()] or ["  none"]
    return "\n".join(out) + "\n"


def format_markdown(data: dict) -> str:
    m = for_markdown
    out = [f"# Structure of {m(data['file'])}", "",
           f"{_counts(data['nodes'])}; {data['relations']} relations.", ""]
    for key, title in SECTIONS:
        items = data[key]
        out += [f"## {title} ({len(items)})", ""]
        for item in items:
            detail = _detail(key, item)
            out.append(f"- **{m(item['id'])}** ({item['kind']}): {m(_short(item['text']))}"
                       + (f" ({m(detail)})" if detail else ""))
        out += ["- none", ""] if not items else [""]
    out += ["## Load-bearing claims", "", "Removing one cuts the thesis off from all its evidence.", ""]
    for lb in data["load_bearing"]:
        ids = ", ".join(m(c["id"]) for c in lb["claims"]) or "none"
        out.append(f"- **{m(lb['id'])}** ({lb['evidence_beneath']} evidence beneath): {ids}")
    out += ["- no thesis has evidence beneath it"] if not data["load_bearing"] else []
    out += ["", "## Longest chains of reasoning", ""]
    out += [f"{i}. {len(c) - 1} link{'s' * (len(c) != 2)}: {' → '.join(m(x) for x in c)}" for i, c in enumerate(data["chains"], 1)]
    out += ["- none"] if not data["chains"] else []
    for key, title, column in (("per_source", "Nodes per source", "source"),
                               ("per_section", "Nodes per section", "section")):
        out += ["", f"## {title}", "", f"| {column} | " + " | ".join(KINDS) + " |",
                "|---|" + "---:|" * len(KINDS)]
        out += [f"| {m(name)} | " + " | ".join(str(counts[k]) for k in KINDS) + " |"
                for name, counts in data[key].items()]
    return "\n".join(out) + "\n"


def format_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
