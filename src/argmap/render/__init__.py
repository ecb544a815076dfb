"""Render stage: DOT text -> svg, png or pdf through the system Graphviz (via the `graphviz` package),
and atomic output files.

Input: DOT text from `argmap.render.dot`. Output: bytes, written with `write_atomic` (a temporary file in the
same folder, then a rename: a failure leaves no partial file). Errors are returned as diagnostics: AM404
(Graphviz missing), AM405 (Graphviz failed, or the output cannot be written). `graphviz` is imported lazily.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..diagnostics import Diagnostic, Span, make

FORMATS = ("svg", "png", "pdf", "dot")
ENGINES = ("dot", "neato", "fdp", "sfdp")


def graphviz_available(engine: str = "dot") -> bool:
    return shutil.which(engine) is not None


def render_bytes(dot_text: str, fmt: str, engine: str, where: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The rendered file, or the diagnostic that says why there is none."""
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


def write_atomic(path: Path, data: bytes, where: str) -> list[Diagnostic]:
    """Write `data` to `path` so that readers see the old file or the whole new one, never a part."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as error:
        return [make("AM405", Span(where, 1, 1, 1, 1), f"cannot write `{path}`: {error.strerror or error}")]
    return []
