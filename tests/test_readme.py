"""The README's tutorial is true: every command it shows prints exactly what it shows."""

import re
from pathlib import Path

from click.testing import CliRunner

from argmap.cli.main import main

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _shown(command: str) -> list[str]:
    """The outputs the README shows after `$ argmap COMMAND` in its code blocks, in order."""
    outputs = []
    blocks, current = [], None
    for line in README.split("\n"):  # fenced code blocks, opening and closing fences paired in order
        if line.startswith("```"):
            if current is None:
                current = []
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current.append(line)
    for lines in blocks:
        for i, line in enumerate(lines):
            if line == f"$ argmap {command}":
                rest = []
                for later in lines[i + 1:]:
                    if later.startswith("$ "):
                        break
                    rest.append(later)
                outputs.append("\n".join(rest).strip("\n") + "\n")
    return outputs


def _run(*args: str) -> tuple[str, int]:
    result = CliRunner().invoke(main, ["--color", "never", *args])
    return result.output, result.exit_code


def test_tutorial_map_checks_and_each_mistake_reads_exactly_as_shown(tmp_path, monkeypatch):
    source = re.search(r"```arg\n(.*?)```", README, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    clean, misspelt, synonym = _shown("check cities.arg")
    Path("cities.arg").write_text(source, encoding="utf-8")
    assert _run("check", "cities.arg") == (clean, 0)
    Path("cities.arg").write_text(source.replace("supports agglomeration", "supports agglomeraton"), encoding="utf-8")
    assert _run("check", "cities.arg") == (misspelt, 1)
    Path("cities.arg").write_text(source.replace("attacks sorting", "refutes sorting"), encoding="utf-8")
    assert _run("check", "cities.arg") == (synonym, 1)


def test_the_diff_example_has_its_files_and_prints_what_is_shown(monkeypatch):
    monkeypatch.chdir(ROOT)
    (shown,) = _shown("diff examples/diff/old.arg examples/diff/new.arg")
    assert _run("diff", "examples/diff/old.arg", "examples/diff/new.arg") == (shown, 0)


def test_setup_commands_are_the_ci_commands():
    assert "bash run.sh test" in README and "bash run.sh " in README
    assert "exec bash run.sh test" in (ROOT / ".ci" / "run").read_text()
