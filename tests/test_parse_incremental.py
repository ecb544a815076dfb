"""The language server's incremental parse (`syntax.Reparser`) gives the same document and diagnostics as a
full parse, edit after edit, on the real maps; it reuses the statements an edit left alone."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from argmap.language import parse as syntax

ROOT = Path(__file__).resolve().parents[1]
MAPS = sorted((ROOT / "maps").glob("*.arg"))

# what people type: words, quotes, braces, new lines, whole statements, comments, CJK text
INSERTS = ["x", "字", '"', "{", "}", "\n", "\n\n", " ", "# note\n", 'claim c_new "A new claim" {\n}\n',
           "  supports thesis\n", "  zh: \"中文\"\n", "\\", '"""', "claim ", "(inferred)", "\t"]


def edit(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    kind = rng.random()
    if kind < 0.55:
        return text[:at] + rng.choice(INSERTS) + text[at:]
    if kind < 0.85:
        return text[:at] + text[at + rng.randint(1, 40):]
    start = text.rfind("\n", 0, at) + 1  # duplicate or drop a line
    end = text.find("\n", at)
    end = len(text) if end < 0 else end + 1
    return text[:start] + (text[start:end] * 2 if rng.random() < 0.5 else "") + text[end:]


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_random_edits_parse_as_a_full_parse_would(path):
    rng = random.Random(path.name)
    text = path.read_text(encoding="utf-8")
    file = str(path)
    reparser = syntax.Reparser()
    assert syntax.parse(text, file, reparser) == syntax.parse(text, file)
    for _ in range(60):
        # mostly small edits that leave the file parseable again soon: undo half of them
        edited = edit(rng, text)
        assert syntax.parse(edited, file, reparser) == syntax.parse(edited, file), "after an edit"
        if rng.random() < 0.5:
            assert syntax.parse(text, file, reparser) == syntax.parse(text, file), "after undoing it"
        else:
            text = edited


def test_typing_in_a_line_reuses_every_other_statement():
    path = ROOT / "maps" / "japan_nato_cooperation.arg"
    text = path.read_text(encoding="utf-8")
    reparser = syntax.Reparser()
    document, _ = syntax.parse(text, str(path), reparser)
    lines = text.split("\n")
    middle = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("  zh: "))
    lines[middle] = lines[middle].replace('zh: "', 'zh: "新', 1)
    before = reparser.reused
    edited, diagnostics = syntax.parse("\n".join(lines), str(path), reparser)
    assert diagnostics == []
    assert reparser.reused - before == len(document.statements) - 1
    assert edited == syntax.parse("\n".join(lines), str(path))[0]


def test_an_error_and_its_repair_are_reported_as_by_a_full_parse():
    path = ROOT / "maps" / "anglo_japanese_alliance.arg"
    text = path.read_text(encoding="utf-8")
    reparser = syntax.Reparser()
    syntax.parse(text, str(path), reparser)
    broken = text.replace("  zh: ", "  zh ", 1)  # a field without its colon
    document, diagnostics = syntax.parse(broken, str(path), reparser)
    assert [d.code for d in diagnostics] == [d.code for d in syntax.parse(broken, str(path))[1]] != []
    assert syntax.parse(text, str(path), reparser) == syntax.parse(text, str(path))
    assert str(path) in reparser.last  # clean again: the next edit can reuse it
