"""AIF (the Argument Interchange Format as AIFdb and OVA write it, JSON) both ways.

- `dump(model) -> str`: every node becomes an I-node; `supports`, `answers`, `refines` and `agrees with`
  go through an RA-node; `attacks`, `contradicts`, `disagrees with` and `qualifies` (AIF has no scheme for a
  caveat that does not defeat; the relation's own word travels in its metadata) through a CA-node; `same as` through an
  MA-node; an `undercuts` is a CA-node whose edge points at the RA/CA-node of the relation it undercuts.
  What AIF has no place for (node kind, quotes, translations, tags, notes, sources, the relation's own word)
  travels in an `argmap` object on each node and at the top level; AIF tools ignore unknown keys.
- `load(text, file) -> (model | None, diagnostics)`: reads AIFdb JSON, OVA's `{"AIF": {...}}` wrapper,
  ids as strings or integers. I-nodes become nodes (claims unless `argmap` metadata says otherwise), each
  premise of an RA/CA/MA-node a relation to its conclusion (an undercut when the conclusion is an S-node).
  Diagnostics: AM108 (not JSON, or no I-node at all: nothing to write), AM110 (something of the file not
  carried over or carried differently: dialogue nodes L/YA/TA, PA and other schemes, self-loops, I-to-I
  edges, edges to unknown nodes, duplicate ids, nodes without id or text, linked premises).
"""

from __future__ import annotations

import json
import re

from argmap.core.diagnostics import Diagnostic, Span, make
from argmap.core.model import Model, NodeKind, RelationKind
from argmap.formats.plain import FORMAT_VERSION, model_from_dict, model_to_dict

# The scheme node each relation word goes through, and the text AIFdb gives such a node.
SCHEME = {
    RelationKind.SUPPORTS: "RA", RelationKind.ANSWERS: "RA", RelationKind.REFINES: "RA",
    RelationKind.AGREES_WITH: "RA",
    RelationKind.ATTACKS: "CA", RelationKind.CONTRADICTS: "CA", RelationKind.DISAGREES_WITH: "CA",
    RelationKind.UNDERCUTS: "CA",
    RelationKind.QUALIFIES: "CA",  # AIF has no non-defeating caveat; the argmap metadata keeps `qualifies`
    RelationKind.SAME_AS: "MA",
}
SCHEME_TEXT = {"RA": "Default Inference", "CA": "Default Conflict", "MA": "Default Rephrase"}
# Without argmap metadata, a scheme node means this relation.
DEFAULT_KIND = {"RA": RelationKind.SUPPORTS, "CA": RelationKind.ATTACKS, "MA": RelationKind.SAME_AS}
DIALOGUE = frozenset({"L", "YA", "TA"})

_ID = re.compile(r"[^\W\d][\w-]*\Z")


def flat_id(id: str) -> str:
    """A model id as a single .arg name: an imported `ns.id` becomes `ns__id`."""
    return id.replace(".", "__")


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def parse_json(text: str, file: str, what: str) -> tuple[object, list[Diagnostic]]:
    """JSON text -> data, or an AM108 at the line and column where it breaks."""
    try:
        return json.loads(text), []
    except json.JSONDecodeError as error:
        return None, [make("AM108", Span(file, error.lineno, error.colno, error.lineno, error.colno + 1),
                           f"not valid JSON: {error.msg}", hint=f"argmap reads {what} here")]


# --------------------------------------------------------------------------------------------- export

def dump(model: Model) -> str:
    """The whole map (imported maps included, ids `ns.id`) as AIF JSON."""
    plain = model_to_dict(model, spans=False)
    nodes: list[dict] = []
    edges: list[dict] = []
    for n in plain["nodes"]:
        meta = {k: v for k, v in n.items() if k not in ("id", "text")}
        nodes.append({"nodeID": n["id"], "text": n["text"], "type": "I", "argmap": meta})
    scheme_of: dict[str, str] = {}  # relation id -> its scheme node's id
    for i, r in enumerate(plain["relations"]):
        sid = f"s{i + 1}"
        if r["id"]:
            scheme_of[r["id"]] = sid
    for i, (r, rel) in enumerate(zip(plain["relations"], model.relations)):
        sid = f"s{i + 1}"
        scheme = SCHEME[rel.kind]
        meta = {k: v for k, v in r.items() if k not in ("origin", "target", "target_is_relation")}
        nodes.append({"nodeID": sid, "text": SCHEME_TEXT[scheme], "type": scheme, "argmap": meta})
        target = scheme_of.get(r["target"], r["target"]) if rel.target_is_relation else r["target"]
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": r["origin"], "toID": sid})
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": sid, "toID": target})
    head = {"argmap": FORMAT_VERSION, "file": plain["file"], "imports": plain["imports"],
            "sources": plain["sources"]}
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": [], "participants": [], "argmap": head},
                      ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------------------------- import

def load(text: str, file: str) -> tuple[Model | None, list[Diagnostic]]:
    data, problems = parse_json(text, file, "AIF JSON (AIFdb or OVA)")
    if problems:
        return None, problems
    where = Span(file, 1, 1, 1, 1)
    notes: list[Diagnostic] = []

    def note(message: str, hint: str | None = None) -> None:
        notes.append(make("AM110", where, message, hint=hint))

    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):  # OVA's wrapper
        data = data["AIF"]
    if not isinstance(data, dict) or not isinstance(data.get("nodes", []), list) \
            or not isinstance(data.get("edges", []), list):
        return None, [make("AM108", where, "not AIF: expected an object with a list of `nodes` and of `edges`",
                           hint="AIFdb and OVA write {\"nodes\": [...], \"edges\": [...], \"locutions\": [...]}")]
    raw_nodes = data.get("nodes") or []
    raw_edges = data.get("edges") or []

    nodes: dict[str, dict] = {}  # nodeID -> the AIF node, first of each id
    skipped: dict[str, int] = {}
    for index, n in enumerate(raw_nodes):
        if not isinstance(n, dict) or n.get("nodeID") is None:
            note(f"node {index} has no nodeID; not carried over")
            continue
        nid = str(n["nodeID"])
        if nid in nodes:
            note(f"node id {nid!r} appears more than once; the first is kept, node {index} is not carried over")
            continue
        nodes[nid] = n
    # edges: fromID -> [toID], toID -> [fromID]
    outgoing: dict[str, list[str]] = {}
    incoming: dict[str, list[str]] = {}
    for index, e in enumerate(raw_edges):
        if not isinstance(e, dict) or e.get("fromID") is None or e.get("toID") is None:
            note(f"edge {index} lacks fromID or toID; not carried over")
            continue
        a, b = str(e["fromID"]), str(e["toID"])
        if a not in nodes or b not in nodes:
            missing = a if a not in nodes else b
            note(f"edge {e.get('edgeID', index)} refers to node {missing!r}, which the file does not define; "
                 "not carried over")
            continue
        if a == b:
            note(f"edge {e.get('edgeID', index)} is a self-loop on node {a!r}; not carried over")
            continue
        ta, tb = nodes[a].get("type"), nodes[b].get("type")
        if ta == "I" and tb == "I":
            note(f"edge {e.get('edgeID', index)} links I-node {a!r} to I-node {b!r} without a scheme node "
                 "(RA/CA/MA); not carried over", hint="AIF puts an RA-node between a premise and its conclusion")
            continue
        outgoing.setdefault(a, []).append(b)
        incoming.setdefault(b, []).append(a)

    head = data.get("argmap") if isinstance(data.get("argmap"), dict) else {}
    plain_nodes: list[dict] = []
    new_id: dict[str, str] = {}
    used: set[str] = set()
    for nid, n in nodes.items():
        kind = n.get("type")
        if kind != "I":
            if kind not in ("RA", "CA", "MA"):
                skipped[str(kind)] = skipped.get(str(kind), 0) + 1
            continue
        meta = n.get("argmap") if isinstance(n.get("argmap"), dict) else {}
        ident = flat_id(nid) if "argmap" in n else f"n{nid}"
        if not _ID.match(ident):
            ident = f"n{len(used) + 1}"
        while ident in used:
            ident += "_"
        used.add(ident)
        new_id[nid] = ident
        text = n.get("text")
        if not isinstance(text, str) or not text.strip():
            note(f"I-node {nid!r} has no text; its text is its id")
            text = f"AIF node {nid}"
        node = {"id": ident, "kind": NodeKind.CLAIM.value, "text": text if "argmap" in n else " ".join(text.split()), "translations": {}, "quotes": [],
                "source": None, "tags": [], "notes": [], "section": None, "stance": None, "status": None,
                "type": None, "date": None, "url": None, "namespace": None}
        node.update({k: v for k, v in meta.items() if k in node and k not in ("id", "text")})
        node["namespace"] = None
        plain_nodes.append(node)
    for kind, count in sorted(skipped.items()):
        what = "dialogue nodes" if kind in DIALOGUE else "nodes"
        note(f"{count} {kind} {what} not carried over",
             hint="argmap maps what is argued, not who said it" if kind in DIALOGUE else
             "argmap has supports (RA), attacks (CA) and same as (MA); preference and other schemes have no word")
    if not plain_nodes:
        return None, [make("AM108", where, "the file has no I-nodes: nothing to import"
                           + (" (it holds dialogue only)" if skipped else ""))] + notes

    # scheme nodes -> relations; undercuts wait until the relation they target has an id
    plain_relations: list[dict] = []
    first_of: dict[str, dict] = {}  # scheme node id -> the first relation made from it
    pending: list[tuple[str, dict, str]] = []
    for nid, n in nodes.items():
        scheme = n.get("type")
        if scheme not in ("RA", "CA", "MA"):
            continue
        meta = n.get("argmap") if isinstance(n.get("argmap"), dict) else {}
        premises = [p for p in incoming.get(nid, []) if nodes[p].get("type") == "I"]
        conclusions = [c for c in outgoing.get(nid, []) if nodes[c].get("type") in ("I", "RA", "CA", "MA")]
        if not premises or not conclusions:
            note(f"{scheme}-node {nid!r} has no {'premise' if not premises else 'conclusion'}; not carried over")
            continue
        if len(premises) > 1:
            note(f"{scheme}-node {nid!r} links {len(premises)} premises; each becomes a relation of its own",
                 hint="argmap has no linked arguments")
        if len(conclusions) > 1:
            note(f"{scheme}-node {nid!r} has {len(conclusions)} conclusions; each becomes a relation of its own")
        try:
            kind = RelationKind(meta["kind"]) if "kind" in meta else DEFAULT_KIND[scheme]
        except ValueError:
            kind = DEFAULT_KIND[scheme]
        for premise in premises:
            for conclusion in conclusions:
                to_scheme = nodes[conclusion].get("type") != "I"
                rel = {"id": None, "kind": kind.value, "origin": new_id[premise], "target": None,
                       "target_is_relation": to_scheme, "note": None, "strength": None, "stance": None,
                       "quotes": [], "namespace": None}
                rel.update({k: v for k, v in meta.items() if k in ("note", "strength", "stance", "quotes")})
                if to_scheme:
                    rel["kind"] = RelationKind.UNDERCUTS.value
                    pending.append((conclusion, rel, nid))
                else:
                    rel["target"] = new_id[conclusion]
                if meta.get("id") and premise == premises[0] and conclusion == conclusions[0]:
                    rel["id"] = flat_id(str(meta["id"]))
                plain_relations.append(rel)
                first_of.setdefault(nid, rel)
    taken = {r["id"] for r in plain_relations if r["id"]}
    for target_scheme, rel, nid in pending:
        target = first_of.get(target_scheme)
        if target is None:
            note(f"{nodes[nid].get('type')}-node {nid!r} aims at scheme node {target_scheme!r}, which makes no "
                 "relation; not carried over")
            plain_relations.remove(rel)
            continue
        if target["id"] is None:
            name = f"r{target_scheme}" if _ID.match(f"r{target_scheme}") else f"r{len(taken) + 1}"
            while name in taken:
                name += "_"
            taken.add(name)
            target["id"] = name
        rel["target"] = target["id"]
    plain_relations = [r for r in plain_relations if r["target"] is not None]
    for r in plain_relations:
        r["quotes"] = [q for q in r["quotes"] if isinstance(q, dict)]

    sources = [dict(s, namespace=None, id=flat_id(s["id"])) for s in head.get("sources", [])
               if isinstance(s, dict) and "id" in s]
    for n in plain_nodes:
        if n["source"]:
            n["source"] = flat_id(n["source"])
        for q in n["quotes"]:
            if isinstance(q, dict) and q.get("source"):
                q["source"] = flat_id(q["source"])
    plain = {"argmap": FORMAT_VERSION, "file": file, "imports": [], "sources": sources,
             "nodes": plain_nodes, "relations": plain_relations}
    import jsonschema

    from argmap.formats.native import schema

    errors = sorted(jsonschema.Draft202012Validator(schema()).iter_errors(plain), key=lambda e: list(e.absolute_path))
    if errors:
        return None, [make("AM108", where, f"the file's argmap metadata at /{'/'.join(map(str, e.absolute_path))}: "
                           f"{e.message}") for e in errors[:20]] + notes
    return model_from_dict(plain), notes
