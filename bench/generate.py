"""Synthetic maps for benchmarks: N nodes (claims, and evidence at the leaves) and N relations; they check clean."""

from __future__ import annotations


def synthetic_map(claims: int) -> str:
    out = ['source bench "A synthetic map" {\n  en: "Benchmark"\n  year: 2024\n}\n',
           'thesis c0 "The synthetic thesis" {\n  zh: "合成論點"\n}\n']
    for i in range(1, claims):
        # a binary tree: every claim is supported by two others, the leaves are evidence (a clean map)
        target = (i - 1) // 2
        kind = "evidence" if i >= claims // 2 else "claim"
        out.append(f'{kind} c{i} "Statement number {i}, which carries statement {target}" {{\n'
                   f'  zh: "第{i}個主張"\n'
                   f'  supports c{target}\n'
                   f'}}\n')
    # one more relation, so that there are as many relations as claims
    out.append(f'c{claims - 1} attacks c0\n')
    return "".join(out)
