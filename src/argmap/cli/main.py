"""The command line: click commands wired to the pipeline; results mapped to exit codes.

Exit codes: 0 clean, 1 errors in the input (or warnings with `--strict`), 2 usage, 3 I/O (a file that cannot
be read or written, Graphviz missing). Heavy modules are imported inside the commands so `argmap --help`
stays instant.
"""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

import click

from argmap.core.safety import for_terminal
from argmap.core.vocabulary import NODE_KINDS

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_IO = 0, 1, 2, 3
STDIN = "-"
STDIN_NAME = "<stdin>"


def _meta() -> dict:
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().meta if ctx is not None else {}


def verbosity() -> int:
    """-1 with -q (errors only), 0 by default, 1 with -v."""
    return _meta().get("argmap.verbosity", 0)


def _stdin_text() -> str:
    """Standard input, read once per run (it cannot be read twice)."""
    meta = _meta()
    if "argmap.stdin" not in meta:
        data = sys.stdin.buffer.read()
        meta["argmap.stdin"] = data.decode("utf-8-sig", errors="replace")
    return meta["argmap.stdin"]


def _read_input(path: Path, display: str):
    """(text, diagnostics) of a file, or of standard input for `-`."""
    from argmap.workspace import read_text

    if str(path) == STDIN:
        return _stdin_text(), []
    return read_text(path, display)


def _load_input(loader, path: Path):
    """Load a file, or standard input for `-` (named `<stdin>`; imports relative to the current folder).

    What is loaded is then frozen out of the cyclic garbage collector's sight (`gc.freeze`): a map's model
    and syntax tree are millions of acyclic objects that reference counting frees, and every full collection
    in a later stage rescanned them (building the argument framework of 10^5 attacks took 3.6 s, 0.3 s
    without). Only a command run as its own process does so (`run`, the console entry point), and not the
    language server or watch mode, which live on."""
    if str(path) == STDIN:
        result = loader.run(_stdin_text(), STDIN_NAME)
    else:
        result = loader.load(path)
    if _OWN_PROCESS:
        import gc

        gc.freeze()
    _keep_until_exit(result)
    return result


def _keep_until_exit(result) -> None:
    """Hold the last map loaded (replacing the one before) so that `run` leaves without taking it apart;
    only where the process is the command's own."""
    global _LAST_LOADED
    if _OWN_PROCESS:
        _LAST_LOADED = result


_OWN_PROCESS = False  # set by `run`: this process is one command's (not a test runner, not an editor)
_LAST_LOADED = None


def _arg_files(paths: tuple[str, ...]) -> list[Path]:
    """Files named, and the .arg files below folders named, in sorted order."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if name == STDIN:
            files.append(path)
        elif path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.arg") if p.is_file()))
        else:
            files.append(path)
    return files


def _workspace(**options):
    """The run's workspace: it owns the texts it reads, and diagnostics are shown from them."""
    from argmap.workspace import Workspace

    workspace = Workspace(**options)
    _meta().setdefault("argmap.workspaces", []).append(workspace)
    return workspace


def _lines_of(cache: dict):
    def lines(file: str):
        if file == STDIN_NAME and "argmap.stdin" in _meta():
            return _meta()["argmap.stdin"].split("\n")
        for workspace in _meta().get("argmap.workspaces", ()):
            found = workspace.lines(file)
            if found is not None:
                return found
        if file not in cache:  # a file no workspace read (e.g. one `fmt` read)
            try:
                cache[file] = Path(file).read_text(encoding="utf-8-sig").split("\n")
            except (OSError, UnicodeDecodeError):
                cache[file] = None
        return cache[file]

    return lines


def _exit_code(diagnostics, strict: bool) -> int:
    from argmap.core.diagnostics import Severity

    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        return EXIT_IO if all(d.code.startswith("AM4") for d in errors) else EXIT_INPUT
    if strict and diagnostics:
        return EXIT_INPUT
    return EXIT_OK


def emit_diagnostics(diagnostics, fmt: str, files: list[str]) -> None:
    from argmap.core.diagnostics import format_text, summary

    if fmt == "json":
        import json

        errors = sum(d.severity.value == "error" for d in diagnostics)
        click.echo(json.dumps({
            "files": files,
            "diagnostics": [d.to_dict() for d in diagnostics],
            "summary": {"errors": errors, "warnings": len(diagnostics) - errors},
        }, ensure_ascii=False, indent=2))
        return
    lines = _lines_of({})
    shown = _errors_first(diagnostics)
    if verbosity() < 0:
        shown = [d for d in shown if d.severity.value == "error"]
    for d in shown:
        color = "red" if d.severity.value == "error" else "yellow"
        text = format_text(d, lines)
        head, _, rest = text.partition("\n")
        click.echo(click.style(head, fg=color, bold=True) + ("\n" + rest if rest else ""))
    if verbosity() < 0 and not shown:
        return
    count = f"{len(files)} file{'s' * (len(files) != 1)}"
    click.echo(f"checked {count}: {summary(diagnostics)}")


def _errors_first(diagnostics) -> list:
    """Within each file, errors (in source order) before warnings (in source order); files keep their order.
    The one real mistake comes first; warnings that follow it may be its knock-on effects."""
    order: dict[str, int] = {}
    for d in diagnostics:
        order.setdefault(d.span.file if d.span else "", len(order))
    indexed = list(enumerate(diagnostics))
    indexed.sort(key=lambda p: (order[p[1].span.file if p[1].span else ""], p[1].severity.value != "error", p[0]))
    return [d for _, d in indexed]


def load_all(paths: tuple[str, ...], forbid_outside: bool = False, cache=None, keep_models: bool = True):
    """Load every file; returns [(path, Result)] and all diagnostics, sorted and without repeats.

    With a `cache` (argmap.cache.DiagnosticsCache), an unchanged file with unchanged dependencies is not
    loaded at all: its Result has no model, only its diagnostics. Without `keep_models`, each Result keeps
    only its diagnostics once the file is checked (a folder of 1,000 maps is not held in memory at once)."""
    from argmap.core.diagnostics import sort
    from argmap.io import PathPolicy
    from argmap.workspace import Result

    # one workspace: imports and full texts read once; without keep_models only imported maps stay in it
    loader = _workspace(paths=PathPolicy(forbid=forbid_outside), keep=keep_models)
    results = []
    diagnostics = []
    for path in _arg_files(paths):
        key = None
        if cache is not None and str(path) != STDIN:
            try:
                key = cache.key(path.resolve(), path.read_bytes(), given=path)
            except OSError:
                key = None
            found = cache.get(key) if key is not None else None
            if found is not None:
                if verbosity() > 0:
                    click.echo(f"unchanged {path}: {len(found)} diagnostics from the cache", err=True)
                results.append((path, Result(None, tuple(found))))
                diagnostics.extend(found)
                continue
        result = _load_input(loader, path)
        if verbosity() > 0:
            _describe_result(path, result)
        if key is not None and not any(d.code.startswith("AM4") for d in result.diagnostics):
            cache.put(key, loader.dependencies(path), list(result.diagnostics))
        results.append((path, result if keep_models else Result(None, result.diagnostics)))
        diagnostics.extend(result.diagnostics)
    return results, sort(diagnostics)


def _describe_result(path: Path, result) -> None:
    """-v: one line per file loaded, on standard error."""
    errors = sum(d.severity.value == "error" for d in result.diagnostics)
    warnings = len(result.diagnostics) - errors
    model = result.model
    size = (f"{sum(1 for _ in model.local_nodes())} nodes, {sum(r.namespace is None for r in model.relations)} relations, "
            if model is not None else "")
    name = STDIN_NAME if str(path) == STDIN else str(path)
    click.echo(f"loaded {name}: {size}{errors} errors, {warnings} warnings", err=True)


def _set_verbosity(ctx, param, value):
    if value:
        ctx.find_root().meta["argmap.verbosity"] = -1 if param.name == "quiet" else 1
    return value


def _set_color(ctx, param, value):
    """auto: colour on a terminal unless NO_COLOR is set (https://no-color.org); always; never."""
    if value is None:
        return value
    import os

    if value == "always":
        color = True
    elif value == "never" or os.environ.get("NO_COLOR"):
        color = False
    else:
        color = None  # click colours a terminal and strips escapes from a pipe or a file
    context = ctx
    while context is not None:
        context.color = color
        context = context.parent
    ctx.find_root().meta["argmap.color"] = color
    return value


def _output_options(color_default: str | None) -> list[click.Option]:
    """-q, -v and --color, accepted before the command (`argmap -q check`) and after it (`argmap check -q`).
    After the command --color has no default, so that it never undoes one given before it."""
    return [
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_set_verbosity,
                     help="Errors only: no warnings, no summary when clean, no `wrote` lines."),
        click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, callback=_set_verbosity,
                     help="Also say what was loaded (one line per file, on standard error)."),
        click.Option(["--color", "--colour"], type=click.Choice(["auto", "always", "never"]),
                     default=color_default, show_default=color_default is not None, expose_value=False,
                     callback=_set_color, is_eager=True,
                     help="Colour: on a terminal unless NO_COLOR is set (auto), always, or never."),
    ]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="argmap")
def main() -> None:
    """argmap: map the arguments of scholarly papers in plain-text .arg files.

    \b
    Start with `argmap check FILE` and `argmap render FILE -o FILE.svg`.
    `-` reads a map from standard input, `-o -` writes to standard output.
    The language: docs/language.md; the diagnostics: `argmap check --explain CODE`.
    Shell completion, verbosity and colour: docs/cli.md.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Text for people (file:line:col, source line, caret), JSON for tools.")
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1): for CI.")
@click.option("--explain", metavar="CODE", help="Explain a diagnostic code, e.g. AM201, and exit.")
@click.option("--forbid-outside-paths", is_flag=True,
              help="An import or full text outside the project folder is an error and is not read (AM315): "
                   "for CI checking maps from others.")
@click.option("--cache/--no-cache", "use_cache", default=True, show_default=True,
              help="Reuse the diagnostics of maps that did not change, nor did what they import or quote "
                   "(~/.cache/argmap; ARGMAP_NO_CACHE=1 also turns it off).")
def check(paths: tuple[str, ...], fmt: str, strict: bool, explain: str | None, forbid_outside_paths: bool,
          use_cache: bool) -> None:
    """Check .arg files (and every .arg file in folders): syntax, ids, relations, quotes.

    Every problem is reported at once, sorted by position. Exit 0 when clean, 1 when the input has
    errors (or warnings with --strict), 3 when a file cannot be read.
    """
    if explain:
        _explain(explain)
        return
    if not paths:
        raise click.UsageError("name at least one .arg file or folder")
    from argmap import cache as diagnostics_cache

    cache = None
    if use_cache and diagnostics_cache.enabled():
        cache = diagnostics_cache.DiagnosticsCache(f"forbid-outside-paths={forbid_outside_paths}")
    results, diagnostics = load_all(paths, forbid_outside_paths, cache=cache, keep_models=False)
    emit_diagnostics(diagnostics, fmt, [str(p) for p, _ in results])
    sys.exit(_exit_code(diagnostics, strict))


def _explain(code: str) -> None:
    from argmap.core.diagnostics import CODES

    entry = CODES.get(code.upper())
    if entry is None:
        known = ", ".join(CODES)
        raise click.UsageError(f"no diagnostic code `{code}`; the codes are {known}")
    click.echo(f"{entry.code} ({entry.slug}, {entry.severity.value}): {entry.summary}\n\n{entry.explanation}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def stats(paths: tuple[str, ...], fmt: str) -> None:
    """Count nodes by kind, relations by kind, and nodes and quotes by source."""
    from argmap.core.diagnostics import Severity
    from argmap.analysis.stats import stats as compute

    results, diagnostics = load_all(paths)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    tables = [compute(result.model) for _, result in results if result.model is not None]
    if fmt == "json":
        import json

        click.echo(json.dumps(tables, ensure_ascii=False, indent=2))
    else:
        from argmap.analysis.stats import stats_text

        click.echo(for_terminal("\n\n".join(stats_text(t) for t in tables)))
    if errors:
        emit_diagnostics(errors, "text", [str(p) for p, _ in results])
    sys.exit(_exit_code(errors, False))


def _split_formats(value: str | None) -> list[str]:
    from argmap.render import FORMATS

    if value is None:
        return []
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    for f in formats:
        if f not in FORMATS:
            raise click.BadParameter(f"`{f}` is not one of {', '.join(FORMATS)}", param_hint="--format")
    return formats


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("-o", "--output", required=True, type=click.Path(allow_dash=True),
              help="Output file (one input; format from its extension) or folder (one file per map and format).")
@click.option("--format", "formats", metavar="FMT[,FMT]",
              help="svg, png, pdf, dot or html (interactive page); several with commas (svg,png). "
                   "Default: the output's extension, or svg.")
@click.option("--lang", type=click.Choice(["en", "zh", "both"]), default="both", show_default=True,
              help="Which text to show: English, the paper's Chinese wording, or both.")
@click.option("--font", help="Font family for labels (default: Noto Sans CJK, then DejaVu Sans).")
@click.option("--focus", metavar="ID", help="Show only the neighbourhood of this node.")
@click.option("--depth", type=click.IntRange(0, 50), default=2, show_default=True, help="Radius of --focus.")
@click.option("--tag", "tags", multiple=True, help="Show only nodes with this tag (repeatable).")
@click.option("--source", "sources", multiple=True, help="Show only nodes of this source or namespace (repeatable).")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(NODE_KINDS),
              help="Show only nodes of this kind (repeatable).")
@click.option("--exclude-disconnected", is_flag=True, help="Leave out nodes with no relation among those shown.")
@click.option("--whole", is_flag=True,
              help="For a comparison map: draw the imported maps whole, not only the nodes the comparison links.")
@click.option("--collapse-evidence", is_flag=True, help="Draw evidence as a count on the claim it supports.")
@click.option("--group", type=click.Choice(["auto", "section", "tag", "source", "none"]), default="auto",
              show_default=True, help="Clusters inside each source's frame (auto: section; none in a comparison "
                                      "map). none: no frames at all.")
@click.option("--rankdir", type=click.Choice(["auto", "BT", "TB", "LR", "RL"]), default="auto", show_default=True,
              help="Layout direction. BT: evidence at the bottom, the thesis on top; LR: reasons on the left, "
                   "conclusions on the right. auto: BT for up to 40 nodes, LR (sections stacked) for more.")
@click.option("--engine", type=click.Choice(["dot", "neato", "fdp", "sfdp"]), default="dot", show_default=True)
@click.option("--width", type=click.IntRange(10, 200), default=30, show_default=True,
              help="Label width in character cells (a Chinese character takes two).")
@click.option("--no-legend", is_flag=True, help="Leave out the legend.")
@click.option("--labels", type=click.Choice(["none", "grounded", "preferred"]), default="none", show_default=True,
              help="Mark each argument in (accepted), out (defeated) or undecided under grounded semantics, "
                   "or under the first preferred labelling.")
@click.option("--split", type=click.Choice(["none", "sections"]), default="none", show_default=True,
              help="sections: an overview (one box per section) plus one diagram per section, linked "
                   "(FILE.s01.svg, ...); for big maps.")
@click.option("--force", is_flag=True, help="Into a folder: redo every map, even those whose outputs are up to date.")
def render(paths, output, formats, lang, font, focus, depth, tags, sources, kinds, exclude_disconnected, whole,
           collapse_evidence, group, rankdir, engine, width, no_legend, labels, split, force) -> None:
    """Render argument diagrams (svg, png, pdf, dot) of .arg files or folders of them.

    \b
      argmap render maps/anglo_japanese_alliance.arg -o aja.svg
      argmap render maps/ -o out/ --format svg,png,html
    A file with errors is not rendered; the others are, and the command exits 1 at the end. Into a folder,
    it also writes index.html (every map, linked) and skips maps whose outputs are newer than the map,
    its imports and its full texts.
    """
    from argmap.core.diagnostics import Severity, make
    from argmap.analysis.graph import Selection
    from argmap.io import write_atomic
    from argmap.render import FORMATS, RenderRequest, render as render_model
    from argmap.render.dot import DEFAULT_FONT, DotOptions

    files = _arg_files(paths)
    if not files:
        raise click.UsageError("no .arg files in " + ", ".join(paths))
    out = Path(output)
    chosen = _split_formats(formats)
    to_stdout = output == STDIN
    if to_stdout and (len(files) != 1 or Path(paths[0]).is_dir()):
        raise click.UsageError("`-o -` writes one diagram to standard output: name one input file")
    single = len(files) == 1 and (paths[0] == STDIN or Path(paths[0]).is_file()) and (
        to_stdout or out.suffix.lower().lstrip(".") in FORMATS)
    if single and not chosen and not to_stdout:
        chosen = [out.suffix.lower().lstrip(".")]
    chosen = chosen or ["svg"]
    if single and len(chosen) > 1:
        raise click.UsageError("several formats need an output folder: -o DIR")
    if split == "sections" and to_stdout:
        raise click.UsageError("`--split sections` writes several files: name an output file or folder")
    inputs = {p.resolve() for p in files if str(p) != STDIN}
    options = DotOptions(lang=lang, width=width, font=font or DEFAULT_FONT, rankdir=rankdir, group=group,
                         collapse_evidence=collapse_evidence, legend=not no_legend,
                         selection=Selection(focus=focus, depth=depth, tags=frozenset(tags),
                                             sources=frozenset(sources), kinds=frozenset(kinds),
                                             exclude_disconnected=exclude_disconnected, whole=whole))
    request = RenderRequest(formats=tuple(chosen), options=options, engine=engine, labels=labels, split=split)
    site = None
    if not single and not to_stdout:
        from argmap.render.site import Site

        site = Site(out, request, force=force)
    # each map's result is dropped once drawn (imported maps are kept for the maps that import them), and
    # its syntax tree before it is drawn: a drawing needs the model only (a 100k-node map's tree is 200 MB).
    # Only errors are shown (a file with one is not drawn), so only the checks that can find one are run,
    # unless warnings are counted: by the index page of a folder, or with -v.
    loader = _workspace(keep=False, warnings=site is not None or verbosity() > 0)
    problems = []
    written: list[Path] = []
    skipped: list[Path] = []
    failed: list[Path] = []
    roots = [Path(p) for p in paths]

    def target(path: Path, fmt: str) -> Path:
        if single:
            return out
        root = next((r for r in roots if r.is_dir() and path.is_relative_to(r)), path.parent)
        return out / path.relative_to(root).with_suffix("." + fmt)

    show_bar = sys.stderr.isatty() and len(files) > 1
    with click.progressbar(files, label="rendering", file=sys.stderr,
                           item_show_func=lambda p: str(p) if p else "") if show_bar else nullcontext(files) as bar:
        for path in bar:
            result = _load_input(loader, path)
            if verbosity() > 0:
                _describe_result(path, result)
            errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
            if errors or result.model is None:
                problems += errors
                failed.append(path)
                continue
            result = replace(result, document=None)
            _keep_until_exit(result)  # (the tree is let go now, not held to the end)
            destinations = {fmt: target(path, fmt) for fmt in chosen}
            clash = [d for d in destinations.values() if not to_stdout and d.resolve() in inputs]
            if clash:
                problems += [make("AM405", None, f"refusing to overwrite the input `{d}`") for d in clash]
                failed.append(path)
                continue
            if site is not None and site.up_to_date(result.model, destinations):
                skipped.append(path)
                site.add(path, result.model, destinations, result.diagnostics)
                continue
            stem = destinations[chosen[0]].stem
            if chosen == ["dot"] and split == "none" and not to_stdout:
                # one DOT file: written as it is drawn, never held whole in memory
                destination = out if single else destinations["dot"]
                held: list = []

                def draw(handle, model=result.model, stem=stem):
                    held.append(render_model(model, request, stem=stem, sink=handle))
                    return not held[0].diagnostics  # (an unknown --focus: nothing drawn, nothing written)

                found = write_atomic(destination, draw, str(path))
                found += held[0].diagnostics if held else []
                problems += found
                if found:
                    failed.append(path)
                else:
                    written.append(destination)
                    if site is not None:
                        site.add(path, result.model, destinations, result.diagnostics)
                continue
            drawn = render_model(result.model, request, stem=stem)
            found = list(drawn.diagnostics)
            for artifact in drawn.artifacts:
                destination = out if single and artifact.part in (None, "overview") else \
                    destinations[artifact.fmt].with_name(artifact.name(stem))
                if to_stdout:
                    _print_bytes(artifact.data)
                    continue
                problems_here = write_atomic(destination, artifact.data, str(path))
                found += problems_here
                if not problems_here:
                    written.append(destination)
            problems += found
            if found or len(drawn.artifacts) < len(chosen):
                failed.append(path)
            elif site is not None:
                site.add(path, result.model, destinations, result.diagnostics)
    if site is not None:
        problems += site.finish()
        written += site.written
    sys.exit(_report_render(problems, written, skipped, failed, files))


def _report_render(problems, written, skipped, failed, files) -> int:
    """Print what `render` did (diagnostics on standard error, `wrote` lines) and return its exit code."""
    from argmap.core.diagnostics import format_text, sort

    lines = _lines_of({})
    for d in sort(problems):
        click.echo(format_text(d, lines), err=True)
    for path in written if verbosity() >= 0 else ():
        click.echo(f"wrote {path}")
    if skipped and verbosity() >= 0:
        click.echo(f"up to date: {len(skipped)} of {len(files)} file{'s' * (len(files) != 1)} (use --force to redo)")
    if failed:
        click.echo(f"{len(failed)} of {len(files)} file{'s' * (len(files) != 1)} not rendered: "
                   + ", ".join(str(p) for p in failed), err=True)
        return EXIT_IO if problems and all(d.code.startswith("AM4") for d in problems) else EXIT_INPUT
    return EXIT_OK


def _load_clean(path: str):
    """Load one file; on errors print them and exit 1 (a report on a broken map would mislead)."""
    from argmap.core.diagnostics import Severity, format_text

    result = _load_input(_workspace(), Path(path))
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors or result.model is None:
        lines = _lines_of({})
        for d in errors:
            click.echo(format_text(d, lines), err=True)
        click.echo(f"{path}: fix the errors above first (argmap check {path})", err=True)
        sys.exit(_exit_code(errors, False))
    return result.model


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html", "json", "latex", "csv"]),
              default="text", show_default=True)
@click.option("--lang", type=click.Choice(["en", "zh", "both"]), default="en", show_default=True,
              help="English, the papers' own wording (zh), or both; headings and questions too.")
@click.option("--style", type=click.Choice(["author-date", "apa", "gb7714"]), default="author-date",
              show_default=True, help="Citation style of the bibliography (Chicago author-date, APA, GB/T 7714-2015).")
@click.option("--width", type=click.IntRange(60, 400), default=None,
              help="Line width for text output (default: the terminal's, or 120).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default=None,
              help="Write the report to a file (written atomically); `-` or none: standard output.")
def compare(path: str, fmt: str, lang: str, style: str, width: int | None, output: str | None) -> None:
    """Report how the papers of a comparison map answer its questions, in a form to cite.

    Papers by author and year; per question its notes, each paper's answer in one line with a citation
    (section and lines), and a synthesis (who agrees, who disputes, who is silent); agreements, disputes
    and refinements with their quotes and what makes two papers not independent; a bibliography.
    """
    import shutil

    from argmap.analysis.compare import compare as build_report
    from argmap.render import report as render

    model = _load_clean(path)
    if not model.imports:
        raise click.UsageError(f"{path} imports no maps: `argmap compare` reads a comparison map "
                               "(see docs/compare.md)")
    report = build_report(model)
    if fmt == "json":
        import json

        text = json.dumps(render.to_json(report, lang, style), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "text":
        if width is None:
            width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() and not output else 120
        text = render.format_text(report, width, lang, style)
        if not output or output == STDIN:
            text = for_terminal(text)
    else:
        text = render.FORMATS[fmt](report, lang, style)
    if output and output != STDIN:
        _write_or_print(text.encode("utf-8"), output, path)
    else:
        click.echo(text, nl=False)


@main.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--exit-code", is_flag=True, help="Exit 1 when the maps differ (for scripts), 0 when they do not.")
def diff(old: str, new: str, fmt: str, exit_code: bool) -> None:
    """What changed between two versions of a map, by id: sources, nodes and relations added, removed,
    changed (text, translations, quotes, fields)."""
    from argmap.analysis.diff import diff as compute, format_text, to_json

    if old == new == STDIN:
        raise click.UsageError("standard input can be only one of the two maps")
    result = compute(_load_clean(old), _load_clean(new))
    if fmt == "json":
        import json

        click.echo(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(for_terminal(format_text(result)), nl=False)
    if exit_code and not result.empty:
        sys.exit(EXIT_INPUT)


@main.command("fmt")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("-i", "--in-place", is_flag=True, help="Rewrite the files (atomically) instead of printing.")
@click.option("--check", is_flag=True, help="Change nothing; exit 1 and list the files that are not formatted.")
def fmt_command(paths: tuple[str, ...], in_place: bool, check: bool) -> None:
    """Format .arg files in the canonical layout, keeping every comment.

    Prints the formatted text of one file; with -i rewrites the files; with --check only reports. A file
    with syntax errors is never changed.
    """
    from argmap.core.diagnostics import Severity, format_text
    from argmap.io import write_atomic
    from argmap.language.fmt import format_document
    from argmap.workspace import read_text
    from argmap.language.parse import parse

    files = _arg_files(paths)
    if not in_place and not check and len(files) != 1:
        raise click.UsageError("printing formats one file; use -i or --check for several")
    if in_place and STDIN in paths:
        raise click.UsageError("standard input cannot be rewritten in place: `argmap fmt -` prints")
    lines = _lines_of({})
    unformatted: list[Path] = []
    failed = False
    for path in files:
        name = STDIN_NAME if str(path) == STDIN else str(path)
        text, problems = _read_input(path, name)
        document = None
        if text is not None:
            document, problems = parse(text, name)
        errors = [d for d in problems if d.severity is Severity.ERROR]
        if errors or text is None:
            for d in errors:
                click.echo(format_text(d, lines), err=True)
            failed = True
            continue
        formatted = format_document(document)
        if check or in_place:
            if formatted != text:
                unformatted.append(path)
                if in_place:
                    problems = write_atomic(path, formatted.encode("utf-8"), str(path))
                    for d in problems:
                        click.echo(format_text(d, lines), err=True)
                    failed = failed or bool(problems)
        else:
            _print_bytes(for_terminal(formatted).encode("utf-8") if sys.stdout.isatty() else formatted.encode("utf-8"))
    for path in unformatted if verbosity() >= 0 or check else ():
        click.echo(f"{'formatted' if in_place else 'would format'} {STDIN_NAME if str(path) == STDIN else path}")
    if failed:
        sys.exit(EXIT_INPUT)
    if check and unformatted:
        sys.exit(EXIT_INPUT)


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["terminal", "html"]), default="terminal", show_default=True,
              help="ANSI colours for a terminal, or a standalone HTML page.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write to this file (atomically).")
def highlight(path: str, fmt: str, output: str | None) -> None:
    """Print an .arg file with syntax highlighting (the Pygments lexer `arg`)."""
    from argmap.core.diagnostics import format_text
    from argmap.language.highlight import highlight as colour
    from argmap.workspace import read_text

    text, problems = _read_input(Path(path), path)
    if text is None:
        for d in problems:
            click.echo(format_text(d), err=True)
        sys.exit(EXIT_IO)
    if fmt == "terminal" and (output is None or output == STDIN):
        # colour follows --color and NO_COLOR; with auto, click strips the escapes from a pipe or a file
        if click.get_current_context().color is False:
            click.echo(text, nl=False)
        else:
            click.echo(colour(text, fmt), nl=False)
        return
    result = colour(text, fmt)
    if output is None or output == STDIN:
        click.echo(result, nl=False)
    else:
        _write_or_print(result.encode("utf-8"), output, path)


def _export_json(model, fmt: str) -> tuple[bytes, list]:
    from argmap.formats.native import export_json

    return export_json(model).encode("utf-8"), []


def _export_graphml(model, fmt: str) -> tuple[bytes, list]:
    from argmap.formats.native import export_graphml

    return export_graphml(model), []


def _export_aif(model, fmt: str) -> tuple[bytes, list]:
    from argmap.formats import aif

    return aif.dump(model).encode("utf-8"), []


def _export_argdown(model, fmt: str) -> tuple[bytes, list]:
    from argmap.formats import argdown

    return argdown.dump(model).encode("utf-8"), []


def _export_annotations(model, fmt: str) -> tuple[bytes, list]:
    from argmap.formats import annotations

    text, problems = annotations.dump(model)
    return text.encode("utf-8"), problems


def _export_iccma(model, fmt: str) -> tuple[bytes, list, str]:
    """The verdicts framework in an ICCMA format, and its id table (tab-separated)."""
    from argmap.formats import iccma

    text, table = iccma.dump_model(model, fmt)
    return text.encode("utf-8"), [], table


# --format -> a function (model, format) -> (bytes, diagnostics[, id table]); each imports its module lazily
EXPORTERS = {"json": _export_json, "graphml": _export_graphml, "aif": _export_aif, "argdown": _export_argdown,
             "annotations": _export_annotations, "apx": _export_iccma, "tgf": _export_iccma, "i23": _export_iccma}
SIDE_TABLE = ("tgf",)  # formats without comments: the id table goes to OUTPUT.ids.tsv


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(list(EXPORTERS)), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write to this file (default: print).")
def export(path: str, fmt: str, output: str | None) -> None:
    """Export a map: JSON (the model, with a JSON Schema; `argmap import` reads it back), GraphML, AIF
    (AIFdb/OVA JSON), Argdown, its quotes as W3C Web Annotations (JSON-LD), or its argumentation framework
    in an ICCMA format (apx, tgf, i23, with an id table); see docs/formats.md and docs/semantics.md."""
    from argmap.core.diagnostics import format_text

    model = _load_clean(path)
    data, problems, *table = EXPORTERS[fmt](model, fmt)
    for d in problems:
        if verbosity() >= 0:
            click.echo(format_text(d), err=True)
    if table and fmt in SIDE_TABLE and output not in (None, STDIN):
        _write_or_print(table[0].encode("utf-8"), output + ".ids.tsv", path)
    _write_or_print(data, output, path)


@main.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--from", "source_format", type=click.Choice(["json", "aif", "argdown", "bibtex", "csl-json"]),
              help="The file's format (default: from the extension: .aif, .argdown, .bib; a .json is argmap "
                   "JSON unless it looks like AIF or is a list of CSL items).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write the .arg file here (default: print).")
def import_command(path: str, source_format: str | None, output: str | None) -> None:
    """Write an .arg file from argmap JSON (as `argmap export --format json` writes it), AIF JSON, Argdown,
    or a bibliography (BibTeX, CSL JSON) as sources."""
    from argmap.core.diagnostics import format_text
    from argmap.formats import interchange

    text, problems = _read_input(Path(path), path)
    if text is None:
        for d in problems:
            click.echo(format_text(d), err=True)
        sys.exit(EXIT_IO)
    fmt = source_format or interchange.guess(path, text)
    arg_text, problems = interchange.import_text(text, path, fmt, output or "<stdout>")
    lines = _lines_of({})
    for d in problems:
        click.echo(format_text(d, lines), err=True)
    if arg_text is None:
        sys.exit(_exit_code(problems, False))
    _write_or_print(arg_text.encode("utf-8"), output, path)


def _print_bytes(data: bytes) -> None:
    """Bytes to standard output as they are; a closed pipe or a full disk raises OSError, which `run` turns
    into one clean message (exit 3)."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as error:  # not left to click, which turns a closed pipe into exit 1
        raise OutputError(error) from error


class OutputError(Exception):
    """Standard output cannot be written (a closed pipe, a full disk)."""


def _write_or_print(data: bytes, output: str | None, source: str) -> None:
    from argmap.core.diagnostics import format_text
    from argmap.io import write_atomic

    if output is None or output == STDIN:
        _print_bytes(data)
        return
    if source != STDIN and Path(output).resolve() == Path(source).resolve():
        raise click.UsageError("the output would overwrite the input")
    problems = write_atomic(Path(output), data, source)
    for d in problems:
        click.echo(format_text(d), err=True)
    if problems:
        sys.exit(EXIT_IO)
    if verbosity() >= 0:
        click.echo(f"wrote {output}")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@click.option("--semantics", type=click.Choice(["grounded", "complete", "preferred", "stable"]),
              default="grounded", show_default=True)
@click.option("--framework", "kind", type=click.Choice(["verdicts", "dung"]), default="verdicts",
              show_default=True, help="verdicts: the paper's verdicts as preferences; dung: the attacks as written.")
@click.option("--accept", "argument", metavar="ID", help="Answer whether this argument is accepted (YES/NO).")
@click.option("--mode", type=click.Choice(["credulous", "sceptical"]), default="sceptical", show_default=True,
              help="With --accept: in some extension (credulous) or in every one (sceptical).")
@click.option("--one", is_flag=True, help="A framework file: print one extension (ICCMA task SE), not all.")
@click.option("--report", type=click.Choice(["labels", "structure"]), default="labels", show_default=True,
              help="labels: the semantics; structure: gaps a reviewer looks for (see docs/semantics.md).")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds the solver may take.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True,
              help="markdown: --report structure only.")
def analyze(path: str, semantics: str, kind: str, argument: str | None, mode: str, one: bool, report: str,
            timeout: float, fmt: str) -> None:
    """Label the map's arguments in, out or undecided (see docs/semantics.md), and list where the labels
    differ from the paper's own verdicts (a rebutted counterclaim not defeated). An ICCMA framework file
    (.apx, .tgf, .i23) gets the competition's notation: `[a,b]`, `[[a,b],[c]]`, `YES`/`NO` (i23: `w 1 2`
    lines). `--report structure`: unsupported claims, claims without evidence, load-bearing claims, chains."""
    from argmap.analysis.solve import SolverTimeout
    from argmap.formats.iccma import format_of

    try:
        if format_of(path) is not None:
            if report != "labels":
                raise click.UsageError("--report structure needs a map (.arg), not a framework file")
            if fmt != "text":
                raise click.UsageError("a framework file gets the ICCMA notation; --format is for maps")
            _analyze_framework(path, format_of(path), semantics, argument, mode, one, timeout)
            return
        model = _load_clean(path)
        if report == "structure":
            from argmap.analysis import structure

            data = structure.report(model)
            text = (structure.format_json(data) if fmt == "json" else structure.format_markdown(data)
                    if fmt == "markdown" else structure.format_text(data))
            click.echo(text, nl=False)
            return
        if fmt == "markdown":
            raise click.UsageError("--format markdown is for --report structure")
        _analyze_map(model, semantics, kind, argument, mode, timeout, fmt)
    except SolverTimeout as error:
        click.echo(f"{path}: {semantics} semantics: {error}; raise --timeout or use --semantics grounded", err=True)
        sys.exit(EXIT_INPUT)


def _analyze_map(model, semantics, kind, argument, mode, timeout, fmt) -> None:
    from argmap.analysis.semantics import format_report, framework_of, report
    from argmap.analysis.solve import accepted

    if argument is not None:
        af, _ = framework_of(model, kind)
        if argument not in af.arguments:
            raise click.UsageError(f"`{argument}` is not an argument of the map")
        click.echo("YES" if accepted(af.arguments, af.attacks, semantics, argument, mode, timeout) else "NO")
        return
    data = report(model, semantics, kind=kind, timeout=timeout)
    if fmt == "json":
        import json

        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(data), nl=False)


def _analyze_framework(path: str, fmt: str, semantics: str, argument: str | None, mode: str, one: bool,
                       timeout: float) -> None:
    """An ICCMA framework file: diagnostics and exit 1 when it is malformed, else the answer in ICCMA notation."""
    from argmap.analysis.solve import decide, extensions
    from argmap.core.diagnostics import format_text
    from argmap.formats import iccma

    text, problems = _read_input(Path(path), path)
    if text is None:
        for d in problems:
            click.echo(format_text(d), err=True)
        sys.exit(EXIT_IO)
    af, problems = iccma.load(text, path, fmt)
    lines = _lines_of({})
    for d in problems:
        click.echo(format_text(d, lines), err=True)
    if af is None:
        click.echo(f"{path}: fix the errors above first", err=True)
        sys.exit(EXIT_INPUT)
    if argument is not None:
        if argument not in af.arguments:
            raise click.UsageError(f"`{for_terminal(argument)}` is not an argument of {path}")
        answer, witness = decide(af.arguments, af.attacks, semantics, argument, mode, timeout)
        click.echo(iccma.acceptance_text(answer, witness, fmt))
        return
    found = extensions(af.arguments, af.attacks, semantics, timeout=timeout)
    if semantics == "grounded" or one:
        click.echo(for_terminal(iccma.single_text(found[0] if found else None, fmt)))
    else:
        click.echo(for_terminal(iccma.extensions_text(found, fmt)))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=False))
@click.option("--source", "key", required=True, metavar="KEY", help="The source's id, e.g. zhu2023.")
@click.option("--fulltext", type=click.Path(exists=True, dir_okay=False),
              help="The paper's full text: fills the source block, the sections and a first quote from it.")
def new(file: str, key: str, fulltext: str | None) -> None:
    """Write a commented skeleton for mapping a new paper (never overwrites a file).

    \b
      argmap new maps/zhu2023.arg --source zhu2023 --fulltext ../shared/papers/004_c16b8f8118fbe296.txt
    The skeleton checks clean: a source block (title, authors and language read from the full text's first
    lines where possible), a thesis with a quote, the full text's headings as sections, and one example of
    each kind of node and each relation, each with a comment saying what it is for.
    """
    import os

    from argmap.core.diagnostics import Severity, format_text, make
    from argmap.io import write_atomic
    from argmap.language import parse as syntax
    from argmap.language.fmt import format_document
    from argmap.skeleton import EXAMPLE_IDS, ID, read_paper, skeleton
    from argmap.workspace import Loader, read_text

    if not ID.fullmatch(key):
        raise click.BadParameter(f"`{for_terminal(key)}` is not an id (letters, digits, `_` and `-`, starting "
                                 "with a letter)", param_hint="--source")
    if key in EXAMPLE_IDS:
        raise click.BadParameter(f"`{key}` is the id of one of the skeleton's examples; choose another key "
                                 "(for example the first author's name and the year)", param_hint="--source")
    target = Path(file)
    lines = _lines_of({})
    if target.exists() or target.is_symlink():
        click.echo(format_text(make("AM405", None, f"refusing to overwrite `{file}`: it exists",
                                    hint="argmap new writes a new file; choose another name"), lines), err=True)
        sys.exit(EXIT_IO)
    paper, relative = None, None
    if fulltext is not None:
        text, problems = read_text(Path(fulltext), fulltext)
        if text is None:
            for d in problems:
                click.echo(format_text(d, lines), err=True)
            sys.exit(EXIT_IO)
        paper = read_paper(text)
        relative = Path(os.path.relpath(Path(fulltext).resolve(), target.resolve().parent)).as_posix()
    document, problems = syntax.parse(skeleton(key, relative, paper), str(target))
    assert not problems, problems  # the skeleton is ours: a syntax error in it is a bug, not a user's mistake
    data = format_document(document)
    found = write_atomic(target, data.encode("utf-8"), file)
    if found:
        for d in found:
            click.echo(format_text(d, lines), err=True)
        sys.exit(EXIT_IO)
    result = Loader().load(target)
    for d in result.diagnostics:
        click.echo(format_text(d, lines), err=True)
    if verbosity() >= 0:
        click.echo(f"wrote {file}")
    sys.exit(EXIT_INPUT if any(d.severity is Severity.ERROR for d in result.diagnostics) else EXIT_OK)


@main.command()
def lsp() -> None:
    """Run the language server over stdio (for VS Code, Neovim, Emacs; see docs/editors.md)."""
    from argmap.lsp.server import run

    run()


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(),
              help="Output file (one input; format from its extension) or folder.")
@click.option("--format", "fmt", type=click.Choice(["svg", "png", "pdf", "dot", "html"]),
              help="Default: the output's extension, or html.")
def watch(paths: tuple[str, ...], output: str, fmt: str | None) -> None:
    """Re-check and re-render whenever a map, an import or a full text changes; Ctrl-C stops.

    \b
      argmap watch maps/japan_nato_cooperation.arg -o nato.html
    """
    from argmap.watch import watch as run_watch

    out = Path(output)
    chosen = fmt or (out.suffix.lstrip(".") if out.suffix.lstrip(".") in ("svg", "png", "pdf", "dot", "html")
                     else "html")
    sys.exit(run_watch([Path(p) for p in paths], out, chosen, lambda line: click.echo(line, err=True)))


def run(args: list[str] | None = None) -> None:
    """The console entry point: `main` with output that cannot be written (a closed pipe, a full disk) as
    one clean message and exit 3, never a traceback."""
    global _OWN_PROCESS
    _OWN_PROCESS = True
    code: int | str | None = 0
    try:
        try:
            result = main.main(args=args, prog_name="argmap", standalone_mode=False)
            code = result if isinstance(result, int) else 0
        except click.ClickException as error:
            error.show()
            code = error.exit_code
        except click.exceptions.Abort:
            click.echo("Aborted!", err=True)
            code = EXIT_INPUT
        except SystemExit as exit_:
            code = exit_.code
        sys.stdout.flush()
    except (OSError, OutputError) as problem:  # BrokenPipeError, ENOSPC, EIO on standard output
        error = problem.args[0] if isinstance(problem, OutputError) else problem

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more is flushed into the broken output at exit
        reason = (error.strerror or str(error)).lower()
        try:
            sys.stderr.write(f"argmap: error[AM406] cannot write the output: {reason}\n")
            sys.stderr.flush()
        except OSError:
            pass
        code = EXIT_IO
    if code is None or isinstance(code, int):
        # Done, everything written: leave without taking the last map loaded apart object by object (a
        # 100k-statement map's model and syntax tree took 0.2 s to free, memory the system takes back at
        # once), as mypy does. The exit handlers still run (a coverage run's, logging's), then the streams
        # are flushed; outputs were written whole when made (`write_atomic`), the cache each entry when made.
        import atexit

        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code or 0)
    sys.exit(code)


main.params.extend(_output_options("auto"))
for _command in main.commands.values():
    _command.params.extend(_output_options(None))


if __name__ == "__main__":  # pragma: no cover
    run()
