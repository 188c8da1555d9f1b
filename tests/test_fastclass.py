"""fastclass.dataclass behaves like dataclasses.dataclass for everything the model uses."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from unagree_cli import fastclass
from unagree_cli.model import TreatySet

Decorator = Callable[..., Any]  # dataclasses.dataclass or fastclass.dataclass, bare or called with frozen=


def make(decorator: Decorator, frozen: bool = False) -> type[Any]:
    @decorator(frozen=frozen) if frozen else decorator
    class Sample:
        name: str
        count: int = 0
        tags: list[str] = dataclasses.field(default_factory=list)
        hidden: str = dataclasses.field(default="h", repr=False, compare=False)

    return Sample


KINDS = [
    pytest.param(dataclasses.dataclass, False, id="dataclasses"),
    pytest.param(fastclass.dataclass, False, id="fastclass"),
]
FROZEN = [
    pytest.param(dataclasses.dataclass, True, id="dataclasses-frozen"),
    pytest.param(fastclass.dataclass, True, id="fastclass-frozen"),
]


@pytest.mark.parametrize(("decorator", "frozen"), KINDS + FROZEN)
def test_construction_repr_equality_replace(decorator: Decorator, frozen: bool) -> None:
    cls = make(decorator, frozen)
    a = cls("x", 2, ["t"])
    assert (a.name, a.count, a.tags, a.hidden) == ("x", 2, ["t"], "h")
    assert repr(a) == "make.<locals>.Sample(name='x', count=2, tags=['t'])"
    assert a == cls(name="x", tags=["t"], count=2) and a != cls("x") and a != ("x", 2, ["t"])
    assert cls("x", hidden="other") == cls("x")  # compare=False
    assert cls("y").tags is not cls("y").tags  # a fresh default each time
    assert dataclasses.replace(a, count=3) == cls("x", 3, ["t"])
    assert dataclasses.asdict(a) == {"name": "x", "count": 2, "tags": ["t"], "hidden": "h"}
    assert [f.name for f in dataclasses.fields(cls)] == ["name", "count", "tags", "hidden"]
    assert copy.deepcopy(a) == a


@pytest.mark.parametrize(("decorator", "frozen"), KINDS + FROZEN)
def test_bad_arguments_raise_type_error(decorator: Decorator, frozen: bool) -> None:
    cls = make(decorator, frozen)
    cases: list[tuple[tuple[object, ...], dict[str, object]]] = [
        ((), {}),
        (("x", 1, [], "h", "extra"), {}),
        (("x",), {"name": "y"}),
        (("x",), {"nope": 1}),
    ]
    for args, kwargs in cases:
        with pytest.raises(TypeError):
            cls(*args, **kwargs)


@pytest.mark.parametrize(("decorator", "frozen"), KINDS)
def test_mutable_classes_are_not_hashable(decorator: Decorator, frozen: bool) -> None:
    cls = make(decorator, frozen)
    item = cls("x")
    item.count = 5
    assert item.count == 5
    with pytest.raises(TypeError):
        hash(item)


@pytest.mark.parametrize(("decorator", "frozen"), FROZEN)
def test_frozen_classes_hash_and_refuse_assignment(decorator: Decorator, frozen: bool) -> None:
    cls = make(decorator, frozen)
    item = cls("x", 1, ())
    assert hash(item) == hash(cls("x", 1, ()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.count = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del item.name


def test_post_init_and_documentation() -> None:
    @fastclass.dataclass
    class Point:
        x: int
        y: int = 0

        def __post_init__(self) -> None:
            self.y = self.y or self.x

    assert Point(3) == Point(3, 3)
    assert Point.__doc__ == "Point(x: int, y: int = 0)"


def test_the_model_classes_pickle(treaty: TreatySet) -> None:
    import pickle

    assert pickle.loads(pickle.dumps(treaty)) == treaty
