"""Analysis, diff: two models -> what changed between two versions of a map, by id.

Input: the old and the new model. Output: a `MapDiff` (plain data): sources, nodes and relations added,
removed and changed (with the fields that changed, old and new values). Relations are matched by their id,
or by `origin verb target` when they have none. Rendered as text (`format_text`) or JSON (`to_json`).
Order: the old file's order for removed and changed items, the new file's for added ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from argmap.core.model import Model, Node, Relation, Source


@dataclass(frozen=True, slots=True)
class Change:
    field: str
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class Item:
    what: str  # "source", "node", "relation"
    key: str
    summary: str  # kind and text, or `origin verb target`
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class MapDiff:
    old: str
    new: str
    added: tuple[Item, ...]
    removed: tuple[Item, ...]
    changed: tuple[Item, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _node_fields(n: Node) -> dict:
    return {"kind": n.kind.value, "text": n.text, "translations": dict(n.translations),
            "quotes": [f"{q.text} @ {q.locator}" for q in n.quotes], "source": n.source, "tags": sorted(n.tags),
            "notes": list(n.notes), "section": n.section, "stance": n.stance, "status": n.status,
            "type": n.type, "date": n.date, "url": n.url}


def _relation_fields(r: Relation) -> dict:
    return {"note": r.note, "strength": r.strength, "stance": r.stance,
            "quotes": [f"{q.text} @ {q.locator}" for q in r.quotes],
            "ends": f"{r.origin} {r.kind.value} {r.target}"}


def _source_fields(s: Source) -> dict:
    return {"title": s.title, "translations": dict(s.translations), "authors": list(s.authors), "year": s.year,
            "venue": s.venue, "volume": s.volume, "issue": s.issue, "pages": s.pages, "publisher": s.publisher,
            "type": s.type, "lang": s.lang, "doi": s.doi, "url": s.url, "fulltext": s.fulltext,
            "notes": list(s.notes), "inferred": sorted(s.inferred)}


def _changes(old: dict, new: dict) -> tuple[Change, ...]:
    return tuple(Change(k, old[k], new[k]) for k in old if old[k] != new[k])


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def diff(old: Model, new: Model) -> MapDiff:
    added: list[Item] = []
    removed: list[Item] = []
    changed: list[Item] = []

    def compare(what, olds: dict, news: dict, fields, summary) -> None:
        for key, item in olds.items():
            if key not in news:
                removed.append(Item(what, key, summary(item)))
            else:
                found = _changes(fields(item), fields(news[key]))
                if found:
                    changed.append(Item(what, key, summary(news[key]), found))
        for key, item in news.items():
            if key not in olds:
                added.append(Item(what, key, summary(item)))

    def local(items):
        return {i.id if not isinstance(i, Relation) else i.key: i for i in items if i.namespace is None}

    compare("source", local(old.sources), local(new.sources), _source_fields,
            lambda s: f"source \"{_short(s.title or s.id)}\"")
    compare("node", local(old.nodes), local(new.nodes), _node_fields,
            lambda n: f"{n.kind.value} \"{_short(n.text)}\"")
    compare("relation", local(old.relations), local(new.relations), _relation_fields,
            lambda r: f"{r.origin} {r.kind.value} {r.target}")
    return MapDiff(old.file, new.file, tuple(added), tuple(removed), tuple(changed))


def to_json(d: MapDiff) -> dict:
    data = asdict(d)
    data["summary"] = {what: {"added": sum(i.what == what for i in d.added),
                              "removed": sum(i.what == what for i in d.removed),
                              "changed": sum(i.what == what for i in d.changed)}
                       for what in ("source", "node", "relation")}
    return data


def _value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_short(str(v), 40) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_short(str(v), 40)}" for k, v in value.items()) + "}"
    return "—" if value is None else f"\"{_short(str(value), 70)}\"" if isinstance(value, str) else str(value)


def format_text(d: MapDiff) -> str:
    out = [f"--- {d.old}", f"+++ {d.new}"]
    if d.empty:
        out.append("no differences")
        return "\n".join(out) + "\n"
    for what in ("source", "node", "relation"):
        counts = [sum(i.what == what for i in group) for group in (d.added, d.removed, d.changed)]
        if any(counts):
            out.append(f"{what}s: {counts[0]} added, {counts[1]} removed, {counts[2]} changed")
    def head(sign: str, item: Item) -> str:
        summary = f": {item.summary}" if item.summary != item.key else ""
        return f"{sign} {item.what} {item.key}{summary}"

    out += [head("-", item) for item in d.removed]
    out += [head("+", item) for item in d.added]
    for item in d.changed:
        out.append(head("~", item))
        for change in item.changes:
            if isinstance(change.old, list) and isinstance(change.new, list):
                gone = [v for v in change.old if v not in change.new]
                came = [v for v in change.new if v not in change.old]
                out += [f"    {change.field}: - {_short(str(v), 80)}" for v in gone]
                out += [f"    {change.field}: + {_short(str(v), 80)}" for v in came]
                if not gone and not came:
                    out.append(f"    {change.field}: reordered")
            else:
                out.append(f"    {change.field}: {_value(change.old)} → {_value(change.new)}")
    return "\n".join(out) + "\n"
