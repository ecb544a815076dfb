"""Synthetic maps for benchmarks: N claims and N relations (each claim supports an earlier one)."""

from __future__ import annotations

import random


def synthetic_map(claims: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    out = ['source bench "A synthetic map" {\n  en: "Benchmark"\n  year: 2024\n}\n',
           'thesis c0 "The synthetic thesis" {\n  zh: "合成論點"\n}\n']
    for i in range(1, claims):
        target = rng.randrange(0, i)
        kind = "evidence" if i % 3 == 0 else "claim"
        out.append(f'{kind} c{i} "Statement number {i}, which carries statement {target}" {{\n'
                   f'  zh: "第{i}個主張"\n'
                   f'  supports c{target}\n'
                   f'}}\n')
    # one more relation, so that there are as many relations as claims
    out.append(f'c{claims - 1} attacks c0\n')
    return "".join(out)
