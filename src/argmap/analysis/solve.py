"""Analysis, solving: extensions of an abstract argumentation framework, exact and fast.

Input: arguments (a sequence of ids) and attacks (pairs of ids). Output: extensions as lists of ids in the
arguments' order, and acceptance answers.

- grounded: linear time in the number of attacks (a work-list: an argument is in once every attacker is out,
  out once one attacker is in), no solver;
- complete, preferred, stable: the standard ASP encodings (ASPARTIX, Egly, Gaggl and Woltran 2010) solved by
  clingo; preferred as the subset-maximal complete extensions through clingo's domain heuristic
  (`--heuristic=Domain --enum-mode=domRec`, as ASPARTIX-D does);
- acceptance of one argument: credulous (in some extension) and sceptical (in every extension), with the
  certificates ICCMA 2023 asks for (`decide`); sceptical preferred by a counterexample loop (CEGARTIX,
  mu-toksia) rather than by enumerating the preferred extensions.

A solve that passes `timeout` seconds raises `SolverTimeout`; clingo is imported only when needed.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Sequence

SEMANTICS = ("grounded", "complete", "preferred", "stable")


class SolverTimeout(RuntimeError):
    """The solver did not finish within the time given."""


def _numbering(n: int) -> tuple[str, ...]:
    return tuple(map(str, range(1, n + 1)))


def grounded_extension(arguments: Sequence[str], attacks: Sequence[tuple[str, str]]) -> list[str]:
    """The grounded extension, in O(arguments + attacks).

    The ids become positions through C-level `map` (no Python loop per attack for the look-ups; for the
    arguments 1..N of an i23 file, by parsing the numbers), and the
    cyclic garbage collector is paused while the adjacency lists are built (they hold no cycles; collecting
    them as they grow took a third of the time on 10^6 attacks, see bench/bench_semantics.py)."""
    import gc

    n = len(arguments)
    # an i23 framework (arguments 1..N): parsing the numbers beats looking up 10^6 strings in a dict
    numbered = bool(n) and arguments[0] == "1" and arguments[-1] == str(n) and tuple(arguments) == _numbering(n)
    index = {} if numbered else dict(zip(arguments, range(n)))
    paused = gc.isenabled()
    gc.disable()
    try:
        if attacks:
            xs, ys = zip(*attacks)
            if numbered:
                origins = [x - 1 for x in map(int, xs)]
                victims = [y - 1 for y in map(int, ys)]
            else:
                origins = list(map(index.__getitem__, xs))
                victims = list(map(index.__getitem__, ys))
        else:
            origins = victims = []
        targets: list[list[int]] = [[] for _ in range(n)]
        live = [0] * n  # attackers not (yet) out
        for i, j in zip(origins, victims):
            targets[i].append(j)
            live[j] += 1
    finally:
        if paused:
            gc.enable()
    state = [0] * n  # 0 undecided, 1 in, 2 out
    queue = deque(i for i in range(n) if live[i] == 0)
    for i in queue:
        state[i] = 1
    while queue:
        i = queue.popleft()
        for j in targets[i]:
            if state[j] == 0:
                state[j] = 2
                for k in targets[j]:
                    live[k] -= 1
                    if live[k] == 0 and state[k] == 0:
                        state[k] = 1
                        queue.append(k)
    return [a for a, s in zip(arguments, state) if s == 1]


_BASE = """
{ in(X) } :- arg(X).
:- in(X), in(Y), att(X,Y).
defeated(X) :- in(Y), att(Y,X).
undefended(X) :- att(Y,X), not defeated(Y).
:- in(X), undefended(X).
"""
_COMPLETE = ":- arg(X), not in(X), not undefended(X).\n"
_STABLE = ":- arg(X), not in(X), not defeated(X).\n"
_MAXIMAL = "#heuristic in(X) : arg(X). [1,true]\n"


def _solve(arguments, attacks, semantics: str, extra: str = "", timeout: float | None = None,
           stop=None) -> list[list[str]]:
    """Models of the encoding for `semantics`, each as a list of ids; `stop(ext)` ends the enumeration early."""
    import clingo

    index = {a: i for i, a in enumerate(arguments)}
    program = _BASE + (_STABLE if semantics == "stable" else _COMPLETE)
    args = ["0"]
    if semantics == "preferred":
        program += _MAXIMAL
        args += ["--heuristic=Domain", "--enum-mode=domRec"]
    facts = "".join(f"arg({i})." for i in range(len(arguments)))
    facts += "".join(f"att({index[x]},{index[y]})." for x, y in attacks)
    ctl = clingo.Control(args, logger=lambda code, message: None)  # its info lines (e.g. "domRec ignored") are not ours
    ctl.add("base", [], program + extra + facts)
    deadline = None if timeout is None else time.monotonic() + timeout
    ctl.ground([("base", [])])
    found: list[list[str]] = []
    with ctl.solve(yield_=True, async_=True) as handle:
        while True:
            handle.resume()
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not handle.wait(left if left is not None else -1):
                handle.cancel()
                raise SolverTimeout(f"no answer within {timeout:g} s")
            model = handle.model()
            if model is None:
                break
            chosen = sorted(s.arguments[0].number for s in model.symbols(atoms=True) if s.name == "in")
            ext = [arguments[i] for i in chosen]
            found.append(ext)
            if stop is not None and stop(ext):
                break
    return found


def extensions(arguments: Sequence[str], attacks: Sequence[tuple[str, str]], semantics: str,
               timeout: float | None = None) -> list[list[str]]:
    """All extensions under `semantics`, in a deterministic order (by the arguments' positions)."""
    if semantics == "grounded":
        return [grounded_extension(arguments, attacks)]
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}")
    found = _solve(arguments, attacks, semantics, timeout=timeout)
    position = {a: i for i, a in enumerate(arguments)}
    return sorted(found, key=lambda ext: [position[a] for a in ext])


def decide(arguments: Sequence[str], attacks: Sequence[tuple[str, str]], semantics: str, argument: str,
           mode: str, timeout: float | None = None) -> tuple[bool, list[str] | None]:
    """Is `argument` in some (`credulous`) or every (`sceptical`) extension under `semantics`, and a
    certificate as ICCMA 2023 asks for one: for credulous YES an extension with the argument, for sceptical NO
    an extension without it (None otherwise).

    Sceptical acceptance holds vacuously when there is no extension (stable semantics may have none), as in
    ICCMA."""
    if semantics == "grounded" or (semantics == "complete" and mode == "sceptical"):
        ext = grounded_extension(arguments, attacks)  # the least complete extension
        answer = argument in ext
        return answer, (ext if answer == (mode == "credulous") else None)
    i = list(arguments).index(argument)
    if mode == "credulous":
        # an extension with the argument; for preferred the subset-maximal complete ones with it, which are
        # preferred (a complete superset would also hold it)
        found = _solve(arguments, attacks, semantics, f":- not in({i}).\n", timeout, stop=lambda e: True)
        return (True, found[0]) if found else (False, None)
    if semantics == "stable":
        found = _solve(arguments, attacks, "stable", f":- in({i}).\n", timeout, stop=lambda e: True)
        return (False, found[0]) if found else (True, None)
    return _sceptical_preferred(arguments, attacks, argument, timeout)


def _sceptical_preferred(arguments, attacks, argument: str, timeout: float | None):
    """Sceptical preferred acceptance without enumerating the preferred extensions (of which a framework with
    many even cycles has exponentially many), by the counterexample loop of CEGARTIX and mu-toksia:

    1. no complete extension holds the argument: NO (any preferred extension is a certificate);
    2. look for a complete extension S without the argument that is not within any preferred extension found
       so far; none: YES (a preferred extension without the argument would be such an S);
    3. extend S to a preferred extension E (the subset-maximal complete extensions containing S); without the
       argument: NO, E is the certificate; with it: remember E and go to 2 (E is new, as S is not within an
       old one, so the loop ends)."""
    deadline = None if timeout is None else time.monotonic() + timeout

    def left():
        return None if deadline is None else max(0.001, deadline - time.monotonic())

    position = {a: i for i, a in enumerate(arguments)}
    i = position[argument]
    if not _solve(arguments, attacks, "complete", f":- not in({i}).\n", left(), stop=lambda e: True):
        return False, _solve(arguments, attacks, "preferred", "", left(), stop=lambda e: True)[0]
    found: list[list[str]] = []
    while True:
        avoid = "".join(f"outside({k},{position[a]})." for k, ext in enumerate(found)
                        for a in set(arguments) - set(ext))
        avoid += "".join(f"old({k})." for k in range(len(found)))
        avoid += "hit(K) :- outside(K,X), in(X).\n:- old(K), not hit(K).\n" if found else ""
        candidate = _solve(arguments, attacks, "complete", f":- in({i}).\n" + avoid, left(), stop=lambda e: True)
        if not candidate:
            return True, None
        keep = "".join(f":- not in({position[a]}).\n" for a in candidate[0])
        ext = _solve(arguments, attacks, "preferred", keep, left(), stop=lambda e: True)[0]
        if argument not in ext:
            return False, ext
        found.append(ext)


def accepted(arguments: Sequence[str], attacks: Sequence[tuple[str, str]], semantics: str, argument: str,
             mode: str, timeout: float | None = None) -> bool:
    """Is `argument` in some (`credulous`) or every (`sceptical`) extension under `semantics`? (See `decide`.)"""
    return decide(arguments, attacks, semantics, argument, mode, timeout)[0]
