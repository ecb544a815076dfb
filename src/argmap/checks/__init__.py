"""Checks on a built model: structural rules (`rules`) and quote verification against full texts (`quotes`)."""

from __future__ import annotations

from typing import Callable, TypeVar

C = TypeVar("C", bound=Callable)


def reports(*codes: str) -> Callable[[C], C]:
    """Declare the codes a check reports (`check.codes`): a run that shows errors only (`rules.run(model,
    warnings=False)`) leaves out the checks whose codes are all warnings. `tests/test_checks.py` runs every
    check on every map, example and case and holds each to the codes it declares."""
    def mark(check: C) -> C:
        check.codes = codes  # type: ignore[attr-defined]
        return check
    return mark
