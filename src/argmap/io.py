"""Files in and out, bounded and safe.

In: `read_bounded` reads a regular file of at most MAX_FILE_BYTES (never a device, a FIFO or a folder, so
`/dev/zero` or `/dev/stdin` named as a full text cannot exhaust memory or block). `PathPolicy` knows the
project folder and says when a path named by a map (`import`, `fulltext:`) leaves it.
Out: `write_atomic` writes so that readers see the old file or the whole new one, never a part, keeping the
file's mode and owner, writing through symlinks to their target, and keeping hard links. Problems are
returned as diagnostics (AM405), never raised.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable

from argmap.core.diagnostics import Diagnostic, Severity, Span, make


def write_atomic(path: Path, data: "bytes | Callable[[BinaryIO], bool | None]", where: str,
                 durable: bool = True) -> list[Diagnostic]:
    """Write `data` to `path` so that readers see the old file or the whole new one, never a part.

    `data` is the bytes, or a function that writes them into the binary file it is given (a drawing of a
    big map, written as it is made rather than held whole in memory); if it returns False, nothing is
    written and the old file stays.

    `durable=False` skips the sync to disk before the rename (for a cache, whose entry may be lost in a power
    cut and is then computed again: a sync costs some 5 ms a file, half the time of checking a folder).

    A symlink is written through (its target gets the new text, the link stays); an existing file keeps
    its mode and, where we may, its owner; a file with several hard links is rewritten in place (a rename
    would split it from its other names), after the new text was written and synced beside it.
    """
    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        try:
            existing = os.stat(target)
        except FileNotFoundError:
            existing = None
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                if callable(data):
                    if data(handle) is False:
                        handle.close()
                        os.unlink(tmp)
                        return []
                else:
                    handle.write(data)
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
            if existing is None:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
            else:
                os.chmod(tmp, stat.S_IMODE(existing.st_mode))
                if hasattr(os, "chown") and (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
                    try:
                        os.chown(tmp, existing.st_uid, existing.st_gid)
                    except PermissionError:
                        pass  # only root may give a file away; the mode is kept all the same
            if existing is not None and existing.st_nlink > 1 and stat.S_ISREG(existing.st_mode):
                with open(target, "r+b") as handle, open(tmp, "rb") as written:  # keep the inode: every
                    shutil.copyfileobj(written, handle)  # hard link sees the new text
                    handle.truncate()
                    handle.flush()
                    os.fsync(handle.fileno())
                os.unlink(tmp)
            else:
                os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except (OSError, ValueError) as error:
        return [make("AM405", Span(where, 1, 1, 1, 1), f"cannot write `{path}`: {_reason(error)}")]
    return []


MAX_FILE_BYTES = 50 * 1024 * 1024  # a map or a full text larger than this is refused (50 MiB)


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> tuple[bytes | None, str | None]:
    """(the file's bytes, None), or (None, why it cannot be read) in the user's words."""
    try:
        info = os.stat(path)
    except (OSError, ValueError) as error:
        return None, _reason(error)
    if stat.S_ISDIR(info.st_mode):
        return None, "it is a folder"
    if not stat.S_ISREG(info.st_mode):
        return None, "it is not a regular file (a device, a pipe or a socket)"
    if info.st_size > limit:
        return None, f"it is larger than {limit // (1024 * 1024)} MiB ({info.st_size // (1024 * 1024)} MiB)"
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        return None, _reason(error)
    if len(data) > limit:
        return None, f"it is larger than {limit // (1024 * 1024)} MiB"
    return data, None


def _reason(error: Exception) -> str:
    if isinstance(error, ValueError):  # an embedded NUL
        return "the path holds a NUL character"
    return (getattr(error, "strerror", None) or str(error)).lower()


def project_root(start: Path) -> Path:
    """The project folder of a file: the nearest folder above it with `pyproject.toml`, `argmap.toml` or
    `.git`; else the file's own folder."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in ("argmap.toml", "pyproject.toml", ".git")):
            return candidate
    return folder


def _allowed_paths(root: Path) -> tuple[Path, ...]:
    """Folders outside the project that its maps may read: `[tool.argmap] allowed-paths` in pyproject.toml
    (or `allowed-paths` in argmap.toml), relative to the project folder."""
    import tomllib

    for name, table in (("argmap.toml", ()), ("pyproject.toml", ("tool", "argmap"))):
        config = root / name
        if not config.is_file():
            continue
        try:
            data = tomllib.loads(config.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return ()
        for key in table:
            data = data.get(key, {}) if isinstance(data, dict) else {}
        paths = data.get("allowed-paths", []) if isinstance(data, dict) else []
        return tuple((root / p).resolve() for p in paths if isinstance(p, str))
    return ()


@dataclass
class PathPolicy:
    """Where maps may read from: inside their project folder, or an allowed path. `forbid` makes a path
    that leaves them an error (and the file is not read); otherwise it is a warning (AM315)."""

    forbid: bool = False
    _roots: dict = field(default_factory=dict, repr=False)  # folder -> (project folder, allowed paths)

    def outside(self, path: Path, importer: Path) -> Path | None:
        """The project folder that `path` (named in the file `importer`) leaves, or None when it stays."""
        folder = importer.resolve().parent
        if folder not in self._roots:
            root = project_root(folder)
            self._roots[folder] = (root, _allowed_paths(root))
        root, allowed = self._roots[folder]
        try:
            target = path.resolve()
        except (OSError, ValueError):
            return None
        if any(target.is_relative_to(base) for base in (root, *allowed)):
            return None
        return root


def display_path(path: Path) -> str:
    """The path as users like to see it: relative to the current directory when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def outside_diagnostic(span: Span, what: str, path: Path, root: Path, forbid: bool) -> Diagnostic:
    """AM315: a path named by a map leaves the project folder (an error with --forbid-outside-paths)."""
    return make("AM315", span, f"the {what} `{display_path(path)}` lies outside the project folder "
                f"`{display_path(root)}`" + ("; it is not read" if forbid else ""),
                hint="list the folder under `[tool.argmap] allowed-paths` in the project's pyproject.toml "
                     "(or argmap.toml), or move the file into the project",
                severity=Severity.ERROR if forbid else None)
