"""Cheap construction for the frozen dataclasses that a parse makes by the hundred thousand.

A `@dataclass(frozen=True, slots=True)` fills each field through `object.__setattr__`, because the class's
own `__setattr__` refuses every assignment: a `Span` cost 0.5 microseconds to make against 0.15 for a plain
class of the same five slots, and a parse of a 100k-statement map makes more than a million of them.

`@fast_construction`, written above the dataclass decorator, keeps the class exactly as the dataclass made
it and changes only how an instance comes to be: the class's `__new__` fills a twin that has the same slots
and no `__setattr__` of its own (plain assignments), and the twin's last step makes the object an instance
of the frozen class (`__class__` assignment, which Python allows between classes of one layout). What comes
out is an instance of the dataclass like any other: frozen, compared, hashed, ordered, printed, pickled and
`dataclasses.replace`d as before. `tests/test_records.py` checks each decorated class against the plain
dataclass construction.

It takes only what it can make the same: a frozen, slotted dataclass with no `__post_init__`, every field
an `__init__` argument and no default factory. Such a class cannot be subclassed (its `__new__` makes this
class's instances only).
"""

from __future__ import annotations

import dataclasses
from typing import Callable, TypeVar

__all__ = ["fast_construction", "maker"]

T = TypeVar("T", bound=type)
R = TypeVar("R")


def fast_construction(cls: T) -> T:
    """The class, its instances made through a twin of its slots (see the module's text); a TypeError for a
    class it cannot make the same instances of."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__}: fast_construction takes a @dataclass(frozen=True, slots=True)")
    fields = dataclasses.fields(cls)
    if hasattr(cls, "__post_init__") or any(not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING
                                            for f in fields):
        raise TypeError(f"{cls.__name__}: fast_construction takes no __post_init__, init=False or keyword-only "
                        "field, or default factory")
    names = [f.name for f in fields]
    if any(name in ("self", "cls", "_cls", "_twin") or name.startswith("_default_") for name in names):
        raise TypeError(f"{cls.__name__}: a field's name is one the made functions use")
    if tuple(names) != tuple(cls.__slots__):
        raise TypeError(f"{cls.__name__}: its slots are not its fields")
    namespace: dict = {"_cls": cls}
    signature = []
    for f in fields:
        if f.default is dataclasses.MISSING:
            signature.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            signature.append(f"{f.name}=_default_{f.name}")
    arguments = ", ".join(names)
    lines = [f"def __init__(self, {', '.join(signature)}):"]
    lines += [f"    self.{name} = {name}" for name in names]
    lines.append("    self.__class__ = _cls")
    lines.append(f"def __new__(cls, {', '.join(signature)}):")
    lines.append("    if cls is not _cls:")
    lines.append("        raise TypeError(f'{cls.__name__}: a subclass of a fast_construction class')")
    lines.append(f"    return _twin({arguments})")
    lines.append("def __reduce__(self):")
    lines.append(f"    return (_cls, ({''.join(f'self.{name}, ' for name in names)}))")
    exec("\n".join(lines), namespace)  # noqa: S102 - our own text, from the class's own fields
    twin = type(f"_{cls.__name__}Twin", (), {"__slots__": cls.__slots__, "__init__": namespace["__init__"],
                                             "__module__": cls.__module__})
    namespace["_twin"] = twin
    cls.__new__ = staticmethod(namespace["__new__"])
    cls._maker = twin
    cls.__reduce__ = namespace["__reduce__"]
    del cls.__init__  # object's: the instance is complete when __new__ returns it
    return cls


def maker(cls: type[R]) -> Callable[..., R]:
    """The function `cls.__new__` hands its arguments to (the twin), for the few places that make most of a
    class's instances: it takes the same arguments and returns the same instance, a frame sooner."""
    return cls._maker
