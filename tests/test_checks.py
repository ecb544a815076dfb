"""The checks declare the codes they report (`@reports`), and a run that shows errors only (`render` of one
file: `Workspace(warnings=False)`) leaves out the checks that can only warn and finds every error the full
run finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.checks import rules
from argmap.core.diagnostics import CODES, Severity
from argmap.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for d in ("maps", "examples", "tests") for p in (ROOT / d).rglob("*.arg"))

# a comparison map that states no question (AM309): no file of the project is one
NO_QUESTION = '''import "a.arg" as a
claim c "A claim of the comparison" {
  supports a.t
}
'''


def _reported() -> dict[str, set[str]]:
    """check name -> the codes it reported on every file of the project (and on NO_QUESTION)."""
    found: dict[str, set[str]] = {check.__name__: set() for check in rules.CHECKS}
    models = [Workspace().load(path).model for path in FILES]
    models.append(Workspace().run(NO_QUESTION, "no_question.arg").model)
    for model in models:
        if model is None:
            continue
        for check in rules.CHECKS:
            found[check.__name__] |= {d.code for d in check(model)}
    return found


def test_every_check_declares_known_codes_and_reports_only_those():
    reported = _reported()
    for check in rules.CHECKS:
        assert check.codes, f"{check.__name__} declares no codes (@reports)"
        assert set(check.codes) <= set(CODES), check.__name__
        assert reported[check.__name__] <= set(check.codes), check.__name__
    # and the project's files (with NO_QUESTION) make every check report something, so the line above tests each
    assert {name for name, codes in reported.items() if not codes} == set()


def test_only_the_checks_that_can_report_an_error_run_without_warnings():
    can_fail = [c.__name__ for c in rules.CHECKS if any(CODES[x].severity is Severity.ERROR for x in c.codes)]
    assert can_fail == ["check_relation_kinds", "check_self_relations"]
    model = Workspace().load(ROOT / "tests" / "cases" / "diagnostics" / "check_warnings.arg").model
    full = rules.run(model)
    assert {d.severity for d in full} == {Severity.ERROR, Severity.WARNING}
    assert rules.run(model, warnings=False) == [d for d in full if d.severity is Severity.ERROR]


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_a_workspace_without_warnings_finds_every_error_and_nothing_else(path):
    full = Workspace().load(path)
    errors_only = Workspace(warnings=False).load(path)
    assert errors_only.diagnostics == tuple(d for d in full.diagnostics if d.severity is Severity.ERROR)
    assert errors_only.model == full.model
