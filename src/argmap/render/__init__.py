"""Render stage: DOT text -> svg, png or pdf through the system Graphviz programs (`dot`, `neato`, ...),
and atomic output files.

Input: DOT text from `argmap.render.dot`. Output: bytes (the CLI writes them with `argmap.io.write_atomic`).
Errors are returned as diagnostics: AM404
(Graphviz missing), AM405 (Graphviz failed, or the output cannot be written). Graphviz runs as a child
process that dies with argmap (Ctrl-C, SIGTERM or SIGKILL).
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
    import subprocess

    try:
        child = subprocess.Popen([shutil.which(engine) or engine, f"-T{fmt}"], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
    except OSError as error:
        return None, [make("AM404", Span(where, 1, 1, 1, 1), f"the Graphviz program `{engine}` cannot run: {error}",
                           hint="install Graphviz (Debian: `apt-get install graphviz`), or use `--format dot`")]
    try:
        data, errors = child.communicate(dot_text.encode("utf-8"))
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
