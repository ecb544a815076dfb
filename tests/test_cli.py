"""The command line: check and stats, exit codes, folders, output formats."""

import json
import subprocess
import sys
from pathlib import Path

import argmap
from click.testing import CliRunner

from argmap.cli.main import main

ROOT = Path(__file__).parents[1]


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_check_clean_file_exits_0(in_root):
    result = run("check", "examples/01_minimal.arg")
    assert result.exit_code == 0
    assert result.output.strip() == "checked 1 file: 0 errors, 0 warnings"


def test_check_folder_reads_every_arg_file(in_root):
    result = run("check", "--format", "json", "examples")
    data = json.loads(result.output)
    assert data["files"] == sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").rglob("*.arg"))
    assert data["summary"] == {"errors": 0, "warnings": 0}


def test_strict_fails_on_warnings(tmp_path):
    path = tmp_path / "w.arg"
    path.write_text('source s "S"\nthesis t "unsupported"\n', encoding="utf-8")
    assert run("check", str(path)).exit_code == 0
    assert run("check", "--strict", str(path)).exit_code == 1


def test_unreadable_input_exit_codes(tmp_path):
    bad = tmp_path / "bad.arg"
    bad.write_bytes(b"claim c \"\xff\"\n")
    result = run("check", str(bad))
    assert result.exit_code == 3
    assert "AM402" in result.output and ":1:10:" in result.output
    missing = run("check", str(tmp_path / "nope.arg"))
    assert missing.exit_code == 2  # usage: click says the path does not exist
    assert run("check").exit_code == 2


def test_stats_counts(in_root):
    result = run("stats", "--format", "json", "examples/02_counterclaims.arg")
    (table,) = json.loads(result.output)
    assert table["nodes"] == {"thesis": 1, "claim": 0, "evidence": 2, "counterclaim": 3, "question": 0}
    assert table["relations"]["supports"] == 1
    assert table["relations"]["attacks"] == 3
    assert table["relations"]["undercuts"] == 1
    assert table["sources"] == [{"source": "smith2020", "title": "Why Cities Grow", "nodes": 6, "quotes": 0}]
    text = run("stats", "examples/02_counterclaims.arg").output
    assert "counterclaim         3" in text


def test_help_is_fast_and_lazy():
    code = ("import time, sys; t=time.perf_counter(); from argmap.cli.main import main; "
            "print(time.perf_counter()-t); print(sorted(m for m in ('lark','networkx','graphviz') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[1] == "[]"  # no heavy import at start-up
    result = subprocess.run([sys.executable, "-m", "argmap.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "check" in result.stdout


def test_a_command_in_its_own_process_freezes_what_it_loaded_and_an_in_process_one_does_not(in_root):
    """A loaded map is frozen out of the cyclic collector's sight (later stages stop rescanning millions of
    objects), only where the process is the command's own: not in a test runner or an editor's server."""
    import gc

    code = ("import atexit, gc, sys; from argmap.cli.main import run; "
            "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr)); "
            "run(['analyze', 'examples/02_counterclaims.arg'])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "arguments" in done.stdout, done.stderr
    frozen = int(done.stderr.split("frozen ")[1].split()[0])
    assert frozen > 1000  # the model, the syntax tree, the modules loaded
    before = gc.get_freeze_count()
    assert run("analyze", "examples/02_counterclaims.arg").exit_code == 0
    assert gc.get_freeze_count() == before


def test_dash_reads_standard_input(in_root):
    text = (ROOT / "examples/01_minimal.arg").read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["check", "-"], input=text).output.strip() == \
        "checked 1 file: 0 errors, 0 warnings"
    bad = CliRunner().invoke(main, ["check", "-"], input='claim c1 "A"\nc1 supports c9\n')
    assert bad.exit_code == 1 and bad.output.startswith("<stdin>:2:")
    assert CliRunner().invoke(main, ["fmt", "-"], input=text).output == \
        CliRunner().invoke(main, ["fmt", "examples/01_minimal.arg"]).output


def test_render_to_standard_output_writes_no_folder(in_root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["render", str(ROOT / "maps/anglo_japanese_alliance.arg"), "-o", "-",
                                       "--format", "dot"])
    assert result.exit_code == 0 and result.output.startswith("digraph")
    assert not (tmp_path / "-").exists()


def test_quiet_shows_errors_only_and_verbose_says_what_was_loaded(in_root):
    source = 'source s "S"\nthesis t "T" { source: s }\nclaim c1 "A" { source: s }\nc1 supports t\nc1 supports c9\n'
    loud = CliRunner().invoke(main, ["check", "-"], input=source)
    quiet = CliRunner().invoke(main, ["check", "-q", "-"], input=source)
    assert "warning" in loud.output or "error" in loud.output
    assert "warning[" not in quiet.output and "error[AM201]" in quiet.output
    assert CliRunner().invoke(main, ["-q", "check", "examples/01_minimal.arg"]).output == ""
    verbose = CliRunner().invoke(main, ["check", "-v", "--no-cache", "maps/anglo_japanese_alliance.arg"])
    model = argmap.load("maps/anglo_japanese_alliance.arg").model
    nodes, relations = sum(1 for _ in model.local_nodes()), sum(r.namespace is None for r in model.relations)
    assert f"loaded maps/anglo_japanese_alliance.arg: {nodes} nodes, {relations} relations, 0 errors" in verbose.stderr


def test_errors_come_before_warnings_within_a_file(in_root):
    source = 'claim c1 "A"\nclaim c2 "B"\nc2 supports c9\n'
    output = CliRunner().invoke(main, ["check", "-"], input=source).output
    heads = [line for line in output.splitlines() if line.startswith("<stdin>:")]
    severities = [h.split(": ")[1].split("[")[0] for h in heads]
    assert "warning" in severities and severities == sorted(severities)  # error < warning


def test_colour_follows_terminal_no_color_and_the_option(in_root):
    path = "examples/01_minimal.arg"
    assert "\x1b[" not in CliRunner().invoke(main, ["highlight", path]).output  # not a terminal
    assert "\x1b[" in CliRunner().invoke(main, ["highlight", "--color", "always", path]).output
    assert "\x1b[" in CliRunner().invoke(main, ["--color", "always", "highlight", path]).output
    assert "\x1b[" not in CliRunner().invoke(main, ["highlight", "--color", "never", path], color=True).output
    assert "\x1b[" not in CliRunner(env={"NO_COLOR": "1"}).invoke(main, ["highlight", path], color=True).output


def test_python_dash_m_argmap(in_root):
    done = subprocess.run([sys.executable, "-m", "argmap", "check", "examples/01_minimal.arg"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "0 errors" in done.stdout
