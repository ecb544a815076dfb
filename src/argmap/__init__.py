"""argmap: argument and claim mapping for scholars.

    >>> import argmap
    >>> result = argmap.load("maps/anglo_japanese_alliance.arg")
    >>> result.ok, len(result.model.nodes)

`load` / `loads` return a `Result(model, diagnostics)`; `to_networkx(model)` gives the argument graph.
Heavy libraries (lark, networkx, graphviz) are imported only when used.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["load", "loads", "to_networkx", "__version__"]


def load(path):
    """Load an .arg file: `Result(model, diagnostics)`."""
    from argmap.workspace import load as _load

    return _load(path)


def loads(text: str, file: str = "<string>"):
    """Load .arg text: `Result(model, diagnostics)`."""
    from argmap.workspace import loads as _loads

    return _loads(text, file)


def to_networkx(model, **options):
    """The argument graph of a model as a `networkx.MultiDiGraph` (see `argmap.graph`)."""
    from argmap.analysis.graph import to_networkx as _to_networkx

    return _to_networkx(model, **options)
