"""Sources from BibTeX and CSL JSON, and quotes as W3C Web Annotations on a real map."""

import json
from pathlib import Path
from textwrap import dedent

from click.testing import CliRunner

import argmap
from argmap.cli.main import main
from argmap.formats import annotations

ROOT = Path(__file__).parents[1]

BIB = dedent("""\
    @article{zhu2023,
      author = {Zhu, Qingxiu and M{\\"u}ller, Hans},
      title = {{Japan--NATO} Security Cooperation},
      journal = {Contemporary International Relations},
      year = {2023}, volume = {33}, number = {4}, pages = {12--34},
      doi = {https://doi.org/10.1234/cir.2023.04}, url = {https://example.org/zhu},
      language = {english}, abstract = {An abstract.}
    }

    @book{nish1966, author = {Nish, Ian}, title = {The Anglo-Japanese Alliance}, publisher = {Athlone}, year = 1966}
    """)

CSL = json.dumps([{"id": "nish1966", "type": "book", "title": "The Anglo-Japanese Alliance",
                   "author": [{"family": "Nish", "given": "Ian"}], "issued": {"date-parts": [[1966]]},
                   "publisher": "Athlone", "language": "en", "note": "x"},
                  {"id": "zhu2023", "type": "article-journal", "title": "Japan–NATO Security Cooperation",
                   "container-title": "Contemporary International Relations", "volume": "33", "issue": "4",
                   "page": "12–34", "DOI": "10.1234/cir.2023.04", "URL": "https://example.org/zhu",
                   "author": [{"family": "Zhu", "given": "Qingxiu"}], "issued": {"date-parts": [[2023, 5]]}}],
                 indent=1, ensure_ascii=False)


def _import(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(tmp_path / name), "-o", str(tmp_path / "out.arg")])
    return result


def test_bibtex_into_sources(tmp_path):
    result = _import(tmp_path, "refs.bib", BIB)
    assert result.exit_code == 0, result.output
    model = argmap.load(tmp_path / "out.arg").model
    zhu = model.source("zhu2023")
    assert (zhu.title, zhu.authors, zhu.venue, zhu.year, zhu.volume, zhu.issue, zhu.pages, zhu.doi, zhu.url,
            zhu.lang, zhu.type) == ("Japan--NATO Security Cooperation", ("Zhu, Qingxiu", "Müller, Hans"),
                                    "Contemporary International Relations", 2023, "33", "4", "12-34",
                                    "10.1234/cir.2023.04", "https://example.org/zhu", "en", "article")
    assert model.source("nish1966").publisher == "Athlone"
    assert "refs.bib:1:1: warning[AM110] the fields abstract of `zhu2023` are not carried over" in result.output


def test_csl_json_into_sources(tmp_path):
    result = _import(tmp_path, "refs.json", CSL)
    assert result.exit_code == 0, result.output
    model = argmap.load(tmp_path / "out.arg").model
    assert [s.id for s in model.sources] == ["nish1966", "zhu2023"]
    zhu = model.source("zhu2023")
    assert (zhu.authors, zhu.year, zhu.pages, zhu.type, zhu.venue) == \
        (("Zhu, Qingxiu",), 2023, "12-34", "article", "Contemporary International Relations")
    assert "the fields note of `nish1966`" in result.output


def test_malformed_inputs_give_line_and_column_and_write_nothing(tmp_path):
    result = _import(tmp_path, "bad.bib", "@article{ok, title = {Fine}}\n\n@book{broken,\n  title = {Never {closed},\n")
    assert result.exit_code == 1 and "bad.bib:3:1: error[AM108]" in result.output
    result = _import(tmp_path, "bad.json", '[{"id": "a",\n  "title": }]')
    assert result.exit_code == 1 and "bad.json:2:12: error[AM108]" in result.output
    assert not (tmp_path / "out.arg").exists()


def test_annotations_locate_quotes_in_the_papers_text(tmp_path):
    path = ROOT / "maps" / "japan_nato_cooperation.arg"
    result = CliRunner().invoke(main, ["export", str(path), "--format", "annotations", "-o", str(tmp_path / "a.json")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    model = argmap.load(path).model
    assert data["type"] == "AnnotationCollection"
    assert data["total"] == sum(len(n.quotes) for n in model.nodes) + sum(len(r.quotes) for r in model.relations)
    full = (path.parent / model.sources[0].fulltext).read_text(encoding="utf-8")
    for item in data["first"]["items"]:
        quote, position = item["target"]["selector"]
        assert position["type"] == "TextPositionSelector"
        exact = full[position["start"]:position["end"]]
        assert exact == quote["exact"]
        assert full[:position["start"]].endswith(quote["prefix"]) and full[position["end"]:].startswith(quote["suffix"])
        assert item["target"]["source"].endswith(model.sources[0].fulltext.split("/")[-1])
    first = data["first"]["items"][0]
    assert first["body"]["value"] == model.nodes[0].text
    assert "".join(first["target"]["selector"][0]["exact"].split()) == "".join(model.nodes[0].quotes[0].text.split())


def test_locate_ignores_white_space():
    assert annotations.locate("ab\n c  d e", "bc d") == (1, 8)  # "b\n c  d"
    assert annotations.locate("abc", "x") is None
