"""``model.merge_versions``: document order across languages, in time linear in the number of units."""

from __future__ import annotations

import random

import pytest
from conftest import calls_made

from unagree_cli.model import Record, Unit, Version, merge_versions


def version(lang: str, eids: list[str]) -> Version:
    units = [Unit(eid, eid, "paragraph", None, f"{eid} in {lang}") for eid in eids]
    return Version("agreement", lang, f"agreement.{lang}.yaml", {}, [], units)


def reference_merge(versions: list[Version]) -> list[str]:
    """The obvious quadratic version: insert each new eId after its predecessor in its own language."""
    order: list[str] = []
    for v in versions:
        previous = None
        for unit in v.units:
            if unit.eid not in order:
                order.insert(order.index(previous) + 1 if previous is not None else 0, unit.eid)
            previous = unit.eid
    return order


def eids(records: list[Record]) -> list[str]:
    return [r.eid for r in records]


def test_units_in_one_language_only_follow_their_predecessor() -> None:
    en = version("en", ["a", "b", "d"])
    zh = version("zh", ["a", "b", "c", "d", "e"])
    records = merge_versions("agreement", [en, zh])
    assert eids(records) == ["a", "b", "c", "d", "e"]
    assert records[2].text == {"zh": "c in zh"}
    assert records[0].text == {"en": "a in en", "zh": "a in zh"}


def test_a_unit_first_in_its_language_goes_first() -> None:
    records = merge_versions("agreement", [version("en", ["b", "c"]), version("zh", ["a", "b"])])
    assert eids(records) == ["a", "b", "c"]


def test_same_order_as_the_reference_on_random_versions() -> None:
    rng = random.Random(12)
    for _ in range(300):
        pool = [f"u{i}" for i in range(rng.randint(0, 12))]
        versions = [version(lang, [e for e in pool if rng.random() < 0.7]) for lang in ("en", "zh", "fr")]
        rng.shuffle(versions)
        assert eids(merge_versions("agreement", versions)) == reference_merge(versions)


def big_versions(units: int) -> list[Version]:
    """80 paragraphs an article; English lacks every eleventh unit, Chinese every seventh (never both)."""
    names = [f"art_{i // 80 + 1}__para_{i % 80 + 1}" for i in range(units)]
    en = version("en", [n for i, n in enumerate(names) if i % 11 != 5])
    zh = version("zh", [n for i, n in enumerate(names) if i % 7 != 3 or i % 11 == 5])
    return [en, zh]


def merging_calls(units: int) -> int:
    versions = big_versions(units)
    found: list[object] = []
    calls = calls_made(lambda: found.extend(merge_versions("agreement", versions)))
    assert len(found) == units
    return calls


@pytest.mark.slow
def test_merging_grows_linearly_with_units() -> None:
    # 8x the units: linear work is about 8x the calls, the old list.index/insert about 64x.
    small, large = merging_calls(10_000), merging_calls(80_000)
    assert large / small < 12, f"10,000 units {small} calls, 80,000 units {large}"


def test_version_unit_finds_the_first_unit_with_an_eid_and_follows_changes() -> None:
    v = version("en", ["a", "b", "a"])
    assert v.unit("a") is v.units[0] and v.unit("b") is v.units[1] and v.unit("z") is None
    v.units[1] = Unit("c", "c", "paragraph", None, "new")  # changed in place, same length
    assert v.unit("c") is v.units[1] and v.unit("b") is None
    v.units.append(Unit("d", "d", "paragraph", None, "more"))
    assert v.unit("d") is v.units[3]
    assert v == Version(v.doc, v.lang, v.path, {}, [], list(v.units))  # the index is not a field
    assert "_by_eid" not in repr(v)


def lookups_calls(units: int) -> int:
    v = big_versions(units)[0]

    def look_up_every_unit() -> None:
        for unit in v.units:
            assert v.unit(unit.eid) is unit

    return calls_made(look_up_every_unit)


@pytest.mark.slow
def test_looking_up_every_unit_grows_linearly() -> None:
    small, large = lookups_calls(5_000), lookups_calls(40_000)
    assert large / small < 12, f"5,000 units {small} calls, 40,000 units {large}"
