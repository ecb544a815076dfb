"""The command line: click commands wired to the pipeline; results mapped to exit codes.

Exit codes: 0 clean, 1 errors in the input (or warnings with `--strict`), 2 usage, 3 I/O (a file that cannot
be read or written, Graphviz missing). Heavy modules are imported inside the commands so `argmap --help`
stays instant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_IO = 0, 1, 2, 3


def _arg_files(paths: tuple[str, ...]) -> list[Path]:
    """Files named, and the .arg files below folders named, in sorted order."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.arg") if p.is_file()))
        else:
            files.append(path)
    return files


def _lines_of(cache: dict):
    def lines(file: str):
        if file not in cache:
            try:
                cache[file] = Path(file).read_text(encoding="utf-8-sig").split("\n")
            except (OSError, UnicodeDecodeError):
                cache[file] = None
        return cache[file]

    return lines


def _exit_code(diagnostics, strict: bool) -> int:
    from .diagnostics import Severity

    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        return EXIT_IO if all(d.code.startswith("AM4") for d in errors) else EXIT_INPUT
    if strict and diagnostics:
        return EXIT_INPUT
    return EXIT_OK


def emit_diagnostics(diagnostics, fmt: str, files: list[str]) -> None:
    from .diagnostics import format_text, summary

    if fmt == "json":
        errors = sum(d.severity.value == "error" for d in diagnostics)
        click.echo(json.dumps({
            "files": files,
            "diagnostics": [d.to_dict() for d in diagnostics],
            "summary": {"errors": errors, "warnings": len(diagnostics) - errors},
        }, ensure_ascii=False, indent=2))
        return
    lines = _lines_of({})
    for d in diagnostics:
        color = "red" if d.severity.value == "error" else "yellow"
        text = format_text(d, lines)
        head, _, rest = text.partition("\n")
        click.echo(click.style(head, fg=color, bold=True) + ("\n" + rest if rest else ""))
    count = f"{len(files)} file{'s' * (len(files) != 1)}"
    click.echo(f"checked {count}: {summary(diagnostics)}")


def load_all(paths: tuple[str, ...]):
    """Load every file; returns [(path, Result)] and all diagnostics, sorted and without repeats."""
    from .diagnostics import sort
    from .pipeline import _Loader

    loader = _Loader()  # one loader: imported files and full texts are read once
    results = []
    diagnostics = []
    for path in _arg_files(paths):
        result = loader.load(path)
        results.append((path, result))
        diagnostics.extend(result.diagnostics)
    return results, sort(diagnostics)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def main() -> None:
    """argmap: map the arguments of scholarly papers in plain-text .arg files.

    \b
    Start with `argmap check FILE` and `argmap render FILE -o FILE.svg`.
    The language: docs/language.md; the diagnostics: `argmap check --explain CODE`.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Text for people (file:line:col, source line, caret), JSON for tools.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1): for CI.")
@click.option("--explain", metavar="CODE", help="Explain a diagnostic code, e.g. AM201, and exit.")
def check(paths: tuple[str, ...], fmt: str, strict: bool, explain: str | None) -> None:
    """Check .arg files (and every .arg file in folders): syntax, ids, relations, quotes.

    Every problem is reported at once, sorted by position. Exit 0 when clean, 1 when the input has
    errors (or warnings with --strict), 3 when a file cannot be read.
    """
    if explain:
        _explain(explain)
        return
    if not paths:
        raise click.UsageError("name at least one .arg file or folder")
    results, diagnostics = load_all(paths)
    emit_diagnostics(diagnostics, fmt, [str(p) for p, _ in results])
    sys.exit(_exit_code(diagnostics, strict))


def _explain(code: str) -> None:
    from .diagnostics import CODES

    entry = CODES.get(code.upper())
    if entry is None:
        known = ", ".join(CODES)
        raise click.UsageError(f"no diagnostic code `{code}`; the codes are {known}")
    click.echo(f"{entry.code} ({entry.slug}, {entry.severity.value}): {entry.summary}\n\n{entry.explanation}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(paths: tuple[str, ...], fmt: str) -> None:
    """Count nodes by kind, relations by kind, and nodes and quotes by source."""
    from .diagnostics import Severity
    from .report import stats as compute

    results, diagnostics = load_all(paths)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    tables = [compute(result.model) for _, result in results if result.model is not None]
    if fmt == "json":
        click.echo(json.dumps(tables, ensure_ascii=False, indent=2))
    else:
        from .report import stats_text

        click.echo("\n\n".join(stats_text(t) for t in tables))
    if errors:
        emit_diagnostics(errors, "text", [str(p) for p, _ in results])
    sys.exit(_exit_code(errors, False))


if __name__ == "__main__":  # pragma: no cover
    main()
