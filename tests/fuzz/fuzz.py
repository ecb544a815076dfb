"""Mutational fuzzing of argmap on the real maps and examples.

Each case takes a seed file from `maps/` or `examples/`, applies a few byte- or token-level mutations
(delete, duplicate, swap, insert keywords, braces, quotes, CJK punctuation, NULs, invalid UTF-8, escapes,
huge numbers, control characters, hostile links) and runs it through what a user runs: load (parse, build,
checks, quotes), fmt, the JSON round trip and DOT. A case passes when only diagnostics come out and the
round trips hold:

- load never raises and never takes longer than a few seconds;
- a file that parses formats to text that parses, means the same (same model) and formats to itself;
- a file without errors exports to JSON that imports back to the same model, and writes DOT.

    python tests/fuzz/fuzz.py --cases 20000 --seed 1     # a long run (before a release)
    python tests/fuzz/fuzz.py --cases 300 --seed 7       # a quick one

CI runs a fixed-seed sample through `tests/test_fuzz.py`. Failing inputs are written to `--save DIR`.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted(p for d in ("maps", "examples") for p in (ROOT / d).rglob("*.arg"))

KEYWORDS = [b"import", b"source", b"thesis", b"claim", b"evidence", b"counterclaim", b"question", b"quote",
            b"at", b"as", b"page", b"lines", b"line", b"supports", b"attacks", b"undercuts", b"contradicts",
            b"answers", b"agrees with", b"disagrees with", b"refines", b"same as", b"(inferred)", b"note:",
            b"url:", b"doi:", b"fulltext:", b"year:", b"status:", b"# argmap: ignore[AM304]"]
PIECES = [b"{", b"}", b'"', b'"""', b":", b",", b".", b"-", b"\\", b"\\u", b"\\ud800", b"\\u0000", b"\\x",
          b"\x00", b"\xff", b"\xc3", b"\xe4\xb8", b"\x1b[2J", b"\x0b", b"\r", b"\t", b"\n", "，".encode(),
          "：".encode(), "「".encode(), "」".encode(), "“".encode(), "｛".encode(), b"9" * 5000,
          b'"javascript:alert(1)"', b'"\\"><script>alert(1)</script>"', b'"data:text/html,x"',
          b'"/dev/zero"', b'"/dev/stdin"', b'"../../../../etc/passwd"', b"<img src=x onerror=alert(1)>",
          b"a" * 3000, b"\xf0\x9f\x98\x80"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not buf:
            buf += rng.choice(PIECES)
            continue
        at = rng.randrange(len(buf) + 1)
        op = rng.randrange(8)
        if op == 0:  # delete a span
            del buf[at: at + rng.randint(1, 40)]
        elif op == 1:  # duplicate a span
            n = rng.randint(1, 200)
            buf[at:at] = buf[at: at + n]
        elif op == 2:  # swap two lines
            lines = bytes(buf).split(b"\n")
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                buf = bytearray(b"\n".join(lines))
        elif op == 3:
            buf[at:at] = rng.choice(KEYWORDS) + b" "
        elif op == 4:
            buf[at:at] = rng.choice(PIECES)
        elif op == 5:  # flip a byte
            if at < len(buf):
                buf[at] = rng.randrange(256)
        elif op == 6:  # join lines: several statements on one line
            buf = bytearray(bytes(buf).replace(b"\n", b" ", rng.randint(1, 50)))
        else:  # a huge number
            buf[at:at] = str(rng.choice([10 ** 400, 2 ** 64, 0, 99999])).encode()
    return bytes(buf)


@dataclass
class Failure:
    case: int
    seed_file: str
    stage: str
    detail: str
    data: bytes


def run_case(data: bytes, file: str) -> tuple[str, str] | None:
    """None when the case passes, else (stage, what went wrong)."""
    from argmap.core.diagnostics import Severity
    from argmap.formats.native import export_json, import_json
    from argmap.formats.plain import model_to_dict
    from argmap.language.fmt import format_document
    from argmap.language.parse import parse
    from argmap.render.dot import to_dot
    from argmap.workspace import Loader

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # argmap reads files as UTF-8 (AM402): the CLI test of that is tests/test_diagnostics.py
    stage = "load"
    try:
        started = time.perf_counter()
        result = Loader().run(text, file)
        if time.perf_counter() - started > 10:
            return stage, f"took {time.perf_counter() - started:.1f} s"
        stage = "fmt"
        document, problems = parse(text, file)
        if not any(d.severity is Severity.ERROR for d in problems):  # as `argmap fmt`: never on errors
            formatted = format_document(document)
            again, problems2 = parse(formatted, file)
            if any(d.severity is Severity.ERROR and d.code.startswith("AM1") for d in problems2):
                return stage, "formatted text does not parse: " + "; ".join(d.message for d in problems2[:3])
            if format_document(again) != formatted:
                return stage, "fmt is not idempotent"
            reloaded = Loader().run(formatted, file)
            if result.model is not None and reloaded.model is not None and \
                    _plain(model_to_dict(result.model)) != _plain(model_to_dict(reloaded.model)):
                return stage, "formatting changed the model"
            before = sorted((d.code, d.message) for d in result.diagnostics)
            after = sorted((d.code, d.message) for d in reloaded.diagnostics)
            if before != after:
                return stage, f"formatting changed the diagnostics: {set(before) ^ set(after)}"
        if result.ok and result.model is not None:
            stage = "json"
            exported = export_json(result.model)
            model, problems = import_json(exported, file)
            if model is None or _plain(model_to_dict(model)) != _plain(model_to_dict(result.model)):
                return stage, "JSON round trip changed the model: " + "; ".join(d.message for d in problems[:3])
            stage = "dot"
            to_dot(result.model)
    except RecursionError:
        return stage, "recursion"
    except Exception as error:  # the harness reports every exception as a failure: that is its job
        import traceback

        return stage, "".join(traceback.format_exception(error))[-2000:]
    return None


def _plain(value):
    """A model's dict without spans (formatting moves things to other lines)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k not in ("span", "origin_span", "target_span")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def fuzz(cases: int, seed: int, save: Path | None = None, quiet: bool = False) -> list[Failure]:
    rng = random.Random(seed)
    seeds = [(p, p.read_bytes()) for p in SEEDS]
    failures: list[Failure] = []
    started = time.perf_counter()
    for case in range(cases):
        path, data = rng.choice(seeds)
        if len(data) > 20000:  # a window of the big maps keeps a case fast
            at = rng.randrange(len(data) - 10000)
            data = data[:2000] + data[at: at + 8000]
        mutated = mutate(data, rng)
        found = run_case(mutated, str(path.relative_to(ROOT)))
        if found is not None:
            failures.append(Failure(case, str(path.relative_to(ROOT)), found[0], found[1], mutated))
            if save is not None:
                save.mkdir(parents=True, exist_ok=True)
                (save / f"case{case}.arg").write_bytes(mutated)
        if not quiet and case % 500 == 499:
            print(f"{case + 1} cases, {len(failures)} failures, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr)
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path, help="write failing inputs to this folder")
    args = parser.parse_args()
    failures = fuzz(args.cases, args.seed, args.save)
    by_stage: dict[str, int] = {}
    for f in failures:
        by_stage[f.stage] = by_stage.get(f.stage, 0) + 1
    print(f"{args.cases} cases, {len(failures)} failures {by_stage}")
    for f in failures[:10]:
        print(f"--- case {f.case} ({f.seed_file}), {f.stage}: {f.detail[-600:]}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
