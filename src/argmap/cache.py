"""A cache of each map's diagnostics, so that checking an unchanged folder again costs one hash per file.

An entry is keyed on argmap's version, the settings that change what a check finds (`--forbid-outside-paths`,
the project's `pyproject.toml` / `argmap.toml`), the map's path and its bytes. It records every file the
result depended on (the maps it imports, directly or not, and the full texts their quotes were checked
against) with a hash of each; it is used only while all of them still hash the same. So after editing one
file only it and the maps that depend on it are checked again.

Entries are JSON files under `$ARGMAP_CACHE_DIR`, else `$XDG_CACHE_HOME/argmap`, else `~/.cache/argmap`,
written atomically. `ARGMAP_NO_CACHE=1` or `check --no-cache` turns the cache off; a cache that cannot be
read or written is ignored (it only ever saves time).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from argmap import __version__
from argmap.core.diagnostics import Diagnostic, Related, Severity, Span

FORMAT = 1


def directory() -> Path:
    if os.environ.get("ARGMAP_CACHE_DIR"):
        return Path(os.environ["ARGMAP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "argmap"


def enabled() -> bool:
    return os.environ.get("ARGMAP_NO_CACHE", "") in ("", "0")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hash_file(path: Path) -> str | None:
    try:
        with open(path, "rb") as f:
            return _digest(f.read())
    except OSError:
        return None


class DiagnosticsCache:
    def __init__(self, settings: str, root: Path | None = None):
        self.root = root or directory()
        self.settings = settings
        self.hits = 0
        self.misses = 0

    def key(self, path: Path, data: bytes, given: Path | None = None) -> str:
        from argmap.io import project_root

        project = project_root(path)
        config = b"".join((_hash_file(project / name) or "-").encode() for name in ("pyproject.toml", "argmap.toml"))
        # the path as given and the current folder too: diagnostics name files relative to it
        material = b"\0".join([f"argmap {__version__} cache {FORMAT}".encode(), self.settings.encode(), config,
                               os.fsencode(os.getcwd()), os.fsencode(str(given or path)),
                               os.fsencode(str(path)), data])
        return _digest(material)

    def _entry(self, key: str) -> Path:
        return self.root / "diagnostics" / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Diagnostic] | None:
        try:
            entry = json.loads(self._entry(key).read_text(encoding="utf-8"))
            depends = entry.get("depends", {}).items()
            stored = entry["diagnostics"]
        except (OSError, ValueError, AttributeError, KeyError, TypeError):  # none, or not an entry we wrote
            self.misses += 1
            return None
        for dependency, digest in depends:
            if _hash_file(Path(dependency)) != digest:
                self.misses += 1
                return None
        try:
            found = [_diagnostic(d) for d in stored]
        except (AttributeError, KeyError, TypeError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, depends: set[Path], diagnostics: list[Diagnostic]) -> None:
        from argmap.io import write_atomic

        hashes = {}
        for dependency in sorted(depends):
            digest = _hash_file(dependency)
            if digest is None:  # it could not be read: its diagnostic must not outlive the file's coming back
                return
            hashes[str(dependency)] = digest
        entry = {"argmap": __version__, "depends": hashes, "diagnostics": [d.to_dict() for d in diagnostics]}
        try:
            self._entry(key).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self._entry(key), json.dumps(entry, ensure_ascii=False).encode("utf-8"), "cache",
                         durable=False)
        except OSError:
            pass


def _span(d: dict | None) -> Span | None:
    return None if d is None else Span(d["file"], d["line"], d["column"], d["end_line"], d["end_column"])


def _diagnostic(d: dict) -> Diagnostic:
    return Diagnostic(d["code"], Severity(d["severity"]), _span(d.get("span")), d["message"], d.get("hint"),
                      tuple(Related(_span(r["span"]), r["message"]) for r in d.get("related", ())))
