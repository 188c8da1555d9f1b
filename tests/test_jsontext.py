"""views.jsontext: the same text as json.dumps(ensure_ascii=False), for every shape the commands print."""

from __future__ import annotations

import collections
import enum
import json
import random
import subprocess
import sys
from typing import Any

import pytest

from unagree_cli.views.jsontext import dumps


class Level(enum.IntEnum):
    LOW = 1


class Text(str):
    pass


SAMPLES: list[Any] = [
    None,
    True,
    0,
    -0.0,
    1e300,
    2.5,
    float("nan"),
    float("inf"),
    float("-inf"),
    10**40,
    "",
    "plain",
    'quote " backslash \\ slash /',
    "\x00\x1f\x7f\x85\u2028\u202e\ud800 中文 é",
    [],
    {},
    [[], {}, [[]], {"a": {}}],
    {"a": [1, 2, {"b": None}], "c": {"d": [True, False]}, "中": "文"},
    ("tuple", 1),
    {"level": Level.LOW, "text": Text("sub"), "flag": True},
    collections.OrderedDict([("z", 1), ("a", 2)]),
    {1: "int key", None: "none key", 2.5: "float key", False: "bool key"},
]


def random_value(rng: random.Random, depth: int = 0) -> Any:
    choice = rng.randrange(8 if depth < 4 else 5)
    if choice == 0:
        return rng.choice([None, True, False])
    if choice == 1:
        return rng.randint(-(10**20), 10**20)
    if choice == 2:
        return rng.uniform(-1e6, 1e6)
    if choice in (3, 4):
        return "".join(chr(rng.choice([rng.randrange(0x20, 0x7F), rng.randrange(0, 0x3000)])) for _ in range(8))
    if choice == 5:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {random_value(rng, 4) if rng.random() < 0.1 else f"k{i}": random_value(rng, depth + 1) for i in range(3)}


@pytest.mark.parametrize("indent", [None, 2, 4])
@pytest.mark.parametrize("value", SAMPLES)
def test_the_text_is_what_json_dumps_writes(value: Any, indent: int | None) -> None:
    assert dumps(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


@pytest.mark.parametrize("indent", [None, 2])
def test_random_data_gives_the_same_text(indent: int | None) -> None:
    rng = random.Random(20261202)
    for _ in range(300):
        value = random_value(rng)
        try:
            expected = json.dumps(value, ensure_ascii=False, indent=indent)
        except TypeError:  # a key json cannot write either
            with pytest.raises(TypeError):
                dumps(value, indent)
            continue
        assert dumps(value, indent) == expected


def test_what_json_refuses_is_refused_the_same_way() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        dumps(loop)
    with pytest.raises(TypeError):
        dumps({"set": {1, 2}}, 2)


def test_writing_json_does_not_import_the_json_package() -> None:
    code = "import sys; from unagree_cli.views.jsontext import dumps; dumps({'a': [1, 'x']}, 2)"
    code += "; print('json' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("value", SAMPLES)
def test_compact_text_is_what_json_dumps_writes_with_tight_separators(value: Any) -> None:
    assert dumps(value, compact=True) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_random_data_gives_the_same_compact_text() -> None:
    """Without an indent the C encoder json.dumps runs writes the text: compared with json.dumps itself."""
    rng = random.Random(20261203)
    for _ in range(300):
        value = random_value(rng)
        try:
            expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        except TypeError:
            with pytest.raises(TypeError, match=r"is not JSON serializable|keys must be"):
                dumps(value, compact=True)
            continue
        assert dumps(value, compact=True) == expected
