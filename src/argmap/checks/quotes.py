"""Stage 3b, quote verification: model + full texts -> diagnostics (AM308, AM311, AM312, AM403).

A quote attributed to a source that names its `fulltext:` must occur in that text verbatim, ignoring line
breaks and white space (PDF conversions break lines mid-sentence and pad CJK text with spaces). A quote that
does not occur is reported with the closest passage of the text: candidate places are found by voting with
the quote's character trigrams (an index built once per text), then scored with difflib. Where the quote's
locator gives line numbers that do not cover where the quote stands (AM311), or names a section heading that the
text does not contain (AM312), a warning says so.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from argmap.core.diagnostics import Diagnostic, make
from argmap.core.model import Model, Quote
from argmap.io import PathPolicy, outside_diagnostic as _outside, read_bounded
from argmap.language.tree import OVERSIZED

MAX_COMPARED_QUOTE = 5000  # characters: longer quotes not found get no closest passage (difflib is quadratic)
_MAX_REMEMBERED = 100_000  # places of quotes remembered per full text
_MAX_POSITIONS_PER_TRIGRAM = 400  # trigrams more common than this carry no information about place


@dataclass
class FullText:
    """A text with white space removed, and for each remaining character the line it stands on."""

    compact: str
    lines: list[int]
    raw_lines: list[str] = field(default_factory=list, repr=False)
    _trigrams: dict[str, list[int]] | None = field(default=None, repr=False)
    _found: dict = field(default_factory=dict, repr=False)  # quote -> find(quote)

    @classmethod
    def from_text(cls, text: str) -> "FullText":
        chars: list[str] = []
        lines: list[int] = []
        for number, line in enumerate(text.split("\n"), start=1):
            squeezed = "".join(line.split())
            chars.append(squeezed)
            lines.extend([number] * len(squeezed))
        return cls("".join(chars), lines, text.split("\n"))

    def find(self, quote: str) -> tuple[int, int] | None:
        """The line range where the quote stands, or None (remembered: an editor session asks again on
        every keystroke, and a run asks for each quote twice, for its place and for its dates)."""
        found = self._found.get(quote, self)
        if found is not self:
            return found
        needle = "".join(quote.split())
        at = self.compact.find(needle)
        found = None if at < 0 or not needle else (self.lines[at], self.lines[at + len(needle) - 1])
        if len(self._found) < _MAX_REMEMBERED:
            self._found[quote] = found
        return found

    def closest(self, quote: str) -> tuple[float, str, int] | None:
        """(similarity 0..1, passage, line) of the passage most like the quote, or None."""
        needle = "".join(quote.split())
        if len(needle) < 3 or len(self.compact) < 3:
            return None
        if self._trigrams is None:
            index: dict[str, list[int]] = defaultdict(list)
            text = self.compact
            for i in range(len(text) - 2):
                index[text[i:i + 3]].append(i)
            self._trigrams = index
        votes: Counter[int] = Counter()
        for k in range(len(needle) - 2):
            positions = self._trigrams.get(needle[k:k + 3], ())
            if len(positions) > _MAX_POSITIONS_PER_TRIGRAM:
                continue
            for p in positions:
                votes[(p - k) // 4] += 1  # buckets of 4 characters tolerate small insertions
        if not votes:
            return None
        from rapidfuzz import fuzz

        best: tuple[float, str, int] | None = None
        m = len(needle)
        for bucket, _ in votes.most_common(5):
            start = max(0, bucket * 4 - m // 4)
            window = self.compact[start: start + m + m // 2]
            aligned = fuzz.partial_ratio_alignment(needle, window)
            if aligned is None or aligned.dest_end <= aligned.dest_start:
                continue
            lo, hi = aligned.dest_start, aligned.dest_end
            score = fuzz.ratio(needle, window[lo:hi]) / 100
            # a passage as long as the quote shows what stands where the quote goes on differently
            longer = min(lo + m + m // 8, len(window))
            wide = sum("\u2e80" <= ch <= "\uffef" for ch in window[lo:hi]) > (hi - lo) // 2
            if wide and longer > hi and fuzz.ratio(needle, window[lo:longer]) / 100 >= score - 0.1:
                hi, score = longer, fuzz.ratio(needle, window[lo:longer]) / 100
            if best is None or score > best[0]:
                best = (score, self.original(start + lo, start + hi), self.lines[start + lo])
        return best

    def heading_like(self, section: str) -> tuple[str, int] | None:
        """(line as printed, line number) of the short line most like a section name, if one is close."""
        from rapidfuzz import fuzz, process

        wanted = "".join(section.split())
        limit = max(2 * len(wanted), 12)
        candidates = {number: squeezed for number, line in enumerate(self.raw_lines, 1)
                      if 0 < len(squeezed := "".join(line.split())) <= limit}
        if not candidates or not wanted:
            return None
        found = process.extractOne(wanted, candidates, scorer=fuzz.ratio, score_cutoff=60)
        if found is None:
            return None
        _, _, number = found
        return _tidy(self.raw_lines[number - 1]), number

    def original(self, lo: int, hi: int) -> str:
        """The passage of compact[lo:hi] as the text prints it: its own spacing, line breaks as spaces, and
        the spaces a PDF conversion puts between CJK characters left out."""
        count = 0
        out: list[str] = []
        for number, line in enumerate(self.raw_lines):
            for ch in line:
                if ch.isspace():
                    if lo < count < hi:
                        out.append(" ")
                    continue
                if lo <= count < hi:
                    out.append(ch)
                count += 1
                if count >= hi:
                    return _tidy("".join(out))
            if lo < count < hi:
                out.append(" ")
        return _tidy("".join(out))


_WIDE = r"\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f"


def _tidy(passage: str) -> str:
    """Runs of white space as one space; none between two CJK characters (PDF padding)."""
    import re

    passage = re.sub(r"\s+", " ", passage).strip()
    return re.sub(rf"(?<=[{_WIDE}]) (?=[{_WIDE}])", "", passage)


def _marked(quote: str, passage: str) -> tuple[str, list[tuple[str, str]]]:
    """The passage with the parts that differ from the quote in [brackets], and (quote's, text's) wording
    of each difference. Words are compared in spaced text, characters in CJK text."""
    from rapidfuzz.distance import Indel

    wide = sum(1 for ch in passage if "\u2e80" <= ch <= "\uffef") > len(passage) // 3
    a = list(_tidy(quote)) if wide else _tidy(quote).split(" ")
    b = list(passage) if wide else passage.split(" ")
    joiner = "" if wide else " "
    out: list[str] = []
    differences: list[tuple[str, str]] = []
    opcodes = Indel.opcodes(a, b)
    merged: list[list] = []
    for op in opcodes:  # an insert next to a delete is one replacement
        tag, i1, i2, j1, j2 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if merged and tag != "equal" and merged[-1][0] != "equal":
            merged[-1] = ["replace", merged[-1][1], i2, merged[-1][3], j2]
        else:
            merged.append([tag, i1, i2, j1, j2])
    for tag, i1, i2, j1, j2 in merged:
        text_part = joiner.join(b[j1:j2])
        if tag == "equal":
            out.append(text_part)
            continue
        if text_part:
            out.append(f"[{text_part}]")
        differences.append((joiner.join(a[i1:i2]), text_part))
    return joiner.join(x for x in out if x), differences


def verify(model: Model, texts: dict[Path, FullText | None], paths: PathPolicy | None = None) -> list[Diagnostic]:
    """Check every quote of the file's own nodes and relations against its source's full text.

    `texts` caches full texts by path across files, so each is read once per run (None: could not be read,
    already reported). `paths` says where full texts may be read from (AM315); the closest passage of a
    text outside the project is never shown, so a map cannot make argmap print other files.
    """
    paths = paths or PathPolicy()
    private: set[Path] = set()
    diagnostics: list[Diagnostic] = []
    quotes: list[Quote] = [q for n in model.local_nodes() for q in n.quotes]
    quotes += [q for r in model.relations if r.namespace is None for q in r.quotes]
    keys: dict[tuple[str, str], Path] = {}  # resolving a path is a system call: once per source and run
    for quote in quotes:
        source = model.source(quote.source) if quote.source else None
        if source is None or source.fulltext is None:
            continue
        first = (str(source.span.file), source.fulltext) not in keys  # the run's first quote from this source
        key = _key_of(source, keys)
        if first:  # each file that names a full text hears of its problems, on every run
            path = Path(source.span.file).parent / source.fulltext
            outside = paths.outside(path, Path(source.span.file))
            if outside is not None:
                diagnostics.append(_outside(source.span, "full text", path, outside, paths.forbid))
                private.add(key)
            if key not in texts:
                texts[key] = None if outside is not None and paths.forbid else _read(path)
            if isinstance(texts[key], Unreadable):
                diagnostics.append(texts[key].diagnostic(source))
        text = texts[key]
        if text is None or isinstance(text, Unreadable):
            continue
        if quote.section and text.find(quote.section) is None:
            heading = None if key in private else text.heading_like(quote.section)
            hint = "give the section heading as the source prints it"
            if heading is not None:
                hint = f"did you mean \"{heading[0]}\" (line {heading[1]})? Section names are given as the source prints them"
            diagnostics.append(make(
                "AM312", quote.span, f"the section \"{quote.section}\" does not occur in the full text",
                hint=hint))
        where = text.find(quote.text)
        if where is None:
            diagnostics.append(_not_found(quote, None if key in private else text, source.fulltext))
        elif quote.lines is not None and max(quote.lines) < OVERSIZED and not (quote.lines[0] <= where[1] and where[0] <= quote.lines[1]):
            found = f"line {where[0]}" if where[0] == where[1] else f"lines {where[0]}-{where[1]}"
            given = f"{quote.lines[0]}-{quote.lines[1]}"
            diagnostics.append(make("AM311", quote.span,
                                    f"the quote stands at {found} of the full text, not at lines {given}",
                                    hint=f"correct the locator: `{found}`"))
    diagnostics += _dates(model, texts, keys)
    return diagnostics


def _key_of(source, keys: dict[tuple[str, str], Path]) -> Path:
    """The resolved path of a source's full text, the key of `texts`."""
    pair = (str(source.span.file), source.fulltext)
    key = keys.get(pair)
    if key is None:
        key = keys[pair] = (Path(source.span.file).parent / source.fulltext).resolve()
    return key


DATE_CONTEXT_LINES = 3  # a date printed this close to a node's quote counts as printed beside it
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_CJK_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")


def _cjk_number(n: int) -> str:
    """A month or day as Chinese counts it: 9 九, 10 十, 12 十二, 20 二十, 31 三十一."""
    tens, ones = divmod(n, 10)
    digits = "〇一二三四五六七八九"
    return ("" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")) + (digits[ones] if ones else "")


def _year_forms(year: str) -> tuple[str, ...]:
    """How a paper may print a year: `1902`, `一九〇二`, `一九零二`."""
    cjk = year.translate(_CJK_DIGITS)
    return year, cjk, cjk.replace("〇", "零")


def _text_of(model: Model, quote: Quote, texts: dict[Path, FullText | None],
             keys: dict[tuple[str, str], Path]) -> FullText | None:
    source = model.source(quote.source) if quote.source else None
    if source is None or source.fulltext is None:
        return None
    text = texts.get(_key_of(source, keys))
    return text if isinstance(text, FullText) else None


@functools.lru_cache(maxsize=8192)  # the same nodes, keystroke after keystroke
def _squeezed(text: str) -> str:
    """Text without white space, NFKC-normalised: a paper may print its years in full-width digits (１９９５年)."""
    return unicodedata.normalize("NFKC", "".join(text.split()))


def _dates(model: Model, texts: dict[Path, FullText | None], keys: dict[tuple[str, str], Path]) -> list[Diagnostic]:
    """AM317: a node's `date` whose year is printed neither in its quotes, nor their section headings, nor
    within a few lines of where they stand in the full text, and that is not marked `(inferred)`."""
    import re

    out: list[Diagnostic] = []
    for node in model.local_nodes():
        if node.date is None or "date" in node.inferred:
            continue
        years = re.findall(r"(?<!\d)\d{4}(?!\d)", node.date)
        if not years:
            continue
        # only where the paper can be consulted: a node with quotes from a full text that was read
        if not any(_text_of(model, q, texts, keys) is not None for q in node.quotes):
            continue
        printed = [node.section or ""]
        for quote in node.quotes:
            printed += [quote.text, quote.section or ""]
            text = _text_of(model, quote, texts, keys)
            where = text.find(quote.text) if text is not None else None
            if where is not None and text.raw_lines:
                low = max(where[0] - 1 - DATE_CONTEXT_LINES, 0)
                printed += text.raw_lines[low:where[1] + DATE_CONTEXT_LINES]
        # NFKC: a paper may print its years in full-width digits (１９９５年)
        squeezed = _squeezed("".join(printed))
        missing = [y for y in years if not any(form in squeezed for form in _year_forms(y))]
        # the date as the paper may print it whole: 2021-10-08, 2021/10/08, 2021.10.08 (with or without zeros)
        whole = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", node.date.strip())
        printed_whole = False
        if whole and not missing:
            y, m, d = whole.group(1), int(whole.group(2)), whole.group(3)
            parts = [(f"{m:02d}", str(m))] + ([(f"{int(d):02d}", str(int(d)))] if d else [])
            for sep in "-/.":
                pattern = re.escape(y) + "".join(rf"{re.escape(sep)}0?{int(p[1])}(?!\d)" for p in parts)
                if re.search(pattern, squeezed):
                    printed_whole = True
                    break
        if printed_whole:
            pass
        elif not missing:  # month precision the paper does not print (`2013-12` beside a bare 2013年)
            for month in re.findall(r"(?<!\d)\d{4}-(\d{1,2})(?!\d)", node.date):
                number = str(int(month))
                forms = (f"{number}月", f"{month}月", f"{_cjk_number(int(month))}月") + tuple(
                    m for m in _MONTH_NAMES[int(month) - 1:int(month)] if 1 <= int(month) <= 12)
                # a range of months counts for its first: 4—5月, 4-5月
                in_range = re.search(rf"(?<!\d){number}[—–\-~至到]\d{{1,2}}月", squeezed)
                if not any(form in squeezed for form in forms) and not in_range:
                    missing.append(f"month {number}")
                    break
        if not missing and not printed_whole:  # and day precision (`2020-09-16` beside 2020年9月)
            for day in re.findall(r"(?<!\d)\d{4}-\d{1,2}-(\d{1,2})(?!\d)", node.date):
                number = int(day)
                forms = (f"{number}日", f"{day}日", f"{_cjk_number(number)}日", f"{number}号")
                if not any(form in squeezed for form in forms) and not re.search(
                        rf"(?<!\d){number}(?!\d)", squeezed):
                    missing.append(f"day {number}")
        if missing:
            out.append(make("AM317", node.span,
                            f"the date \"{node.date}\" of `{node.id}`: the paper does not print {missing[0]} "
                            "beside its quotes",
                            hint=f"quote the passage that gives the date, or write `date: \"{node.date}\" "
                                 "(inferred)`"))
    return out


@dataclass(frozen=True)
class Unreadable:
    """A full text that could not be read, and why (kept with the texts, so every map that names it is told)."""

    reason: str
    not_utf8: bool = False

    def diagnostic(self, source) -> Diagnostic:
        if self.not_utf8:
            return make("AM403", source.span, f"the full text `{source.fulltext}` is not UTF-8",
                        hint="convert it to UTF-8 text")
        return make("AM403", source.span, f"cannot read the full text `{source.fulltext}` of `{source.id}`: "
                    f"{self.reason}", hint="the `fulltext:` path is relative to the .arg file; full texts are "
                                           "regular files of at most 50 MiB")


def _read(path: Path) -> FullText | Unreadable:
    raw, reason = read_bounded(path)
    if raw is None:
        return Unreadable(reason)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Unreadable("not UTF-8", not_utf8=True)
    return FullText.from_text(text)


def _not_found(quote: Quote, text: FullText | None, name: str) -> Diagnostic:
    """AM308, with the closest passage of the text (none when `text` is None: a text outside the project,
    or a quote too long to compare in bounded time)."""
    short = quote.text if len(quote.text) <= 40 else quote.text[:40] + "…"
    if text is None:
        return make("AM308", quote.span, f"quote \"{short}\" is not in the full text `{name}`",
                    hint="copy the passage verbatim")
    closest = text.closest(quote.text) if len(quote.text) <= MAX_COMPARED_QUOTE else None
    if closest is not None and closest[0] >= 0.5:
        score, passage, line = closest
        marked, differences = _marked(quote.text, passage)
        if len(marked) > 120:
            marked = marked[:120] + "…"
        hint = f"closest passage ({score:.0%} alike) at line {line}, differences in [brackets]: \"{marked}\""
        if differences:
            said = "; ".join(f"\"{q or '…'}\" where the text has \"{t or '…'}\"" for q, t in differences[:3])
            hint += f"; the quote has {said}"
    else:
        hint = "nothing like it was found; check the source and copy the passage verbatim"
    return make("AM308", quote.span, f"quote \"{short}\" is not in the full text `{name}`", hint=hint)

