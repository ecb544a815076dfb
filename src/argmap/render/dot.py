"""Render stage, DOT: model (+ what to show) -> DOT text. Deterministic: source order, no set iteration.

The visual language (docs/rendering.md): a shape and a colour per node kind, a line style, colour and
arrowhead per relation kind, from the Okabe-Ito palette (safe for colour-blind readers), so no distinction
rests on colour alone. An `undercuts` relation is drawn onto the edge it undercuts (the edge passes through
a small point that the undercut arrow hits). A cluster per source (per paper in a comparison map), and
inside it, optionally, per section or tag; a legend of the kinds that occur; the map's title on top.

Labels are HTML-like (escaped by `html_text`); every other string goes through the one `quote` function.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from typing import BinaryIO
from dataclasses import dataclass, field, replace

from argmap.core.text import wrap
from argmap.analysis.graph import Selection, select
from argmap.core.model import Model, Node, NodeKind, Relation, RelationKind

AUTO_RANKDIR_LIMIT = 40
DEFAULT_FONT = "Noto Sans CJK SC,Noto Sans CJK TC,Noto Sans,DejaVu Sans,sans-serif"

# Okabe-Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple
ORANGE, SKY, GREEN, BLUE, VERMILLION, PURPLE = "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7"
GREY = "#555555"


@dataclass(frozen=True, slots=True)
class NodeStyle:
    shape: str
    color: str
    fill: str
    style: str
    peripheries: int = 1
    penwidth: float = 1.2


NODE_STYLES = {
    NodeKind.THESIS: NodeStyle("box", BLUE, "#D6E6F5", "rounded,filled,bold", peripheries=2, penwidth=2.0),
    NodeKind.CLAIM: NodeStyle("box", SKY, "#E6F4FC", "rounded,filled"),
    NodeKind.EVIDENCE: NodeStyle("note", GREEN, "#DDF2EA", "filled"),
    NodeKind.COUNTERCLAIM: NodeStyle("box", VERMILLION, "#FBE3D6", "filled,dashed,diagonals", penwidth=1.5),
    NodeKind.QUESTION: NodeStyle("ellipse", PURPLE, "#F7E4EF", "filled,bold", penwidth=1.8),
}
SOURCE_STYLE = NodeStyle("folder", ORANGE, "#FFF6E0", "rounded,dashed", penwidth=1.5)


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    color: str
    style: str
    arrowhead: str
    dir: str = "forward"
    arrowtail: str = "none"
    label: str | None = None
    penwidth: float = 1.3


EDGE_STYLES = {
    RelationKind.SUPPORTS: EdgeStyle(GREEN, "solid", "normal"),
    RelationKind.ATTACKS: EdgeStyle(VERMILLION, "solid", "tee", penwidth=1.6),
    RelationKind.UNDERCUTS: EdgeStyle(VERMILLION, "dashed", "tee", penwidth=1.6),
    # a caveat: narrows the claim without defeating it (orange, dotted, an open diamond, not a bar)
    RelationKind.QUALIFIES: EdgeStyle(ORANGE, "dotted", "odiamond", penwidth=1.6),
    RelationKind.CONTRADICTS: EdgeStyle(VERMILLION, "bold", "tee", dir="both", arrowtail="tee"),
    RelationKind.ANSWERS: EdgeStyle(PURPLE, "dotted", "empty", penwidth=1.6),
    RelationKind.AGREES_WITH: EdgeStyle(BLUE, "dashed", "dot", dir="both", arrowtail="dot", label="agrees",
                                        penwidth=2.0),
    RelationKind.DISAGREES_WITH: EdgeStyle(VERMILLION, "dashed", "odiamond", dir="both", arrowtail="odiamond",
                                           label="disagrees", penwidth=2.0),
    RelationKind.REFINES: EdgeStyle(SKY, "dashed", "onormal", label=RelationKind.REFINES.value, penwidth=2.0),
    RelationKind.SAME_AS: EdgeStyle("#000000", "dashed", "none", dir="none", label=RelationKind.SAME_AS.value,
                                    penwidth=2.0),
}
SHAPE_WORDS = {NodeKind.THESIS: "▣", NodeKind.CLAIM: "▢", NodeKind.EVIDENCE: "▤", NodeKind.COUNTERCLAIM: "◈",
               NodeKind.QUESTION: "◯"}
# the line, in characters, that stands for each relation in the legend (style and arrowhead)
LINE_SAMPLES = {
    RelationKind.SUPPORTS: "──▶", RelationKind.ATTACKS: "──┤", RelationKind.UNDERCUTS: "╌╌┤", RelationKind.QUALIFIES: "┈┈◇",
    RelationKind.CONTRADICTS: "├──┤", RelationKind.ANSWERS: "┈┈▷", RelationKind.AGREES_WITH: "●╌╌●",
    RelationKind.DISAGREES_WITH: "◇╌╌◇", RelationKind.REFINES: "╌╌▷", RelationKind.SAME_AS: "═ ═",
}
_KIND_HEADS = {kind: kind.value.upper() for kind in NodeKind}  # a label's first words
_VERBS = {kind: kind.value for kind in RelationKind}  # (an enum's value is a property, looked up in Python)
LABEL_WORDS = {"in": "✔ IN", "out": "✘ OUT", "undec": "? UNDEC"}
STRENGTH_WIDTH = {"weak": 0.8, "moderate": 1.4, "strong": 2.6}

# comparison maps: the space between two papers' frames (points), their titles' width (cells), and a pale
# tint per frame (in import order) so that a reader tells the papers apart at a glance
FRAME_GAP = 36
FRAME_TITLE_WIDTH = 56
FRAME_TINTS = ("#FFF8E8", "#EEF5FC", "#EEF8F1", "#FBEFF5", "#F3F3F3", "#FCFBE6")

_DOT_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}
_CONTROL_BUT_LINE_BREAKS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HTML_SPECIAL = re.compile('[&<>"\\]]')


def quote(value: object) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as `\\n`, control characters
    dropped (Graphviz would copy them into SVG, where XML forbids them). Safe for keywords (`node`,
    `graph`...), HTML-special characters and any Unicode text."""
    text = value if type(value) is str else str(value)
    if text.isprintable():  # no control character, no line break (most texts): only `\` and `"` to escape
        if "\\" in text:
            text = text.replace("\\", "\\\\")
        if '"' in text:
            text = text.replace('"', '\\"')
        return f'"{text}"'
    text = _CONTROL_BUT_LINE_BREAKS.sub("", text)  # Cc is exactly U+0000-U+001F and U+007F-U+009F
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


# attributes whose values come from a few styles: each `k="v"` written once (a big map writes them 100,000 times)
_STYLE_ATTRS = frozenset({"shape", "style", "color", "fillcolor", "fontcolor", "target", "arrowhead", "dir",
                          "arrowtail", "constraint"})
_STYLE_ITEMS: dict[tuple[str, str], str] = {}


def attr_list(attrs: dict) -> str:
    """`k="v", ...` for a DOT attribute list, each value quoted (`quote`)."""
    out = []
    for item in attrs.items():
        k, v = item
        if k in _STYLE_ATTRS and type(v) is str:
            written = _STYLE_ITEMS.get(item)
            if written is None:
                written = f"{k}={quote(v)}"
                if len(_STYLE_ITEMS) < 1024:
                    _STYLE_ITEMS[item] = written
            out.append(written)
        else:
            out.append(f"{k}={quote(v)}")
    return ", ".join(out)


def _edge_tooltip(relation: Relation) -> str:
    """`origin verb target`, the note and the quotes, a line each."""
    first = f"{relation.origin} {_VERBS[relation.kind]} {relation.target}"
    if relation.inferred:
        first += " (inferred: the paper does not state this link)"
    if not relation.note and not relation.quotes:
        return first
    lines = [first]
    if relation.note:
        lines.append(relation.note)
    lines += [f"「{q.text}」 — {q.locator}" for q in relation.quotes]
    return "\n".join(lines)


def _edge_style(style: EdgeStyle, penwidth: float) -> dict:
    """An edge style's attributes, in the order an edge writes them before its tooltip."""
    attrs = {"color": style.color, "style": style.style, "arrowhead": style.arrowhead, "penwidth": penwidth}
    if style.dir != "forward":
        attrs["dir"] = style.dir
        attrs["arrowtail"] = style.arrowtail
    return attrs


@functools.lru_cache(maxsize=None)
def _edge_style_attrs(style: EdgeStyle, penwidth: float) -> str:
    """`_edge_style` written out, once per style and width (the short path of most edges)."""
    return attr_list(_edge_style(style, penwidth))


def _node_style(style: NodeStyle) -> dict:
    """A node style's attributes, in the order a node writes them between its `id` and its `tooltip`."""
    return {"shape": style.shape, "style": style.style, "color": style.color, "fillcolor": style.fill,
            "penwidth": style.penwidth}


@functools.lru_cache(maxsize=None)
def _node_style_attrs(style: NodeStyle) -> tuple[str, str]:
    """A node style's attributes written out, once per style (the short path of most nodes): those before
    the `tooltip` (`_node_style`) and those after it."""
    after = f", peripheries={quote(style.peripheries)}" if style.peripheries != 1 else ""
    return attr_list(_node_style(style)), after


def html_text(value: str) -> str:
    """Text for inside an HTML-like label: `& < > "` escaped, control characters dropped, and `]` written
    as `&#93;` (Graphviz 2.43 rejects a text that is only `]` or `]]`)."""
    if _HTML_SPECIAL.search(value) is not None:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        value = value.replace("]", "&#93;")
    if value.isprintable():  # no character of category C (nor a line break) to drop: most texts
        return value
    return "".join(ch for ch in value if ch == "\n" or unicodedata.category(ch)[0] != "C")


def svg_url(link: str) -> str:
    """A safe link (`argmap.core.safety.safe_link`: http(s), quotes and `<>` percent-encoded) for a DOT `URL`:
    Graphviz copies it into the SVG's `xlink:href` as it is, so `&` is written `&amp;` for valid XML."""
    return link.replace("&", "&amp;")


@dataclass(frozen=True, slots=True)
class DotOptions:
    lang: str = "both"  # "en", "zh" or "both"
    width: int = 30  # label width in terminal cells (a CJK character takes two)
    font: str = DEFAULT_FONT
    rankdir: str = "auto"  # "BT", "TB", "LR", "RL", or "auto" (BT for small maps, LR for big ones)
    group: str = "auto"  # "section", "tag", "source", "none"; auto: section, or none in a comparison map
    collapse_evidence: bool = False
    legend: bool = True
    ids: bool = True  # show ids in labels
    selection: Selection = field(default_factory=Selection)
    labels: tuple[tuple[str, str], ...] = ()  # (id, "in" | "out" | "undec") from argmap.semantics
    # --split sections: the ids to draw (instead of the selection), a heading under the title, a link per
    # section cluster to its own diagram, and a link back to the overview (links from `safety.local_link`)
    only: tuple[str, ...] | None = None
    subtitle: str | None = None
    group_links: tuple[tuple[str, str], ...] = ()
    home: str | None = None


def to_dot(model: Model, options: DotOptions = DotOptions()) -> str:
    return render_dot(model, options).text


@dataclass(frozen=True, slots=True)
class DotResult:
    data: bytes | None  # the DOT text, UTF-8: what is written and what Graphviz reads (None: sent to a sink)
    shown: list[str]  # the ids of the nodes drawn, in source order
    title: str

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


def render_dot(model: Model, options: DotOptions = DotOptions(), sink: BinaryIO | None = None) -> DotResult:
    """The DOT text of the map; with `sink` (a binary file), written into it line by line instead of
    returned (`data` is None), so that a big map's drawing is never held whole in memory."""
    writer = _DotWriter(model, options, sink)
    data = writer.write()
    return DotResult(data, writer.shown, writer._title())


class _DotWriter:
    # the short ways of writing most nodes and edges; False writes each through `attr_list` (the same text,
    # tests/test_render.py checks on every map)
    fast = True

    def __init__(self, model: Model, options: DotOptions, sink: BinaryIO | None = None):
        self.model = model
        self.sink = sink
        self.o = options
        shown = list(options.only) if options.only is not None else select(model, options.selection)
        self.evidence_counts: dict[str, int] = {}
        if options.collapse_evidence:
            shown = [i for i in shown if model.node(i).kind is not NodeKind.EVIDENCE]
            for r in model.relations:  # counted once here, not once per node
                origin = model.node(r.origin)
                if origin is not None and origin.kind is NodeKind.EVIDENCE:
                    self.evidence_counts[r.target] = self.evidence_counts.get(r.target, 0) + 1
        self.shown = shown
        self.shown_set = set(shown)
        if options.group == "auto":
            # a comparison map frames each paper; sections inside the frames would only add noise
            self.o = options = replace(options, group="source" if model.imports else "section")
        if options.rankdir == "auto":
            # a big map laid out bottom-to-top is very wide, unless its sections are stacked as bands in the
            # file's order (see _keep_order); without sections, left-to-right is narrower
            sections = {model.node(i).section for i in shown} if options.group == "section" else set()
            small = len(shown) <= AUTO_RANKDIR_LIMIT or (len(sections) > 1 and options.selection.focus is None)
            self.o = options = replace(options, rankdir="BT" if small else "LR")
        # lines encoded as they are made (a few hundred at a time), into the sink or one growing buffer whose
        # bytes `write` returns without a copy: a list of all the lines and their join were two copies of the
        # drawing at once (80 MB each at 100k nodes)
        self.out = sink if sink is not None else io.BytesIO()
        self.pending: list[str] = []  # lines made and not yet written (see `emit`)
        undercut_ids = [r.target for r in model.relations if r.kind is RelationKind.UNDERCUTS]
        self.undercut = {i for i in undercut_ids}
        self.kinds_used: list[NodeKind] = []
        self.labels = dict(options.labels)
        self.sources_drawn = False
        # cluster labels on top: with rankdir=BT, Graphviz's "t" is the bottom
        self._top = "b" if options.rankdir == "BT" else "t"
        self.relations_used: list[RelationKind] = []
        self.band_of: dict[str, int] = {}  # node id -> its group's place in the file (see _keep_order)
        self._head_rows: dict[str, str] = {}  # a label's first row, by its text
        self._source_links: dict[str | None, str | None] = {}  # a source's link, by its id

    # --- text ---------------------------------------------------------------------------------------
    def _texts(self, node: Node, chinese: str | None) -> list[tuple[str, str]]:
        """[(text, role)] of the node, in the languages asked for; role "main" or "second" (`chinese`: the
        node's `text_in("zh")`)."""
        english = node.text
        if self.o.lang == "en" or chinese is None:
            return [(english, "main")]
        if self.o.lang == "zh":
            return [(chinese, "main")]
        return [(english, "main"), (chinese, "second")]

    def _label(self, node: Node, extra: str | None, chinese: str | None) -> str:
        rows = []
        head = _KIND_HEADS[node.kind]
        if node.kind is NodeKind.COUNTERCLAIM and node.status:
            head += f" · {node.status}"
        if node.stance and node.stance != "asserted":
            head += f" · {node.stance}"
        if node.type:
            head += f" · {node.type}"
        if node.date:
            head += f" · {node.date}"
        if self.o.ids:
            head = f"{node.id} · {head.lower()}"
        label = self.labels.get(node.id)
        if label is not None:
            head += f" · {LABEL_WORDS[label]}"
        row = self._head_rows.get(head)
        if row is None:  # a few heads (`CLAIM`, `EVIDENCE · document`) for many nodes: each written once
            row = (f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="8" COLOR="{GREY}">{html_text(head)}'
                   f'</FONT></TD></TR>')
            if not self.o.ids:  # (with ids, every head is another)
                self._head_rows[head] = row
        rows.append(row)
        for text, role in self._texts(node, chinese):
            lines = wrap(text, self.o.width)
            if _HTML_SPECIAL.search(text) is not None or not text.isprintable():
                lines = map(html_text, lines)  # (else html_text leaves each line, made of the text's characters, as it is)
            body = '<BR ALIGN="LEFT"/>'.join(lines)
            size = "11" if role == "main" else "10"
            color = "#111111" if role == "main" else "#333333"
            rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="{size}" COLOR="{color}">{body}'
                        f'<BR ALIGN="LEFT"/></FONT></TD></TR>')
        if extra:
            rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="8" COLOR="{GREEN}">{html_text(extra)}</FONT></TD></TR>')
        return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">' + "".join(rows) + "</TABLE>>"

    def _tooltip(self, node: Node, chinese: str | None) -> str:
        parts = [node.text]
        if chinese:
            parts.append(chinese)
        for q in node.quotes:
            parts.append(f"「{q.text}」 — {q.locator}" if q.locator else f"「{q.text}」")
        parts += [f"Note: {n}" for n in node.notes]
        return "\n".join(parts)

    # --- output -------------------------------------------------------------------------------------
    def emit(self, line: str, depth: int = 1) -> None:
        self.pending.append(f"{'  ' * depth}{line}\n")
        if len(self.pending) >= 512:  # encoded and written 512 lines at a time, not one by one
            self._flush()

    def _flush(self) -> None:
        self.out.write("".join(self.pending).encode("utf-8"))
        self.pending.clear()

    def write(self) -> bytes | None:
        o = self.o
        title = self._title()
        self.pending.append(f"digraph {quote(self.model.file)} {{\n")
        graph_attrs = {
            "rankdir": o.rankdir, "newrank": "true", "compound": "true", "nodesep": "0.3", "ranksep": "0.5",
            "fontname": o.font, "fontsize": "16", "labelloc": "t", "labeljust": "c", "pad": "0.3",
            "bgcolor": "white", "tooltip": title, "label": title,
        }
        self.emit("graph [" + attr_list(graph_attrs) + "];")
        self.emit(f'node [fontname={quote(o.font)}, fontsize="11", margin="0.12,0.06"];')
        self.emit(f'edge [fontname={quote(o.font)}, fontsize="9", arrowsize="0.8"];')
        if o.home:
            self.emit(f'"overview" [shape="box", style="rounded,filled", fillcolor="#FFFFFF", color="{GREY}", '
                      f'label="↑ overview", URL={quote(svg_url(o.home))}, id="overview", tooltip="the overview"];')
        self._clusters()
        self._edges()
        if o.legend:
            self._legend()
        self.pending.append("}\n")
        self._flush()
        if self.sink is not None:
            return None
        data = self.out.getvalue()  # the buffer itself, trimmed (CPython shares it: no second copy)
        self.out = io.BytesIO()
        return data

    def _title(self) -> str:
        title = self._map_title()
        return title + "\n" + self.o.subtitle if self.o.subtitle else title

    def _map_title(self) -> str:
        local = [s for s in self.model.sources if s.namespace is None]
        if len(local) == 1 and not self.model.imports:  # (a comparison's own source is a work it cites)
            s = local[0]
            english = s.text_in("en")
            parts = [english or s.title or s.id]
            if s.title and english and s.title != english and self.o.lang != "en":
                parts.append(s.title)
            byline = ", ".join(x for x in (" · ".join(s.authors), str(s.year) if s.year else "") if x)
            if byline:
                parts.append(byline)
            return "\n".join(parts)
        stem = self.model.file.rsplit("/", 1)[-1].removesuffix(".arg")
        if self.model.imports:
            return f"{stem}: comparison of " + ", ".join(i.namespace for i in self.model.imports)
        return stem

    def _node(self, node: Node, depth: int) -> None:
        style = NODE_STYLES[node.kind]
        if node.kind not in self.kinds_used:
            self.kinds_used.append(node.kind)
        extra = None
        count = self.evidence_counts.get(node.id)
        if count:
            extra = f"+ {count} evidence"
        label = self.labels.get(node.id)
        chinese = node.text_in("zh")  # (for the label and the tooltip)
        url = node.link or self._source_link(node)
        if label is None and self.fast:  # most nodes: the style's attributes as one text, written once per style
            before, after = _node_style_attrs(style)
            written = f"id={quote(f'node-{node.id}')}, {before}, tooltip={quote(self._tooltip(node, chinese))}{after}"
            if url:
                written += f', URL={quote(svg_url(url))}, target="_blank"'
            self.emit(f"{quote(node.id)} [label={self._label(node, extra, chinese)}, {written}];", depth)
            return
        attrs = {"id": f"node-{node.id}", **_node_style(style), "tooltip": self._tooltip(node, chinese)}
        if style.peripheries != 1:
            attrs["peripheries"] = style.peripheries
        if label == "out":  # defeated: greyed
            attrs.update(fillcolor="#EEEEEE", color="#999999", fontcolor="#777777")
        elif label == "undec":  # undecided: a yellow tint
            attrs.update(fillcolor="#FFF3C4")
        elif label == "in":
            attrs["penwidth"] = style.penwidth + 1.2
        if url:
            attrs["URL"] = svg_url(url)
            attrs["target"] = "_blank"
        self.emit(f"{quote(node.id)} [label={self._label(node, extra, chinese)}, {attr_list(attrs)}];", depth)

    def _source_link(self, node: Node) -> str | None:
        if node.source not in self._source_links:  # one source for many nodes: its link made once
            source = self.model.source(node.source) if node.source else None
            self._source_links[node.source] = source.link if source is not None else None
        return self._source_links[node.source]

    def _group_of(self, node: Node) -> str | None:
        if self.o.group == "section":
            return node.section
        if self.o.group == "tag":
            return sorted(node.tags)[0] if node.tags else None
        return None

    def _clusters(self) -> None:
        # source -> group -> nodes, in order of first appearance
        by_source: dict[str | None, dict[str | None, list[Node]]] = {}
        for node_id in self.shown:
            node = self.model.node(node_id)
            source = node.source if self.o.group != "none" else None
            by_source.setdefault(source, {}).setdefault(self._group_of(node), []).append(node)
        cluster = 0
        frames = 0
        bands: list[list[str]] = []  # the node ids of each group cluster, to keep the groups in file order
        # a frame per source where there is more than one (a single paper's map has its title on top)
        self.sources_drawn = len(by_source) > 1 or bool(self.model.imports)
        for source_id, groups in by_source.items():
            source = self.model.source(source_id) if source_id and self.sources_drawn else None
            depth = 1
            if source is not None:
                # a paper's frame inside an invisible cluster whose margin keeps the frames FRAME_GAP apart
                cluster += 1
                self.emit(f"subgraph {quote(f'cluster_{cluster}')} {{")
                self.emit(f'graph [label="", peripheries="0", margin="{FRAME_GAP // 2}", id="frame-{cluster}"];', 2)
                cluster += 1
                self.emit(f"subgraph {quote(f'cluster_{cluster}')} {{", 2)
                label = self._source_label(source)
                tint = FRAME_TINTS[frames % len(FRAME_TINTS)]
                frames += 1
                attrs = {"label": label, "labelloc": self._top, "style": SOURCE_STYLE.style + ",filled",
                         "fillcolor": tint, "color": SOURCE_STYLE.color, "margin": "8",
                         "penwidth": SOURCE_STYLE.penwidth, "fontsize": "13", "tooltip": self._source_label(source, 0),
                         "id": f"source-{source.id}"}
                if source.link:
                    attrs["URL"] = svg_url(source.link)
                self.emit("graph [" + attr_list(attrs) + "];", 3)
                depth = 3
            for group, nodes in groups.items():
                inner = depth
                if group is not None:
                    cluster += 1
                    self.emit(f"subgraph {quote(f'cluster_{cluster}')} {{", depth)
                    link = dict(self.o.group_links).get(group)
                    linked = f", URL={quote(svg_url(link))}, tooltip={quote(group)}" if link else ""
                    self.emit(f'graph [label={quote(group)}, labelloc="{self._top}", style="filled,rounded", fillcolor="#F4F4F4", '
                              f'color="#DDDDDD", fontsize="11", fontcolor="{GREY}"{linked}];', depth + 1)
                    inner = depth + 1
                    bands.append([n.id for n in nodes])
                for node in nodes:
                    self._node(node, inner)
                if group is not None:
                    self.emit("}", depth)
            if source is not None:
                self.emit("}", 2)
                self.emit("}", 1)
        self._keep_order(bands)

    def _keep_order(self, bands: list[list[str]]) -> None:
        """Sections (or tags) in the order of the file, each a band below the one before (BT/TB) or to the
        right of it (LR/RL). Graphviz orders clusters to reduce crossings, which put the NATO map's conclusion
        at the top; ranks it must keep. Two invisible points per band, `top` above every node of the band and
        `bottom` below, and an invisible edge from each band's top to the previous band's bottom: so every
        node of band i+1 lies on a lower rank than every node of band i. Relations that point the other way
        that point the other way (an abstract's claim that a later section argues for) do not constrain the
        ranks (`constraint=false`): they are drawn, as long edges, but the file's order wins."""
        if len(bands) < 2 or self.o.selection.focus is not None:
            return
        self.band_of = {node_id: i for i, band in enumerate(bands) for node_id in band}
        up = self.o.rankdir in ("BT", "RL")  # an edge a -> b draws b above (or right of) a
        for i, band in enumerate(bands):
            for end in ("top", "bottom"):
                self.emit(f'"order:{i}:{end}" [shape="point", style="invis", width="0", height="0", label=""];')
        for i, band in enumerate(bands):
            top, bottom = f'"order:{i}:top"', f'"order:{i}:bottom"'
            for node_id in band:
                if up:
                    self.emit(f'{bottom} -> {quote(node_id)} [style="invis", id="order-{i}-{node_id}-b"];')
                    self.emit(f'{quote(node_id)} -> {top} [style="invis", id="order-{i}-{node_id}-t"];')
                else:
                    self.emit(f'{top} -> {quote(node_id)} [style="invis", id="order-{i}-{node_id}-t"];')
                    self.emit(f'{quote(node_id)} -> {bottom} [style="invis", id="order-{i}-{node_id}-b"];')
            if i:
                previous = f'"order:{i - 1}:bottom"'
                edge = f"{top} -> {previous}" if up else f"{previous} -> {top}"
                self.emit(f'{edge} [style="invis", id="order-{i}"];')

    def _source_label(self, source, width: int = FRAME_TITLE_WIDTH) -> str:
        """A paper's frame title: English title, the original title, authors and year; each wrapped at
        `width` cells (0: not wrapped) so that it sits inside the frame."""
        english = source.text_in("en")
        parts = [english or source.title or source.id]
        if source.title and source.title != parts[0]:
            parts.append(source.title)
        byline = ", ".join(x for x in (" · ".join(source.authors), str(source.year) if source.year else "") if x)
        if byline:
            parts.append(byline)
        if width:
            parts = [line for part in parts for line in wrap(part, width)]
        return "\n".join(parts)

    def _edge_attrs(self, relation: Relation, style: EdgeStyle) -> dict:
        attrs = _edge_style(style, STRENGTH_WIDTH.get(relation.strength or "", style.penwidth))
        if relation.inferred:
            # the mapper's link, not the paper's: the same line, half transparent, labelled
            attrs["color"] = style.color + "80"
        attrs["tooltip"] = _edge_tooltip(relation)
        if style.label:
            attrs["label"] = style.label
            attrs["fontcolor"] = style.color
        if relation.stance and relation.stance != "asserted":
            attrs["label"] = (attrs.get("label", "") + f" ({relation.stance})").strip()
            attrs["fontcolor"] = style.color
        if relation.inferred:
            attrs["label"] = (attrs.get("label", "") + " (inferred)").strip()
            attrs["fontcolor"] = style.color
        return attrs

    def _edges(self) -> None:
        for relation in self.model.relations:
            if relation.kind is RelationKind.UNDERCUTS:
                continue
            if relation.origin not in self.shown_set or relation.target not in self.shown_set:
                continue
            style = EDGE_STYLES[relation.kind]
            if relation.kind not in self.relations_used:
                self.relations_used.append(relation.kind)
            if self.fast and not relation.inferred and style.label is None and relation.stance in (
                    None, "asserted") and (relation.id is None or relation.id not in self.undercut):
                # most edges: no label, no point in the middle; the style's attributes written once
                written = (f"{_edge_style_attrs(style, STRENGTH_WIDTH.get(relation.strength or '', style.penwidth))}"
                           f", tooltip={quote(_edge_tooltip(relation))}, id={quote(f'edge-{relation.key}')}")
                if self._against_bands(relation.origin, relation.target):
                    written += ', constraint="false"'
                self.emit(f"{quote(relation.origin)} -> {quote(relation.target)} [{written}];")
                continue
            attrs = self._edge_attrs(relation, style)
            attrs["id"] = f"edge-{relation.key}"
            if relation.id is not None and relation.id in self.undercut:
                mid = f"rel:{relation.id}"
                self.emit(f'{quote(mid)} [shape="point", width="0.09", color={quote(style.color)}, '
                          f'tooltip={quote(relation.id)}];')
                first = {k: v for k, v in attrs.items() if k not in ("arrowhead", "label")}
                first["arrowhead"] = "none"
                first["id"] = f"edge-{relation.key}-1"
                self._edge(relation.origin, mid, first)
                self._edge(mid, relation.target, attrs)
            else:
                self._edge(relation.origin, relation.target, attrs)
        for relation in self.model.relations:
            if relation.kind is not RelationKind.UNDERCUTS or relation.origin not in self.shown_set:
                continue
            target = self.model.relation(relation.target)
            if target is None or target.origin not in self.shown_set or target.target not in self.shown_set:
                continue
            if RelationKind.UNDERCUTS not in self.relations_used:
                self.relations_used.append(RelationKind.UNDERCUTS)
            attrs = self._edge_attrs(relation, EDGE_STYLES[RelationKind.UNDERCUTS])
            attrs["id"] = f"edge-{relation.key}"
            self._edge(relation.origin, f"rel:{relation.target}", attrs)

    def _edge(self, origin: str, target: str, attrs: dict) -> None:
        if self._against_bands(origin, target):
            attrs = {**attrs, "constraint": "false"}
        self.emit(f"{quote(origin)} -> {quote(target)} [{attr_list(attrs)}];")

    def _against_bands(self, origin: str, target: str) -> bool:
        """The edge leads from an earlier section's band to a later one's (see `_keep_order`): it must not
        pull the bands out of the file's order."""
        a, b = self.band_of.get(origin.removeprefix("rel:")), self.band_of.get(target.removeprefix("rel:"))
        return a is not None and b is not None and a < b

    def _legend(self) -> None:
        """One table node: a swatch per node kind and a line sample per relation kind that occur."""
        if not self.kinds_used and not self.relations_used:
            return
        cells = []
        for kind in NodeKind:
            if kind in self.kinds_used:
                style = NODE_STYLES[kind]
                border = ' STYLE="rounded"' if "rounded" in style.style else ""
                cells.append(f'<TD BGCOLOR="{style.fill}" COLOR="{style.color}" BORDER="{2 if style.peripheries > 1 else 1}"'
                             f'{border} CELLPADDING="4"><FONT POINT-SIZE="9">{SHAPE_WORDS[kind]} {kind.value}</FONT></TD>')
        if self.sources_drawn:
            cells.append(f'<TD COLOR="{SOURCE_STYLE.color}" BORDER="1" STYLE="dashed" CELLPADDING="4">'
                         f'<FONT POINT-SIZE="9">source (frame)</FONT></TD>')
        rows = ['<TR>' + "".join(cells) + "</TR>"] if cells else []
        if self.labels:
            rows.append('<TR><TD CELLPADDING="4"><FONT POINT-SIZE="9">✔ IN: accepted (thick border)</FONT></TD>'
                        '<TD BGCOLOR="#FFF3C4" CELLPADDING="4"><FONT POINT-SIZE="9">? UNDEC: undecided</FONT></TD>'
                        '<TD BGCOLOR="#EEEEEE" CELLPADDING="4"><FONT POINT-SIZE="9" COLOR="#777777">✘ OUT: defeated'
                        '</FONT></TD></TR>')
        relation_cells = []
        for kind in RelationKind:
            if kind in self.relations_used:
                style = EDGE_STYLES[kind]
                relation_cells.append(f'<TD CELLPADDING="3"><FONT POINT-SIZE="9" COLOR="{style.color}">'
                                      f'{html_text(LINE_SAMPLES[kind])} {html_text(kind.value)}'
                                      f'{" (an arrow)" if kind is RelationKind.UNDERCUTS else ""}</FONT></TD>')
        for i in range(0, len(relation_cells), 5):
            rows.append("<TR>" + "".join(relation_cells[i:i + 5]) + "</TR>")
        head = f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="{GREY}">Legend</FONT></TD></TR>'
        # rows of different lengths: each row is a table of its own
        body = "".join(f'<TR><TD><TABLE BORDER="0" CELLSPACING="4">{row}</TABLE></TD></TR>' for row in rows)
        self.emit(f'"legend" [shape="plaintext", id="legend", label=<<TABLE BORDER="1" COLOR="#BBBBBB" '
                  f'CELLBORDER="0" CELLSPACING="0" STYLE="rounded">{head}{body}</TABLE>>];')


def sections_of(model: Model, shown: list[str]) -> list[str]:
    """The sections of the nodes shown, in the file's order (nodes without one are left out)."""
    return list(dict.fromkeys(model.node(i).section for i in shown if model.node(i).section))


def section_ids(model: Model, shown: list[str], section: str) -> tuple[str, ...]:
    """A section's nodes and, drawn in their own sections' frames, the nodes they are directly related to."""
    own = {i for i in shown if model.node(i).section == section}
    visible = set(shown)
    near = set(own)
    for r in model.relations:
        if r.origin in own and r.target in visible:
            near.add(r.target)
        if r.target in own and r.origin in visible:
            near.add(r.origin)
    return tuple(i for i in shown if i in near)


def overview_dot(model: Model, options: DotOptions, shown: list[str], links: dict[str, str]) -> str:
    """The overview of `--split sections`: one box per section (its heading, its nodes counted by kind,
    linked to the section's own diagram), in the file's order, and one arrow per pair of sections and
    relation kind, labelled with how many relations go that way."""
    writer = _DotWriter(model, replace(options, only=tuple(shown), legend=False))
    sections = sections_of(model, shown)
    place = {s: n for n, s in enumerate(sections)}
    lines = [f"digraph {quote(model.file)} {{"]
    title = writer._title() + "\noverview: one box per section; click one for its diagram"
    graph = {"rankdir": "TB", "fontname": options.font, "fontsize": "16", "labelloc": "t", "pad": "0.3",
             "nodesep": "0.3", "ranksep": "0.35", "bgcolor": "white", "label": title, "tooltip": title}
    lines.append("  graph [" + attr_list(graph) + "];")
    lines.append(f'  node [fontname={quote(options.font)}, shape="box", style="rounded,filled", fillcolor="#F4F4F4", '
                 f'color="#999999", fontsize="11", margin="0.15,0.08"];')
    lines.append(f'  edge [fontname={quote(options.font)}, fontsize="9", arrowsize="0.7"];')
    for n, section in enumerate(sections):
        ids = [i for i in shown if model.node(i).section == section]
        counts = [f"{sum(model.node(i).kind is k for i in ids)} {k.value}" for k in NodeKind
                  if any(model.node(i).kind is k for i in ids)]
        heading = '<BR ALIGN="LEFT"/>'.join(html_text(line) for line in wrap(section, max(options.width, 24)))
        label = (f'<<FONT POINT-SIZE="12">{heading}<BR ALIGN="LEFT"/></FONT>'
                 f'<FONT POINT-SIZE="9" COLOR="{GREY}">{html_text(", ".join(counts))}</FONT>>')
        thesis = next((i for i in ids if model.node(i).kind is NodeKind.THESIS), None)
        fill = NODE_STYLES[NodeKind.THESIS].fill if thesis else "#F4F4F4"
        attrs = {"id": f"section-{n + 1}", "tooltip": section, "fillcolor": fill}
        if section in links:
            attrs["URL"] = svg_url(links[section])
        lines.append(f"  {quote(f'section:{n + 1}')} [label={label}, "
                     + attr_list(attrs) + "];")
    for a, b in zip(sections, sections[1:]):  # the file's order, top to bottom
        lines.append(f"  {quote(f'section:{place[a] + 1}')} -> {quote(f'section:{place[b] + 1}')} "
                     f'[style="invis", id="order-{place[b]}"];')
    visible = set(shown)
    flows: dict[tuple[int, int, RelationKind], int] = {}
    for r in model.relations:
        target = model.relation(r.target).target if r.kind is RelationKind.UNDERCUTS and model.relation(r.target) else r.target
        if r.origin not in visible or target not in visible:
            continue
        a, b = model.node(r.origin).section, model.node(target).section
        if a in place and b in place and a != b:
            key = (place[a], place[b], r.kind)
            flows[key] = flows.get(key, 0) + 1
    for (a, b, kind), count in flows.items():  # dicts keep insertion order: the file's order of relations
        style = EDGE_STYLES[kind]
        attrs = {"color": style.color, "style": style.style, "arrowhead": style.arrowhead, "constraint": "false",
                 "label": f"{count} {kind.value}", "fontcolor": style.color, "penwidth": min(1 + count * 0.4, 4),
                 "id": f"flow-{a + 1}-{b + 1}-{kind.value}"}
        lines.append(f"  {quote(f'section:{a + 1}')} -> {quote(f'section:{b + 1}')} ["
                     + attr_list(attrs) + "];")
    lines.append("}")
    return "\n".join(lines) + "\n"
