"""Render stage, HTML: the SVG diagram in an interactive page (pan and zoom, search, filters by kind, a panel
with each node's text, quotes with locators and notes).

Input: the model, the nodes shown, and the SVG that Graphviz drew. Output: one self-contained HTML file (no
network access needed) under a Content-Security-Policy that lets only the page's own script run
(`templates/viewer.js`, allowed by its hash). The page is a Jinja2 template (`templates/viewer.html.j2`) with autoescaping; the
map's data is embedded as JSON through `tojson`; the SVG is Graphviz's own output, whose text was escaped
when the DOT was written.
"""

from __future__ import annotations

import re

from argmap import __version__
from argmap.core.model import Model, NodeKind


def to_html(model: Model, svg: bytes, shown: list[str], title: str) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=PackageLoader("argmap.render", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]  # drop the XML prolog and doctype: the SVG is inline
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    nodes = [model.node(i) for i in shown]
    data = {"file": model.file, "nodes": [{
        "id": n.id, "kind": n.kind.value, "text": n.text, "zh": n.text_in("zh"), "source": n.source,
        "section": n.section, "status": n.status, "stance": n.stance, "type": n.evidence_type, "date": n.date,
        "notes": list(n.notes), "quotes": [{"text": q.text, "locator": q.locator} for q in n.quotes],
    } for n in nodes]}
    kinds = [k.value for k in NodeKind if any(n.kind is k for n in nodes)]
    data["kinds"] = kinds
    script = env.loader.get_source(env, "viewer.js")[0]
    return env.get_template("viewer.html.j2").render(
        title=title, svg=Markup(text), data=data, kinds=kinds, version=__version__, script=Markup(script),
        csp=content_security_policy(script))


def content_security_policy(*scripts: str) -> str:
    """The page's Content-Security-Policy: no network at all, and no script but the page's own (allowed by
    its SHA-256 hash), so neither an inline event handler nor a `javascript:` link nor an injected
    `<script>` can run, whatever a map holds. Styles may be inline (they run no code)."""
    import base64
    import hashlib

    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'"
                      for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; base-uri 'none'; form-action 'none'")
