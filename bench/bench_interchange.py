"""Import and export times of every interchange format for a synthetic map of 10k nodes (as many relations).

    python bench/bench_interchange.py [NODES] [--repeat N]

For each format: export (model -> document), import (document -> model, the reader alone) and the whole
`argmap import` path (reader, .arg text, and the check of the written text), median of N runs, in seconds;
and the document's size. Annotations are export only (the synthetic map has no quotes; the NATO map's
quotes are timed instead, their full text read and searched).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import synthetic_map  # noqa: E402


def timed(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    if "--repeat" in sys.argv:
        args.remove(str(repeat))
    nodes = int(args[0]) if args else 10_000

    import argmap
    from argmap.formats import aif, annotations, argdown, interchange
    from argmap.formats.native import export_json, import_json

    model = argmap.loads(synthetic_map(nodes), "bench.arg").model
    print(f"map: {len(model.nodes)} nodes, {len(model.relations)} relations; median of {repeat} runs")
    print(f"{'format':10} {'export s':>9} {'import s':>9} {'argmap import s':>16} {'size KiB':>9}")
    for name, dump, load in (("json", export_json, import_json), ("aif", aif.dump, aif.load),
                             ("argdown", argdown.dump, argdown.load)):
        t_export, document = timed(lambda: dump(model), repeat)
        t_import, (back, problems) = timed(lambda: load(document, "bench." + name), repeat)
        assert back is not None and len(back.nodes) == len(model.nodes), problems[:3]
        t_full, (text, problems) = timed(lambda: interchange.import_text(document, "bench." + name, name,
                                                                          "bench.arg"), repeat)
        assert text is not None, problems[:3]
        print(f"{name:10} {t_export:9.3f} {t_import:9.3f} {t_full:16.3f} {len(document.encode()) / 1024:9.0f}")
    nato = argmap.load(HERE.parent / "maps" / "japan_nato_cooperation.arg").model
    t_anno, (document, problems) = timed(lambda: annotations.dump(nato), repeat)
    quotes = sum(len(n.quotes) for n in nato.nodes) + sum(len(r.quotes) for r in nato.relations)
    print(f"{'annotations':10} {t_anno:9.3f} {'-':>9} {'-':>16} {len(document.encode()) / 1024:9.0f}"
          f"   (japan_nato_cooperation: {quotes} quotes, {len(problems)} not located)")


if __name__ == "__main__":
    main()
