"""A source may take its fields from a reference manager's entry: `bib: "refs.bib#key"` (issue 14 part 4)."""

from __future__ import annotations

import json

import argmap
from argmap.workspace import Workspace

BIB = """@article{zhu2023,
  author = {Zhu, Haiyan},
  title = {The breakthrough in Japan-NATO security cooperation},
  journal = {International Studies},
  year = {2023},
  pages = {117--137},
}
"""
CSL = [{"id": "lu2022", "type": "article-journal", "title": "The US-Japan alliance in the Ukraine crisis",
        "author": [{"family": "Lu", "given": "Hao"}], "issued": {"date-parts": [[2022]]}}]
MAP = '''source zhu2023 {
  bib: "refs.bib#zhu2023"
  year: 2024
  claims: bare
}
source lu {
  bib: "refs.json#lu2022"
  claims: bare
}
thesis t "T" { source: zhu2023 }
claim c "C" {
  source: lu
  supports t
}
'''


def _project(tmp_path, text=MAP):
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "refs.json").write_text(json.dumps(CSL), encoding="utf-8")
    (tmp_path / "m.arg").write_text(text, encoding="utf-8")
    return tmp_path / "m.arg"


def test_fields_come_from_the_entry_and_fields_written_win(tmp_path):
    result = argmap.load(_project(tmp_path))
    assert [d.code for d in result.diagnostics] == []
    zhu, lu = result.model.source("zhu2023"), result.model.source("lu")
    assert (zhu.title, zhu.authors, zhu.venue, zhu.pages) == (
        "The breakthrough in Japan-NATO security cooperation", ("Zhu, Haiyan",), "International Studies", "117-137")
    assert zhu.year == 2024  # written in the map: it wins over the entry's 2023
    assert (lu.title, lu.authors, lu.year) == ("The US-Japan alliance in the Ukraine crisis", ("Lu, Hao",), 2022)


def test_a_missing_entry_or_file_is_an_error_with_the_closest_keys(tmp_path):
    result = argmap.load(_project(tmp_path, MAP.replace("#zhu2023", "#zhu2032").replace("refs.json", "nope.json")))
    problems = sorted((d.code, d.message, d.hint) for d in result.diagnostics)
    assert [p[0] for p in problems] == ["AM213", "AM213"]
    assert any("no entry `zhu2032` in `refs.bib`" in p[1] and p[2] == "did you mean `zhu2023`?" for p in problems)
    assert any("cannot read the bibliography `nope.json`" in p[1] for p in problems)


def test_editing_the_bibliography_invalidates_the_maps_that_use_it(tmp_path):
    path = _project(tmp_path)
    workspace = Workspace()
    assert workspace.load(path).model.source("zhu2023").venue == "International Studies"
    (tmp_path / "refs.bib").write_text(BIB.replace("International Studies", "Guoji Wenti Yanjiu"), encoding="utf-8")
    assert workspace.invalidate(tmp_path / "refs.bib") == {path.resolve()}
    assert workspace.load(path).model.source("zhu2023").venue == "Guoji Wenti Yanjiu"
