"""Diagnostics latency of the language server's pipeline on the largest map (a benchmark, not a test).

Measures `State.analyse` after an edit of maps/japan_nato_cooperation.arg held as an open document, full texts
already cached (as in an editing session); the server adds its debounce (`server.DEBOUNCE`) to this.
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
state = State()
state.open(path, 1, text)
features.diagnostics(state.analyse(path))  # first run reads the full text
times = []
for i in range(20):
    state.open(path, i + 2, text.replace("Japan", "Japan " * (i % 2), 1))
    start = time.perf_counter()
    found = features.diagnostics(state.analyse(path))
    times.append((time.perf_counter() - start) * 1000)
print(f"{path.name}: {len(text.splitlines())} lines, {len(found)} diagnostics; analyse median "
      f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms; + debounce {DEBOUNCE * 1000:.0f} ms")
