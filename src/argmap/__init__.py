"""argmap: argument and claim mapping for scholars.

    >>> import argmap
    >>> m = argmap.load("maps/anglo_japanese_alliance.arg")
    >>> m.ok, len(m.model.nodes)
    >>> m                                  # in Jupyter: the diagram, with a summary of the diagnostics
    >>> m.view(focus="alliance_value", depth=1)       # the filters of `argmap render`
    >>> argmap.to_networkx(m)              # the argument graph (networkx.MultiDiGraph)
    >>> argmap.table(m)                    # one dict per node; pandas.DataFrame(argmap.table(m))

`load` / `loads` return a `LoadedMap` (a `Result(model, diagnostics)` that draws itself, see `argmap.api`);
`to_networkx` and `table` take it or a model. Heavy libraries (lark, networkx, graphviz) are imported only when
used. Reference with real outputs: docs/python-api.md.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["load", "loads", "to_networkx", "table", "__version__"]


def load(path):
    """Load an .arg file: a `LoadedMap` (`.model`, `.diagnostics`, `.ok`; shows itself in Jupyter)."""
    from argmap.api import LoadedMap
    from argmap.workspace import load as _load

    return LoadedMap.of(_load(path))


def loads(text: str, file: str = "<string>"):
    """Load .arg text: a `LoadedMap`."""
    from argmap.api import LoadedMap
    from argmap.workspace import loads as _loads

    return LoadedMap.of(_loads(text, file))


def _model_of(map_or_model):
    from argmap.workspace import Result

    if isinstance(map_or_model, Result):
        if map_or_model.model is None:
            raise ValueError("the map did not load; see its .diagnostics")
        return map_or_model.model
    return map_or_model


def to_networkx(map_or_model, **options):
    """The argument graph of a loaded map or a model as a `networkx.MultiDiGraph` (see `argmap.analysis.graph`)."""
    from argmap.analysis.graph import to_networkx as _to_networkx

    return _to_networkx(_model_of(map_or_model), **options)


def table(map_or_model) -> list[dict]:
    """The nodes of a loaded map or a model, one plain dict per node (see `argmap.api.table`)."""
    from argmap.api import table as _table

    return _table(_model_of(map_or_model))
