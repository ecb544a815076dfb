"""Argdown (https://argdown.org) both ways.

- `dump(model) -> str`: the whole map (imported nodes included, ids `ns.id`) as an .argdown document that
  the Argdown CLI parses without errors. Front matter (YAML between `===` lines) holds the map's title and its
  sources. Each node is a titled statement `[id]: text #tag {data}` under a heading of its section (nodes
  without a section first, under no heading); its text is escaped (`\\` before Argdown's special characters;
  line breaks become spaces). `supports` is `+>`, `attacks` `->`, `contradicts` `><`; a relation that is
  undercut becomes an argument `<id>` (a premise-conclusion structure when it is a `supports`) so that the
  undercut can be written `_> <id>`. What Argdown has no place for (the node kind, quotes, translations,
  notes, fields, the relations Argdown has no word for, a relation's note, strength, stance and quotes)
  travels in the statement's data as `{argmap: {...}}`; Argdown keeps data and ignores what it does not use.
- `load(text, file) -> (model | None, diagnostics)`: reads the Argdown language as its documentation
  describes it: titled and untitled statements, arguments `<Title>: description`, relation trees by
  indentation (`+ - _ <+ <- <_ +> -> _> ><`), premise-conclusion structures `(1) ... ---- (2) ...` with
  inference rules, equivalence classes (one title, several formulations), headings (the node's section),
  `#tags` and `#(tags with spaces)`, YAML data `{...}` and front matter, comments (`<!-- -->`, `/* */`, `//`
  at the start of a line), `@include(...)`. Statements become claims (unless `argmap` data says otherwise);
  an argument with a premise-conclusion structure becomes supports relations from its premises to its
  conclusion (each inference of the structure), and relations of the argument are its conclusion's; an
  argument without one becomes a claim whose text is its description.
  Diagnostics: AM108 (a front matter or data block that is not YAML, with line and column; nothing at all to
  import), AM110 (each construct not carried over, at its line: `@include`, inference rules, data keys,
  further formulations of an equivalence class, undercuts of an argument that has no inference to undercut,
  relations Argdown and argmap disagree about).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from argmap.core.diagnostics import Diagnostic, Span, make
from argmap.core.model import Model, NodeKind, RelationKind
from argmap.formats.plain import FORMAT_VERSION, model_from_dict, model_to_dict

# --------------------------------------------------------------------------------------------- export

# Argdown's own words for argmap's relations, written below the origin (outgoing).
OUTGOING = {RelationKind.SUPPORTS: "+>", RelationKind.ATTACKS: "->", RelationKind.CONTRADICTS: "><",
            RelationKind.UNDERCUTS: "_>"}
_SPECIAL = set("\\*/[]_#@<>{}")  # characters that start Argdown syntax inside a text (the CLI rejects or eats them)
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_TAG_NAME = re.compile(r"[\w-]+\Z")


def escape(text: str) -> str:
    """A text as one Argdown line that reads back as the same words (line breaks become spaces)."""
    flat = " ".join(text.split())
    return "".join("\\" + c if c in _SPECIAL else c for c in flat)


def _data(value: object) -> str:
    """JSON (which YAML reads) with the braces, `#` and `@` inside strings escaped, so that Argdown's lexer
    finds the end of the data block and YAML sees no comment."""
    raw = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    def inner(m: re.Match) -> str:
        s = m.group(0)
        for c, e in (("{", "\\u007b"), ("}", "\\u007d"), ("#", "\\u0023"), ("@", "\\u0040"), ("[", "\\u005b"),
                     ("]", "\\u005d"), ("<", "\\u003c"), (">", "\\u003e")):
            s = s.replace(c, e)
        return s

    return _JSON_STRING.sub(inner, raw)


def _tag(name: str) -> str:
    return f"#{name}" if _TAG_NAME.match(name) else f"#({escape(name).replace(')', '')})"


def _compact(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], {}, "")}


def dump(model: Model) -> str:
    plain = model_to_dict(model, spans=False)
    out: list[str] = []
    head: dict = {}
    if model.title:
        head["title"] = model.title
    head["argmap"] = {"version": FORMAT_VERSION, "file": plain["file"],
                      "sources": [_compact(s) for s in plain["sources"]]}
    out += ["===", *(f"{k}: {_data(v)}" for k, v in head.items()), "===", ""]

    by_id = {r.id: r for r in model.relations if r.id}
    undercut = {r.target for r in model.relations if r.target_is_relation}
    outgoing: dict[str, list[tuple[dict, object]]] = {}
    for r_plain, r in zip(plain["relations"], model.relations):
        outgoing.setdefault(r.origin, []).append((r_plain, r))

    sections: dict[str | None, list[int]] = {None: []}  # nodes without a section first, under no heading
    for i, n in enumerate(model.nodes):
        sections.setdefault(n.section, []).append(i)
    for section, indexes in sections.items():
        if section is not None:
            out += [f"# {escape(section)}", ""]
        for i in indexes:
            n, n_plain = model.nodes[i], plain["nodes"][i]
            meta = _compact({k: v for k, v in n_plain.items()
                             if k not in ("id", "text", "tags", "section", "namespace")})
            rel_meta = []
            lines = []
            for r_plain, r in outgoing.get(n.id, []):
                extra = _compact({k: v for k, v in r_plain.items()
                                  if k in ("id", "note", "strength", "stance", "quotes", "inferred")})
                if r.kind not in OUTGOING or r.kind is RelationKind.UNDERCUTS and r.target not in by_id:
                    rel_meta.append(dict(kind=r.kind.value, target=r.target,
                                         target_is_relation=r.target_is_relation, **extra))
                    continue
                if extra:
                    rel_meta.append(dict(kind=r.kind.value, target=r.target,
                                         target_is_relation=r.target_is_relation, **extra))
                if r.id in undercut and r.kind is RelationKind.SUPPORTS:
                    continue  # written as the argument's premise-conclusion structure below
                target = f"<{r.target}>" if r.target_is_relation else f"[{r.target}]"
                lines.append(f"  {OUTGOING[r.kind]} {target}")
            if rel_meta:
                meta["relations"] = rel_meta
            tags = "".join(" " + _tag(t) for t in sorted(n.tags))
            data = f" {_data({'argmap': meta})}" if meta else ""
            out.append(f"[{n.id}]: {escape(n.text)}{tags}{data}")
            out += lines
            out.append("")
    arguments = [by_id[i] for i in sorted(undercut) if i in by_id]
    if arguments:
        out += ["# Undercut relations", ""]
    for r in arguments:
        if r.kind is RelationKind.SUPPORTS:
            out += [f"<{r.id}>", "", f"(1) [{r.origin}]", "----", f"(2) [{r.target}]", ""]
        else:  # the relation itself travels in its origin's data; the argument is there to be undercut
            out += [f"<{r.id}>: {escape(f'{r.origin} {r.kind.value} {r.target}')}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------- import

_RELATION = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s+(?=\S)")
_PCS = re.compile(r"\((\d+)\)\s*(.*)")
_INFERENCE = re.compile(r"-{2,}\s*(.*?)\s*(-{2,})?\s*$")
_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_TITLED = re.compile(r"\[((?:[^\]\\]|\\.)+)\]")
_ARG = re.compile(r"<((?:[^>\\]|\\.)+)>")
_TAG = re.compile(r"(?<![\w\\])#\(([^)]*)\)|(?<![\w\\])#([\w-]+)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_ID = re.compile(r"[^\W\d][\w-]*\Z")

INCOMING = {"+": "support", "<+": "support", "-": "attack", "<-": "attack", "_": "undercut", "<_": "undercut"}
OUT = {"+>": "support", "->": "attack", "_>": "undercut", "><": "contradiction"}
KIND_OF = {"support": RelationKind.SUPPORTS, "attack": RelationKind.ATTACKS, "undercut": RelationKind.UNDERCUTS,
           "contradiction": RelationKind.CONTRADICTS}


@dataclass
class _Line:
    """One logical line: a physical line and the lines that continue its text."""
    kind: str  # heading, include, item, inference, relation, element
    indent: int
    text: str
    line: int
    column: int
    word: str | None = None  # a relation's symbol; an item's number


@dataclass
class _Statement:
    title: str
    line: int
    texts: list[tuple[str, int]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: list[tuple[dict, int]] = field(default_factory=list)
    section: str | None = None


@dataclass
class _Argument:
    title: str
    line: int
    descriptions: list[tuple[str, int]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: list[tuple[dict, int]] = field(default_factory=list)
    inferences: list[tuple[list[str], str, int]] = field(default_factory=list)  # premises, conclusion, line
    section: str | None = None


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _blank_comments(text: str) -> str:
    """Comments replaced by spaces (line breaks kept), so that lines and columns stay where they were."""
    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    text = re.sub(r"<!--.*?-->", blank, text, flags=re.S)
    text = re.sub(r"/\*.*?\*/", blank, text, flags=re.S)
    return re.sub(r"(?m)^[ \t]*//.*$", blank, text)


def _slug(title: str) -> str:
    flat = title.replace(".", "__")
    if _ID.match(flat):
        return flat
    s = re.sub(r"[^\w-]+", "_", title.strip().lower()).strip("_")
    return s if s and _ID.match(s) else f"s_{s}" if s else "untitled"


_BAD = object()  # YAML that does not parse (an AM108 is recorded)


class _Reader:
    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.text = text
        self.notes: list[Diagnostic] = []
        self.errors: list[Diagnostic] = []
        self.statements: dict[str, _Statement] = {}
        self.arguments: dict[str, _Argument] = {}
        self.relations: list[tuple[str, str, str, int]] = []  # (from key, to key, Argdown type, line)
        self.front: dict = {}
        self.section: str | None = None
        self.untitled = 0
        self.untitled_arguments = 0

    def span(self, line: int, column: int = 1, length: int = 1) -> Span:
        return Span(self.file, line, column, line, column + length)

    def note(self, line: int, message: str, hint: str | None = None, column: int = 1) -> None:
        self.notes.append(make("AM110", self.span(line, column), message, hint=hint))

    def yaml(self, raw: str, line: int, column: int) -> dict | None:
        """YAML text (data after an element, or the front matter) -> a mapping, or an AM108 at its place."""
        try:  # what argmap writes is JSON, which YAML reads too: the fast path
            value = json.loads(raw)
        except ValueError:
            value = self._yaml_only(raw, line, column)
            if value is _BAD:
                return None
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.errors.append(make("AM108", self.span(line, column), "the data is not a YAML mapping",
                                    hint="write `{key: value}`"))
            return None
        return value

    def _yaml_only(self, raw: str, line: int, column: int) -> object:
        import yaml

        try:
            return yaml.safe_load(raw)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            at_line = line + (mark.line if mark else 0)
            at_col = (mark.column + (column if mark.line == 0 else 1)) if mark else column
            problem = getattr(error, "problem", None) or str(error).splitlines()[0]
            self.errors.append(make("AM108", self.span(at_line, at_col), f"the data is not valid YAML: {problem}",
                                    hint="Argdown data is YAML: `{key: value}` after an element, or between "
                                         "`===` lines at the top of the file"))
            return _BAD

    # -- pass 1: logical lines
    def lines(self) -> list[_Line | None]:
        physical = _blank_comments(self.text).split("\n")
        start = 0
        if physical and physical[0].strip() == "===":
            end = next((j for j in range(1, len(physical)) if physical[j].strip() == "==="), None)
            if end is None:
                self.errors.append(make("AM108", self.span(1, 1, 3), "the front matter that starts here is not "
                                        "closed", hint="end it with a line `===`"))
                return []
            self.front = self.yaml("\n".join(physical[1:end]), 2, 1) or {}
            start = end + 1
        out: list[_Line | None] = []  # None: a blank line
        rule_open: _Line | None = None
        for index in range(start, len(physical)):
            raw = physical[index]
            number = index + 1
            stripped = raw.strip()
            indent = len(raw) - len(raw.lstrip(" \t"))
            if rule_open is not None:  # inside `--` rule `--`
                if stripped == "--":
                    rule_open = None
                elif stripped:
                    rule_open.text = f"{rule_open.text} {stripped}".strip()
                continue
            if not stripped:
                out.append(None)
                continue
            previous = out[-1] if out else None
            if indent == 0 and _HEADING.fullmatch(stripped):
                out.append(_Line("heading", 0, _HEADING.fullmatch(stripped).group(2), number, 1))
            elif stripped.startswith("@include"):
                out.append(_Line("include", indent, stripped, number, indent + 1))
            elif m := _PCS.fullmatch(stripped):
                out.append(_Line("item", indent, m.group(2), number, indent + 1 + m.start(2), m.group(1)))
            elif stripped == "--" and previous is not None and previous.kind in ("item", "relation", "element"):
                rule_open = _Line("inference", indent, "", number, indent + 1)
                out.append(rule_open)
            elif re.fullmatch(r"-{3,}", stripped) or (m := re.fullmatch(r"--+\s+(.*?)\s+--+", stripped)):
                out.append(_Line("inference", indent, m.group(1) if m else "", number, indent + 1))
            elif (m := _RELATION.match(stripped)) and previous is not None:
                out.append(_Line("relation", indent, stripped[m.end():], number, indent + 1 + m.end(), m.group(1)))
            elif previous is not None and previous.kind in ("item", "relation", "element"):
                previous.text = f"{previous.text} {stripped}"  # the text goes on
            else:
                out.append(_Line("element", indent, stripped, number, indent + 1))
        return out

    # -- elements
    def parse_element(self, body: str, line: int, column: int) -> tuple[str, str | None, str | None, list[str],
                                                                        dict | None]:
        """(kind, title, text, tags, data) of `[Title]: text #tag {data}`, `<Title>: ...` or plain text."""
        data = None
        stripped = body.rstrip()
        if stripped.endswith("}") and not stripped.endswith("\\}"):
            depth = 0
            for i in range(len(stripped) - 1, -1, -1):
                if i > 0 and stripped[i - 1] == "\\":
                    continue
                if stripped[i] == "}":
                    depth += 1
                elif stripped[i] == "{":
                    depth -= 1
                    if depth == 0:
                        data = self.yaml(stripped[i:], line, column + i) if "\n" not in stripped else None
                        stripped = stripped[:i].rstrip()
                        break
        kind, title, text = "statement", None, stripped
        m = _TITLED.match(stripped) or _ARG.match(stripped)
        if m:
            kind = "statement" if stripped[0] == "[" else "argument"
            title = " ".join(unescape(m.group(1)).split())
            rest = stripped[m.end():]
            text = rest[1:] if rest.startswith(":") else rest
        tags = [" ".join((t.group(1) or t.group(2)).split()) for t in _TAG.finditer(text)]
        text = _LINK.sub(r"\1", _TAG.sub("", text))
        text = " ".join(unescape(text).split()) or None
        return kind, title, text, [t for t in tags if t], data

    def register(self, body: str, line: int, column: int) -> str:
        """The key (`s:Title` or `a:Title`) of the element written here, its statement or argument made or
        extended (a second text under one title is a second formulation of the same equivalence class)."""
        kind, title, text, tags, data = self.parse_element(body, line, column)
        if kind == "argument":
            a = self.arguments.setdefault(title, _Argument(title, line, section=self.section))
            if text:
                a.descriptions.append((text, line))
            a.tags += tags
            if data:
                a.data.append((data, line))
            return "a:" + title
        if title is None:
            self.untitled += 1
            title = f"Untitled {self.untitled}"
        s = self.statements.setdefault(title, _Statement(title, line))
        if text:
            if not s.texts:
                s.section, s.line = self.section, line
            s.texts.append((text, line))
        s.tags += tags
        if data:
            s.data.append((data, line))
        return "s:" + title

    # -- pass 2: trees, structures, sections
    def run(self) -> None:
        stack: list[tuple[int, str]] = []
        last_top: str | None = None  # the top element before a structure (an argument owns the structure)
        pcs: dict | None = None
        for ln in self.lines():
            if ln is None:
                stack = []
                continue
            if ln.kind == "heading":
                self.close(pcs)
                pcs, stack, last_top = None, [], None
                self.section = " ".join(unescape(_TAG.sub("", ln.text)).split()) or None
            elif ln.kind == "include":
                self.note(ln.line, f"`{ln.text}` is not followed: the included file is not imported",
                          hint="import the included file on its own, or paste it in", column=ln.column)
            elif ln.kind == "item":
                if pcs is None:
                    if last_top is None or not last_top.startswith("a:"):
                        self.untitled_arguments += 1
                        title = f"Untitled argument {self.untitled_arguments}"
                        self.arguments[title] = _Argument(title, ln.line)
                        last_top = "a:" + title
                    pcs = {"argument": last_top[2:], "items": [], "marks": [], "rules": []}
                key = self.register(ln.text, ln.line, ln.column)
                if key.startswith("a:"):
                    self.note(ln.line, "an argument cannot be a premise or conclusion; read as a statement")
                    key = "s:" + key[2:]
                pcs["items"].append(key)
                if pcs["marks"] and pcs["marks"][-1][0] == len(pcs["items"]) - 1:
                    pcs["marks"][-1] = (pcs["marks"][-1][0], pcs["marks"][-1][1], key)
                stack = [(ln.indent, key)]
            elif ln.kind == "inference":
                if pcs is None:
                    self.note(ln.line, "an inference line outside a premise-conclusion structure; ignored")
                    continue
                pcs["marks"].append((len(pcs["items"]), ln.line, None))
                if ln.text:
                    self.note(ln.line, f"the inference rule `{ln.text}` of <{pcs['argument']}> is not carried "
                              "over", hint="argmap keeps the premises and the conclusion; name the rule in a note")
                stack = []
            elif ln.kind == "relation":
                while stack and stack[-1][0] >= ln.indent:
                    stack.pop()
                if not stack:
                    self.note(ln.line, f"the relation `{ln.word}` has nothing above it to relate to; not carried "
                              "over", column=ln.column)
                    continue
                parent = stack[-1][1]
                key = self.register(ln.text, ln.line, ln.column)
                if ln.word in INCOMING:
                    self.relations.append((key, parent, INCOMING[ln.word], ln.line))
                else:
                    self.relations.append((parent, key, OUT[ln.word], ln.line))
                stack.append((ln.indent, key))
            else:  # a new element at the top of a tree
                self.close(pcs)
                pcs = None
                key = self.register(ln.text, ln.line, ln.column)
                last_top = key
                stack = [(ln.indent, key)]
        self.close(pcs)

    def close(self, pcs: dict | None) -> None:
        if pcs is None:
            return
        argument = self.arguments[pcs["argument"]]
        start = 0
        for at, line, conclusion in pcs["marks"]:
            if conclusion is None:
                self.note(line, f"an inference of <{argument.title}> has no conclusion after it; not carried over")
                continue
            premises = [k[2:] for k in pcs["items"][start:at]]
            argument.inferences.append((premises, conclusion[2:], line))
            start = at  # the conclusion is a premise of the next inference (an intermediary conclusion)
        if not pcs["marks"]:
            self.note(argument.line, f"<{argument.title}> lists statements but no inference line (`----`); "
                      "its premises are not related to anything")


def load(text: str, file: str) -> tuple[Model | None, list[Diagnostic]]:
    from argmap.formats.aif import flat_id

    r = _Reader(text, file)
    r.run()
    if r.errors:
        return None, r.errors + r.notes
    head = r.front.get("argmap") if isinstance(r.front.get("argmap"), dict) else None
    # data relations by origin title (what argmap wrote that Argdown has no word for, and relation metadata)
    ids: dict[str, str] = {}
    used: set[str] = set()

    def new_id(title: str) -> str:
        base = _slug(title)
        ident = base
        while ident in used:
            ident += "_"
        used.add(ident)
        return ident

    nodes: list[dict] = []
    data_relations: list[tuple[str, dict, int]] = []
    for s in r.statements.values():
        ids["s:" + s.title] = new_id(s.title)
    alias: dict[str, str] = {}  # argument title -> the relation id it stands for (argmap's undercut targets)
    for s in r.statements.values():
        for d, line in s.data:
            meta = d.get("argmap")
            if isinstance(meta, dict):
                for rel in meta.get("relations") or []:
                    if isinstance(rel, dict) and rel.get("id"):
                        alias[str(rel["id"])] = flat_id(str(rel["id"]))
    for a in r.arguments.values():
        if a.inferences or a.title in alias:
            continue
        ids["a:" + a.title] = new_id(a.title)  # an argument without structure stands as a claim

    def node(ident: str, title: str, texts, tags, data, section, line, what: str) -> dict:
        n = {"id": ident, "kind": NodeKind.CLAIM.value, "text": texts[0][0] if texts else title, "translations": {},
             "quotes": [], "source": None, "tags": sorted({_slug(t).replace("__", "_") for t in tags}),
             "notes": [], "section": section, "stance": None, "status": None, "type": None, "date": None,
             "url": None, "inferred": [], "namespace": None, "span": [file, line, 1, line, 2]}
        for other, at in texts[1:]:
            if other != n["text"]:
                n["notes"].append(other)
                r.note(at, f"{what} has another formulation here; argmap keeps the first as its text and this "
                       "one as a note", hint="Argdown's equivalence classes are one statement in argmap")
        for d, at in data:
            meta = d.get("argmap")
            if isinstance(meta, dict):
                for k, v in meta.items():
                    if k in n and k not in ("id", "text", "tags", "section", "namespace", "span"):
                        n[k] = v
                    elif k == "relations" and isinstance(v, list):
                        data_relations.extend((ident, rel, at) for rel in v if isinstance(rel, dict))
            rest = sorted(str(k) for k in d if k != "argmap")
            if rest:
                r.note(at, f"the data {', '.join(rest)} of {what} is not carried over",
                       hint="argmap has fields of its own (docs/language.md); write them in the .arg file")
        if n["source"]:
            n["source"] = flat_id(str(n["source"]))
        for q in n["quotes"]:
            if isinstance(q, dict) and q.get("source"):
                q["source"] = flat_id(str(q["source"]))
        return n

    for s in r.statements.values():
        nodes.append(node(ids["s:" + s.title], s.title, s.texts, s.tags, s.data, s.section, s.line,
                          f"[{s.title}]"))
    for a in r.arguments.values():
        if "a:" + a.title in ids:
            n = node(ids["a:" + a.title], a.title, a.descriptions, a.tags, a.data, a.section, a.line,
                     f"<{a.title}>")
            n["notes"].append(f"Argdown argument <{a.title}>")
            nodes.append(n)
        elif a.tags or a.data:
            r.note(a.line, f"the tags and data of <{a.title}> are not carried over (its premises and conclusion "
                   "are)")
    if not nodes:
        return None, [make("AM108", r.span(1), "the file has no statements: nothing to import")] + r.notes

    relations: list[dict] = []
    seen: dict[tuple, dict] = {}

    def add(origin: str, kind: RelationKind, target: str, to_relation: bool, line: int, rel_id=None) -> dict | None:
        key = (origin, kind.value, target, to_relation)
        if key in seen:
            return seen[key]
        rel = {"id": rel_id, "kind": kind.value, "origin": origin, "target": target,
               "target_is_relation": to_relation, "note": None, "strength": None, "stance": None, "quotes": [],
               "inferred": False, "namespace": None, "span": [file, line, 1, line, 2]}
        seen[key] = rel
        relations.append(rel)
        return rel

    last_inference: dict[str, dict] = {}  # argument title -> the relation an undercut of it aims at
    for a in r.arguments.values():
        for premises, conclusion, line in a.inferences:
            for p in premises:
                if p == conclusion:
                    continue
                rel = add(ids["s:" + p], RelationKind.SUPPORTS, ids["s:" + conclusion], False, line)
                if rel is not None and p == premises[0]:
                    last_inference[a.title] = rel
            if len(premises) > 1:
                r.note(line, f"the {len(premises)} premises of an inference of <{a.title}> are linked in Argdown; "
                       "each becomes a supports relation of its own", hint="argmap has no linked arguments")
    for a, rel in last_inference.items():
        if rel["id"] is None:
            rel["id"] = alias.get(a) or new_id(a)

    def endpoint(key: str) -> str | None:
        if key in ids:
            return ids[key]
        a = r.arguments.get(key[2:])
        if a is not None and a.inferences:
            return ids["s:" + a.inferences[-1][1]]
        return None

    for origin, target, word, line in r.relations:
        if word == "undercut":
            a = r.arguments.get(target[2:]) if target.startswith("a:") else None
            aim = None
            if a is not None and a.title in last_inference:
                aim = last_inference[a.title]["id"]
            elif a is not None and a.title in alias:
                aim = alias[a.title]
            elif a is not None:
                mine = [x for x in relations if x["origin"] == ids.get(target) and not x["target_is_relation"]]
                outgoing = [(o, t) for o, t, w, _ in r.relations if o == target and w in ("support", "attack")]
                if len(outgoing) == 1:
                    aim = "pending:" + target
            o = endpoint(origin)
            if aim is None or o is None:
                r.note(line, f"the undercut of {target[2:]!r} is not carried over: argmap undercuts a relation, "
                       "and the argument has no inference to undercut", hint="give the argument a "
                       "premise-conclusion structure, or write the undercut in the .arg file")
                continue
            add(o, RelationKind.UNDERCUTS, aim, True, line)
            continue
        o, t = endpoint(origin), endpoint(target)
        if o is None or t is None or o == t:
            r.note(line, f"the {word} relation from {origin[2:]!r} to {target[2:]!r} is not carried over")
            continue
        add(o, KIND_OF[word], t, False, line)
    # an undercut of an argument that stands as a claim aims at that claim's one relation
    for rel in relations:
        if isinstance(rel["target"], str) and rel["target"].startswith("pending:"):
            stand_in = ids[rel["target"][len("pending:"):]]
            out = [x for x in relations if x["origin"] == stand_in and not x["target_is_relation"]]
            if len(out) == 1:
                if out[0]["id"] is None:
                    out[0]["id"] = new_id(stand_in + "_inference")
                rel["target"] = out[0]["id"]
    relations = [x for x in relations if not str(x["target"]).startswith("pending:")]
    for origin, rel, line in data_relations:
        try:
            kind = RelationKind(rel.get("kind"))
        except ValueError:
            r.note(line, f"a relation {rel.get('kind')!r} in argmap data is not a relation word; not carried over")
            continue
        to_relation = bool(rel.get("target_is_relation"))
        target = flat_id(str(rel.get("target")))
        found = seen.get((origin, kind.value, target, to_relation)) or \
            add(origin, kind, target, to_relation, line)
        for k in ("id", "note", "strength", "stance", "quotes", "inferred"):
            if rel.get(k) is not None:
                found[k] = flat_id(str(rel[k])) if k == "id" else rel[k]
    sources: list[dict] = []
    if head is not None:
        sources = [dict({"title": None, "translations": {}, "authors": [], "year": None, "venue": None,
                         "volume": None, "issue": None, "pages": None, "publisher": None, "type": None,
                         "lang": None, "doi": None, "url": None, "fulltext": None, "notes": [], "inferred": []},
                        **{k: v for k, v in s.items() if k not in ("id", "namespace")}, namespace=None, id=flat_id(str(s["id"])))
                   for s in head.get("sources") or [] if isinstance(s, dict) and "id" in s]
    elif r.front:
        title = r.front.get("title")
        author = r.front.get("author")
        if isinstance(title, str) and title.strip():
            sources.append({"id": "source", "title": title.strip(), "translations": {},
                            "authors": [str(a) for a in (author if isinstance(author, list) else [author])
                                        if a] , "year": None, "venue": None, "volume": None, "issue": None,
                            "pages": None, "publisher": None, "type": "document", "lang": None, "doi": None,
                            "url": None, "fulltext": None, "notes": [], "inferred": [], "namespace": None})
        rest = sorted(str(k) for k in r.front if k not in ("title", "author"))
        if rest:
            r.note(1, f"the front matter's {', '.join(rest)} is not carried over")
    plain = {"argmap": FORMAT_VERSION, "file": file, "imports": [], "sources": sources, "nodes": nodes,
             "relations": relations}
    import jsonschema

    from argmap.formats.native import schema

    errors = sorted(jsonschema.Draft202012Validator(schema()).iter_errors(plain), key=lambda e: list(e.absolute_path))
    if errors:
        return None, [make("AM108", r.span(1), f"the file's argmap data at /{'/'.join(map(str, e.absolute_path))}: "
                           f"{e.message}") for e in errors[:20]] + r.notes
    return model_from_dict(plain), r.notes
