"""Rendering: the DOT text (golden), the quoting and wrapping helpers, real Graphviz output, filters, batch."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from click.testing import CliRunner

import argmap
from argmap.cli.main import main
from argmap.analysis.graph import Selection, select
from argmap.render.dot import DotOptions, html_text, quote, to_dot
from argmap.core.text import display_width, wrap

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "examples").rglob("*.arg"))
SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(subprocess.run(["which", "dot"], capture_output=True).returncode != 0,
                               reason="Graphviz is not installed")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# --- quoting and wrapping ---------------------------------------------------------------------------
@pytest.mark.parametrize("value, expected", [
    ('say "hi"', r'"say \"hi\""'),
    ("back\\slash", r'"back\\slash"'),
    ("two\nlines", r'"two\nlines"'),
    ("crlf\r\nend", r'"crlf\nend"'),
    ("<b>&amp;</b>", '"<b>&amp;</b>"'),
    ("node", '"node"'), ("edge", '"edge"'), ("graph", '"graph"'), ("subgraph", '"subgraph"'),
    ("日英同盟「扈從」", '"日英同盟「扈從」"'),
    ('\\"', r'"\\\""'),
])
def test_quote(value, expected):
    assert quote(value) == expected


def test_quoted_keywords_and_specials_survive_graphviz():
    # ids that are DOT keywords, and labels with every special character, come out of Graphviz unchanged
    nasty = ["node", "edge", "graph", "subgraph", 'q"uote', "back\\slash", "a<b>&c", "日英同盟"]
    dot = "digraph g {\n" + "".join(f"  {quote(v if i < 4 else f'n{i}')} [label={quote(v)}];\n"
                                    for i, v in enumerate(nasty)) + "}\n"
    if subprocess.run(["which", "dot"], capture_output=True).returncode != 0:
        pytest.skip("Graphviz is not installed")
    svg = subprocess.run(["dot", "-Tsvg"], input=dot.encode(), capture_output=True, check=True).stdout
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == nasty


def test_html_text_escapes():
    assert html_text('<a href="x">&</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
    assert html_text("bell\x07") == "bell"
    assert html_text("]") == "&#93;"  # Graphviz 2.43 cannot parse a label text that is only "]"


def test_wrap_latin_at_spaces_and_cjk_by_width():
    assert wrap("Cities grow because firms gain from being close", 20) == [
        "Cities grow because", "firms gain from", "being close"]
    lines = wrap("為獲得利益和擴展勢力而扈從於強者，這是日本的同盟邏輯", 12)
    assert all(display_width(line) <= 12 for line in lines)
    assert "".join(lines) == "為獲得利益和擴展勢力而扈從於強者，這是日本的同盟邏輯"
    assert not any(line.startswith("，") for line in lines)  # no line starts with closing punctuation
    assert wrap("Anglo-Japanese 日英同盟 alliance", 14) == ["Anglo-Japanese", "日英同盟", "alliance"]
    assert wrap("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    # a paragraph that fits is one line, its runs of white space (an ideographic space too) one space each
    assert wrap("  日本　同盟 \t x ", 20) == ["日本 同盟 x"] and wrap("a\n\n  b", 5) == ["a", "b"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab cd  efghij,.;)日本同盟，。」\u0301Ａ\t", max_size=80), st.integers(2, 30))
def test_wrap_keeps_every_word_and_the_width(text, width):
    lines = wrap(text, width)
    closing = "，。、；：？！）」』》〉】,.;:?!)]}%"  # may hang past the end: no line starts with one
    assert all(display_width(line.rstrip(closing + " ")) <= width for line in lines)
    if text.isascii() and text.isprintable():  # Latin text breaks only at spaces and inside over-long words
        assert "".join(" ".join(lines).split()) == "".join(text.split())
    assert "".join("".join(lines).split()) == "".join(text.split())


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab cdefghij-,.;)%", max_size=120), st.integers(1, 30))
def test_wrap_of_plain_text_takes_its_short_way_to_the_same_lines(text, width):
    from argmap.core.text import _wrap, _wrap_plain

    short = " ".join(text.split())
    plain = _wrap_plain(short, width)
    if plain is not None:
        assert plain == _wrap(text, width)
    assert wrap(text, width) == ([l for l in _wrap(text, width) if l] or [""])


def test_wrap_of_plain_text_leaves_words_longer_than_a_line_and_closing_marks_to_the_long_way():
    from argmap.core.text import _wrap_plain

    assert _wrap_plain("Cities grow because firms gain", 12) == ["Cities grow", "because", "firms gain"]
    assert _wrap_plain("a Constantinople b", 8) is None  # cut inside the word
    assert _wrap_plain("the cities grow ; firms", 15) is None  # `;` stays at the end of the line before
    assert wrap("the cities grow ; firms", 15) == ["the cities grow ;", "firms"]


def test_wrap_a_character_wider_than_the_line_stands_alone():
    # was an endless loop: a wide character (two cells) never fits a line of one
    assert wrap("日本 同盟", 1) == ["日", "本", "同", "盟"]
    assert wrap("a日b", 1) == ["a", "日", "b"]


# --- DOT --------------------------------------------------------------------------------------------
DOT_INPUTS = sorted(str(p.relative_to(ROOT)) for p in [*(ROOT / "maps").rglob("*.arg"),
                                                       *(ROOT / "examples").rglob("*.arg")])


@pytest.mark.parametrize("path", DOT_INPUTS)
def test_dot_fast_paths_write_what_the_general_path_writes(path, in_root, monkeypatch):
    """Most nodes and edges are written by a short path (their style's attributes as one text); with it
    off, each goes through `attr_list`: the DOT is the same, with every option that changes the attributes."""
    from argmap.render import dot

    model = argmap.load(path).model
    if model is None:
        pytest.skip("does not load")
    ids = [n.id for n in model.nodes]
    variants = [DotOptions(), DotOptions(ids=False, lang="en"), DotOptions(collapse_evidence=True),
                DotOptions(labels=tuple((i, ("in", "out", "undec", None)[k % 4]) for k, i in enumerate(ids)
                                        if k % 4 != 3))]
    for options in variants:
        fast = to_dot(model, options)
        monkeypatch.setattr(dot._DotWriter, "fast", False)
        general = to_dot(model, options)
        monkeypatch.setattr(dot._DotWriter, "fast", True)
        assert fast == general
    assert "penwidth" in fast and "tooltip" in fast

@pytest.mark.parametrize("name", ["02_counterclaims", "04_bilingual", "comparison/why_cities_grow"])
def test_dot_golden(name, golden, in_root):
    model = argmap.load(f"examples/{name}.arg").model
    golden(f"dot/{name.replace('/', '_')}.dot", to_dot(model))


def test_dot_is_deterministic(in_root):
    model = argmap.load("maps/anglo_japanese_alliance.arg").model
    assert to_dot(model) == to_dot(argmap.load("maps/anglo_japanese_alliance.arg").model)


def test_lang_option_chooses_the_text(in_root):
    model = argmap.load("examples/04_bilingual.arg").model
    en = to_dot(model, DotOptions(lang="en"))
    zh = to_dot(model, DotOptions(lang="zh"))
    both = to_dot(model, DotOptions(lang="both"))
    assert "examines himself" in en and "吾日三省吾身" not in en.split("tooltip")[0]
    assert "吾日三省吾身" in zh and "A gentleman examines himself every day<BR" not in zh
    assert "examines" in both and "吾日三省吾身" in both


def _dot_nodes(dot: str) -> list[str]:
    import re
    return [m for m in re.findall(r'^\s+"([^"]+)" \[label=<', dot, re.M)]


def test_filters(in_root):
    model = argmap.load("examples/02_counterclaims.arg").model
    all_nodes = _dot_nodes(to_dot(model))
    assert all_nodes == ["agglomeration", "wage_premium", "sorting", "movers", "amenities", "congestion"]
    focus = to_dot(model, DotOptions(selection=Selection(focus="movers", depth=1)))
    assert _dot_nodes(focus) == ["sorting", "movers"]
    kinds = to_dot(model, DotOptions(selection=Selection(kinds=frozenset({"counterclaim"}))))
    assert _dot_nodes(kinds) == ["sorting", "amenities", "congestion"]
    alone = to_dot(model, DotOptions(selection=Selection(kinds=frozenset({"counterclaim", "evidence"}),
                                                         exclude_disconnected=True)))
    assert _dot_nodes(alone) == ["sorting", "movers"]
    collapsed = to_dot(model, DotOptions(collapse_evidence=True))
    assert "wage_premium" not in _dot_nodes(collapsed)
    assert "+ 1 evidence" in collapsed  # sorting is attacked by movers? no: agglomeration has 1 supporting evidence
    tagged = argmap.load("examples/04_bilingual.arg").model
    assert _dot_nodes(to_dot(tagged, DotOptions(selection=Selection(tags=frozenset({"self_cultivation"}))))) == ["修身"]


# --- real Graphviz ----------------------------------------------------------------------------------
@needs_dot
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_svg_shows_every_node_and_edge(path, tmp_path):
    out = tmp_path / (path.stem + ".svg")
    result = run("render", path, "-o", out)
    assert result.exit_code == 0, result.output
    svg = ET.parse(out).getroot()
    model = argmap.load(path).model
    groups = {g.get("id"): g for g in svg.iter(f"{SVG}g") if g.get("id")}
    shown = select(model, Selection())  # a comparison map shows what it links, not its imports whole
    assert shown
    for node in (model.node(i) for i in shown):
        g = groups[f"node-{node.id}"]
        text = "".join(t.text or "" for t in g.iter(f"{SVG}text"))
        # the label shows the id and the first words of the text (wrapped over lines)
        assert node.id in text
        assert node.text.split()[0] in text
        chinese = node.text_in("zh")
        if chinese:
            assert chinese[:4] in text  # Chinese as text, not as outlines
        # the tooltip carries the quotes with their locators
        if node.quotes:
            titles = " ".join(a.get("{http://www.w3.org/1999/xlink}title") or "" for a in g.iter(f"{SVG}a"))
            assert node.quotes[0].text[:10] in titles
    for relation in model.relations:
        ends = (relation.origin, model.relation(relation.target).origin if relation.target_is_relation
                else relation.target)
        assert (f"edge-{relation.key}" in groups) == all(e in shown for e in ends)


@needs_dot
def test_edge_styles_in_svg(tmp_path, in_root):
    out = tmp_path / "c.svg"
    assert run("render", "examples/02_counterclaims.arg", "-o", out).exit_code == 0
    svg = ET.parse(out).getroot()
    groups = {g.get("id"): g for g in svg.iter(f"{SVG}g") if g.get("id")}

    def path_of(edge_id):
        return next(groups[edge_id].iter(f"{SVG}path"))

    supports = path_of("edge-premium_link")
    assert supports.get("stroke") == "#009e73" and not supports.get("stroke-dasharray")
    undercut = path_of("edge-sorting undercuts premium_link")
    assert undercut.get("stroke") == "#d55e00" and undercut.get("stroke-dasharray")
    # the undercut arrow ends on the point in the middle of the edge it undercuts
    assert "rel:premium_link" in "".join(t.text or "" for t in groups["edge-sorting undercuts premium_link"].iter(f"{SVG}title"))
    weak = path_of("edge-amenities attacks agglomeration")
    assert float(weak.get("stroke-width")) < float(path_of("edge-congestion attacks agglomeration").get("stroke-width"))
    assert "legend" in groups


@needs_dot
def test_png_and_pdf_are_valid(tmp_path, in_root):
    for fmt, magic in (("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-")):
        out = tmp_path / f"m.{fmt}"
        assert run("render", "examples/04_bilingual.arg", "-o", out).exit_code == 0
        data = out.read_bytes()
        assert data.startswith(magic) and len(data) > 1000
    png = (tmp_path / "m.png").read_bytes()
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 100 and height > 100
    pdf = (tmp_path / "m.pdf").read_bytes()
    assert b"/FontName" in pdf and b"Noto" in pdf  # the CJK font is embedded


@needs_dot
def test_batch_renders_a_folder_and_carries_on_past_a_bad_file(tmp_path, in_root):
    maps = tmp_path / "maps"
    (maps / "sub").mkdir(parents=True)
    (maps / "good.arg").write_text((ROOT / "examples/01_minimal.arg").read_text(encoding="utf-8"), encoding="utf-8")
    (maps / "sub" / "also_good.arg").write_text((ROOT / "examples/04_bilingual.arg").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    (maps / "bad.arg").write_text('claim c "x" { supports nowhere }\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run("render", maps, "-o", out, "--format", "svg,png")
    assert result.exit_code == 1
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == [
        ".argmap-render.json", "good.png", "good.svg", "index.html", "sub/also_good.png", "sub/also_good.svg"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="sub/also_good.svg"' in index and 'href="good.png"' in index and "bad" not in index
    assert "bad.arg:1:24: error[AM201] unknown id `nowhere`" in result.output
    assert "1 of 3 files not rendered" in result.output


def test_never_overwrites_an_input(tmp_path):
    # an input named like an output: rendering it to dot next to itself would replace it
    source = tmp_path / "m.dot"
    source.write_text('source s "S"\nthesis t "T"\n', encoding="utf-8")
    before = source.read_bytes()
    result = run("render", source, "-o", tmp_path, "--format", "dot")
    assert result.exit_code == 3
    assert "refusing to overwrite the input" in result.output
    assert source.read_bytes() == before


def test_failed_write_leaves_no_file(tmp_path):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    result = run("render", ROOT / "examples/01_minimal.arg", "-o", blocker / "m.svg")
    assert result.exit_code == 3 and "AM405" in result.output and "cannot write" in result.output
    assert blocker.read_text(encoding="utf-8") == "a file where a folder should be"
    assert [p.name for p in tmp_path.iterdir()] == ["not_a_folder"]  # no temporary file left behind


def test_without_graphviz_dot_works_and_svg_says_what_to_install(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path))  # no `dot` on this PATH
    base = [sys.executable, "-m", "argmap.cli", "render", str(ROOT / "examples/01_minimal.arg"), "-o"]
    ok = subprocess.run(base + [str(tmp_path / "m.dot")], capture_output=True, text=True, env=env)
    assert ok.returncode == 0 and (tmp_path / "m.dot").read_text().startswith("digraph")
    bad = subprocess.run(base + [str(tmp_path / "m.svg")], capture_output=True, text=True, env=env)
    assert bad.returncode == 3
    assert "AM404" in bad.stderr and "apt-get install graphviz" in bad.stderr
    assert not (tmp_path / "m.svg").exists()


def test_a_dot_file_is_streamed_with_the_bytes_the_api_returns(tmp_path):
    """`render -o x.dot` writes the drawing into the file as it is made (a 100k-node map's 80 MB DOT is never
    held whole); it is byte for byte the DOT `render_dot` returns, for every real map, one file or a folder."""
    import io

    from argmap.render import RenderRequest, render
    from argmap.render.dot import render_dot

    maps = sorted((ROOT / "maps").glob("*.arg"))
    result = run("render", *maps, "-o", tmp_path / "out", "--format", "dot")
    assert result.exit_code == 0, result.output
    one = run("render", maps[0], "-o", tmp_path / "one.dot")
    assert one.exit_code == 0, one.output
    assert f"wrote {tmp_path / 'one.dot'}" in one.output
    for path in maps:
        model = argmap.load(path).model
        expected = render_dot(model).data
        assert (tmp_path / "out" / f"{path.stem}.dot").read_bytes() == expected
        sink = io.BytesIO()
        drawn = render(model, RenderRequest(formats=("dot",)), sink=sink)
        assert sink.getvalue() == expected and drawn.artifacts == () and drawn.ok and len(drawn.shown) > 40
    assert (tmp_path / "one.dot").read_bytes() == render_dot(argmap.load(maps[0]).model).data
    assert (tmp_path / "out" / "index.html").exists()  # the folder's index, as for any format
    with pytest.raises(ValueError):
        render(model, RenderRequest(formats=("svg",)), sink=io.BytesIO())


def test_unknown_focus_is_a_diagnostic(tmp_path, in_root):
    result = run("render", "examples/01_minimal.arg", "-o", tmp_path / "m.dot", "--focus", "nope")
    assert result.exit_code == 1 and "AM211" in result.output and "Traceback" not in result.output


# --- networkx ---------------------------------------------------------------------------------------
def test_to_networkx(in_root):
    model = argmap.load("examples/02_counterclaims.arg").model
    graph = argmap.to_networkx(model)
    assert graph.is_multigraph() and graph.is_directed()
    assert graph.nodes["sorting"]["kind"] == "counterclaim" and graph.nodes["sorting"]["status"] == "rebutted"
    assert graph.edges["wage_premium", "agglomeration", "premium_link"]["kind"] == "supports"
    # the undercut relation is a node the undercut edge points to
    assert graph.nodes["premium_link"]["kind"] == "relation"
    assert graph.has_edge("sorting", "premium_link")
    import networkx as nx
    supports = nx.DiGraph((u, v) for u, v, k in graph.edges(data="kind") if k == "supports")
    assert nx.has_path(supports, "wage_premium", "agglomeration")


def test_multigraph_keeps_parallel_relations():
    model = argmap.loads('source s "S"\nclaim a "A" { supports b\n attacks b }\nclaim b "B"\n').model
    graph = argmap.to_networkx(model)
    assert sorted(k for _, _, k in graph.edges(data="kind")) == ["attacks", "supports"]


@needs_dot
def test_svg_nodes_link_to_their_source(tmp_path, in_root):
    out = tmp_path / "m.svg"
    assert run("render", "examples/01_minimal.arg", "-o", out).exit_code == 0
    svg = ET.parse(out).getroot()
    groups = {g.get("id"): g for g in svg.iter(f"{SVG}g") if g.get("id")}
    links = [a.get("{http://www.w3.org/1999/xlink}href") for a in groups["node-wages"].iter(f"{SVG}a")]
    assert "https://example.org/why-cities-grow" in links


# NUL is no text (AM106/AM402: tests/test_hardening.py); every other character must survive
NASTY = st.sampled_from(list('[]<>&"\\\n\t{}|;:#-.()=\'*/ a日') + ["\x1b", "\x07", "\u2028", "\u202e", "\ufeff"])


@needs_dot
@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.text(min_size=1, max_size=40), st.text(alphabet=NASTY, min_size=1, max_size=6))
                .filter(lambda t: t.strip() and "\x00" not in t), min_size=1, max_size=4))
def test_any_text_survives_dot_and_graphviz(texts):
    # node texts with quotes, backslashes, <>&, newlines, CJK, control characters...: Graphviz parses the DOT
    from argmap.language import tree as ast
    from argmap.core.diagnostics import Span
    from argmap.language.fmt import quote_text

    span = Span("p.arg", 1, 1, 1, 1)
    lines = ['source s "S"']
    for i, text in enumerate(texts):
        lines.append(f"claim c{i} {quote_text(ast.Text(text, span), '')}")
    result = argmap.loads("\n".join(lines) + "\n", file="p.arg")
    assert not [d for d in result.diagnostics if d.severity.value == "error"], result.diagnostics
    assert [n.text for n in result.model.nodes] == texts
    dot = to_dot(result.model)
    done = subprocess.run(["dot", "-Tsvg"], input=dot.encode("utf-8"), capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    svg = ET.fromstring(done.stdout)
    ids = {g.get("id") for g in svg.iter(f"{SVG}g")}
    assert {f"node-c{i}" for i in range(len(texts))} <= ids


def test_quote_drops_control_characters():
    assert quote("esc\x1b[31m bell\x07 tab\tnl\n") == '"esc[31m bell tab\tnl\\n"'


def test_render_options_reach_the_dot(tmp_path, in_root):
    def dot(*options, path="examples/02_counterclaims.arg"):
        out = tmp_path / "m.dot"
        result = run("render", path, "-o", out, *options)
        assert result.exit_code == 0, result.output
        return out.read_text(encoding="utf-8")

    assert 'rankdir="BT"' in dot()  # auto: a small map is laid out bottom to top
    assert 'rankdir="LR"' in dot("--rankdir", "LR")
    assert '"legend"' in dot() and '"legend"' not in dot("--no-legend")
    narrow = dot("--width", "12")
    assert "Cities grow<BR" in narrow
    assert "cluster" not in dot("--group", "none")
    only_counter = dot("--kind", "counterclaim", "--kind", "thesis")
    assert _dot_nodes(only_counter) == ["agglomeration", "sorting", "amenities", "congestion"]
    comparison = "examples/comparison/why_cities_grow.arg"
    assert "a.wage_premium" not in _dot_nodes(dot(path=comparison))
    assert "a.wage_premium" in _dot_nodes(dot("--whole", path=comparison))
    assert _dot_nodes(dot("--whole", "--source", "b", path=comparison)) == [
        "b.amenities", "b.weak_agglomeration", "b.surveys", "b.small_premium"]
    assert "吾日三省吾身" not in dot("--lang", "en", path="examples/04_bilingual.arg").split("tooltip")[0]


@needs_dot
def test_other_layout_engines(tmp_path, in_root):
    for engine in ("neato", "fdp", "sfdp"):
        out = tmp_path / f"{engine}.svg"
        result = run("render", "examples/02_counterclaims.arg", "-o", out, "--engine", engine)
        assert result.exit_code == 0, result.output
        ids = {g.get("id") for g in ET.parse(out).getroot().iter(f"{SVG}g")}
        assert {"node-agglomeration", "node-sorting", "legend"} <= ids


@needs_dot
def test_render_counts_warnings_where_it_shows_them(tmp_path, in_root):
    # one file is drawn without its warning checks (it shows errors only); -v and a folder's index count them
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "m.arg").write_text('source s "S"\nthesis t "Nothing supports this thesis"\n', encoding="utf-8")
    quiet = run("render", maps / "m.arg", "-o", tmp_path / "m.dot")
    assert quiet.exit_code == 0 and "warning[" not in quiet.output
    loud = run("-v", "render", maps / "m.arg", "-o", tmp_path / "m.dot")
    assert loud.exit_code == 0 and "1 nodes, 0 relations, 0 errors, 1 warnings" in loud.output
    folder = run("render", maps, "-o", tmp_path / "out", "--format", "svg")
    assert folder.exit_code == 0
    assert "1 warning<" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
