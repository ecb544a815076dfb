"""Formats, ICCMA: abstract argumentation frameworks in the competition formats, read and written.

Input: the text of a framework file and its format; or a framework (arguments, attacks) and, for a map, the
id table. Output: `load(text, file, fmt) -> (Framework | None, diagnostics)` and `dump(af, fmt, table) ->
text`; `dump_model(model, fmt, kind) -> (text, side_table)`.

The formats (ICCMA 2017-2021 for apx and tgf, ICCMA 2023 for i23):
- `apx`: facts `arg(a).` and `att(a,b).`, any number on a line; `%` starts a comment (as in ASP).
- `tgf` (trivial graph format): one argument a line (its name, then an optional label), a line `#`, then one
  attack a line (`a b`, then an optional label). TGF has no comments.
- `i23`: a header `p af N` (the arguments are 1..N), then one attack a line (`i j`); `#` starts a comment line.

Diagnostics: AM111 (a line that is not a statement of the format), AM112 (an attack on an argument that is
not declared, a number outside 1..N, a missing or repeated `p af` header), AM113 (an argument or attack given
twice: a warning; the repeat is dropped).

Id tables: a map's ids become argument names in apx and tgf when they are plain ASCII names
(`[A-Za-z0-9_]+`), otherwise `a<k>` (k the argument's position); i23 numbers them 1..N. apx and i23 carry the
table as comment lines (`% 3 = c_china_threat (claim)`, `# 3 = c_china_threat (claim)`); tgf, which has no
comments, gets it as a side file (`dump_model` returns it; the CLI writes `OUTPUT.ids.tsv`). Only ids and
kinds go into the table, never map text, so nothing in a map can inject a statement into the file.
"""

from __future__ import annotations

import re
from typing import Sequence

from argmap.analysis.semantics import Framework
from argmap.core.diagnostics import Diagnostic, Span, make

FORMATS = ("apx", "tgf", "i23")
SUFFIXES = {".apx": "apx", ".tgf": "tgf", ".i23": "i23"}

_NAME = r"[^\s(),.%]+"  # an apx argument name: anything up to a delimiter
_APX_STATEMENT = re.compile(rf"\s*(?:(arg)\s*\(\s*({_NAME})\s*\)|(att)\s*\(\s*({_NAME})\s*,\s*({_NAME})\s*\))\s*\.")
_PLAIN = re.compile(r"[A-Za-z0-9_]+\Z")
_INT = re.compile(r"[0-9]+\Z")


def format_of(path: str) -> str | None:
    """The ICCMA format a file name says (`.apx`, `.tgf`, `.i23`), or None."""
    for suffix, fmt in SUFFIXES.items():
        if path.lower().endswith(suffix):
            return fmt
    return None


class _Reader:
    """Arguments and attacks as they are read, with the diagnostics of duplicates and unknown names.

    Attacks are kept as plain tuples with their positions; a `Span` is made only for a diagnostic (a framework
    of 10^6 attacks reads in about a second, see bench/bench_semantics.py)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.arguments: dict[str, int] = {}
        # (attacker, attacked, line, attacker's column, attacked's column), checked once every argument is known
        self.pending: list[tuple[str, str, int, int, int]] = []
        self.diagnostics: list[Diagnostic] = []

    def span(self, line: int, column: int, length: int) -> Span:
        return Span(self.file, line, column, line, column + max(length, 1))

    def argument(self, name: str, span: Span) -> None:
        if name in self.arguments:
            self.diagnostics.append(make("AM113", span, f"argument `{name}` is declared twice",
                                         "Remove the repeated declaration."))
            return
        self.arguments[name] = span.line

    def finish(self, declared_in: str) -> Framework | None:
        known = self.arguments
        attacks: dict[tuple[str, str], None] = {}
        for x, y, line, cx, cy in self.pending:
            if x not in known or y not in known:
                for name, column in ((x, cx), (y, cy)):
                    if name not in known:
                        self.diagnostics.append(make(
                            "AM112", self.span(line, column, len(name)),
                            f"attack names `{name}`, which is not an argument",
                            f"Declare it ({declared_in}) or correct the name."))
                continue
            if (x, y) in attacks:
                self.diagnostics.append(make("AM113", Span(self.file, line, cx, line, cy + len(y)),
                                             f"attack `{x}` on `{y}` is given twice", "Remove the repeated attack."))
                continue
            attacks[(x, y)] = None
        if any(d.severity.value == "error" for d in self.diagnostics):
            return None
        return Framework(tuple(known), tuple(attacks))


def _load_apx(text: str, file: str) -> tuple[Framework | None, list[Diagnostic]]:
    reader = _Reader(file)
    for number, line in enumerate(text.split("\n"), start=1):
        body = line.split("%", 1)[0]
        position = 0
        while body[position:].strip():
            found = _APX_STATEMENT.match(body, position)
            if found is None:
                start = position + len(body[position:]) - len(body[position:].lstrip())
                word = body[start:].split()[0]
                reader.diagnostics.append(make(
                    "AM111", reader.span(number, start + 1, len(word)),
                    f"expected `arg(NAME).` or `att(NAME,NAME).`, found `{word[:40]}`",
                    "apx files hold facts `arg(a).` and `att(a,b).`, each ending with a full stop; `%` starts "
                    "a comment."))
                break
            if found.group(1):
                name = found.group(2)
                reader.argument(name, reader.span(number, found.start(2) + 1, len(name)))
            else:
                reader.pending.append((found.group(4), found.group(5), number, found.start(4) + 1,
                                       found.start(5) + 1))
            position = found.end()
    return reader.finish("with `arg(NAME).`"), reader.diagnostics


def _load_tgf(text: str, file: str) -> tuple[Framework | None, list[Diagnostic]]:
    reader = _Reader(file)
    in_attacks = False
    for number, line in enumerate(text.split("\n"), start=1):
        words = line.split()
        if not words:
            continue
        column = len(line) - len(line.lstrip()) + 1
        if words[0] == "#" and len(words) == 1:
            if in_attacks:
                reader.diagnostics.append(make("AM111", reader.span(number, column, 1), "a second `#` line",
                                               "TGF has one `#` line, between the arguments and the attacks."))
            in_attacks = True
            continue
        if not in_attacks:
            reader.argument(words[0], reader.span(number, column, len(words[0])))
            continue
        if len(words) < 2:
            reader.diagnostics.append(make("AM111", reader.span(number, column, len(words[0])),
                                           f"expected an attack `NAME NAME`, found only `{words[0][:40]}`",
                                           "After the `#` line, each line names the attacker and the attacked."))
            continue
        x, y = words[0], words[1]
        reader.pending.append((x, y, number, column, line.index(y, column - 1 + len(x)) + 1))
    return reader.finish("on a line before the `#` line"), reader.diagnostics


def _load_i23(text: str, file: str) -> tuple[Framework | None, list[Diagnostic]]:
    reader = _Reader(file)
    size: int | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        column = len(line) - len(line.lstrip()) + 1
        if words[0] == "p":
            if size is not None:
                reader.diagnostics.append(make("AM112", reader.span(number, column, len(line.strip())),
                                               "a second `p af` header" if size >= 0 else
                                               "a `p af` header after the first attack or a malformed header",
                                               "An i23 file has one header line, before the attacks."))
                continue
            if len(words) != 3 or words[1] != "af" or not _INT.match(words[2]):
                reader.diagnostics.append(make("AM111", reader.span(number, column, len(line.strip())),
                                               "expected the header `p af N`",
                                               "The header names the number of arguments: `p af 5`."))
                size = -1
                continue
            size = int(words[2])
            for i in range(1, size + 1):
                reader.arguments[str(i)] = number
            continue
        if size is None:
            reader.diagnostics.append(make("AM112", reader.span(number, column, len(words[0])),
                                           "an attack before the `p af N` header",
                                           "Start the file with `p af N` (N the number of arguments)."))
            size = -1
        if size < 0:  # no usable header: the attacks cannot be checked against it
            continue
        if len(words) != 2 or not (words[0].isdigit() and words[1].isdigit() and words[0].isascii()
                                   and words[1].isascii()):
            reader.diagnostics.append(make("AM111", reader.span(number, column, len(line.strip())),
                                           f"expected an attack `i j` (two argument numbers), found "
                                           f"`{line.strip()[:40]}`",
                                           "Each line after the header is two numbers; `#` starts a comment."))
            continue
        x, y = words
        second = line.index(y, column - 1 + len(x)) + 1
        if x[0] == "0" or y[0] == "0":  # `007` is argument 7; `0` stays `0`, outside 1..N
            x, y = str(int(x)), str(int(y))
        reader.pending.append((x, y, number, column, second))
    if size is None:
        reader.diagnostics.append(make("AM112", Span(file, 1, 1, 1, 1), "no `p af N` header",
                                       "An i23 file starts with `p af N` (N the number of arguments)."))
    return reader.finish(f"the header says `p af {size}`: 1 to {size}"), reader.diagnostics


_I23_HEAD = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*p[ \t]+af[ \t]+([1-9][0-9]*|0)[ \t]*(?:\n|\Z)")
_I23_PAIR = re.compile(r"^[ \t]*([1-9][0-9]*)[ \t]+([1-9][0-9]*)[ \t]*\r?$", re.M)
_I23_CONTENT = re.compile(r"^[ \t]*[^#\s]", re.M)


def _fast_i23(text: str) -> Framework | None:
    """A well-formed i23 file read with regular expressions over the whole text (no Python loop per line);
    None when anything is unusual, and then `_load_i23` reads it line by line and says what is wrong."""
    head = _I23_HEAD.match(text)
    if head is None:
        return None
    size, body = int(head.group(1)), text[head.end():]
    pairs = _I23_PAIR.findall(body)
    if len(pairs) != len(_I23_CONTENT.findall(body)):
        return None  # a line that is not an attack (a second header, a word, three numbers)
    if pairs:
        attackers, attacked = zip(*pairs)
        if max(map(int, attackers)) > size or max(map(int, attacked)) > size:
            return None
    attacks = tuple(pairs)
    if len(set(attacks)) != len(attacks):
        return None
    return Framework(tuple(map(str, range(1, size + 1))), attacks)


def _load_i23_fast_or_slow(text: str, file: str) -> tuple[Framework | None, list[Diagnostic]]:
    framework = _fast_i23(text)
    return (framework, []) if framework is not None else _load_i23(text, file)


_LOADERS = {"apx": _load_apx, "tgf": _load_tgf, "i23": _load_i23_fast_or_slow}


def load(text: str, file: str, fmt: str) -> tuple[Framework | None, list[Diagnostic]]:
    """The framework of an ICCMA file, and its diagnostics (sorted by position); None when there are errors.

    The cyclic garbage collector is paused while reading: the millions of small tuples of a big framework
    hold no cycles, and collecting them as they are made took most of the time."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        framework, diagnostics = _LOADERS[fmt](text, file)
    finally:
        if paused:
            gc.enable()
    return framework, sorted(diagnostics, key=lambda d: d.sort_key)


def names_for(arguments: Sequence[str], fmt: str) -> list[str]:
    """The argument names a format writes for `arguments`: 1..N for i23; the ids themselves in apx and tgf
    when they are plain ASCII names and unique as written, `a<k>` otherwise."""
    if fmt == "i23":
        return [str(i) for i in range(1, len(arguments) + 1)]
    taken = {a for a in arguments if _PLAIN.match(a)}
    out = []
    for k, a in enumerate(arguments, start=1):
        if _PLAIN.match(a):
            out.append(a)
            continue
        name = f"a{k}"
        while name in taken:
            name += "_"
        taken.add(name)
        out.append(name)
    return out


def dump(af: Framework, fmt: str, comments: Sequence[str] = ()) -> str:
    """The framework in `fmt`; its arguments must already be names the format can carry (see `names_for`).
    `comments` go at the top as comment lines (apx and i23 only)."""
    if fmt == "apx":
        out = [f"% {c}" for c in comments]
        out += [f"arg({a})." for a in af.arguments]
        out += [f"att({x},{y})." for x, y in af.attacks]
    elif fmt == "tgf":
        out = list(af.arguments) + ["#"] + [f"{x} {y}" for x, y in af.attacks]
    elif fmt == "i23":
        index = {a: i for i, a in enumerate(af.arguments, start=1)}
        out = [f"p af {len(af.arguments)}"] + [f"# {c}" for c in comments]
        out += [f"{index[x]} {index[y]}" for x, y in af.attacks]
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return "\n".join(out) + "\n"


def dump_model(model, fmt: str, kind: str = "verdicts") -> tuple[str, str]:
    """A map's framework (`verdicts` or `dung`, as `argmap analyze --framework`) in `fmt`, and its id table
    as tab-separated lines (`name`, `id`, `kind`); apx and i23 also carry the table as comments."""
    from argmap.analysis.semantics import framework_of

    af, _failed = framework_of(model, kind)
    names = names_for(af.arguments, fmt)
    rename = dict(zip(af.arguments, names))
    renamed = Framework(tuple(names), tuple((rename[x], rename[y]) for x, y in af.attacks))
    kinds = []
    for a in af.arguments:
        node = model.node(a)
        kinds.append(node.kind.value if node is not None else "inference")
    comments = [f"argmap {kind} framework of {_comment_safe(model.file)}: {len(names)} arguments, "
                f"{len(renamed.attacks)} attacks", "name = id (kind)"]
    comments += [f"{n} = {a} ({k})" for n, a, k in zip(names, af.arguments, kinds)]
    table = "name\tid\tkind\n" + "".join(f"{n}\t{a}\t{k}\n" for n, a, k in zip(names, af.arguments, kinds))
    return dump(renamed, fmt, comments if fmt != "tgf" else ()), table


def _comment_safe(text: str) -> str:
    """A file name inside a comment line: no line break can end the comment."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


# --- output notation -----------------------------------------------------------------------------------------

def extension_text(ext: Sequence[str], fmt: str) -> str:
    """One extension: `[a,b,c]` (ICCMA 2017-2021, apx and tgf); `w 1 2 3` (ICCMA 2023, i23)."""
    if fmt == "i23":
        return " ".join(["w", *ext])
    return "[" + ",".join(ext) + "]"


def extensions_text(found: Sequence[Sequence[str]], fmt: str) -> str:
    """All extensions: `[[a,b],[c]]` for apx and tgf; for i23, which ICCMA 2023 gives no enumeration task,
    one `w` line per extension (`NO` when there is none, as for a single extension)."""
    if fmt == "i23":
        return "\n".join(extension_text(e, fmt) for e in found) if found else "NO"
    return "[" + ",".join(extension_text(e, fmt) for e in found) + "]"


def single_text(ext: Sequence[str] | None, fmt: str) -> str:
    """One extension (task SE), or none: `NO` (ICCMA 2023) for i23, `NO` for apx and tgf as well."""
    return "NO" if ext is None else extension_text(ext, fmt)


def acceptance_text(answer: bool, witness: Sequence[str] | None, fmt: str) -> str:
    """`YES` or `NO`; for i23 (ICCMA 2023) followed by the certificate line `w ...` when there is one (an
    extension with the argument for credulous YES, one without it for sceptical NO)."""
    word = "YES" if answer else "NO"
    if fmt == "i23" and witness is not None:
        return word + "\n" + extension_text(witness, fmt)
    return word
