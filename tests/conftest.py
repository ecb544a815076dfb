"""Shared fixtures: golden files (`--update-golden` rewrites them; review the diff like code)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples on every run (a failure there is reproducible, not a coin toss); locally,
# property tests draw new examples each run and keep finding new cases.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# `check` caches diagnostics (argmap.cache): the suite uses a cache of its own, never the user's
os.environ.setdefault("ARGMAP_CACHE_DIR", tempfile.mkdtemp(prefix="argmap-test-cache-"))

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
PAPERS = ROOT.parent / "shared" / "papers"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture
def golden(request):
    """`golden("stage/case.ext", text)` compares text with the golden file (or writes it with --update-golden)."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if not update and not path.exists():
            pytest.fail(f"golden file {name} is missing; run pytest --update-golden and review it")
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"output differs from golden file {name} (pytest --update-golden to accept)"

    return check


@pytest.fixture
def in_root(monkeypatch):
    """Run with the repository root as current directory (paths in diagnostics are relative to it)."""
    monkeypatch.chdir(ROOT)
    return ROOT
