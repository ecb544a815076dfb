"""argmap against the Argdown CLI on equivalent inputs, side by side in one run; then the largest paper map
checked in process, and a corpus of 1,000 maps of 100 claims (`check DIR`, cold and warm, with and without
the cache).

    python bench/bench_argdown.py [--sizes 1000,10000,100000] [--repeat 1] [--no-corpus] [--baseline SRC]
                                  [--only compare|paper|corpus]

Equivalent inputs: N statements and N relations (a binary tree of supports plus one attack), written by
`bench/generate.py` as .arg and by `argdown_map` below as .argdown. Each command runs as its own process;
wall time, CPU time (user + system) and peak RSS come from `os.wait4` (the child's own rusage): argmap runs on
one core, while node also works on a second (its garbage collector), so Argdown's CPU time exceeds its wall
time and the `cpu` ratio is lower than the `time` one. The Argdown CLI is looked up in
`bench/.argdown` (install it with `npm install --prefix bench/.argdown @argdown/cli`; git-ignored), then in
`.argdown/` (where `bash run.sh test` installs it), then on PATH; without node or the CLI the Argdown columns are skipped with a message.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import synthetic_map  # noqa: E402


def argdown_map(claims: int) -> str:
    """The same graph as `synthetic_map(claims)`: c0 and c1..c(N-1), each supporting (i-1)//2, one attack."""
    out = ["[c0]: The synthetic thesis.\n\n"]
    for i in range(1, claims):
        out.append(f"[c{i}]: Statement number {i}, which carries statement {(i - 1) // 2}.\n"
                   f"  +> [c{(i - 1) // 2}]\n\n")
    out.append(f"[c{claims - 1}]\n  -> [c0]\n")
    return "".join(out)


def argdown_cli() -> list[str] | None:
    if shutil.which("node") is None:
        return None
    for folder in (HERE / ".argdown", ROOT / ".argdown"):  # ours, or the one `bash run.sh test` installs
        local = folder / "node_modules" / ".bin" / "argdown"
        if local.exists():
            return [str(local)]
    found = shutil.which("argdown")
    return [found] if found else None


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, float, int, float]:
    """(wall seconds, peak RSS in MiB of the largest process, exit status, CPU seconds: user + system) of one
    run of `cmd`."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode, usage.ru_utime + usage.ru_stime


def side_by_side(sizes: list[int], repeat: int, baseline: str | None) -> None:
    argmap = [sys.executable, "-m", "argmap.cli.main"]
    argdown = argdown_cli()
    if argdown is None:
        print("Argdown CLI not found (needs node and `npm install --prefix bench/.argdown @argdown/cli`): "
              "only argmap is timed")
    base_env = dict(os.environ, PYTHONPATH=baseline) if baseline else None
    head = f"{'N':>7} {'command':<21}"
    if baseline:
        head += f" {'before s':>8} {'MiB':>5}"
    head += f" {'argmap s':>8} {'MiB':>5} {'argdown s':>9} {'MiB':>5} {'time':>6} {'memory':>6} {'cpu':>6}"
    if baseline:
        head += f" {'after/before':>12}"
    print(head + "   (time, memory, cpu: argmap / argdown)")
    previous: dict[str, tuple[int, float]] = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            arg, ad = tmp / "bench.arg", tmp / "bench.argdown"
            arg.write_text(synthetic_map(n), encoding="utf-8")
            ad.write_text(argdown_map(n), encoding="utf-8")
            pairs = [("check / json", ["check", "--no-cache", str(arg)],  # Argdown keeps no cache
                      argdown and argdown + ["json", str(ad), str(tmp / "json")]),
                     ("render dot / map dot", ["render", str(arg), "-o", str(tmp / "x.dot")],
                      argdown and argdown + ["map", "--format", "dot", str(ad), str(tmp / "map")])]
            for label, ours, theirs in pairs:
                # in turn, so that a drift of the shared machine's speed touches all alike
                runs = {"before": [], "argmap": [], "argdown": []}
                for _ in range(repeat):
                    if baseline:
                        runs["before"].append(run(argmap + ours, env=base_env))
                    runs["argmap"].append(run(argmap + ours))
                    if theirs:
                        runs["argdown"].append(run(theirs))
                med = {k: median(v) for k, v in runs.items() if v}
                a = med["argmap"]
                if a[2] != 0:
                    print(f"  argmap exited {a[2]} on {label} at N={n}")
                row = f"{n:>7} {label:<21}"
                if baseline:
                    row += f" {med['before'][0]:>8.2f} {med['before'][1]:>5.0f}"
                row += f" {a[0]:>8.2f} {a[1]:>5.0f}"
                b = med.get("argdown")
                if b is None:
                    row += f" {'-':>9} {'-':>5} {'-':>6} {'-':>6} {'-':>6}"
                else:
                    row += f" {b[0]:>9.2f} {b[1]:>5.0f} {a[0] / b[0]:>5.2f}x {a[1] / b[1]:>5.2f}x {a[3] / b[3]:>5.2f}x"
                if baseline:
                    row += f" {a[0] / med['before'][0]:>11.2f}x"
                if label in previous:
                    pn, pt = previous[label]
                    row += f"  growth {a[0] / pt:.1f}x for {n / pn:.0f}x input"
                previous[label] = (n, a[0])
                print(row)
                sys.stdout.flush()


def median(runs: list[tuple[float, float, int, float]]) -> tuple[float, float, int, float]:
    walls = sorted(r[0] for r in runs)
    peaks = sorted(r[1] for r in runs)
    cpus = sorted(r[3] for r in runs)
    return walls[len(walls) // 2], peaks[len(peaks) // 2], max(r[2] for r in runs), cpus[len(cpus) // 2]


def largest_paper_map(repeat: int = 20) -> None:
    """Parse to diagnostics, quotes verified against the full texts, in this process (as the language server)."""
    from argmap import workspace

    maps = sorted((ROOT / "maps").glob("*.arg"), key=lambda p: p.stat().st_size)
    if not maps:
        print("no paper maps in maps/")
        return
    path = maps[-1]
    times = []
    result = None
    for _ in range(repeat + 1):
        t = time.perf_counter()
        result = workspace.load(path)
        times.append(time.perf_counter() - t)
    times = sorted(times[1:])  # the first run reads the full texts and builds the parser
    print(f"largest paper map {path.name} ({path.stat().st_size // 1024} KB, {len(result.diagnostics)} "
          f"diagnostics) checked in process: median {times[len(times) // 2] * 1000:.1f} ms, "
          f"min {times[0] * 1000:.1f} ms over {repeat} runs")


def corpus(count: int = 1000, claims: int = 100) -> None:
    argmap = [sys.executable, "-m", "argmap.cli.main"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for i in range(count):
            (folder / f"map{i:04}.arg").write_text(synthetic_map(claims), encoding="utf-8")
        os.environ["ARGMAP_CACHE_DIR"] = str(Path(tmp) / "cache")  # a cache of this run's own
        rows = [("no cache, cold", ["--no-cache"]), ("no cache, warm", ["--no-cache"]),
                ("cache, cold", ["--cache"]), ("cache, warm", ["--cache"])]
        print(f"corpus of {count} maps of {claims} claims, `argmap check DIR` (warm: the same files again):")
        for label, flags in rows:
            wall, mib, status, _ = run(argmap + ["check", *flags, str(folder)], cwd=Path(tmp))
            print(f"  {label:<15} {wall:>7.2f} s {mib:>6.0f} MiB (exit {status})")
        (folder / "map0000.arg").write_text(synthetic_map(claims) + "# edited\n", encoding="utf-8")
        wall, mib, status, _ = run(argmap + ["check", "--cache", str(folder)], cwd=Path(tmp))
        print(f"  {'cache, 1 edited':<15} {wall:>7.2f} s {mib:>6.0f} MiB (exit {status})")
        del os.environ["ARGMAP_CACHE_DIR"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each command; the median is printed")
    ap.add_argument("--no-corpus", action="store_true")
    ap.add_argument("--baseline", metavar="SRC", help="also time the argmap whose `src/` folder this is (an "
                    "earlier commit: `git archive REV src grammar docs/schema | tar -x -C DIR`, then DIR/src), "
                    "run with PYTHONPATH=SRC")
    ap.add_argument("--only", choices=["compare", "paper", "corpus"], help="run only this part")
    args = ap.parse_args()
    if args.only in (None, "compare"):
        side_by_side([int(s) for s in args.sizes.split(",")], args.repeat, args.baseline)
    if args.only in (None, "paper"):
        largest_paper_map()
    if args.only == "corpus" or (args.only is None and not args.no_corpus):
        corpus()
    t = [run([sys.executable, "-m", "argmap.cli.main", "--help"])[0] for _ in range(5)]
    print(f"`argmap --help`: median {sorted(t)[2]:.3f} s")


if __name__ == "__main__":
    main()
