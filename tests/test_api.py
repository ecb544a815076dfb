"""The Python API for notebooks: `argmap.load` gives a map that shows itself (`_repr_svg_`, `_repr_html_`) with
`render`'s filters, its networkx graph and a table of its nodes; map text never becomes markup or script."""

from __future__ import annotations

import re
from textwrap import dedent
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli.main import main
from argmap.workspace import Result

MAP = "maps/anglo_japanese_alliance.arg"
HOSTILE = dedent('''\
    source s "<script>alert('source')</script>" {
      url: "javascript:alert(1)"
    }
    thesis t "<script>alert(1)</script> <img src=x onerror=alert(2)> & [x](javascript:y)" {
      source: s
      url: "javascript:alert(3)"
    }
    claim c "<b onclick=alert(4)>bold</b>" {
      source: s
      supports t
    }
    ''')


def texts_of(svg: str) -> list[str]:
    return ["".join(e.itertext()) for e in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


def test_a_loaded_map_shows_itself_as_svg_and_html(in_root):
    m = argmap.load(MAP)
    assert isinstance(m, Result) and m.ok and len(m.model.nodes) > 50
    svg = m._repr_svg_()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    labels = " ".join(texts_of(svg))
    assert "thesis" in labels and "Imperial Japan" in labels
    html = m._repr_html_()
    assert html.startswith('<div class="argmap-map"><svg') and "<?xml" not in html
    counts = f"{len(m.model.nodes)} nodes, {len(m.model.relations)} relations"
    assert f"maps/anglo_japanese_alliance.arg: {counts}; 0 errors, 0 warnings" in html
    assert "<script" not in html


def test_view_takes_the_filters_of_render(in_root, tmp_path):
    m = argmap.load(MAP)
    for options, view in ((["--kind", "thesis", "--kind", "claim"], m.view(kinds=["thesis", "claim"])),
                          (["--focus", "thesis", "--depth", "1", "--lang", "en"],
                           m.view(focus="thesis", depth=1, lang="en"))):
        out = tmp_path / "view.dot"
        done = CliRunner().invoke(main, ["render", MAP, "-o", str(out), *options])
        assert done.exit_code == 0, done.output
        assert view.render("dot").decode("utf-8") == out.read_text(encoding="utf-8")
    claims_only = m.view(kinds=["claim"])._repr_svg_()
    assert len(claims_only) < len(m._repr_svg_())
    assert not any(t.startswith("thesis ") for t in texts_of(claims_only))
    with pytest.raises(KeyError, match="no node `nowhere`"):
        m.view(focus="nowhere")._repr_svg_()
    with pytest.raises(TypeError):
        m.view(kinds="claim")


def test_map_text_is_escaped_in_svg_and_html():
    m = argmap.loads(HOSTILE, "hostile.arg")
    assert m.model is not None
    for output in (m._repr_svg_(), m._repr_html_()):
        assert output is not None
        root = ElementTree.fromstring(output[output.index("<svg"):] if output.startswith("<?xml") else output)
        for element in root.iter():
            assert element.tag.rsplit("}", 1)[-1] not in ("script", "img", "b", "foreignObject", "iframe")
            assert not any(name.rsplit("}", 1)[-1].startswith("on") for name in element.attrib), element.attrib
            for name, value in element.attrib.items():
                if name.endswith("href"):
                    assert value.startswith(("http://", "https://", "#")), value
        assert "<script" not in output and "<img" not in output
    labels = " ".join(texts_of(m._repr_svg_()))
    assert "<script>alert(1)</script>" in labels  # shown as text, not run


def test_a_map_with_errors_draws_nothing_and_lists_the_errors_escaped():
    m = argmap.loads('claim c "x" {\n  supports <script>\n}\n', "broken.arg")
    assert not m.ok
    assert m._repr_svg_() is None and m.render("png") is None
    html = m._repr_html_()
    assert "<svg" not in html and "<script" not in html
    assert "<li>broken.arg:2:12: error[AM101] unexpected character `&lt;`</li>" in html, html
    assert "1 error, 0 warnings" in html  # the one real mistake, not its consequences


def test_to_networkx_and_table_on_a_real_map(in_root):
    m = argmap.load(MAP)
    graph = argmap.to_networkx(m)
    nodes, relations = len(m.model.nodes), len(m.model.relations)
    assert graph.number_of_nodes() == nodes and graph.number_of_edges() == relations
    assert graph.nodes["thesis"]["kind"] == "thesis"
    assert argmap.to_networkx(m.model).number_of_edges() == m.to_networkx().number_of_edges() == relations
    rows = argmap.table(m)
    assert len(rows) == nodes and rows == m.table()
    assert list(rows[0]) == ["id", "kind", "text", "source", "section", "tags", "status", "stance", "type",
                             "quotes", "supports", "attacks", "line"]
    first = rows[0]
    assert (first["id"], first["kind"], first["section"], first["quotes"], first["line"]) == \
        ("thesis", "thesis", "伍、結論", 3, 19)
    linked = [r for r in rows if r["supports"]]  # each row lists the nodes it supports, as the graph has them
    assert len(linked) > nodes / 2
    for row in linked:
        assert set(row["supports"].split(", ")) == {v for _u, v, kind in graph.out_edges(row["id"], data="kind")
                                                   if kind == "supports"}
    supported = {r["id"] for r in rows if "thesis" in r["supports"].split(", ")}
    assert supported and supported == {u for u, _v, kind in graph.in_edges("thesis", data="kind")
                                       if kind == "supports"}
    with pytest.raises(ValueError, match="did not load"):
        argmap.table(argmap.load("no/such/file.arg"))


def test_the_outputs_shown_in_python_api_md_are_real(in_root):
    doc = (in_root / "docs" / "python-api.md").read_text(encoding="utf-8")
    m = argmap.load(MAP)
    g = argmap.to_networkx(m)
    from collections import Counter

    shown = [  # what the doc's examples print, computed now: each must stand in the doc as it is
        repr((m.ok, len(m.model.nodes), len(m.model.relations), m.diagnostics)),
        str(g),
        repr((g.nodes["thesis"]["kind"], g.nodes["thesis"]["section"])),
        repr(sorted(g.predecessors("thesis"))[:4]),
        repr(Counter(k for _, _, k in g.edges(data="kind")).most_common()),
        repr(Counter(r["kind"] for r in argmap.table(m))),
        f"{len(m.model.nodes)} nodes, {len(m.model.relations)} relations; 0 errors, 0 warnings",
    ]
    for actual in shown:
        assert actual in doc, f"docs/python-api.md does not show {actual!r}: update it"
    draft = argmap.loads('claim c "x" {\n  supports nowhere\n}\n', "draft.arg")
    block = re.search(r"print\(d\._repr_html_\(\)\)\n(.*?)```", doc, re.S).group(1)
    assert block == draft._repr_html_() + "\n"
