"""Untrusted text: map text travels between scholars, so every output escapes it for its own medium, and a
URL becomes a link only through `safe_link`.

Input: strings from a map (texts, notes, quotes, ids, URLs, DOIs). Output: the same text made inert for one
medium: the terminal (`for_terminal`), Markdown (`for_markdown`), LaTeX (`for_latex`),
CSV (`for_csv`); and links (`safe_link`, `link_problem`) that are http(s) only, with DOIs mapped to
https://doi.org/. DOT and SVG attributes are escaped by `argmap.render.dot.quote`, HTML by Jinja2's autoescape.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote as percent_encode, urlsplit, urlunsplit

DOI_RESOLVER = "https://doi.org/"
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIXES = ("doi:", "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/")
# characters kept as they are in a URL; everything else is percent-encoded (so no quote or `<` survives)
_URL_SAFE = "/:@!$&'()*+,;=-._~?#%[]"
_URL_SAFE_NO_QUOTE = _URL_SAFE.replace("'", "")


def _visible(ch: str) -> bool:
    category = unicodedata.category(ch)
    return not (category[0] == "C" or category in ("Zl", "Zp"))


def for_terminal(text: str) -> str:
    """Text for a terminal: control characters (ESC, BEL, CR, C1 controls, bidi overrides, lone surrogates)
    are shown as `\\u001b`-style escapes, never sent; newlines and tabs are kept."""
    if text.isprintable():
        return text
    return "".join(ch if ch in "\n\t" or _visible(ch) else f"\\u{ord(ch):04x}" for ch in text)


def for_markdown(text: str) -> str:
    """Text for inside a Markdown line (a list item, a table cell): HTML-special characters as entities (no
    raw HTML reaches a renderer), the punctuation of emphasis, code, links, images and table cells
    backslash-escaped (no link or image is made from map text), control characters shown as escapes, line
    breaks as spaces."""
    text = for_terminal(text).replace("\t", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = re.sub(r"([\\`*_{}\[\]|~])", r"\\\1", text)  # no emphasis, code, link, image or cell break
    return " ".join(text.split("\n"))


_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#", "^": r"\^{}",
          "_": r"\_", "~": r"\textasciitilde{}", "%": r"\%", "<": r"\textless{}", ">": r"\textgreater{}"}


def for_latex(text: str) -> str:
    """Text for LaTeX: the ten special characters (and `<` `>`) as commands; control characters dropped."""
    return "".join(_LATEX.get(ch, ch) for ch in text if ch == "\n" or _visible(ch)).replace("\n", " ")


def for_csv(text: str) -> str:
    """A CSV cell's text: a leading `= + - @` (a spreadsheet formula) is prefixed with `'`; control
    characters shown as escapes. Quoting is the csv module's job."""
    text = for_terminal(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def normalize_doi(doi: str) -> str | None:
    """`10.1234/abc` from a DOI written bare, as `doi:...` or as a doi.org URL; None when it is not a DOI."""
    value = doi.strip()
    lowered = value.lower()
    for prefix in _DOI_PREFIXES:
        if lowered.startswith(prefix):
            value = value[len(prefix):]
            break
    return value if _DOI.match(value) and all(_visible(ch) for ch in value) else None


def link_problem(url: str) -> str | None:
    """Why `url` cannot be a link (None when it can): only absolute http(s) URLs with a host are links."""
    if any(not _visible(ch) or ch.isspace() for ch in url.strip()):
        return "it contains white space or control characters"
    stripped = url.strip()
    scheme = stripped.split(":", 1)[0].lower() if ":" in stripped else ""
    if scheme not in ("http", "https"):
        return f"only http and https links are allowed, not `{scheme or stripped[:20]}`" if scheme else \
            "it is not an absolute http(s) URL"
    try:
        parts = urlsplit(stripped)
    except ValueError as error:
        return f"it is malformed ({error})"
    if not parts.netloc or parts.hostname is None:
        return "it has no host"
    return None


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for any attribute: percent-encoded where it must be (quotes, `<`, `>`, spaces,
    non-ASCII), or None when it is not an http(s) URL."""
    if not url or link_problem(url) is not None:
        return None
    parts = urlsplit(url.strip())
    netloc = parts.netloc.encode("idna").decode("ascii") if not parts.netloc.isascii() else parts.netloc
    if any(ch in netloc for ch in "\"'<>\\ `"):
        return None
    return urlunsplit((parts.scheme.lower(), netloc, percent_encode(parts.path, safe=_URL_SAFE_NO_QUOTE),
                       percent_encode(parts.query, safe=_URL_SAFE_NO_QUOTE),
                       percent_encode(parts.fragment, safe=_URL_SAFE_NO_QUOTE)))


def safe_link(url: str | None = None, doi: str | None = None) -> str | None:
    """The one way a URL or DOI becomes a link: the URL if it is http(s), else the DOI at https://doi.org/,
    percent-encoded; None when neither is safe."""
    link = safe_url(url)
    if link is not None:
        return link
    if doi:
        normal = normalize_doi(doi)
        if normal is not None:
            return DOI_RESOLVER + percent_encode(normal, safe="/:;()._-")
    return None


_LOCAL_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")


def local_link(name: str) -> str | None:
    """A relative link to a file argmap wrote beside the page (`--split sections`, the site's index): a bare
    file name or `folder/name` of letters, digits, `.`, `_` and `-` only (no scheme, no `..`, nothing that
    needs escaping in any attribute); None for anything else. Names come from argmap, never from map text."""
    parts = name.split("/")
    if not parts or any(not _LOCAL_NAME.fullmatch(p) or p.startswith("..") for p in parts):
        return None
    return name
