"""fastclass.dataclass behaves like dataclasses.dataclass for everything the model uses."""

from __future__ import annotations

import copy
import dataclasses
import random
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


def compiled(cls: type[Any]) -> type[Any]:
    """``cls`` after enough calls the general way for its ``__init__`` to be compiled."""
    generic = cls.__init__
    for _ in range(fastclass.COMPILE_AFTER + 1):
        cls(name="warm")
    assert cls.__init__ is not generic
    return cls


@pytest.mark.parametrize("frozen", [False, True])
def test_a_compiled_init_behaves_as_the_general_one(frozen: bool) -> None:
    cls = compiled(make(fastclass.dataclass, frozen))
    reference = make(dataclasses.dataclass, frozen)
    a = cls("x", 2, ["t"])
    assert repr(a) == "make.<locals>.Sample(name='x', count=2, tags=['t'])"
    assert a == cls(name="x", tags=["t"], count=2) and a != cls("x")
    assert cls("y").tags is not cls("y").tags  # a fresh default each time
    assert dataclasses.replace(a, count=3) == cls("x", 3, ["t"])
    assert list(vars(cls("x", hidden="z"))) == ["name", "count", "tags", "hidden"]  # field order, as before
    rng = random.Random(5)
    names = ["name", "count", "tags", "hidden", "nope"]
    for _ in range(500):  # random calls: the same fields, or a TypeError from both
        args = [rng.choice(["a", 1, [2]]) for _ in range(rng.randrange(6))]
        kwargs = {n: rng.choice(["b", 3, [4]]) for n in rng.sample(names, rng.randrange(3))}
        try:
            expected = dataclasses.asdict(reference(*args, **kwargs))
        except TypeError:
            with pytest.raises(TypeError):
                cls(*args, **kwargs)
            continue
        assert dataclasses.asdict(cls(*args, **kwargs)) == expected
    if frozen:
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.count = 5


def test_a_compiled_init_calls_post_init_and_is_not_made_for_every_class() -> None:
    @fastclass.dataclass
    class Point:
        x: int
        y: int = 0

        def __post_init__(self) -> None:
            self.y = self.y or self.x

    generic_point = Point.__init__
    for _ in range(fastclass.COMPILE_AFTER + 1):
        Point(x=1)
    assert Point.__init__ is not generic_point
    assert Point(3) == Point(3, 3) and Point(x=2).y == 2

    @fastclass.dataclass
    class Later:
        x: int
        y: int = dataclasses.field(default=0, init=False)  # not simple: stays general

    generic = Later.__init__
    for _ in range(fastclass.COMPILE_AFTER + 1):
        Later(x=1)
    assert Later.__init__ is generic and Later(x=4).y == 0
