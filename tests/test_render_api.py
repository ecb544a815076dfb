"""Render as a library function, static diagrams that read (sections in order, --split sections, PNG size,
comparison frames apart), and the site (index.html, outputs that are up to date are not redone)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli.main import main
from argmap.render import PNG_MAX_SIDE, RenderRequest, render
from argmap.render.dot import DotOptions, render_dot
from argmap.workspace import load

ROOT = Path(__file__).resolve().parents[1]
NATO = ROOT / "maps" / "japan_nato_cooperation.arg"
COMPARISONS = sorted((ROOT / "maps" / "comparisons").glob("*.arg"))
pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz (bash run.sh installs it)")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def layout(dot_text: str) -> dict:
    """Graphviz's own layout of the DOT (`dot -Tjson`): positions and bounding boxes in points."""
    done = subprocess.run(["dot", "-Tjson"], input=dot_text.encode("utf-8"), capture_output=True, check=True)
    return json.loads(done.stdout)


def box(obj: dict) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
    return x0, y0, x1, y1


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# --- the library function --------------------------------------------------------------------------------

def test_render_returns_artifacts_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    model = load(ROOT / "examples/04_bilingual.arg").model
    result = render(model, RenderRequest(formats=("dot", "svg", "html")))
    assert result.ok and result.diagnostics == ()
    assert [a.fmt for a in result.artifacts] == ["dot", "svg", "html"]
    assert result.artifacts[0].data.decode("utf-8") == render_dot(model).text
    assert b"<svg" in result.artifacts[1].data and b"Content-Security-Policy" in result.artifacts[2].data
    assert list(tmp_path.iterdir()) == []


def test_render_reports_an_unknown_focus_as_a_diagnostic():
    model = load(ROOT / "examples/04_bilingual.arg").model
    result = render(model, RenderRequest(formats=("svg",), options=DotOptions(
        selection=__import__("argmap.analysis.graph", fromlist=["Selection"]).Selection(focus="nope"))))
    assert result.artifacts == () and [d.code for d in result.diagnostics] == ["AM211"]


def test_cli_writes_what_the_library_returns(tmp_path, in_root):
    out = tmp_path / "a.dot"
    assert run("render", "examples/02_counterclaims.arg", "-o", out).exit_code == 0
    model = load("examples/02_counterclaims.arg").model
    assert out.read_bytes() == render(model, RenderRequest(formats=("dot",))).artifacts[0].data


def test_labels_reach_the_diagram():
    model = load(ROOT / "examples/02_counterclaims.arg").model
    text = render(model, RenderRequest(formats=("dot",), labels="grounded")).artifacts[0].data.decode("utf-8")
    assert "✔ IN" in text and "✘ OUT" in text


def test_watch_renders_through_the_same_function(tmp_path):
    from argmap.watch import run_once

    source = tmp_path / "m.arg"
    source.write_text((ROOT / "examples/01_minimal.arg").read_text(encoding="utf-8"), encoding="utf-8")
    ran = run_once([source], tmp_path / "out", "dot")
    assert ran.written == (tmp_path / "out" / "m.dot",)
    expected = render(load(source).model, RenderRequest(formats=("dot",))).artifacts[0].data
    assert (tmp_path / "out" / "m.dot").read_bytes() == expected


# --- static diagrams that read ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted((ROOT / "maps").glob("*.arg")), ids=lambda p: p.stem)
def test_sections_are_drawn_in_the_files_order(path):
    """Each section's frame lies wholly below the one before it (the NATO map's conclusion was on top)."""
    model = load(path).model
    sections = list(dict.fromkeys(n.section for n in model.nodes if n.section))
    assert len(sections) >= 5
    drawn = layout(render_dot(model).text)
    frames = {o["label"]: box(o) for o in drawn["objects"] if o.get("name", "").startswith("cluster_")
              and "bb" in o and "label" in o}
    tops_and_bottoms = [frames[s] for s in sections]
    for section, earlier, later in zip(sections[1:], tops_and_bottoms, tops_and_bottoms[1:]):
        assert later[3] <= earlier[1], f"section {section} is not below the one before it"
    assert sections[0] == "〔提要〕" if path == NATO else True


@pytest.mark.parametrize("path", COMPARISONS, ids=lambda p: p.stem)
def test_comparison_frames_are_disjoint_and_hold_their_titles(path):
    model = load(path).model
    drawn = layout(render_dot(model).text)
    frames = [o for o in drawn["objects"] if o.get("id", "").startswith("source-")]
    assert len(frames) == len(model.imports) >= 2
    boxes = [box(o) for o in frames]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a[2] + 20 <= b[0] or b[2] + 20 <= a[0] or a[3] + 20 <= b[1] or b[3] + 20 <= a[1]
            assert apart, f"{path.name}: two paper frames overlap or touch: {a} {b}"
    for frame, (x0, y0, x1, y1) in zip(frames, boxes):
        lines = [op for op in frame["_ldraw_"] if op["op"] == "T"]
        assert len(lines) >= 2  # title (wrapped), original title, authors and year
        for op in lines:
            half = op["width"] / 2
            assert x0 <= op["pt"][0] - half and op["pt"][0] + half <= x1, f"{op['text']!r} runs past its frame"
            assert y0 <= op["pt"][1] <= y1


def test_split_sections_writes_an_overview_and_linked_section_diagrams(tmp_path, in_root):
    out = tmp_path / "nato.svg"
    result = run("render", NATO, "-o", out, "--split", "sections")
    assert result.exit_code == 0, result.output
    model = load(NATO).model
    sections = list(dict.fromkeys(n.section for n in model.nodes if n.section))
    parts = sorted(p.name for p in tmp_path.glob("nato.s*.svg"))
    assert parts == [f"nato.s{n:02d}.svg" for n in range(1, len(sections) + 1)]
    overview = out.read_text(encoding="utf-8")
    assert sorted(set(re.findall(r'xlink:href="(nato\.s\d\d\.svg)"', overview))) == parts
    for section, name in zip(sections, parts):
        text = html.unescape((tmp_path / name).read_text(encoding="utf-8"))
        assert 'xlink:href="nato.svg"' in text  # back to the overview
        for link in re.findall(r'xlink:href="([^"]+)"', text):
            assert link.startswith("https://") or (tmp_path / link).exists(), link
        own = {n.id for n in model.nodes if n.section == section}
        near = own | {e for r in model.relations for e in (r.origin, r.target) if r.origin in own or r.target in own}
        drawn = set(re.findall(r'<g id="node-([^"]+)" class="node">', text))
        assert own <= drawn and drawn <= near  # the section and its direct neighbours, nothing else
        assert len(drawn) < len(model.nodes) / 2


def test_big_map_png_fits(tmp_path, in_root):
    out = tmp_path / "nato.png"
    assert run("render", NATO, "-o", out).exit_code == 0
    width, height = png_size(out.read_bytes())
    # scaled to fit, not cut or squeezed to a sliver: the NATO map is about 4:1 (sections stacked), 1952 x 8000
    assert max(width, height) <= PNG_MAX_SIDE and min(width, height) >= 1800
    small = tmp_path / "small.png"
    assert run("render", "examples/04_bilingual.arg", "-o", small).exit_code == 0
    model = load("examples/04_bilingual.arg").model
    bb = layout(render_dot(model).text)["bb"].split(",")
    pad = 2 * 0.3 * 72  # the graph's pad, in points, on both sides
    assert png_size(small.read_bytes())[0] == pytest.approx((float(bb[2]) + pad) * 96 / 72, abs=2)  # 96 dpi


# --- the site ---------------------------------------------------------------------------------------------

def _project(tmp_path: Path) -> Path:
    maps = tmp_path / "maps"
    shutil.copytree(ROOT / "examples", maps)
    return maps


def _mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_site_index_lists_every_map_with_links(tmp_path):
    maps, site = _project(tmp_path), tmp_path / "site"
    result = run("render", maps, "-o", site, "--format", "svg,png,html")
    assert result.exit_code == 0, result.output
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in index and "<script" not in index
    for name in ("01_minimal", "04_bilingual", "comparison/why_cities_grow"):
        for fmt in ("html", "svg", "png"):
            assert f'href="{name}.{fmt}"' in index
            assert (site / f"{name}.{fmt}").exists()
    count = len(list(maps.rglob("*.arg")))
    assert "Comparisons (1)" in index and f"Maps ({count - 1})" in index


def test_site_escapes_what_the_map_says(tmp_path):
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "evil.arg").write_text(
        'source s "<script>alert(1)</script> & <img src=x onerror=alert(2)>" {\n  authors: "<b>me</b>"\n'
        '  year: 2020\n}\n\nthesis c "x <i>" {\n  source: s\n}\n', encoding="utf-8")
    result = run("render", maps, "-o", tmp_path / "site")
    assert result.exit_code == 0, result.output
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in index
    assert "&lt;b&gt;me&lt;/b&gt;" in index and "<script" not in index and "<img" not in index


def test_second_run_rewrites_nothing_and_touching_an_import_redoes_its_dependants(tmp_path):
    maps, site = _project(tmp_path), tmp_path / "site"
    assert run("render", maps, "-o", site, "--format", "svg,html").exit_code == 0
    before = _mtimes(site)
    again = run("render", maps, "-o", site, "--format", "svg,html")
    assert again.exit_code == 0 and "wrote" not in again.output
    count = len(list(maps.rglob("*.arg")))
    assert f"up to date: {count} of {count} files" in again.output
    assert _mtimes(site) == before
    time.sleep(0.01)
    os.utime(maps / "comparison" / "city_a.arg")  # imported by why_cities_grow
    third = run("render", maps, "-o", site, "--format", "svg,html")
    wrote = sorted(line.split(" ", 1)[1] for line in third.output.splitlines() if line.startswith("wrote "))
    assert wrote == sorted(str(site / p) for p in ("comparison/city_a.svg", "comparison/city_a.html",
                                                   "comparison/why_cities_grow.svg",
                                                   "comparison/why_cities_grow.html"))
    time.sleep(0.01)
    os.utime(maps / "texts" / "analects_1.txt")  # a full text quoted by 03_quotes
    fourth = run("render", maps, "-o", site, "--format", "svg,html")
    assert sorted(line for line in fourth.output.splitlines() if line.startswith("wrote ")) == [
        f"wrote {site / '03_quotes.html'}", f"wrote {site / '03_quotes.svg'}"]
    other = run("render", maps, "-o", site, "--format", "svg,html", "--lang", "en")  # another request
    assert "up to date" not in other.output and (site / "01_minimal.svg").stat().st_mtime_ns > before["01_minimal.svg"]
    forced = run("render", maps, "-o", site, "--format", "svg,html", "--lang", "en", "--force")
    assert "up to date" not in forced.output and forced.output.count("wrote ") == 2 * count


def test_the_request_key_does_not_depend_on_the_hash_seed():
    code = ("from argmap.analysis.graph import Selection; from argmap.render import RenderRequest; "
            "from argmap.render.dot import DotOptions; from argmap.render.site import request_key; "
            "print(request_key(RenderRequest(options=DotOptions(selection=Selection(tags=frozenset("
            "'abcdefghij'))))))")
    keys = {subprocess.run([__import__("sys").executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(keys) == 1 and len(keys.pop().strip()) == 64
