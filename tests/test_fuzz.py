"""The fuzzing harness (tests/fuzz/fuzz.py) on a fixed seed: mutants of every map and example give only
diagnostics, and fmt and JSON round trips hold. A long run: `python tests/fuzz/fuzz.py --cases 20000`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))

from fuzz import SEEDS, fuzz, run_case  # noqa: E402


def test_fixed_seed_fuzz_run_finds_nothing():
    failures = fuzz(cases=600, seed=20261202, quiet=True)
    assert not failures, "\n".join(f"case {f.case} ({f.seed_file}) {f.stage}: {f.detail[-400:]}" for f in failures)


def test_harness_reports_a_formatter_that_changes_meaning(monkeypatch):
    # the harness is not blind: with a formatter that drops the last statement it reports the case
    import argmap.language.fmt as fmt

    real = fmt.format_document
    monkeypatch.setattr(fmt, "format_document", lambda d: real(type(d)(d.file, d.statements[:-1], d.comments)))
    seed = Path(__file__).parents[1] / "examples" / "02_counterclaims.arg"
    found = run_case(seed.read_bytes(), "examples/02_counterclaims.arg")
    assert found is not None and found[0] == "fmt"
    monkeypatch.setattr(fmt, "format_document", real)
    assert run_case(seed.read_bytes(), "examples/02_counterclaims.arg") is None
    assert len(SEEDS) >= 10
