"""Render, report: a comparison `Report` -> text, Markdown, HTML, JSON, LaTeX or CSV that a scholar can cite.

Input: `argmap.analysis.compare.Report`, a language (`en`, `zh`, `both`) and a citation style. Output: one
document per format, every map string escaped for its medium through `argmap.core.safety` (`for_terminal`,
`for_markdown`, `for_latex`, `for_csv`; Jinja2 autoescape and a Content-Security-Policy for HTML). Papers are
named author-year (`朱海燕 2021`, an inferred year in brackets `[2023]`); each cell is one line, the answer's
own note or else a short text, with its citation (`伍、結論, ll. 542-546`); each question has its notes and a
synthesis from the relations; relations carry their quotes and what makes two papers not independent; the
bibliography is formatted by citeproc-py (`argmap.render.bibliography`). In the terminal, ids are never
broken: a column is at least as wide as its longest id, and each cell line wraps after it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict

from argmap.analysis.compare import Link, Paper, Position, Question, Report, Synthesis
from argmap.core.model import NodeKind, RelationKind
from argmap.core.text import display_width, wrap

SHORT = 120  # display cells of a position's text when it has no note of its own
LANGS = ("en", "zh", "both")

_WORDS = {
    "comparison": ("Comparison", "比较"),
    "papers": ("Papers", "论文"),
    "questions": ("Questions", "问题"),
    "matrix": ("Stance matrix", "立场矩阵"),
    "question_col": (NodeKind.QUESTION.value, "问题"),
    "synthesis": ("Synthesis", "综述"),
    "agreement": ("Points of agreement", "共识"),
    "dispute": ("Points of dispute", "分歧"),
    "refinement": ("Refinements", "补充与细化"),
    "alone": ("Positions held by one paper alone", "仅一篇论文持有的立场"),
    "bibliography": ("References", "参考文献"),
    "none_stated": ("None stated.", "无。"),
    "no_position": ("takes no position", "未表态"),
    "silent": ("silent", "未涉及"),
    "not_independent": ("not independent", "非独立"),
    "reported": ("reported view of", "转述"),
    "endorsed": ("endorsed", "作者认同"),
    "on": ("on", "关于"),
}
_STANCE_ZH = {"asserted": "主张", "hedged": "保留", "conceded": "让步", "none": "未表态"}
_KIND_ZH = {RelationKind.AGREES_WITH.value: "赞同", RelationKind.SAME_AS.value: "等同于",
            RelationKind.DISAGREES_WITH.value: "不同意", RelationKind.CONTRADICTS.value: "矛盾于",
            RelationKind.REFINES.value: "细化"}
_ENDORSED_ZH = {"yes": "认同", "no": "不认同", "partly": "部分认同"}


def word(key: str, lang: str) -> str:
    en, zh = _WORDS[key]
    return zh if lang == "zh" else f"{en} / {zh}" if lang == "both" else en


def stance_word(stance: str, lang: str) -> str:
    return _STANCE_ZH[stance] if lang == "zh" else f"{stance} / {_STANCE_ZH[stance]}" if lang == "both" else stance


def kind_word(kind: str, lang: str) -> str:
    return _KIND_ZH[kind] if lang == "zh" else f"{kind} / {_KIND_ZH[kind]}" if lang == "both" else kind


def _short(text: str, limit: int = SHORT) -> str:
    if display_width(text) <= limit:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > limit - 1:
            break
        out += ch
    return out.rstrip() + "…"


def question_text(q: Question, lang: str) -> str:
    if lang == "zh":
        return q.zh or q.text
    if lang == "both" and q.zh:
        return f"{q.text} / {q.zh}"
    return q.text


def cell_text(p: Position, lang: str) -> str:
    """The one line of a cell: the answer's own note (English), else a short text; `zh`: the paper's wording."""
    en = p.note or _short(p.text)
    zh = _short(p.zh) if p.zh else None
    if lang == "zh":
        return zh or en
    if lang == "both" and zh:
        return f"{en} / {zh}"
    return en


def marks(p: Position, lang: str) -> str:
    """`[hedged]`, `[none]`, `[reported: Japanese officials, endorsed: partly]`; nothing for a plain assertion."""
    out = [] if p.stance == "asserted" else [stance_word(p.stance, lang)]
    if p.reported:
        who = f"{word('reported', lang)} {p.reported}"
        if p.endorsed:
            e = _ENDORSED_ZH[p.endorsed] if lang == "zh" else p.endorsed
            who += f", {word('endorsed', lang)}: {e}"
        out.append(who)
    return f" [{'; '.join(out)}]" if out else ""


def _local(id_: str) -> str:
    return id_.split(".", 1)[-1]


def _labels(report: Report) -> dict[str, str]:
    return {p.namespace: p.label for p in report.papers}


def synthesis_text(s: Synthesis, labels: dict[str, str], lang: str) -> str:
    """One or two sentences from the relations: who agrees, who disputes, who refines, who is silent."""
    name = lambda ns: labels.get(ns, ns or "?")  # noqa: E731
    zh = lang == "zh"
    parts = []
    if s.agree:
        pairs = []
        for a, b, dependent in s.agree:
            pair = f"{name(a)} 与 {name(b)}" if zh else f"{name(a)} and {name(b)}"
            if dependent:
                pair += "（非独立）" if zh else " (not independent)"
            pairs.append(pair)
        parts.append(("赞同：" if zh else "Agree: ") + ("；" if zh else "; ").join(pairs))
    if s.dispute:
        pairs = [f"{name(a)} 与 {name(b)}" if zh else f"{name(a)} disputes {name(b)}" for a, b in s.dispute]
        parts.append(("分歧：" if zh else "Dispute: ") + ("；" if zh else "; ").join(pairs))
    if s.refine:
        pairs = [f"{name(a)} 细化 {name(b)}" if zh else f"{name(a)} refines {name(b)}" for a, b in s.refine]
        parts.append(("细化：" if zh else "Refine: ") + ("；" if zh else "; ").join(pairs))
    linked = {ns for pair in s.agree + s.dispute + s.refine for ns in pair[:2]}
    alone = [ns for ns in s.positions if ns not in linked]
    if alone:
        parts.append(("立场未与他文关联：" if zh else "Position unlinked to the others: ")
                     + ("、" if zh else ", ").join(name(ns) for ns in alone))
    if s.no_position:
        parts.append(("未表态：" if zh else "No position: ") + ("、" if zh else ", ").join(name(ns) for ns in s.no_position))
    if s.silent:
        parts.append(("未涉及：" if zh else "Silent: ") + ("、" if zh else ", ").join(name(ns) for ns in s.silent))
    text = ("。" if zh else ". ").join(parts)
    if lang == "both":
        return text + " / " + synthesis_text(s, labels, "zh")
    return text + ("。" if zh else ".") if text else ""


def link_head(link: Link, labels: dict[str, str], lang: str) -> str:
    about = f" ({word('on', lang)} {', '.join(link.questions)})" if link.questions else ""
    return (f"{labels.get(link.origin_paper, link.origin_paper)} {_local(link.origin.id)} {kind_word(link.kind, lang)} "
            f"{labels.get(link.target_paper, link.target_paper)} {_local(link.target.id)}{about}")


def _bibliography(report: Report, style: str, lang: str) -> list[tuple[str, str]]:
    from argmap.render.bibliography import entries

    return entries(report.sources, style, "zh" if lang == "zh" else "en")


def _sections(report: Report):
    return (("agreement", report.agreements), ("dispute", report.disputes), ("refinement", report.refinements))


# --- JSON ---------------------------------------------------------------------------------------------
def to_json(report: Report, lang: str = "en", style: str = "author-date") -> dict:
    labels = _labels(report)
    data = {
        "file": report.file,
        "papers": [asdict(p) for p in report.papers],
        "questions": [{
            "id": q.id, "text": q.text, "zh": q.zh, "notes": list(q.notes),
            "positions": {ns: [dict(asdict(p), citation=str(p.citation) if p.citation else None,
                                    line=cell_text(p, lang)) for p in positions]
                          for ns, positions in q.positions},
            "synthesis": dict(asdict(q.synthesis), text=synthesis_text(q.synthesis, labels, lang)),
        } for q in report.questions],
    }
    for key, links in (("agreements", report.agreements), ("disputes", report.disputes),
                       ("refinements", report.refinements)):
        data[key] = [dict(asdict(l), quotes=[{"text": x.text, "citation": str(x.citation), "paper": x.paper}
                                             for x in l.quotes]) for l in links]
        for item, link in zip(data[key], links):
            item["origin"]["citation"] = str(link.origin.citation) if link.origin.citation else None
            item["target"]["citation"] = str(link.target.citation) if link.target.citation else None
    data["unique"] = [{"question_id": q, "paper": ns, "position": p.id} for q, ns, p in report.unique]
    data["bibliography"] = {"style": style, "entries": [{"source": s, "text": t}
                                                         for s, t in _bibliography(report, style, lang)]}
    return data


# --- Markdown -----------------------------------------------------------------------------------------
def format_markdown(report: Report, lang: str = "en", style: str = "author-date") -> str:
    from argmap.core.safety import for_markdown as esc

    labels = _labels(report)
    out = [f"## {word('comparison', lang)}: {esc(report.file)}", "", f"### {word('papers', lang)}", ""]
    for p in report.papers:
        out.append(f"- **{esc(p.label)}** ({esc(p.namespace)}): {esc(p.title or p.path)}"
                   + (f" ({esc(p.original_title)})" if p.original_title and p.original_title != p.title else ""))
    out += ["", f"### {word('matrix', lang)}", "",
            f"| {word('question_col', lang)} | " + " | ".join(esc(p.label) for p in report.papers) + " |",
            "|---|" + "---|" * len(report.papers)]
    for q in report.questions:
        cells = []
        for _, positions in q.positions:
            cells.append("<br>".join(f"{esc(_local(p.id))}{esc(marks(p, lang))}" for p in positions) or "—")
        out.append(f"| **{esc(q.id)}** | " + " | ".join(cells) + " |")
    for q in report.questions:
        out += ["", f"### {esc(q.id)}: {esc(question_text(q, lang))}", ""]
        out += [f"> {esc(n)}" for n in q.notes] + ([""] if q.notes else [])
        for ns, positions in q.positions:
            for p in positions:
                cite = f" ({esc(labels[ns])}, {esc(str(p.citation))})" if p.citation else f" ({esc(labels[ns])})"
                out.append(f"- {esc(_local(p.id))}{esc(marks(p, lang))}: {esc(cell_text(p, lang))}{cite}")
        text = synthesis_text(q.synthesis, labels, lang)
        if text:
            out += ["", f"*{word('synthesis', lang)}*: {esc(text)}"]
    for key, links in _sections(report):
        out += ["", f"### {word(key, lang)}", ""]
        if not links:
            out.append(word("none_stated", lang))
        for link in links:
            line = f"- {esc(link_head(link, labels, lang))}"
            if link.not_independent:
                line += f" — **{word('not_independent', lang)}**: {esc('; '.join(link.not_independent))}"
            out.append(line)
            if link.note:
                out.append(f"  {esc(link.note)}")
            for quote in link.quotes:
                out.append(f"  > 「{esc(quote.text)}」 ({esc(labels.get(quote.paper, quote.paper or ''))}, "
                           f"{esc(str(quote.citation))})")
    out += ["", f"### {word('alone', lang)}", ""]
    if not report.unique:
        out.append(word("none_stated", lang))
    for question, ns, position in report.unique:
        out.append(f"- {esc(question)}, {esc(labels[ns])}: {esc(_local(position.id))}")
    out += ["", f"### {word('bibliography', lang)}", ""]
    out += [f"- {esc(text)}" for _, text in _bibliography(report, style, lang)]
    return "\n".join(out) + "\n"


# --- terminal -----------------------------------------------------------------------------------------
def format_text(report: Report, width: int = 120, lang: str = "en", style: str = "author-date") -> str:
    """An overview grid (question ids by papers, each cell the ids and stance marks of its positions: a
    column is as wide as its longest id, so no id is broken), then per question its notes, one wrapped line
    per cell with its citation, and the synthesis; relations with notes and quotes; the bibliography.
    The CLI passes the result through `for_terminal`."""
    labels = _labels(report)
    papers = report.papers
    out = [f"{word('comparison', lang)}: {report.file}", ""]
    for p in papers:
        out += wrap(f"{p.label} ({p.namespace}): {p.title or p.path}", width)
    grid = _grid(report, lang, width)
    out += [""] + grid
    for q in report.questions:
        out += [""] + wrap(f"{q.id}: {question_text(q, lang)}", width)
        for note in q.notes:
            out += ["  | " + l for l in wrap(note, width - 4)]
        for ns, positions in q.positions:
            for p in positions:
                cite = f" ({labels[ns]}, {p.citation})" if p.citation else f" ({labels[ns]})"
                head = f"{_local(p.id)}{marks(p, lang)}: "
                out += _hanging(head + cell_text(p, lang) + cite, width, "  - ", "    ")
        text = synthesis_text(q.synthesis, labels, lang)
        if text:
            out += _hanging(f"{word('synthesis', lang)}: {text}", width, "  = ", "    ")
    for key, links in _sections(report):
        out += ["", f"{word(key, lang)}:"]
        if not links:
            out.append("  " + word("none_stated", lang))
        for link in links:
            out += _hanging(link_head(link, labels, lang), width, "  ", "    ")
            if link.not_independent:
                out += _hanging(f"{word('not_independent', lang)}: {'; '.join(link.not_independent)}", width,
                                "      ! ", "        ")
            if link.note:
                out += _hanging(link.note, width, "      ", "      ")
            for quote in link.quotes:
                out += _hanging(f"「{quote.text}」 ({quote.citation})", width, "      > ", "        ")
    out += ["", f"{word('alone', lang)}:"]
    if not report.unique:
        out.append("  " + word("none_stated", lang))
    for question, ns, position in report.unique:
        out.append(f"  {question} · {labels[ns]}: {_local(position.id)}")
    out += ["", f"{word('bibliography', lang)}:"]
    for _, text in _bibliography(report, style, lang):
        out += _hanging(text, width, "  ", "    ")
    return "\n".join(out) + "\n"


def _hanging(text: str, width: int, first: str, rest: str) -> list[str]:
    lines = wrap(text, max(20, width - display_width(first)))
    return [first + lines[0]] + [rest + l for l in lines[1:]]


def _grid(report: Report, lang: str, width: int) -> list[str]:
    """Question ids by papers; each cell its positions' ids with stance marks, one per line, never cut. Marks
    are one letter (h hedged, c conceded, 0 no position, r reported) explained under the grid."""
    def mark(p: Position) -> str:
        m = {"asserted": "", "hedged": "h", "conceded": "c", "none": "0"}[p.stance] + ("r" if p.reported else "")
        return f"{_local(p.id)}{' [' + m + ']' if m else ''}"

    header = [word("question_col", lang)] + [p.label for p in report.papers]
    rows = [[[q.id]] + [[mark(p) for p in positions] or ["—"] for _, positions in q.positions]
            for q in report.questions]
    widths = [max(display_width(x) for x in [header[i]] + [l for r in rows for l in r[i]])
              for i in range(len(header))]
    if sum(widths) + 3 * len(widths) + 1 > width:  # too wide to draw without cutting ids: one paper per line
        out = []
        for q, row in zip(report.questions, rows):
            out.append(q.id)
            for paper, cell in zip(report.papers, row[1:]):
                out.append(f"  {paper.label}: {', '.join(cell)}")
        return out + [_legend(lang)]

    def line(left: str, mid: str, right: str) -> str:
        return left + mid.join("─" * (w + 2) for w in widths) + right

    def draw(cells: list[list[str]]) -> list[str]:
        out = []
        for i in range(max(len(c) for c in cells)):
            parts = [" " + (c[i] if i < len(c) else "") + " " * (w - display_width(c[i] if i < len(c) else "")) + " "
                     for c, w in zip(cells, widths)]
            out.append("│" + "│".join(parts) + "│")
        return out

    out = [line("┌", "┬", "┐")] + draw([[h] for h in header])
    for row in rows:
        out += [line("├", "┼", "┤")] + draw(row)
    return out + [line("└", "┴", "┘"), _legend(lang)]


def _legend(lang: str) -> str:
    if lang == "zh":
        return "h 保留  c 让步  0 未表态  r 转述他人观点"
    return "h hedged  c conceded  0 no position  r reported view" + (
        " / h 保留  c 让步  0 未表态  r 转述他人观点" if lang == "both" else "")


# --- LaTeX --------------------------------------------------------------------------------------------
def format_latex(report: Report, lang: str = "en", style: str = "author-date") -> str:
    """A LaTeX fragment (\\section*, itemize, quote) to \\input into a paper; CJK text needs xeCJK or ctex."""
    from argmap.core.safety import for_latex as esc

    labels = _labels(report)
    out = [f"% argmap compare {esc(report.file)}", f"\\section*{{{esc(word('comparison', lang))}}}",
           f"\\subsection*{{{esc(word('papers', lang))}}}", "\\begin{itemize}"]
    for p in report.papers:
        out.append(f"  \\item \\textbf{{{esc(p.label)}}}: {esc(p.title or p.path)}")
    out.append("\\end{itemize}")
    for q in report.questions:
        out.append(f"\\subsection*{{{esc(q.id)}: {esc(question_text(q, lang))}}}")
        for note in q.notes:
            out += ["\\begin{quote}", esc(note), "\\end{quote}"]
        out.append("\\begin{itemize}")
        for ns, positions in q.positions:
            for p in positions:
                cite = f" ({esc(labels[ns])}, {esc(str(p.citation))})" if p.citation else f" ({esc(labels[ns])})"
                out.append(f"  \\item \\textbf{{{esc(labels[ns])}}} \\texttt{{{esc(_local(p.id))}}}"
                           f"{esc(marks(p, lang))}: {esc(cell_text(p, lang))}{cite}")
        out.append("\\end{itemize}")
        text = synthesis_text(q.synthesis, labels, lang)
        if text:
            out.append(f"\\emph{{{esc(word('synthesis', lang))}}}: {esc(text)}")
    for key, links in _sections(report):
        out += [f"\\subsection*{{{esc(word(key, lang))}}}"]
        if not links:
            out.append(esc(word("none_stated", lang)))
            continue
        out.append("\\begin{itemize}")
        for link in links:
            line = f"  \\item {esc(link_head(link, labels, lang))}"
            if link.not_independent:
                line += f" --- \\textbf{{{esc(word('not_independent', lang))}}}: {esc('; '.join(link.not_independent))}"
            out.append(line + (f". {esc(link.note)}" if link.note else ""))
            for quote in link.quotes:
                out.append(f"    \\begin{{quote}}「{esc(quote.text)}」 ({esc(str(quote.citation))})\\end{{quote}}")
        out.append("\\end{itemize}")
    out += [f"\\subsection*{{{esc(word('bibliography', lang))}}}", "\\begin{itemize}"]
    out += [f"  \\item {esc(text)}" for _, text in _bibliography(report, style, lang)]
    out.append("\\end{itemize}")
    return "\n".join(out) + "\n"


# --- CSV ----------------------------------------------------------------------------------------------
CSV_COLUMNS = ("question_id", "question_text", "paper", "namespace", "position", "stance", "reported", "endorsed",
               "answer", "citation")


def format_csv(report: Report, lang: str = "en", style: str = "author-date") -> str:
    """One row per cell position (a paper that is silent gets a row with stance `silent`): for spreadsheets."""
    from argmap.core.safety import for_csv as esc

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    labels = _labels(report)
    for q in report.questions:
        for ns, positions in q.positions:
            rows = [(p.id, p.stance, p.reported or "", p.endorsed or "", cell_text(p, lang),
                     str(p.citation) if p.citation else "") for p in positions] or [("", "silent", "", "", "", "")]
            for row in rows:
                writer.writerow([esc(x) for x in (q.id, question_text(q, lang), labels[ns], ns) + row])
    return buffer.getvalue()


# --- HTML ---------------------------------------------------------------------------------------------
def format_html(report: Report, lang: str = "en", style: str = "author-date") -> str:
    """A standalone page: Jinja2 with autoescape (map text never becomes markup), no script, a CSP that allows
    none."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("argmap.render", "templates"), autoescape=select_autoescape(default=True))
    labels = _labels(report)
    template = env.get_template("report.html.j2")
    return template.render(
        report=report, lang=lang, labels=labels, word=lambda k: word(k, lang),
        question_text=lambda q: question_text(q, lang), cell_text=lambda p: cell_text(p, lang),
        marks=lambda p: marks(p, lang), local=_local, synthesis=lambda s: synthesis_text(s, labels, lang),
        link_head=lambda l: link_head(l, labels, lang), sections=_sections(report),
        bibliography=_bibliography(report, style, lang), html_lang="zh" if lang == "zh" else "en")


FORMATS = {"text": format_text, "markdown": format_markdown, "html": format_html, "latex": format_latex,
           "csv": format_csv}
