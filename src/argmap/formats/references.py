"""Sources from a reference manager: BibTeX (`.bib`) and CSL JSON (Zotero's and Mendeley's export).

- `load_bibtex(text, file) -> (model | None, diagnostics)` and `load_csl(text, file)`: each entry becomes a
  `source` with authors, title, container (`venue`), year, volume, issue, pages, publisher, type, language,
  DOI and URL; the entry's key (BibTeX) or `id` (CSL) becomes the source's id. Names stay as the reference
  manager wrote them ("Family, Given"), so that a bibliography (citeproc) can split them again.
  Diagnostics: AM108 (not BibTeX or not JSON, with line and column; an entry that is not closed; no entry at
  all), AM110 (an entry's fields that argmap has no field for, a language that is not a language tag, an
  entry type argmap has no source type for, an entry without a key or title, a duplicate key).
No nodes are written: the .arg file holds the sources, for other maps to `import` or copy.
"""

from __future__ import annotations

import re

from argmap.core.diagnostics import Diagnostic, Span, make
from argmap.core.model import Model
from argmap.formats.plain import FORMAT_VERSION, model_from_dict

BIBTEX_TYPES = {"article": "article", "book": "book", "inbook": "chapter", "incollection": "chapter",
                "inproceedings": "chapter", "conference": "chapter", "techreport": "report", "report": "report",
                "online": "webpage", "misc": "document", "unpublished": "document", "manual": "document",
                "phdthesis": "document", "mastersthesis": "document", "thesis": "document", "booklet": "book"}
CSL_TYPES = {"article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
             "article": "article", "book": "book", "chapter": "chapter", "report": "report", "speech": "speech",
             "webpage": "webpage", "post-weblog": "webpage", "paper-conference": "chapter", "thesis": "document",
             "manuscript": "document", "document": "document", "legislation": "document", "treaty": "document"}
# BibTeX fields -> argmap source fields (the first present wins)
BIBTEX_FIELDS = {"title": ("title",), "venue": ("journal", "journaltitle", "booktitle"), "year": ("year", "date"),
                 "volume": ("volume",), "issue": ("number", "issue"), "pages": ("pages",),
                 "publisher": ("publisher", "institution", "organization", "school"), "doi": ("doi",),
                 "url": ("url",), "lang": ("language", "langid")}
IGNORED_BIBTEX = {"ID", "ENTRYTYPE", "author", "editor"}
# babel and biblatex language names (BibTeX's `language`, `langid`) -> tags
BABEL = {"english": "en", "american": "en-US", "british": "en-GB", "german": "de", "ngerman": "de",
         "french": "fr", "japanese": "ja", "chinese": "zh", "korean": "ko", "russian": "ru", "spanish": "es",
         "italian": "it", "portuguese": "pt", "dutch": "nl", "polish": "pl", "swedish": "sv", "latin": "la"}
_ID = re.compile(r"[^\W\d][\w-]*\Z")


def _span(file: str, line: int, column: int = 1) -> Span:
    return Span(file, line, column, line, column + 1)


def _key(raw: str, used: set[str]) -> str:
    s = re.sub(r"[^\w-]+", "_", raw.strip()).strip("_")
    if not s or not _ID.match(s):
        s = f"ref_{s}" if s else "ref"
    while s in used:
        s += "_"
    used.add(s)
    return s


def _lang(value: str | None, where: Span, what: str, notes: list[Diagnostic]) -> str | None:
    if not value:
        return None
    import langcodes

    value = value.strip()
    if value.lower() in BABEL:
        return BABEL[value.lower()]
    try:
        if langcodes.tag_is_valid(value):
            return langcodes.standardize_tag(value)
    except ValueError:
        pass
    if True:
        notes.append(make("AM110", where, f"the language {value!r} of {what} is not a language tag; not carried "
                          "over", hint="write a BCP 47 tag such as `en`, `ja` or `zh-Hant`"))
        return None


def _year(value: object) -> int | None:
    m = re.search(r"\b(\d{4})\b", str(value or ""))
    return int(m.group(1)) if m else None


def _source(ident: str, span: Span) -> dict:
    return {"id": ident, "title": None, "translations": {}, "authors": [], "year": None, "venue": None,
            "volume": None, "issue": None, "pages": None, "publisher": None, "type": None, "lang": None,
            "doi": None, "url": None, "fulltext": None, "notes": [], "inferred": [], "namespace": None,
            "span": [span.file, span.line, span.column, span.end_line, span.end_column]}


def _model(file: str, sources: list[dict], notes: list[Diagnostic], what: str) -> tuple[Model | None, list[Diagnostic]]:
    if not sources:
        return None, [make("AM108", _span(file, 1), f"the file has no {what} entry with a title: nothing to "
                           "import")] + notes
    return model_from_dict({"argmap": FORMAT_VERSION, "file": file, "imports": [], "sources": sources,
                            "nodes": [], "relations": []}), notes


def _clean(value: str) -> str:
    return " ".join(value.replace("{", "").replace("}", "").split())


def _bibtex_structure(text: str, file: str) -> tuple[list[tuple[int, int]], list[Diagnostic]]:
    """The (line, column) of each entry, or an AM108 where an entry's braces are not closed: bibtexparser
    skips what it cannot read without saying so."""
    places: list[tuple[int, int]] = []
    i = 0
    while (at := text.find("@", i)) >= 0:
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        m = re.compile(r"@\s*(\w+)\s*([{(])").match(text, at)
        if not m:
            i = at + 1
            continue
        kind = m.group(1).lower()
        close = "}" if m.group(2) == "{" else ")"
        depth, j = 1, m.end()
        while j < len(text) and depth:
            c = text[j]
            if c == m.group(2) or (close == "}" and c == "{"):
                depth += 1
            elif c == close or (close == "}" and c == "}"):
                depth -= 1
            j += 1
        if depth:
            return places, [make("AM108", _span(file, line, column), f"the BibTeX entry `@{m.group(1)}` that "
                                 "starts here is never closed (a `}` is missing)",
                                 hint="every `{` of an entry needs its `}`; nothing was written")]
        if kind not in ("comment", "string", "preamble"):
            places.append((line, column))
        i = j
    return places, []


def load_bibtex(text: str, file: str) -> tuple[Model | None, list[Diagnostic]]:
    places, problems = _bibtex_structure(text, file)
    if problems:
        return None, problems
    import bibtexparser
    from bibtexparser.bparser import BibTexParser
    from bibtexparser.customization import convert_to_unicode

    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False, interpolate_strings=True)
    parser.customization = convert_to_unicode
    database = bibtexparser.loads(text, parser)
    notes: list[Diagnostic] = []
    sources: list[dict] = []
    used: set[str] = set()
    if len(database.entries) != len(places):
        notes.append(make("AM110", _span(file, 1), f"{len(places)} entries in the file, {len(database.entries)} "
                          "read; the others are not carried over", hint="check the entries for a missing comma"))
    # bibtexparser keeps the order of the file
    for index, entry in enumerate(database.entries):
        line, column = places[index] if index < len(places) else (1, 1)
        where = _span(file, line, column)
        key = entry.get("ID", "")
        title = _clean(entry.get("title", ""))
        if not title:
            notes.append(make("AM110", where, f"the entry {key!r} has no title; not carried over"))
            continue
        s = _source(_key(key, used), where)
        if s["id"] != key:
            notes.append(make("AM110", where, f"the key {key!r} is written as the id `{s['id']}`",
                              hint="argmap ids are letters, digits, `_` and `-`, starting with a letter"))
        for name, fields in BIBTEX_FIELDS.items():
            value = next((entry[f] for f in fields if entry.get(f)), None)
            if value is not None:
                s[name] = _clean(value)
        s["title"] = title
        s["year"] = _year(s["year"])
        if s["pages"]:
            s["pages"] = re.sub(r"\s*-+\s*", "-", s["pages"])
        s["lang"] = _lang(s["lang"], where, f"`{key}`", notes)
        if s["doi"]:
            s["doi"] = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", s["doi"], flags=re.I)
        names = entry.get("author") or entry.get("editor") or ""
        s["authors"] = [_clean(a) for a in re.split(r"\s+and\s+", names) if _clean(a)]
        kind = entry.get("ENTRYTYPE", "").lower()
        s["type"] = BIBTEX_TYPES.get(kind)
        if s["type"] is None:
            notes.append(make("AM110", where, f"the entry type @{kind} of `{key}` has no argmap source type"))
        used_fields = {f for fields in BIBTEX_FIELDS.values() for f in fields} | IGNORED_BIBTEX
        rest = sorted(f for f in entry if f not in used_fields)
        if rest:
            notes.append(make("AM110", where, f"the fields {', '.join(rest)} of `{key}` are not carried over",
                              hint="argmap's source fields are listed in docs/language.md"))
        sources.append(s)
    return _model(file, sources, notes, "BibTeX")


def _csl_name(person: object) -> str | None:
    if isinstance(person, dict):
        if person.get("literal"):
            return str(person["literal"])
        family, given = person.get("family"), person.get("given")
        if family and given:
            return f"{family}, {given}"
        return str(family or given) if family or given else None
    return None


CSL_FIELDS = {"title": "title", "container-title": "venue", "volume": "volume", "issue": "issue",
              "page": "pages", "publisher": "publisher", "DOI": "doi", "URL": "url", "language": "lang"}
CSL_IGNORED = {"id", "type", "author", "editor", "issued", "citation-key"}


def load_csl(text: str, file: str) -> tuple[Model | None, list[Diagnostic]]:
    from argmap.formats.aif import parse_json

    data, problems = parse_json(text, file, "CSL JSON (a list of items, as Zotero exports it)")
    if problems:
        return None, problems
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        return None, [make("AM108", _span(file, 1), "not CSL JSON: expected a list of items",
                           hint="Zotero: File > Export Library... > CSL JSON")]
    # each item's line: where its "id" stands
    lines = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r'"id"\s*:', text)]
    notes: list[Diagnostic] = []
    sources: list[dict] = []
    used: set[str] = set()
    for index, item in enumerate(data):
        where = _span(file, lines[index] if index < len(lines) else 1)
        if not isinstance(item, dict):
            notes.append(make("AM110", where, f"item {index} is not an object; not carried over"))
            continue
        key = str(item.get("citation-key") or item.get("id") or f"item{index + 1}")
        title = " ".join(str(item.get("title") or "").split())
        if not title:
            notes.append(make("AM110", where, f"the item {key!r} has no title; not carried over"))
            continue
        s = _source(_key(key, used), where)
        for csl, name in CSL_FIELDS.items():
            value = item.get(csl)
            if value not in (None, ""):
                s[name] = " ".join(str(value).split())
        s["title"] = title
        parts = (item.get("issued") or {}).get("date-parts") if isinstance(item.get("issued"), dict) else None
        s["year"] = _year(parts[0][0]) if parts and parts[0] else _year((item.get("issued") or {}).get("raw")
                                                                         if isinstance(item.get("issued"), dict) else None)
        if s["pages"]:
            s["pages"] = re.sub(r"\s*[-–]+\s*", "-", s["pages"])
        s["lang"] = _lang(s["lang"], where, f"`{key}`", notes)
        people = item.get("author") or item.get("editor") or []
        s["authors"] = [n for n in (_csl_name(p) for p in people if isinstance(people, list)) if n] \
            if isinstance(people, list) else []
        s["type"] = CSL_TYPES.get(str(item.get("type")))
        if s["type"] is None:
            notes.append(make("AM110", where, f"the item type {item.get('type')!r} of `{key}` has no argmap "
                              "source type"))
        rest = sorted(k for k in item if k not in CSL_FIELDS and k not in CSL_IGNORED)
        if rest:
            notes.append(make("AM110", where, f"the fields {', '.join(rest)} of `{key}` are not carried over",
                              hint="argmap's source fields are listed in docs/language.md"))
        sources.append(s)
    return _model(file, sources, notes, "CSL JSON")
