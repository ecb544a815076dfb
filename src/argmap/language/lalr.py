"""The fast path of the parser: lark's own LALR tables and terminals, driven by a loop of our own.

lark builds the tables from `grammar/argmap.lark` (the one source of truth); nothing here is written by
hand from the grammar. `FastParser` takes from the built `Lark` object:

- the parse table (`states`: each state's action on each terminal and goto on each rule),
- the terminals (name, regular expression, priority), from which it compiles one scanner per *accept set*
  (the terminals a parser state accepts), exactly as lark's contextual lexer does: the same terminals in
  the same order (priority, then width, then length, then name), and keywords that a word terminal can
  also match (`supports` is a NAME too) looked up in a table where both are accepted ("unless", in lark),
- the rules with their shape (optional parts filled with None, `_`-rules spliced, `?`-rules inlined),
  so that each reduction calls the same transformer method with the same children as lark would.

It only parses text without syntax errors: on the first token it cannot lex or shift it raises `Bail`
(with the statements it had finished), and the caller has lark read the text around the error, whose
error recovery and messages are the reference. On a file lark parses, it gives the same syntax tree
(`tests/test_parse_fast.py` compares the two on every map, example and test file, and on random text and
random edits of the maps); it is about five times faster than lark's own lexer and parser
(lark's per-token Python work is what it avoids: one regular-expression match, a dict lookup and a list
append per token).
"""

from __future__ import annotations

import re
from typing import Any, Callable

__all__ = ["Bail", "FastParser", "FastToken"]


class Bail(Exception):
    """The fast path cannot parse this text (a syntax error, or something it does not handle): use lark.

    `done`: the statements the parse had finished when it stopped at a syntax error (in their order), which
    lark, on the same tables, finishes too before it reports that error (see `parse._restart`)."""

    def __init__(self, why: object, done: list | None = None) -> None:
        super().__init__(why)
        self.done = done or []


class FastToken:
    """A token with the attributes the transformer reads (lark's `Token` is a `str` and costs more to make)."""

    __slots__ = ("type", "value", "line", "column", "end_line", "end_column")

    def __init__(self, type: str, value: str, line: int, column: int, end_line: int, end_column: int) -> None:
        self.type = type
        self.value = value
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column

    def __repr__(self) -> str:
        return f"FastToken({self.type!r}, {self.value!r}, {self.line}:{self.column})"


def _order(terminal) -> tuple:
    """lark's Scanner order: higher priority first, then the wider pattern, the longer text, the name."""
    return (-terminal.priority, -terminal.pattern.max_width, -len(terminal.pattern.value), terminal.name)


class _Scanner:
    """The terminals one set of parser states accepts, as one regular expression (lark's `BasicLexer` for
    that set, with its "unless" table: a string terminal that a regex terminal of the same priority also
    matches is found as that regex terminal, then looked up by its text)."""

    def __init__(self, terminals: list, ignore: frozenset[str]) -> None:
        strings = [t for t in terminals if t.pattern.type == "str"]
        regexes = [t for t in terminals if t.pattern.type == "re"]
        self.unless: dict[str, dict[str, str]] = {}
        embedded = set()
        for retok in regexes:
            compiled = re.compile(retok.pattern.to_regexp())
            table = {}
            for strtok in strings:
                if strtok.priority != retok.priority:
                    continue
                s = strtok.pattern.value
                m = compiled.match(s)
                if m is not None and m.group(0) == s:
                    table[s] = strtok.name
                    if set(strtok.pattern.flags) <= set(retok.pattern.flags):
                        embedded.add(strtok.name)
            if table:
                self.unless[retok.name] = table
        kept = sorted((t for t in terminals if t.name not in embedded and t.name not in ignore), key=_order)
        skipped = sorted((t for t in terminals if t.name in ignore), key=_order)
        # White space and comments are skipped before each token in the same match: no other terminal can
        # start where one of them does (tests/test_parse_fast.py checks that of the grammar), so this is
        # what lark's lexer does with them one match at a time.
        skip = "|".join(t.pattern.to_regexp() for t in skipped)
        alternatives = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in kept)
        self.regex = re.compile(f"(?:{skip})*+(?:{alternatives})" if skip else alternatives)
        self.skip = re.compile(f"(?:{skip})*+" if skip else "")
        self.match = self.regex.match


def _builder(plan: list[tuple[int, bool]], tail: int, fn: Callable, expand1: bool) -> Callable:
    """A function that fills in a rule's children as lark's `ChildFilterLALR` does (`before` Nones ahead
    of each child, a `_`-rule's children spliced in, `tail` Nones at the end) and calls `fn` on them,
    written out for the rule (a loop over the plan on every reduction cost a third of the parser's time)."""
    body = []
    items: list[str] = []  # children (and Nones) not yet added to `out`
    started = False
    for i, (before, spliced) in enumerate(plan):
        items += ["None"] * before
        if not spliced:
            items.append(f"c[{i}]")
            continue
        if not started and not items:  # left recursion (`x*`): grow the helper's own list, as lark does
            body.append(f"out = c[{i}]")
        else:
            if not started:
                body.append(f"out = [{', '.join(items)}]")
            elif items:
                body.append(f"out += ({', '.join(items)},)")
            body.append(f"out += c[{i}]")
            items = []
        started = True
    items += ["None"] * tail
    if items:
        body.append(f"out = [{', '.join(items)}]" if not started else f"out += ({', '.join(items)},)")
    elif not started:
        body.append("out = []")
    body.append("return out[0] if len(out) == 1 else fn(out)" if expand1 else "return fn(out)")
    namespace = {"fn": fn}
    exec("def build(c):\n    " + "\n    ".join(body), namespace)  # noqa: S102 - our own text, from lark's rules
    return namespace["build"]


def _same(children: list) -> list:
    return children


def _no_method(name: str) -> Callable:
    def bail(children: list):  # lark would build a `Tree` here: let lark do it
        raise Bail(f"no transformer method for rule {name}")
    return bail


class FastParser:
    def __init__(self, lark, transformer) -> None:
        table = lark.parser.parser.parser.parse_table
        self.start_state = table.start_states["start"]
        self.end_state = table.end_states["start"]
        terminals = {t.name: t for t in lark.terminals}
        ignore = frozenset(lark.lexer_conf.ignore)
        # each state: terminal -> (True, next state) to shift or (False, reducer) to reduce; rule -> goto state
        self.actions: Any = {}  # dict[int, dict[str, tuple]], then a list where the states are 0..n-1
        self.gotos: Any = {}  # dict[int, dict[str, int]], likewise
        self.scanners: Any = {}  # state -> its scanner's (match, skip, unless), likewise
        reducers: dict[Any, tuple] = {}
        by_accepts: dict[frozenset, _Scanner] = {}
        for state, entries in table.states.items():
            actions, gotos = {}, {}
            for symbol, (action, arg) in entries.items():
                if symbol in terminals or symbol == "$END":
                    if action.name == "Shift":
                        actions[symbol] = (True, arg)
                    else:
                        if arg not in reducers:
                            reducers[arg] = self._reducer(arg, transformer)
                        actions[symbol] = (False, reducers[arg])
                else:
                    gotos[symbol] = arg
            self.actions[state] = actions
            self.gotos[state] = gotos
            accepts = frozenset(s for s in actions if s in terminals) | ignore
            if accepts not in by_accepts:
                by_accepts[accepts] = _Scanner([terminals[n] for n in accepts], ignore)
            scanner = by_accepts[accepts]
            self.scanners[state] = (scanner.match, scanner.skip.match, scanner.unless)
        if sorted(table.states) == list(range(len(table.states))):  # (lark numbers its states so)
            # lists indexed by state: a list is indexed faster than a dict is looked up, three times a token
            self.actions = [self.actions[i] for i in range(len(table.states))]
            self.gotos = [self.gotos[i] for i in range(len(table.states))]
            self.scanners = [self.scanners[i] for i in range(len(table.states))]

    @staticmethod
    def _reducer(rule, transformer) -> tuple:
        """(rule name, number of children, builder): the builder turns the popped children into the value,
        as lark's parse-tree builder does for this rule (see `lark.parse_tree_builder`); None for a `?rule`
        of one child, whose value is that child."""
        expansion = rule.expansion
        size = len(expansion)
        name = rule.alias or rule.options.template_source or rule.origin.name
        if rule.options.keep_all_tokens or any(s.is_term and s.filter_out for s in expansion):
            raise ValueError(f"rule {rule} filters tokens: the fast parser does not handle that")
        flags = rule.options.empty_indices
        nones = [0] * (size + 1)
        if flags:
            nones = [len(ones) for ones in "".join(str(int(b)) for b in flags).split("0")]
        splice = [not s.is_term and s.name.startswith("_") for s in expansion]
        inline = name.startswith("_")  # a helper rule (`x*`): its children are spliced into the parent's
        fn: Callable = _same if inline else getattr(transformer, name, None) or _no_method(name)
        expand1 = rule.options.expand1
        if not any(nones) and not any(splice):
            if expand1 and size == 1:
                return rule.origin.name, size, None  # `?rule` of one child: the child itself, left in place
            if not expand1:
                return rule.origin.name, size, fn
        return rule.origin.name, size, _builder(list(zip(nones, splice)), nones[size], fn, expand1)

    def parse(self, text: str) -> Any:
        """The value of the start rule (the transformer's `start`), or `Bail` where lark must decide."""
        actions, gotos, scanners = self.actions, self.gotos, self.scanners
        state = self.start_state
        states = [state]
        values: list = []
        pos, size = 0, len(text)
        line, line_start = 1, 0
        token = None
        while True:
            if pos < size:
                match, skip, unless = scanners[state]
                m = match(text, pos)
                if m is None:
                    pos = skip(text, pos).end()
                    if pos < size:  # no terminal this state accepts
                        raise Bail(pos, values[0] if values and type(values[0]) is list else None)
            if pos < size:
                kind = m.lastgroup
                start, end = m.span(kind)  # (the token's group ends the match)
                if start != pos:
                    newlines = text.count("\n", pos, start)
                    if newlines:
                        line += newlines
                        line_start = text.rindex("\n", pos, start) + 1
                pos = end
                value = text[start:pos]
                if kind in unless:
                    kind = unless[kind].get(value, kind)
                column = start - line_start + 1
                if "\n" in value:
                    end_line = line + value.count("\n")
                    line_start = start + value.rindex("\n") + 1
                    token = FastToken(kind, value, line, column, end_line, pos - line_start + 1)
                    line = end_line
                else:
                    token = FastToken(kind, value, line, column, line, column + len(value))
            else:
                kind = "$END"
            while True:
                try:
                    shift, arg = actions[state][kind]
                except KeyError:  # (the statements so far, if any, are the left-recursive list at the bottom)
                    raise Bail(pos, values[0] if values and type(values[0]) is list else None) from None
                if shift:
                    state = arg
                    states.append(state)
                    values.append(token)
                    break
                origin, count, build = arg
                if build is None:  # the value stays, under the rule's goto state
                    states[-1] = state = gotos[states[-2]][origin]
                    continue
                if count:
                    children = values[-count:]
                    del values[-count:]
                    del states[-count:]
                else:
                    children = []
                values.append(build(children))
                state = gotos[states[-1]][origin]
                if kind == "$END" and state == self.end_state:
                    return values[-1]
                states.append(state)
