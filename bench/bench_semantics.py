"""Semantics benchmark: grounded on 10^4-10^6 attacks, preferred and stable on cyclic random frameworks.

    python bench/bench_semantics.py [--quick] [--timeout SECONDS]

1. grounded on chains (a1 <- a2 <- ... , n-1 attacks) and random frameworks (n = attacks / 4 arguments,
   each attack between two random arguments), with 10^4, 10^5 and 10^6 attacks. `load` is reading the
   framework from its i23 text (formats/iccma.py), `grounded` the linear-time work-list (analysis/solve.py).
2. a map with 10^4 and 10^5 `attacks` relations (.arg text): `load` is argmap.loads (parse, build, checks:
   not analysis), `framework` is building the verdicts framework from the model, `grounded` as above.
3. preferred and stable on random frameworks of 50-500 arguments with many cycles: every argument attacks
   3 others at random and a third of the attacks are returned (2-cycles, and longer cycles through them).
   `first` is one extension (ICCMA task SE), `all` every extension (EE, capped by --timeout), `DS` the
   sceptical acceptance of argument 1 (with its certificate), each with clingo.

Figures are wall-clock seconds on this machine; seeds are fixed, so the frameworks are the same each run.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from argmap.analysis.solve import SolverTimeout, _solve, decide, grounded_extension  # noqa: E402
from argmap.formats import iccma  # noqa: E402


def chain_i23(attacks: int) -> str:
    n = attacks + 1
    return f"p af {n}\n" + "".join(f"{i + 1} {i}\n" for i in range(1, n))


def random_i23(attacks: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    n = max(2, attacks // 4)
    pairs = set()
    while len(pairs) < attacks:
        pairs.add((rng.randint(1, n), rng.randint(1, n)))
    return f"p af {n}\n" + "".join(f"{x} {y}\n" for x, y in pairs)


def cyclic(n: int, seed: int) -> tuple[list[str], list[tuple[str, str]]]:
    rng = random.Random(seed)
    args = [str(i) for i in range(1, n + 1)]
    attacks = set()
    for a in args:
        for b in rng.sample(args, 3):
            if b != a:
                attacks.add((a, b))
                if rng.random() < 1 / 3:
                    attacks.add((b, a))
    return args, sorted(attacks)


def attack_map(attacks: int) -> str:
    """A clean map: a thesis, claims and counterclaims where each counterclaim attacks a claim."""
    claims = attacks // 2
    out = ['source bench "A synthetic map" {\n  year: 2024\n}\n', 'thesis t "The thesis"\n']
    for i in range(claims):
        out.append(f'claim c{i} "Claim {i}" {{\n  supports t\n}}\n')
    for i in range(attacks - claims):
        out.append(f'counterclaim k{i} "Counterclaim {i}" {{\n  status: open\n  attacks c{i % claims}\n'
                   + (f'  attacks k{i - 1}\n' if i else "") + '}\n')
    return "".join(out)


def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t0


def grounded_rows(sizes):
    print("grounded (seconds)")
    print(f"{'framework':<10} {'attacks':>9} {'arguments':>10} {'load':>8} {'grounded':>9} {'in':>9}")
    for kind, make in (("chain", chain_i23), ("random", random_i23)):
        for m in sizes:
            text = make(m)
            (af, problems), load = timed(lambda: iccma.load(text, f"{kind}.i23", "i23"))
            assert af is not None, problems[:3]
            ext, solve = timed(lambda: grounded_extension(af.arguments, af.attacks))
            print(f"{kind:<10} {len(af.attacks):>9} {len(af.arguments):>10} {load:>8.2f} {solve:>9.2f} {len(ext):>9}")


def map_rows(sizes):
    import argmap
    from argmap.analysis.semantics import framework_of

    print("\na map of `attacks` relations (seconds; load = parse + build + checks, not analysis)")
    print(f"{'attacks':>9} {'nodes':>8} {'load':>8} {'framework':>10} {'grounded':>9}")
    for m in sizes:
        text = attack_map(m)
        result, load = timed(lambda: argmap.loads(text, "bench.arg"))
        model = result.model
        (af, _), build = timed(lambda: framework_of(model))
        _, solve = timed(lambda: grounded_extension(af.arguments, af.attacks))
        print(f"{len(af.attacks):>9} {len(model.nodes):>8} {load:>8.2f} {build:>10.2f} {solve:>9.2f}")


def solver_rows(sizes, timeout: float):
    print(f"\npreferred and stable on cyclic random frameworks (seconds; clingo; `-` = over {timeout:g} s)")
    print(f"{'arguments':>9} {'attacks':>8} {'semantics':<10} {'first':>7} {'all':>8} {'count':>7} {'DS':>7} {'answer':>6}")
    for n in sizes:
        args, attacks = cyclic(n, seed=n)
        for semantics in ("preferred", "stable"):
            def run(fn):
                try:
                    return timed(fn)
                except SolverTimeout:
                    return None, None
            first, t_first = run(lambda: _solve(args, attacks, semantics, timeout=timeout, stop=lambda e: True))
            found, t_all = run(lambda: _solve(args, attacks, semantics, timeout=timeout))
            answer, t_ds = run(lambda: decide(args, attacks, semantics, args[0], "sceptical", timeout))

            def cell(t, width):
                return f"{'-':>{width}}" if t is None else f"{t:>{width}.2f}"
            count = "-" if found is None else str(len(found))
            said = "-" if answer is None else ("YES" if answer[0] else "NO")
            print(f"{n:>9} {len(attacks):>8} {semantics:<10} {cell(t_first, 7)} {cell(t_all, 8)} {count:>7} "
                  f"{cell(t_ds, 7)} {said:>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (a smoke run)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per solver call")
    options = parser.parse_args()
    if options.quick:
        grounded_rows([10**3, 10**4])
        map_rows([10**3])
        solver_rows([50], options.timeout)
    else:
        grounded_rows([10**4, 10**5, 10**6])
        map_rows([10**4, 10**5])
        solver_rows([50, 100, 200, 300, 500], options.timeout)


if __name__ == "__main__":
    main()
