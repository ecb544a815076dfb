"""Quote verification speed: N quotes (half verbatim, half altered) against a ~100 KB full text.

    python bench/bench_quotes.py [N]

Prints the time to index the text, to find the verbatim quotes, and to find the closest passage for the
altered ones (the expensive path).
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from argmap.checks.quotes import FullText  # noqa: E402

PAPERS = Path(__file__).resolve().parents[2] / "shared" / "papers"


def main(count: int) -> None:
    texts = sorted(PAPERS.glob("*.txt"))
    if texts:
        text = "".join(p.read_text(encoding="utf-8") for p in texts)[:100_000]
    else:  # no papers beside the checkout: a synthetic CJK text
        rng = random.Random(0)
        text = "\n".join("".join(chr(rng.randrange(0x4E00, 0x4E00 + 3000)) for _ in range(40)) for _ in range(1250))
    rng = random.Random(1)
    t = time.perf_counter()
    full = FullText.from_text(text)
    t_index = time.perf_counter() - t
    compact = full.compact
    quotes = []
    for i in range(count):
        start = rng.randrange(0, len(compact) - 60)
        quote = compact[start:start + rng.randrange(10, 60)]
        if i % 2:
            k = rng.randrange(len(quote))
            quote = quote[:k] + "的" + quote[k + 1:]  # one character changed
        quotes.append(quote)
    t = time.perf_counter()
    found = sum(full.find(q) is not None for q in quotes)
    t_find = time.perf_counter() - t
    t = time.perf_counter()
    closest = [full.closest(q) for q in quotes if full.find(q) is None]
    t_closest = time.perf_counter() - t
    good = sum(1 for c in closest if c is not None and c[0] >= 0.8)
    print(f"text: {len(text) / 1000:.0f} KB; quotes: {count} ({found} found verbatim, {len(closest)} not)")
    print(f"index: {t_index * 1000:.1f} ms; find all: {t_find * 1000:.1f} ms; "
          f"closest passage for {len(closest)} altered quotes: {t_closest * 1000:.0f} ms "
          f"({good} located at >= 80% similarity); total {(t_index + t_find + t_closest) * 1000:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
