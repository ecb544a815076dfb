"""Render time for maps of 100 and 1,000 nodes: DOT generation, and Graphviz to SVG and PNG.

    python bench/bench_render.py [SIZES...]
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main(sizes: list[int]) -> None:
    from generate import synthetic_map

    import argmap
    from argmap.render import render_bytes
    from argmap.render.dot import DotOptions, to_dot

    if shutil.which("dot") is None:
        print("Graphviz is not installed: only DOT generation is timed")
    print(f"{'nodes':>6} {'dot text s':>10} {'svg s':>8} {'png s':>8} {'svg KB':>8}")
    for size in sizes:
        model = argmap.loads(synthetic_map(size), file="bench.arg").model
        t = time.perf_counter()
        dot = to_dot(model, DotOptions())
        t_dot = time.perf_counter() - t
        times = []
        svg_size = 0
        for fmt in ("svg", "png"):
            if shutil.which("dot") is None:
                times.append(float("nan"))
                continue
            t = time.perf_counter()
            data, problems = render_bytes(dot, fmt, "dot", "bench.arg")
            times.append(time.perf_counter() - t)
            assert not problems, problems
            if fmt == "svg":
                svg_size = len(data) // 1024
        print(f"{size:>6} {t_dot:>10.3f} {times[0]:>8.2f} {times[1]:>8.2f} {svg_size:>8}")
    for path in sorted((HERE.parent / "maps").glob("*.arg")):
        model = argmap.load(path).model
        t = time.perf_counter()
        data, _ = render_bytes(to_dot(model), "svg", "dot", str(path))
        print(f"{path.name}: {len(model.nodes)} nodes, svg in {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1_000])
