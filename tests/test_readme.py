"""The README's tutorial is true: its map checks clean, its mistake gives the diagnostic shown."""

import re
from pathlib import Path

from click.testing import CliRunner

from argmap.cli.main import main

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_tutorial_map_checks_clean_and_the_mistake_reads_as_shown(tmp_path, monkeypatch):
    source = re.search(r"```arg\n(.*?)```", README, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    Path("cities.arg").write_text(source, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "cities.arg"])
    assert result.output.strip() == "checked 1 file: 0 errors, 0 warnings"
    Path("cities.arg").write_text(source.replace("supports agglomeration", "supports agglomeraton"), encoding="utf-8")
    shown = re.search(r"```\n(cities\.arg:.*?)```", README, re.S).group(1)
    result = CliRunner().invoke(main, ["check", "cities.arg"])
    assert shown in result.output
    assert result.exit_code == 1


def test_setup_commands_are_the_ci_commands():
    assert "bash run.sh test" in README and "bash run.sh " in README
    assert "exec bash run.sh test" in (ROOT / ".ci" / "run").read_text()
