"""Render stage: model + `RenderRequest` -> `RenderResult` (artifacts as bytes, and diagnostics).

`render(model, request)` is the one library entry point: the CLI's `render` command, watch mode and the
site all call it, and so can a notebook. It draws DOT (`argmap.render.dot`), runs the system Graphviz
programs (`dot`, `neato`, ...) for svg, png or pdf, builds the viewer page (`argmap.render.html`), adds
labels, and with `split="sections"` draws an overview plus one diagram per section, linked both ways. It
writes nothing: the caller writes each artifact with `argmap.io.write_atomic`, at `artifact.name(stem)`.
Errors are returned as diagnostics: AM211 (`--focus` names no node), AM404
(Graphviz missing), AM405 (Graphviz failed, or the output cannot be written). Graphviz runs as a child
process that dies with argmap (Ctrl-C, SIGTERM or SIGKILL).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, BinaryIO

from argmap.core.diagnostics import Diagnostic, Span, make

if TYPE_CHECKING:  # the real imports are inside render(): `argmap --help` stays fast
    from argmap.core.model import Model
    from argmap.render.dot import DotOptions

FORMATS = ("svg", "png", "pdf", "dot", "html")
SPLITS = ("none", "sections")
# a PNG's longer side at most this many pixels: Graphviz's 96 dpi made the NATO map 3387x22118 px (8.7 MB);
# a big map is scaled down to fit (`--split sections` is the legible version of a big map)
PNG_MAX_SIDE = 8000
PNG_DPI = 96


@dataclass(frozen=True, slots=True)
class RenderRequest:
    """What to draw: formats, the DOT options (language, selection, layout...), labels and splitting."""

    formats: tuple[str, ...] = ("svg",)
    options: DotOptions | None = None  # None: DotOptions()
    engine: str = "dot"
    labels: str = "none"  # "none", "grounded" or "preferred"
    split: str = "none"  # "none", or "sections": an overview plus one diagram per section


@dataclass(frozen=True, slots=True)
class Artifact:
    """One output: `part` is None for the map itself, "overview" or "s01", "s02"... with `--split sections`."""

    fmt: str
    data: bytes
    part: str | None = None

    def name(self, stem: str) -> str:
        """The file name beside the map's others: `stem.svg`, `stem.s01.svg`..."""
        return f"{stem}.{self.part}.{self.fmt}" if self.part and self.part != "overview" else f"{stem}.{self.fmt}"


@dataclass(frozen=True, slots=True)
class RenderResult:
    artifacts: tuple[Artifact, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    title: str = ""
    shown: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not any(d.severity.value == "error" for d in self.diagnostics)


def render(model: Model, request: RenderRequest = RenderRequest(), stem: str | None = None,
           sink: BinaryIO | None = None) -> RenderResult:
    """Draw `model` as asked. `stem` is the file name (without extension) the artifacts will be written
    under; the split diagrams link to each other by it (default: the map's file name).

    With `sink` (a binary file) and a request for DOT alone, unsplit, the DOT is written into it as it is
    made and no artifact is returned: a 100k-node map's drawing (80 MB) is never held whole in memory."""
    if sink is not None and (request.formats != ("dot",) or request.split != "none"):
        raise ValueError("a sink takes the DOT of one unsplit drawing")
    from pathlib import Path

    from argmap.core.safety import local_link
    from argmap.render.dot import DotOptions, overview_dot, render_dot, section_ids, sections_of

    where = model.file
    options = request.options or DotOptions()
    focus = options.selection.focus
    if focus is not None and model.node(focus) is None:
        return RenderResult(diagnostics=(make("AM211", None, f"`--focus {focus}`: no node `{focus}` in {where}"),))
    labelled: dict[str, str] = {}
    if request.labels in ("grounded", "preferred"):
        from argmap.analysis.semantics import grounded, preferred, verdicts_framework

        af, _failed = verdicts_framework(model)  # as `argmap analyze` does by default
        found = grounded(af) if request.labels == "grounded" else (preferred(af, limit=1) or [{}])[0]
        labelled = {k: v for k, v in found.items() if model.node(k) is not None}
        options = replace(options, labels=tuple(labelled.items()))
    drawn = render_dot(model, options, sink)
    if sink is not None:
        return RenderResult((), (), drawn.title, tuple(drawn.shown))
    diagnostics: list[Diagnostic] = []
    artifacts: list[Artifact] = []
    svg: tuple[bytes | None, list[Diagnostic]] | None = None  # drawn once for svg and html
    for fmt in request.formats:
        if fmt in ("svg", "html"):
            if svg is None:
                svg = render_bytes(drawn.data, "svg", request.engine, where)
                diagnostics += svg[1]
            data = svg[0]
            if fmt == "html" and data is not None:
                from argmap.render.html import to_html

                data = to_html(model, data, drawn.shown, drawn.title, labelled,
                               request.labels if labelled else None).encode("utf-8")
        else:
            data, found_problems = render_bytes(drawn.data, fmt, request.engine, where)
            diagnostics += found_problems
        if data is not None:
            artifacts.append(Artifact(fmt, data))
    if request.split == "sections":
        stem = stem or Path(where).stem
        sections = sections_of(model, drawn.shown)
        parts = [f"s{n + 1:02d}" for n in range(len(sections))]
        for fmt in (f for f in request.formats if f in ("svg", "png", "pdf", "dot")):
            links = {s: link for s, p in zip(sections, parts)
                     if (link := local_link(Artifact(fmt, b"", p).name(stem))) is not None} if fmt == "svg" else {}
            home = local_link(f"{stem}.{fmt}") if fmt == "svg" else None
            overview = overview_dot(model, options, drawn.shown, links)
            if request.formats.count(fmt):
                artifacts = [a for a in artifacts if not (a.fmt == fmt and a.part is None)]
            data, problems = render_bytes(overview, fmt, "dot", where)
            diagnostics += problems
            if data is not None:
                artifacts.append(Artifact(fmt, data, "overview"))
            for section, part in zip(sections, parts):
                one = replace(options, only=section_ids(model, drawn.shown, section), subtitle=section,
                              group_links=tuple(links.items()), home=home)
                data, problems = render_bytes(render_dot(model, one).data, fmt, request.engine, where)
                diagnostics += problems
                if data is not None:
                    artifacts.append(Artifact(fmt, data, part))
    return RenderResult(tuple(artifacts), tuple(diagnostics), drawn.title, tuple(drawn.shown))


def graphviz_available(engine: str = "dot") -> bool:
    return shutil.which(engine) is not None


def render_bytes(dot_text: str | bytes, fmt: str, engine: str, where: str,
                 extra: tuple[str, ...] = ()) -> tuple[bytes | None, list[Diagnostic]]:
    """The rendered file (svg, png, pdf, dot), or the diagnostic that says why there is none.
    (html is the svg in a page: see `argmap.render.html`.)"""
    data_in = dot_text.encode("utf-8") if isinstance(dot_text, str) else dot_text
    if fmt == "dot":
        return data_in, []
    if fmt == "png":  # scaled down (never up) to fit PNG_MAX_SIDE; one layout, no second pass
        side = PNG_MAX_SIDE / PNG_DPI
        extra = (*extra, f"-Gdpi={PNG_DPI}", f"-Gsize={side:.2f},{side:.2f}")
    if not graphviz_available(engine):
        return None, [make("AM404", Span(where, 1, 1, 1, 1),
                           f"cannot render {fmt}: the Graphviz program `{engine}` is not installed",
                           hint="install Graphviz (Debian: `apt-get install graphviz`), or use `--format dot`")]
    import subprocess

    try:
        child = subprocess.Popen([shutil.which(engine) or engine, f"-T{fmt}", *extra], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
    except OSError as error:
        return None, [make("AM404", Span(where, 1, 1, 1, 1), f"the Graphviz program `{engine}` cannot run: {error}",
                           hint="install Graphviz (Debian: `apt-get install graphviz`), or use `--format dot`")]
    try:
        data, errors = child.communicate(data_in)
    except BaseException:  # Ctrl-C or an error here: the child does not outlive us
        child.kill()
        child.wait()
        raise
    if child.returncode != 0:
        message = errors.decode("utf-8", "replace").strip().splitlines()
        return None, [make("AM405", Span(where, 1, 1, 1, 1),
                           f"Graphviz failed: {message[-1] if message else f'exit status {child.returncode}'}")]
    return data, []


def _die_with_parent() -> None:
    """In the Graphviz child, before it runs: ask Linux to kill it when argmap dies (even by SIGKILL)."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: Ctrl-C still kills the child (see render_bytes)
        pass

