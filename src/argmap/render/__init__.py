"""Render stage: DOT text -> svg, png or pdf through the system Graphviz (via the `graphviz` package),
and atomic output files.

Input: DOT text from `argmap.render.dot`. Output: bytes (the CLI writes them with `argmap.files.write_atomic`).
Errors are returned as diagnostics: AM404
(Graphviz missing), AM405 (Graphviz failed, or the output cannot be written). `graphviz` is imported lazily.
"""

from __future__ import annotations

import shutil

from argmap.core.diagnostics import Diagnostic, Span, make

FORMATS = ("svg", "png", "pdf", "dot", "html")


def graphviz_available(engine: str = "dot") -> bool:
    return shutil.which(engine) is not None


def render_bytes(dot_text: str, fmt: str, engine: str, where: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The rendered file (svg, png, pdf, dot), or the diagnostic that says why there is none.
    (html is the svg in a page: see `argmap.render.html`.)"""
    if fmt == "dot":
        return dot_text.encode("utf-8"), []
    if not graphviz_available(engine):
        return None, [make("AM404", Span(where, 1, 1, 1, 1),
                           f"cannot render {fmt}: the Graphviz program `{engine}` is not installed",
                           hint="install Graphviz (Debian: `apt-get install graphviz`), or use `--format dot`")]
    import graphviz

    try:
        data = graphviz.Source(dot_text, engine=engine).pipe(format=fmt, encoding=None, quiet=True)
    except graphviz.ExecutableNotFound:
        return None, [make("AM404", Span(where, 1, 1, 1, 1), f"the Graphviz program `{engine}` was not found",
                           hint="install Graphviz (Debian: `apt-get install graphviz`), or use `--format dot`")]
    except graphviz.CalledProcessError as error:
        message = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        return None, [make("AM405", Span(where, 1, 1, 1, 1), f"Graphviz failed: {message[-1] if message else error}")]
    return data, []
