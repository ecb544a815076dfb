"""`argmap new FILE --source KEY [--fulltext PATH]`: a commented skeleton for a new paper that checks clean."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from argmap.cli.main import main
from argmap.workspace import load
from conftest import PAPERS, ROOT

NATO = PAPERS / "004_c16b8f8118fbe296.txt"
KINDS = ("thesis", "claim", "evidence", "counterclaim", "question")
RELATIONS = ("supports", "attacks", "undercuts", "qualifies", "contradicts", "answers", "agrees with",
             "disagrees with", "refines", "same as")


def new(*args: str):
    return CliRunner().invoke(main, ["new", *args])


@pytest.fixture
def project(tmp_path):
    """A folder beside the papers like the repository's maps/ (paths to the full texts resolve the same)."""
    if not NATO.is_file():
        pytest.skip(f"the papers' full texts are not at {PAPERS}")
    folder = ROOT / "maps" / f"_new_{tmp_path.name}"
    folder.mkdir()
    yield folder
    shutil.rmtree(folder)


def test_new_from_a_real_paper_checks_clean_and_reads_its_first_lines(project, golden):
    target = project / "zhu2023.arg"
    done = new(str(target), "--source", "zhu2023", "--fulltext", str(NATO))
    assert done.exit_code == 0, done.output
    assert done.output == f"wrote {target}\n"
    text = target.read_text(encoding="utf-8")
    golden("new/zhu2023.arg", text)
    result = load(target)
    assert result.diagnostics == ()  # no error, no warning: quotes verified against the paper
    model = result.model
    source = model.source("zhu2023")
    assert source.title == "日本与北约安全合作的突进及其影响"
    assert source.authors == ("朱海燕",) and "authors" in source.inferred
    assert source.fulltext == "../../../shared/papers/004_c16b8f8118fbe296.txt"
    assert {n.kind.value for n in model.nodes} == set(KINDS)
    assert {r.kind.value for r in model.relations} == set(RELATIONS)
    thesis = model.node("main_thesis")
    assert [(q.text, q.section, q.lines) for q in thesis.quotes] == \
        [("日本与北约同为美国主导的全球盟伴体系的重要构件", "一、日本与北约安全合作的突进", (47, 47))]
    headings = ["一、日本与北约安全合作的突进", "（一）政治关系升级至最高级别", "二、驱动日本与北约安全合作突进的因素",
                "三、日本与北约安全合作面临的制约", "四、日本与北约安全合作突进的影响", "五、结语"]
    banners = [line[2:] for line in text.splitlines() if line.startswith("# ") and line[2:] in headings]
    assert banners == headings  # one section per heading, in the paper's order
    assert "2023 年 7 月" not in text  # a line starting with a date is no heading
    done = CliRunner().invoke(main, ["fmt", "--check", str(target)])
    assert done.exit_code == 0, done.output


def test_every_paper_gives_a_clean_skeleton(project):
    for paper in sorted(PAPERS.glob("*.txt")):
        target = project / f"{paper.stem}.arg"
        done = new(str(target), "--source", "paper", "--fulltext", str(paper))
        assert done.exit_code == 0, done.output
        result = load(target)
        assert result.diagnostics == (), (paper.name, result.diagnostics)
        source = result.model.source("paper")
        assert source.title and not source.title.startswith(("#", "-"))
        assert result.model.node("main_thesis").quotes, paper.name  # every paper has a heading and a first sentence


def test_new_without_a_full_text_and_refusing_to_overwrite(tmp_path):
    target = tmp_path / "blank.arg"
    done = new(str(target), "--source", "smith2020")
    assert done.exit_code == 0, done.output
    result = load(target)
    assert result.ok and result.diagnostics == ()
    assert result.model.source("smith2020").fulltext is None
    before = target.read_text(encoding="utf-8")
    done = new(str(target), "--source", "other")
    assert done.exit_code == 3
    assert "error[AM405] refusing to overwrite" in done.output and "it exists" in done.output
    assert target.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("key, message", [("1x", "is not an id"), ("a b", "is not an id"),
                                          ("main_thesis", "one of the skeleton's examples")])
def test_new_rejects_a_key_that_is_not_an_id(tmp_path, key, message):
    done = new(str(tmp_path / "m.arg"), "--source", key)
    assert done.exit_code == 2 and message in done.output
    assert not (tmp_path / "m.arg").exists()


def test_new_with_an_unreadable_full_text(tmp_path):
    binary = tmp_path / "paper.txt"
    binary.write_bytes(b"\xff\xfe not utf-8")
    done = new(str(tmp_path / "m.arg"), "--source", "p", "--fulltext", str(binary))
    assert done.exit_code == 3 and re.search(r"error\[AM402\] .* is not UTF-8", done.output), done.output
    assert "Traceback" not in done.output and not (tmp_path / "m.arg").exists()
