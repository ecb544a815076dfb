"""Watch mode: re-check and re-render a map whenever it, a file it imports or a full text it quotes changes.

Input: .arg files or folders, an output file or folder. Output: diagnostics printed after each run and the
rendered diagrams (written atomically; a map with errors keeps its last good rendering). Uses watchfiles
(imported lazily). Invalid intermediate states are just diagnostics; `Ctrl-C` ends the loop cleanly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from argmap.core.diagnostics import Diagnostic, Severity, format_text, make, summary
from argmap.workspace import Loader


@dataclass(frozen=True, slots=True)
class Run:
    """One pass: the diagnostics, the files written, and every file the maps depend on."""

    diagnostics: tuple[Diagnostic, ...]
    written: tuple[Path, ...]
    dependencies: frozenset[Path]


def arg_files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        out += sorted(p for p in path.rglob("*.arg") if p.is_file()) if path.is_dir() else [path]
    return out


def target(path: Path, output: Path, roots: list[Path], fmt: str) -> Path:
    if output.suffix.lstrip(".") == fmt and len(roots) == 1 and roots[0].is_file():
        return output
    root = next((r for r in roots if r.is_dir() and path.is_relative_to(r)), path.parent)
    return output / path.relative_to(root).with_suffix("." + fmt)


def run_once(roots: list[Path], output: Path, fmt: str) -> Run:
    """Check every map and render the ones without errors."""
    from argmap.io import write_atomic
    from argmap.render import RenderRequest, render

    loader = Loader()
    diagnostics: list[Diagnostic] = []
    written: list[Path] = []
    files = arg_files(roots)
    request = RenderRequest(formats=(fmt,))
    for path in files:
        result = loader.load(path)
        diagnostics += result.diagnostics
        if result.model is None or not result.ok:
            continue
        destination = target(path, output, roots, fmt)
        if destination.resolve() == path.resolve():
            diagnostics.append(make("AM405", None, f"refusing to overwrite the input `{destination}`"))
            continue
        drawn = render(result.model, request, stem=destination.stem)  # the same function as `argmap render`
        diagnostics += drawn.diagnostics
        for artifact in drawn.artifacts:
            problems = write_atomic(destination, artifact.data, str(path))
            diagnostics += problems
            if not problems:
                written.append(destination)
    dependencies = {p.resolve() for p in files} | set(loader.cache) | {p for p in loader.texts}
    return Run(tuple(diagnostics), tuple(written), frozenset(dependencies))


def report(run: Run, echo: Callable[[str], None]) -> None:
    from argmap.cli.main import _lines_of

    lines = _lines_of({})
    for d in run.diagnostics:
        echo(format_text(d, lines))
    for path in run.written:
        echo(f"wrote {path}")
    errors = sum(d.severity is Severity.ERROR for d in run.diagnostics)
    echo(f"{summary(list(run.diagnostics))}" + ("; maps with errors keep their last rendering" if errors else ""))


def watch(roots: list[Path], output: Path, fmt: str, echo: Callable[[str], None],
          stop_event=None, debounce_ms: int = 100) -> int:
    """Run, then run again on every change of a dependency (or a new .arg file under a folder given)."""
    from watchfiles import watch as changes_of

    run = run_once(roots, output, fmt)
    report(run, echo)
    folders = {p.resolve() if p.is_dir() else p.resolve().parent for p in roots}
    out = output.resolve()
    try:
        while True:
            watched = sorted(folders | {d.parent for d in run.dependencies if d.parent.exists()})
            relevant = False
            for changes in changes_of(*watched, stop_event=stop_event, debounce=debounce_ms, raise_interrupt=False):
                changed = {Path(p).resolve() for _, p in changes}
                if any(c in run.dependencies or (c.suffix == ".arg" and not c.is_relative_to(out)
                                                 and any(c.is_relative_to(f) for f in folders))
                       for c in changed):
                    relevant = True
                    break
            if not relevant:  # stopped (stop_event set, or Ctrl-C)
                return 0
            echo("--- change: " + ", ".join(sorted(str(c) for c in changed)))
            run = run_once(roots, output, fmt)
            report(run, echo)
    except KeyboardInterrupt:
        return 0
