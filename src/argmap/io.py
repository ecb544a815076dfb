"""Output files: written atomically (a temporary file in the same folder, then a rename), so a failure
leaves the old file or no file, never a part of one. Problems are returned as diagnostics (AM405)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from argmap.core.diagnostics import Diagnostic, Span, make


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
