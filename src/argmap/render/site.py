"""Render stage, site: `argmap render maps/ -o site/` also writes `site/index.html`, and skips up-to-date maps.

The index lists every map and comparison rendered into the folder: its title in English and in the paper's
language, authors, year, how many nodes of each kind, and links to its page, SVG and PNG (whichever were
asked for). It is one self-contained page from a Jinja2 template with autoescaping, no script at all, and a
Content-Security-Policy as strict as the viewer's (no network, no script). Links are relative file names made
by argmap and passed through `argmap.core.safety.local_link`.

Up to date: a map is not redone when every output asked for exists and is newer than the map, every file it
imports and every full text it cites, and the request (formats, options, argmap's version) is the one the
folder was last rendered with (kept in `.argmap-render.json` in the folder). `--force` redoes everything.
The index and that record are rewritten only when their content changes, so a second run writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from argmap import __version__
from argmap.core.diagnostics import Diagnostic
from argmap.core.model import Model, NodeKind

MANIFEST = ".argmap-render.json"
INDEX = "index.html"
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")


def request_key(request) -> str:
    """A digest of the request and argmap's version, the same in every process (sets sorted: a frozenset's
    repr follows the hash seed)."""
    from dataclasses import asdict

    def plain(value):
        if isinstance(value, (set, frozenset)):
            return sorted(value)
        raise TypeError(type(value).__name__)

    text = json.dumps([asdict(request), __version__], default=plain, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def dependencies(model: Model) -> set[Path]:
    """Every file the rendering of `model` depends on: the map, the maps it imports (at any depth: their
    nodes and sources keep their own file in their spans) and the full texts its sources cite."""
    files = {model.file}
    files |= {s.span.file for s in model.sources} | {n.span.file for n in model.nodes}
    files |= {i.span.file for i in model.imports} | {r.span.file for r in model.relations}
    found = {Path(f) for f in files if f and not f.startswith("<")}
    for source in model.sources:
        if source.fulltext:
            found.add(Path(source.span.file).parent / source.fulltext)
    return found


def _mtime(path: Path) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


@dataclass
class Entry:
    title: str
    title_zh: str | None
    authors: str
    year: str
    counts: list[tuple[str, int]]
    links: list[tuple[str, str]]  # (format, relative link)
    comparison: bool
    warnings: int


@dataclass
class Site:
    out: Path
    request: object
    force: bool = False
    entries: list[Entry] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.key = request_key(self.request)
        try:
            self.previous = json.loads((self.out / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.previous = {}

    def up_to_date(self, model: Model, destinations: dict[str, Path]) -> bool:
        if self.force or self.previous.get("request") != self.key:
            return False
        outputs = [_mtime(d) for d in destinations.values()]
        inputs = [_mtime(d) for d in dependencies(model)]
        if any(t is None for t in outputs) or any(t is None for t in inputs):
            return False
        return min(outputs) >= max(inputs)

    def add(self, path: Path, model: Model, destinations: dict[str, Path], diagnostics) -> None:
        from argmap.core.safety import local_link
        from argmap.render.dot import DotOptions, render_dot

        local = [s for s in model.sources if s.namespace is None]
        # a comparison's papers are the imported maps' sources (a source of its own is a work they cite)
        papers = [s for s in model.sources if s.namespace is not None] if model.imports else (local or list(model.sources))
        if len(local) == 1 and not model.imports:
            s = local[0]
            title = s.text_in("en") or s.title or s.id
            title_zh = s.title if s.title and s.title != title else s.text_in("zh")
        else:
            title = render_dot(model, DotOptions(legend=False)).title.split("\n")[0]
            title_zh = None
        authors = "; ".join(dict.fromkeys(a for s in papers for a in s.authors))
        years = sorted({s.year for s in papers if s.year})
        year = str(years[0]) if len(years) == 1 else (f"{years[0]}–{years[-1]}" if years else "")
        nodes = list(model.local_nodes()) if not model.imports else list(model.nodes)
        counts = [(k.value, sum(n.kind is k for n in nodes)) for k in NodeKind if any(n.kind is k for n in nodes)]
        links = []
        for fmt in ("html", "svg", "png", "pdf"):
            if fmt in destinations:
                relative = destinations[fmt].relative_to(self.out).as_posix()
                link = local_link(relative)
                if link is not None:
                    links.append((fmt, link))
                    if fmt == "html" and model.imports:  # a comparison's page opens on its stance matrix too
                        links.append(("matrix", link + "#matrix"))
        warnings = sum(d.severity.value == "warning" for d in diagnostics)
        self.entries.append(Entry(title, title_zh, authors, year, counts, links, bool(model.imports), warnings))

    def finish(self) -> list[Diagnostic]:
        from argmap.io import write_atomic

        problems: list[Diagnostic] = []
        for name, data in ((INDEX, index_html(self.entries).encode("utf-8")),
                           (MANIFEST, (json.dumps({"request": self.key}) + "\n").encode("utf-8"))):
            path = self.out / name
            try:
                if path.read_bytes() == data:
                    continue
            except OSError:
                pass
            found = write_atomic(path, data, str(path))
            problems += found
            if not found:
                self.written.append(path)
        return problems


def index_html(entries: list[Entry]) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("argmap.render", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    maps = [e for e in entries if not e.comparison]
    comparisons = [e for e in entries if e.comparison]
    return env.get_template("index.html.j2").render(maps=maps, comparisons=comparisons, csp=CSP,
                                                   version=__version__)
