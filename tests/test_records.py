"""`fast_construction`: each decorated class makes the same frozen instances as its plain dataclass would."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle

import pytest

from argmap.core import diagnostics, model
from argmap.core.diagnostics import Span
from argmap.core.records import fast_construction
from argmap.language import tree

DECORATED = [cls for module in (diagnostics, model, tree) for cls in vars(module).values()
             if inspect.isclass(cls) and cls.__module__ == module.__name__ and "_Twin" not in cls.__name__
             and isinstance(cls.__dict__.get("__new__"), staticmethod)]


def test_the_hot_classes_are_decorated():
    names = {cls.__name__ for cls in DECORATED}
    assert {"Span", "Text", "Name", "Field", "Block", "NodeDecl", "Node", "Relation", "Quote"} <= names


def _values(cls, seed: int) -> dict:
    """A value for each field, different for each seed."""
    return {f.name: (f"{f.name}{seed}" if seed % 2 else (seed, f.name)) for f in dataclasses.fields(cls)}


@pytest.mark.parametrize("cls", DECORATED, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_an_instance_is_the_dataclass_own(cls):
    values = _values(cls, 1)
    made = cls(**values)
    assert type(made) is cls
    assert all(getattr(made, name) == value for name, value in values.items())
    # positional arguments, as the dataclass takes them
    assert cls(*values.values()) == made
    # the same as the dataclass's own construction (object.__new__, then each field set as frozen __init__ does)
    plain = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(plain, name, value)
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    assert made != cls(**_values(cls, 3))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, dataclasses.fields(cls)[0].name, "changed")
    with pytest.raises((AttributeError, TypeError)):  # (Python 3.11's frozen slotted dataclass: TypeError)
        made.not_a_field = 1  # slots: no __dict__
    assert pickle.loads(pickle.dumps(made)) == made
    assert copy.copy(made) == made and copy.deepcopy(made) == made
    first = dataclasses.fields(cls)[0].name
    replaced = dataclasses.replace(made, **{first: "other"})
    assert type(replaced) is cls and getattr(replaced, first) == "other" and replaced != made
    with pytest.raises(TypeError):
        cls()  # the fields without a default are required, as before


def test_defaults_and_order():
    name = tree.Name("a", Span("f", 1, 1, 1, 2))
    field = tree.Field(name, (), False, name.span)
    assert field.leading == () and field.trailing is None
    assert Span("f", 1, 2, 3, 4) < Span("f", 1, 3, 1, 1) < Span("g", 0, 0, 0, 0)
    assert sorted([Span("f", 2, 1, 2, 1), Span("f", 1, 9, 1, 9)])[0].line == 1
    with pytest.raises(TypeError):
        tree.Name("a", name.span, "extra")
    with pytest.raises(TypeError):
        tree.Name("a", span=name.span, other=1)


def test_it_refuses_what_it_cannot_make_the_same():
    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Factory:
        a: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class PostInit:
        a: int

        def __post_init__(self):
            pass

    @dataclasses.dataclass(frozen=True, slots=True)
    class KeywordOnly:
        a: int = dataclasses.field(kw_only=True)

    @dataclasses.dataclass(frozen=True, slots=True)
    class NamedCls:
        cls: int

    for cls in (NoSlots, NotFrozen, Factory, PostInit, KeywordOnly, NamedCls):
        with pytest.raises(TypeError):
            fast_construction(cls)

    @fast_construction
    @dataclasses.dataclass(frozen=True, slots=True)
    class Base:
        a: int

    class Sub(Base):
        __slots__ = ()

    with pytest.raises(TypeError, match="subclass"):
        Sub(1)
