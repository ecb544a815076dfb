"""`check` reuses the diagnostics of maps that did not change, nor did what they import or quote."""

from __future__ import annotations

from click.testing import CliRunner

from argmap.cli.main import main

PAPER = "We find that the sky is blue.\n"
B = 'source s "A paper" { fulltext: "paper.txt" }\nclaim shared "A shared claim" {\n  quote: "the sky is blue"\n}\n'
A = 'import "b.arg" as b\nthesis t "A thesis"\nb.shared supports t\n'
C = 'thesis alone "Unrelated" {\n  # argmap: ignore[AM304] a test\n}\n'


def _check(folder, *options):
    result = CliRunner().invoke(main, ["-v", "check", *options, str(folder)])
    unchanged = sorted(line.split()[1].rstrip(":").rsplit("/", 1)[-1] for line in result.output.splitlines()
                       if line.startswith("unchanged "))
    return result, unchanged


def _project(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    for name, text in {"paper.txt": PAPER, "a.arg": A, "b.arg": B, "c.arg": C}.items():
        (project / name).write_text(text, encoding="utf-8")
    return project


def test_an_unchanged_folder_is_not_checked_again_and_gives_the_same_output(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    first, unchanged = _check(project)
    assert unchanged == []
    second, unchanged = _check(project)
    assert unchanged == ["a.arg", "b.arg", "c.arg"]
    assert second.exit_code == first.exit_code
    strip = lambda out: [l for l in out.splitlines() if not l.startswith(("unchanged ", "loaded "))]
    assert strip(second.output) == strip(first.output)


def test_editing_an_import_rechecks_it_and_its_importers_only(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    _check(project)
    (project / "b.arg").write_text(B.replace("the sky is blue", "the sky is green"), encoding="utf-8")
    result, unchanged = _check(project)
    assert unchanged == ["c.arg"]
    assert "AM308" in result.output and result.exit_code == 1


def test_editing_a_full_text_rechecks_the_maps_that_quote_it(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    _check(project)
    (project / "paper.txt").write_text("We find that the sky is grey.\n", encoding="utf-8")
    result, unchanged = _check(project)
    assert unchanged == ["c.arg"]
    assert "AM308" in result.output


def test_no_cache_checks_everything(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    _check(project)
    assert _check(project, "--no-cache")[1] == []
    monkeypatch.setenv("ARGMAP_NO_CACHE", "1")
    assert _check(project)[1] == []


def test_a_torn_or_foreign_cache_entry_is_a_miss_not_a_crash(tmp_path, monkeypatch):
    # entries are written without a sync to disk (a cache may lose one in a power cut): whatever is found
    # in a file that is not an entry argmap wrote, the map is checked again
    project = _project(tmp_path, monkeypatch)
    first, _ = _check(project)
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert entries
    for entry, junk in zip(entries, ["", "[1, 2]", '{"depends": {}, "diagnostics": [{"code": 3}]}']):
        entry.write_text(junk, encoding="utf-8")
    second, unchanged = _check(project)
    assert second.exception is None and len(unchanged) == 3 - min(3, len(entries))
    strip = lambda out: [l for l in out.splitlines() if not l.startswith(("unchanged ", "loaded "))]
    assert strip(second.output) == strip(first.output)
