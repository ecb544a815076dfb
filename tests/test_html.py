"""The interactive HTML view, in a real browser (Debian chromium driven by Playwright)."""

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap
from argmap.cli.main import main

ROOT = Path(__file__).parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not os.path.exists(CHROMIUM) or shutil.which("dot") is None,
                       reason="needs Debian chromium and Graphviz (bash run.sh installs both)"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser, path):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    return page, errors


def test_viewer_search_filter_and_details(browser, tmp_path):
    out = tmp_path / "m.html"
    result = CliRunner().invoke(main, ["render", str(ROOT / "examples/03_quotes.arg"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page, errors = open_page(browser, out)
    assert page.inner_text("#count") == "3 of 3 nodes"
    assert page.locator("svg g.node[id^=node-]").count() == 3  # and the legend
    page.fill("#search", "本立而道生")  # a quote's text finds its node
    assert page.inner_text("#count") == "1 of 3 nodes"
    assert "dim" not in page.get_attribute("g#node-root_first", "class")
    assert "dim" in page.get_attribute("g#node-youzi", "class")
    page.fill("#search", "")
    page.click("details.filters summary")
    page.uncheck("input.kind-filter[value=evidence]")
    assert page.inner_text("#count") == "2 of 3 nodes"
    page.check("input.kind-filter[value=evidence]")
    page.click("details.filters summary")
    page.click("#zoom-fit")
    page.locator("g#node-youzi").click()
    panel = page.inner_text("#panel")
    assert "不好犯上，而好作亂者，未之有也" in panel and "學而第一, lines 6-7" in panel
    assert "hit" in page.get_attribute("g#node-youzi", "class")
    assert errors == []


def test_viewer_escapes_what_the_map_says(browser, tmp_path):
    source = tmp_path / "x.arg"
    source.write_text('source s "<script>alert(1)</script>"\n'
                      'thesis t "A </script><b>bold</b> & claim" { note: "<img src=x onerror=alert(2)>" }\n',
                      encoding="utf-8")
    out = tmp_path / "x.html"
    assert CliRunner().invoke(main, ["render", str(source), "-o", str(out)]).exit_code == 0
    page, errors = open_page(browser, out)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.evaluate("window.argmapViewer.show('t')")
    assert "A </script><b>bold</b> & claim" in page.inner_text("#panel")
    assert "<img src=x onerror=alert(2)>" in page.inner_text("#panel")
    assert page.locator("#panel img").count() == 0 and page.locator("#panel b").count() == 0
    assert dialogs == [] and errors == []


VIEWPORTS = [(1280, 800), (390, 844)]


@pytest.fixture(scope="module")
def real_pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("real")
    pages = {}
    for name, src in [("nato", "maps/japan_nato_cooperation.arg"),
                      ("comparison", "maps/comparisons/bandwagoning_or_balancing.arg")]:
        target = out / f"{name}.html"
        result = CliRunner().invoke(main, ["render", str(ROOT / src), "-o", str(target)])
        assert result.exit_code == 0, result.output
        pages[name] = target
    return pages


def _open(browser, path, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    errors, requests = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.as_uri())
    return page, errors, requests


def _on_screen_font(page, node_id):
    """The rendered font size (CSS px) of the node's first text line, and whether it is in the viewport."""
    return page.evaluate("""id => {
        const t = document.querySelector(`g#node-${CSS.escape(id)} text`);
        const r = t.getBoundingClientRect(), c = document.getElementById('canvas').getBoundingClientRect();
        const size = parseFloat(t.getAttribute('font-size')) * window.argmapViewer.state().scale;
        return {size, visible: r.left >= c.left - 1 && r.right <= c.right + 1 && r.top >= c.top - 1
                               && r.bottom <= c.bottom + 1};
    }""", node_id)


@pytest.mark.parametrize("size", VIEWPORTS)
def test_nato_map_opens_readable_and_navigates(browser, real_pages, size):
    page, errors, requests = _open(browser, real_pages["nato"], size)
    font = _on_screen_font(page, "thesis")
    assert font["visible"] and font["size"] >= 9
    canvas_width = page.evaluate("document.getElementById('canvas').getBoundingClientRect().width")
    if size[0] < 700:
        assert canvas_width >= 0.8 * size[0]
    # clicking the thesis lists its supporters; clicking one brings it into view
    page.locator("g#node-thesis text").first.click()
    supporters = page.locator('#details ul[data-group="supported by"] a.node')
    assert supporters.count() >= 3
    first = supporters.first.get_attribute("data-go")
    supporters.first.click()
    assert _on_screen_font(page, first)["visible"]
    assert "hit" in page.get_attribute(f"g#node-{first}", "class")
    # search in Chinese and English lists results and jumps to them
    page.fill("#search", "北约")
    assert page.locator("#results a").count() >= 5
    page.fill("#search", "Ukraine")
    hits = page.locator("#results a")
    assert hits.count() >= 2
    hit = hits.first.get_attribute("data-go")
    hits.first.click()
    assert _on_screen_font(page, hit)["visible"]
    # the outline shows the thesis's supporters under it; the focus view shows its neighbours
    page.fill("#search", "")
    page.click("button[data-view=outline]")
    outline = page.locator("#outline")
    assert outline.is_visible()
    assert outline.locator(f'[data-go="{first}"]').first.is_visible()
    page.evaluate("window.argmapViewer.show('thesis')")
    page.click("#focus-this")
    cards = page.locator("#focus-stage .fcard")
    assert page.locator("#focus").is_visible() and cards.count() > 3
    assert page.locator(f'#focus-stage .fcard[data-focus="{first}"]').is_visible()
    assert errors == [] and requests == []
    page.close()


@pytest.mark.parametrize("size", VIEWPORTS)
def test_comparison_opens_on_a_question(browser, real_pages, size):
    page, errors, requests = _open(browser, real_pages["comparison"], size)
    font = _on_screen_font(page, "q_logic")
    assert font["visible"] and font["size"] >= 9
    page.fill("#search", "同盟")
    assert page.locator("#results a").count() >= 3
    page.fill("#search", "balancing")
    assert page.locator("#results a").count() >= 1
    page.evaluate("window.argmapViewer.show('q_logic')")
    assert page.locator('#details ul[data-group="answered by"] a.node').count() >= 2
    assert errors == [] and requests == []
    page.close()


def test_page_has_a_strict_content_security_policy(real_pages):
    import base64
    import hashlib
    import re

    text = real_pages["nato"].read_text(encoding="utf-8")
    import html

    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1))
    assert "default-src 'none'" in csp and "connect-src" not in csp and "unsafe-eval" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", text, flags=re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert " onclick=" not in text and "innerHTML" not in text and "eval(" not in scripts[0]

HOSTILE = r'''source s "<script>alert('title')</script>" {
  url: "javascript:alert(1)"
  doi: "\"><script>alert(2)</script>"
  note: "<img src=x onerror=alert(3)>"
}
source d "Data" {
  url: "  JaVaScRiPt:alert(4)"
}
thesis t "<img src=x onerror=alert(5)> \"><svg onload=alert(6)>" {
  source: s
  url: "data:text/html,<script>alert(7)</script>"
  note: "</script><script>alert(8)</script>"
}
claim c "<a href=\"javascript:alert(9)\">click</a>" {
  source: d
  url: "vbscript:alert(10)"
  quote: "<iframe src=javascript:alert(11)>"
  supports t
}
'''


def test_hostile_map_runs_no_script_navigates_nowhere_and_requests_nothing(browser, tmp_path):
    source = tmp_path / "hostile.arg"
    source.write_text(HOSTILE, encoding="utf-8")
    pages = []
    for fmt in ("html", "svg"):
        out = tmp_path / f"hostile.{fmt}"
        result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
        assert result.exit_code == 0, result.output
        pages.append(out)
        written = out.read_bytes().lower()
        assert b'href="javascript' not in written and b'href="data' not in written and b'href="vbscript' not in written
    for out in pages:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        dialogs, requests, navigations = [], [], []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
        page.on("popup", lambda p: navigations.append(p.url))
        page.goto(out.as_uri())
        page.on("framenavigated", lambda f: navigations.append(f.url))
        for selector in ("a", "g.node", "g.cluster", "button"):
            for element in page.query_selector_all(selector):
                try:
                    element.click(timeout=500, force=True)
                except Exception:  # an element off screen or covered: clicking it is not the point
                    pass
        page.wait_for_timeout(300)
        assert dialogs == [], f"{out.name}: a script ran: {dialogs}"
        assert requests == [], f"{out.name}: network requests: {requests}"
        assert navigations == [], f"{out.name}: navigated to {navigations}"
        if out.suffix == ".html":
            csp = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
            assert "script-src 'sha256-" in csp and "default-src 'none'" in csp
            assert page.evaluate("document.querySelectorAll('[onerror],[onload],[onclick]').length") == 0
        page.close()


@pytest.mark.parametrize("size", VIEWPORTS)
def test_site_index_opens_and_its_links_lead_to_the_pages(browser, tmp_path, size):
    """`argmap render maps/ -o site/` on the real maps: the index lists every map and comparison, and
    following a map's page link, and a comparison's SVG link, opens them (no network, no script errors)."""
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["render", str(ROOT / "maps"), "-o", str(site), "--format", "svg,html"])
    assert result.exit_code == 0, result.output
    page, errors, requests = _open(browser, site / "index.html", size)
    assert page.locator("li").count() == len(list((ROOT / "maps").rglob("*.arg")))  # every map and comparison
    assert page.locator("li", has_text="日本与北约安全合作的突进及其影响").count() == 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size[0]  # nothing runs off a phone's screen
    entry = page.locator("li", has_text="The breakthrough in Japan–NATO security cooperation")
    entry.locator("a", has_text="page").click()
    page.wait_for_load_state()
    assert page.url.endswith("/japan_nato_cooperation.html")
    assert _on_screen_font(page, "thesis")["visible"]
    page.go_back()
    page.locator("li", has_text="bandwagoning_or_balancing").locator("a", has_text="SVG").click()
    page.wait_for_load_state()
    assert page.url.endswith("/comparisons/bandwagoning_or_balancing.svg")
    assert page.locator("svg g.cluster").count() >= 5
    assert errors == [] and requests == []
    page.close()


def test_viewer_screenshot_on_a_phone(browser, real_pages):
    """The screenshot in docs/viewer.md: the NATO map at 390x844 as it opens (ARGMAP_SCREENSHOT=path writes it)."""
    page, errors, requests = _open(browser, real_pages["nato"], (390, 844))
    shot = page.screenshot()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and _on_screen_font(page, "thesis")["visible"]
    if os.environ.get("ARGMAP_SCREENSHOT"):
        Path(os.environ["ARGMAP_SCREENSHOT"]).write_bytes(shot)
    assert errors == [] and requests == []
    page.close()


def test_stance_matrix_data_of_a_real_comparison():
    from argmap.render.html import stance_matrix

    model = argmap.load(ROOT / "maps" / "comparisons" / "alliance_asymmetry.arg").model
    matrix = stance_matrix(model)
    questions = [n.id for n in model.nodes if n.kind.value == "question" and n.namespace is None]
    assert [q["id"] for q in matrix["questions"]] == questions
    assert [p["ns"] for p in matrix["papers"]] == [i.namespace for i in model.imports]
    answers = [r for r in model.relations if r.kind.value == "answers"]
    placed = [pos for cells in matrix["cells"].values() for positions in cells.values() for pos in positions]
    assert len(placed) == len(answers)
    assert {"none", "asserted"} <= {pos["stance"] for pos in placed}
    assert any(pos["reported"] for pos in placed)
    # a link to the position in its paper's own page, as the site lays the pages out
    strategy = next(pos for pos in placed if pos["node"].startswith("strategy."))
    assert strategy["page"] == "../us_japan_alliance_national_strategy.html#" + strategy["node"].split(".", 1)[1]
    assert stance_matrix(argmap.load(ROOT / "maps" / "japan_nato_cooperation.arg").model) is None


@pytest.mark.parametrize("size", VIEWPORTS)
def test_stance_matrix_view_on_a_real_comparison(browser, tmp_path, size):
    from argmap.render.html import stance_matrix

    out = tmp_path / "c.html"
    path = ROOT / "maps" / "comparisons" / "alliance_asymmetry.arg"
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    matrix = stance_matrix(argmap.load(path).model)
    page, errors, requests = _open(browser, out, size)
    page.click("button[data-view=matrix]")
    rows = page.locator("#matrix tbody tr")
    assert rows.count() == len(matrix["questions"])
    assert page.locator("#matrix tbody td").count() == len(matrix["questions"]) * len(matrix["papers"])
    assert page.locator("#matrix td.none").count() >= 1 and page.locator("#matrix td.silent").count() >= 0
    first = page.locator("#matrix td a.idk[data-go]").first
    target = first.get_attribute("data-go")
    first.click()
    assert target.split(".", 1)[1] in page.locator("#details").inner_text()
    assert not errors and not requests
    page.close()
