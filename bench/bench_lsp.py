"""Diagnostics latency of the language server's pipeline on the largest map (a benchmark, not a test).

Measures `State.analyse` after an edit of maps/japan_nato_cooperation.arg held as an open document, full texts
already cached (as in an editing session); the server adds its debounce (`server.DEBOUNCE`) to this. Three
kinds of edit, each in the middle of the file: typing in a line (the parse reuses every statement but the
edited one), inserting a line (the statements after it have moved and are parsed again), and a first parse
with nothing to reuse (as when a file is opened, or `argmap check` in process); then two edits that leave a
syntax error, as typing does for a moment: a misspelt statement keyword and a quote not yet closed (such a
file is parsed whole, lark reading from the statement before the error).
Run: .venv/bin/python bench/bench_lsp.py
"""

import statistics
import time
from pathlib import Path

from argmap.lsp import features
from argmap.lsp.server import DEBOUNCE
from argmap.lsp.state import State

path = (Path(__file__).resolve().parent.parent / "maps" / "japan_nato_cooperation.arg").resolve()
text = path.read_text(encoding="utf-8")
lines = text.split("\n")
middle = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("  zh: "))
statement = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("claim "))


def edited(kind: str, i: int) -> str:
    copy = list(lines)
    if kind == "type in a line":
        copy[middle] = copy[middle].replace('zh: "', 'zh: "' + "字" * (i % 3 + 1), 1)
    elif kind == "insert a line":
        copy[middle:middle] = [""] * (i % 2 + 1)
    elif kind == "misspell a keyword":
        copy[statement] = "cliam" + copy[statement][len("claim"):] + " " * (i % 2)
    elif kind == "open a quote":
        copy[middle] = copy[middle].rstrip().removesuffix('"') + "字" * (i % 3 + 1)
    return "\n".join(copy)


def measure(kind: str) -> tuple[float, float, int]:
    state = State()
    state.open(path, 1, text)
    features.diagnostics(state.analyse(path))  # the first run reads the full text
    times, found = [], []
    for i in range(20):
        if kind == "first parse":
            state.workspace.reparser = None
        state.open(path, i + 2, edited(kind, i))
        start = time.perf_counter()
        found = features.diagnostics(state.analyse(path))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times), len(found)


print(f"{path.name}: {len(lines)} lines; edit at line {middle + 1}; + debounce {DEBOUNCE * 1000:.0f} ms")
for kind in ("type in a line", "insert a line", "first parse", "misspell a keyword", "open a quote"):
    median, worst, count = measure(kind)
    print(f"  {kind:18} analyse median {median:5.1f} ms, max {worst:5.1f} ms ({count} diagnostics)")
