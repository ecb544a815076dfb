"""Outputs do not depend on the process: DOT, JSON and diagnostics are byte-identical under different hash
seeds (set and dict iteration over strings changes with PYTHONHASHSEED, so one process cannot show this)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import ROOT

MAPS = ["maps/japan_nato_cooperation.arg", "maps/comparisons/bandwagoning_or_balancing.arg"]


def _run(seed: str, *args: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "argmap", *args], cwd=ROOT, env=env, capture_output=True,
                          timeout=300)
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout


@pytest.mark.parametrize("path", MAPS)
def test_dot_json_and_diagnostics_are_the_same_under_two_hash_seeds(path):
    for args in (("render", path, "-o", "-", "--format", "dot"), ("export", path, "--format", "json", "-o", "-"),
                 ("check", path, "--format", "json"), ("analyze", path, "--format", "json")):
        first, second = _run("1", *args), _run("2", *args)
        assert first, args
        assert first == second, f"{' '.join(args)} differs between hash seeds"
