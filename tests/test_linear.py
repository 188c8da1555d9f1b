"""Extraction, alignment and the translation checks take time and memory in proportion to a unit's length.

A paragraph of about 1 MB (one sentence after another, and one sentence of
clauses joined by commas and semicolons) is analysed at two sizes, a quarter
and the whole; the larger may cost at most ``FACTOR`` times the smaller
(linear work costs 4 times, quadratic 16). Processor time of the best of two
runs is compared, never a wall-clock threshold.
"""

from __future__ import annotations

import shutil
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, calls_made

from unagree_cli.align import align
from unagree_cli.corpus import load
from unagree_cli.model import Record, TreatySet
from unagree_cli.obligations import extract_text
from unagree_cli.qa import Check, Context, select_checks

pytestmark = pytest.mark.slow

FACTOR = 6.0
"""Linear work grows about 4 times with 4 times the text (a little more with a logarithm); quadratic, 16 times."""
SIZE = 200_000
EN = (
    "Nordvald shall notify Austerra of the results within 30 days, and Austerra may not publish them "
    "without the consent of Nordvald under paragraph 2 of Article 3"
)
ZH = "诺德瓦尔德应在30天内将结果通知奥斯特拉，未经诺德瓦尔德同意，奥斯特拉不得根据第三条第2款公布结果"
ENDS = {"en": (". ", "."), "zh": ("。", "。")}
JOINS = {"en": ("; ", "."), "zh": ("；", "。")}
# One sentence with no punctuation at all before its full stop: clauses joined by "and" / 并且, each with
# its own subject and marker (no comma or semicolon to cut it into clauses): what a look-back over the
# sentence at each marker costs most on.
CLAUSE = {
    "en": "Nordvald shall notify Austerra of the results of survey {n}",
    "zh": "诺德瓦尔德应将第{n}次调查的结果通知奥斯特拉",
}
CHAIN = {"en": (" and ", "."), "zh": ("并且", "。")}
CHAIN_SIZE = 160_000  # characters: the quadratic engine took 1.5 s at a quarter of it and 20 s at the whole


def paragraph(lang: str, count: int, joined: bool) -> str:
    sentence = EN if lang == "en" else ZH
    between, last = (JOINS if joined else ENDS)[lang]
    return between.join([sentence] * count) + last


def chained(lang: str, size: int) -> str:
    """One sentence of about ``size`` characters: numbered clauses joined by "and" / 并且, one full stop."""
    between, last = CHAIN[lang]
    parts: list[str] = []
    total = 0
    while total < size:
        parts.append(CLAUSE[lang].format(n=len(parts) + 1))
        total += len(parts[-1]) + len(between)
    return between.join(parts) + last


def count_for(size: int) -> int:
    return max(1, size // (len(EN) + 2))


def cost(work: Callable[[], object]) -> int:
    return calls_made(work)


def assert_linear(make: Callable[[int], Callable[[], object]]) -> None:
    small, large = cost(make(count_for(SIZE) // 4)), cost(make(count_for(SIZE)))
    assert large <= FACTOR * small + 1_000, f"4 times the text made {large / max(small, 1):.1f} times the calls"


@pytest.fixture(scope="module")
def polar() -> TreatySet:
    return load(FIXTURES / "polar")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("joined", [False, True], ids=["sentences", "one-sentence"])
def test_extraction_is_linear(polar: TreatySet, lang: str, joined: bool) -> None:
    assert_linear(lambda count: lambda: extract_text(polar, paragraph(lang, count, joined), lang))


def test_extraction_memory_is_bounded(polar: TreatySet) -> None:
    text = paragraph("zh", count_for(1_000_000), joined=True)  # a 1 MB paragraph
    tracemalloc.start()
    try:
        statements = extract_text(polar, text, "zh")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(statements) > 10_000
    assert peak < 200 * len(text.encode("utf-8")), f"{peak / 1e6:.0f} MB for a {len(text) / 1e6:.1f} M-character text"
    assert {s.span for s in statements} == {(0, len(text))}  # one sentence, as offsets: no copy per statement


def corpus_with(tmp_path: Path, count: int, joined: bool) -> TreatySet:
    import yaml

    folder = tmp_path / f"c{count}{joined}"
    shutil.copytree(FIXTURES / "polar", folder)
    for lang in ("en", "zh"):
        path = folder / "polar-2021" / f"agreement.{lang}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["body"][1]["paragraphs"][0]["text"] = paragraph(lang, count, joined)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load(folder)


@pytest.mark.parametrize("joined", [False, True], ids=["sentences", "one-sentence"])
def test_alignment_and_every_check_are_linear(tmp_path: Path, joined: bool) -> None:
    treaties = {count: corpus_with(tmp_path, count, joined) for count in (count_for(SIZE) // 4, count_for(SIZE))}

    def unit(treaty: TreatySet) -> tuple[Context, Record]:
        context = Context(treaty, align(treaty, "agreement"))
        return context, next(r for r in context.alignment.records if r.ref == "2.1")

    assert_linear(lambda count: lambda: align(treaties[count], "agreement"))
    for check in select_checks(None):
        if check.unit is None:
            continue

        def make(count: int, check: Check = check) -> Callable[[], object]:
            context, record = unit(treaties[count])
            unit_check = check.unit
            assert unit_check is not None
            return lambda: unit_check(Context(context.treaty, context.alignment), record)

        try:
            assert_linear(make)
        except AssertionError as error:
            raise AssertionError(f"{check.name}: {error}") from None


# ---------------------------------------------------------------- one long sentence without punctuation


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_extraction_of_one_unpunctuated_sentence_is_linear(polar: TreatySet, lang: str) -> None:
    statements = extract_text(polar, chained(lang, 4_000), lang)
    assert len(statements) > 50 and {s.modality for s in statements} == {"obligation"}
    texts = {size: chained(lang, size) for size in (CHAIN_SIZE // 4, CHAIN_SIZE)}

    def work(text: str) -> Callable[[], object]:
        return lambda: extract_text(polar, text, lang)

    small, large = (cost(work(texts[size])) for size in sorted(texts))
    assert large <= FACTOR * small + 0.05, f"4 times the text cost {large / max(small, 1e-9):.1f} times the time"


def chained_corpus(tmp_path: Path, size: int) -> Path:
    import yaml

    folder = tmp_path / f"chain{size}"
    shutil.copytree(FIXTURES / "polar", folder)
    for lang in ("en", "zh"):
        path = folder / "polar-2021" / f"agreement.{lang}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["body"][1]["paragraphs"][0]["text"] = chained(lang, size)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def test_every_check_of_one_unpunctuated_sentence_is_linear(tmp_path: Path) -> None:
    treaties = {size: load(chained_corpus(tmp_path, size)) for size in (CHAIN_SIZE // 4, CHAIN_SIZE)}

    def make(size: int, check: Check) -> Callable[[], object]:
        context = Context(treaties[size], align(treaties[size], "agreement"))
        record = next(r for r in context.alignment.records if r.ref == "2.1")
        assert check.unit is not None
        unit = check.unit
        return lambda: unit(Context(context.treaty, context.alignment), record)

    for check in select_checks(None):
        if check.unit is None:
            continue
        small, large = cost(make(CHAIN_SIZE // 4, check)), cost(make(CHAIN_SIZE, check))
        ratio = large / max(small, 1)
        assert large <= FACTOR * small + 1_000, f"{check.name}: 4 times the text made {ratio:.1f} times the calls"


def test_cached_statements_of_one_long_sentence_grow_with_its_length(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every statement of a sentence used to be stored with the whole sentence: the cache grew with its square."""
    from unagree_cli.obligations import extract

    sizes: list[int] = []
    for size in (CHAIN_SIZE // 16, CHAIN_SIZE // 4):
        cache = tmp_path / f"cache{size}"
        monkeypatch.setenv("UNAGREE_CACHE_DIR", str(cache))
        folder = chained_corpus(tmp_path, size)
        treaty = load(folder)  # parsed and stored: a set with a fingerprint, whose analyses are cached
        computed = extract(treaty, "agreement", "zh")
        again = extract(load(folder), "agreement", "zh")  # read back from the cache
        assert again == computed
        sizes.append(sum(p.stat().st_size for p in (cache / "analyses").iterdir()))
    assert sizes[1] <= FACTOR * sizes[0], f"4 times the text made a cache {sizes[1] / sizes[0]:.1f} times larger"


def test_json_records_of_one_long_sentence_grow_with_its_length(tmp_path: Path) -> None:
    """Each record used to carry the unit's text and the whole sentence: the output grew with the square of it."""
    import json

    from unagree_cli.obligations import extract
    from unagree_cli.obligations.listing import records

    sizes: dict[int, tuple[int, int]] = {}
    for size in (CHAIN_SIZE // 16, CHAIN_SIZE // 4):
        treaty = load(chained_corpus(tmp_path, size))
        for lang in ("en", "zh"):
            statements = [s for s in extract(treaty, "agreement", lang) if s.ref == "2.1"]
            output = json.dumps(records(treaty, statements), ensure_ascii=False)
            count, total = sizes.get(size, (0, 0))
            sizes[size] = (count + len(statements), total + len(output.encode("utf-8")))
    (small_count, small_bytes), (large_count, large_bytes) = sizes[CHAIN_SIZE // 16], sizes[CHAIN_SIZE // 4]
    assert large_count >= 3 * small_count > 300
    assert large_bytes / large_count <= 1.2 * small_bytes / small_count  # bytes per statement do not grow
    assert large_bytes / large_count < 1_000


def test_deontic_words_among_many_ignored_phrases_are_linear(polar: TreatySet) -> None:
    """Each marker was tested against every "as the case may be" of the text: quadratic in a long paragraph."""
    from unagree_cli.qa.modality import words_of

    sentence = "Nordvald shall notify Austerra or Nordvald, as the case may be, of the results. "
    assert [w.group for w in words_of(polar, sentence * 3, "en")] == ["shall"] * 3

    def make(count: int) -> Callable[[], object]:
        text = sentence * count
        return lambda: words_of(polar, text, "en")

    assert_linear(make)


TERMS = {
    "en": "The Joint Committee shall meet and the Joint Comittee may report. ",
    "zh": "联合委员会应开会，联合委员会可报告。",
}


def test_terminology_of_a_term_named_in_every_sentence_is_linear(tmp_path: Path) -> None:
    """Every hit and near miss was tested against every span claimed before it in the unit: quadratic."""
    import yaml

    treaties: dict[int, TreatySet] = {}
    for count in (count_for(SIZE) // 16, count_for(SIZE) // 4):
        folder = tmp_path / f"terms{count}"
        shutil.copytree(FIXTURES / "polar", folder)
        for lang, sentence in TERMS.items():
            path = folder / "polar-2021" / f"agreement.{lang}.yaml"
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["body"][1]["paragraphs"][0]["text"] = (sentence * count).strip()
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        treaties[count] = load(folder)
    check = next(c for c in select_checks(["terminology"]) if c.unit is not None)

    def make(count: int) -> Callable[[], object]:
        context = Context(treaties[count], align(treaties[count], "agreement"))
        record = next(r for r in context.alignment.records if r.ref == "2.1")
        assert check.unit is not None
        unit = check.unit
        return lambda: unit(Context(context.treaty, context.alignment), record)

    small, large = (cost(make(count)) for count in sorted(treaties))
    assert large <= FACTOR * small + 0.05, f"4 times the text cost {large / max(small, 1e-9):.1f} times the time"


def test_one_long_sentence_of_jiang_clauses_is_linear(polar: TreatySet) -> None:
    """Each 将 searched its clause to the end for 视为, 通知 ...: quadratic in a long clause without commas."""

    def make(count: int) -> Callable[[], object]:
        text = "并且".join(f"诺德瓦尔德将合作研究第{n}项" for n in range(count // 2)) + "。"
        return lambda: extract_text(polar, text, "zh")

    assert_linear(make)
