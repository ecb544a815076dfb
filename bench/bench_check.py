"""Parse and check time and peak memory for maps of 1k, 10k and 100k claims (as many relations).

    python bench/bench_check.py [SIZES...]

Each size runs in a fresh process so that peak memory (max RSS) is that run's own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
from generate import synthetic_map
from argmap.language import parse as syntax, build
from argmap.checks import rules as checks
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
document, d1 = syntax.parse(text, path)
t1 = time.perf_counter()
model, d2 = build.build(document, lambda p, s: (None, []))
t2 = time.perf_counter()
d3 = checks.run(model)
t3 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"parse": t1 - t0, "build": t2 - t1, "checks": t3 - t2, "total": t3 - t0,
                  "nodes": len(model.nodes), "relations": len(model.relations),
                  "diagnostics": len(d1) + len(d2) + len(d3), "peak_mb": peak / 1024, "before_mb": base / 1024}))
"""


def main(sizes: list[int]) -> None:
    sys.path.insert(0, str(HERE))
    from generate import synthetic_map

    print(f"{'claims':>8} {'MB':>6} {'parse s':>8} {'build s':>8} {'checks s':>8} {'total s':>8} {'peak MB':>8}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"bench_{size}.arg"
            path.write_text(synthetic_map(size), encoding="utf-8")
            out = subprocess.run([sys.executable, "-c", CHILD, str(path), str(HERE)], capture_output=True, text=True,
                                 check=True).stdout
            r = json.loads(out)
            mb = path.stat().st_size / 1e6
            assert r["nodes"] == size and r["relations"] == size, r
            print(f"{size:>8} {mb:>6.1f} {r['parse']:>8.2f} {r['build']:>8.2f} {r['checks']:>8.2f} "
                  f"{r['total']:>8.2f} {r['peak_mb']:>8.0f}")
    # the whole command, as a user runs it
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.arg"
        path.write_text(synthetic_map(max(sizes)), encoding="utf-8")
        import time

        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "argmap.cli.main", "check", str(path)], capture_output=True)
        print(f"`argmap check` on {max(sizes)} claims, whole process: {time.perf_counter() - t:.2f} s")
    t = time.perf_counter()
    for _ in range(5):
        subprocess.run([sys.executable, "-m", "argmap.cli.main", "--help"], capture_output=True, check=True)
    print(f"`argmap --help`: {(time.perf_counter() - t) / 5:.3f} s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
