"""Chinese numerals in references: the written grammar is accepted, anything else is refused, never guessed."""

from __future__ import annotations

import itertools

import pytest
from conftest import Runner

from unagree_cli.labels import number_to_zh
from unagree_cli.labels import zh_to_number as zh_number
from unagree_cli.refs import RefError, parse


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("五", 5),
        ("十", 10),
        ("十五", 15),
        ("一十五", 15),
        ("二十", 20),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百〇五", 105),
        ("一百一十", 110),
        ("一百十五", 115),
        ("两百", 200),
        ("九百九十九", 999),
        ("一千", 1000),
        ("一千零五", 1005),
        ("一千零一十", 1010),
        ("一千零五十", 1050),
        ("一千一百零一", 1101),
        ("两千零二十", 2020),
        ("九千九百九十九", 9999),
        ("42", 42),
    ],
)
def test_well_formed_numerals(written: str, value: int) -> None:
    assert zh_number(written) == value


MALFORMED = [
    *("九九", "十十", "五五", "十百", "百", "千", "零", "两", "两十", "一零五", "二〇一六", "一千五", "一百零"),
    *("一百零十五", "二十十", "五十五十", "一百百", "零五", "十零", "一千零五十零", "百五", "五千千", "", "5十"),
]


@pytest.mark.parametrize(
    "written",
    MALFORMED,
)
def test_malformed_numerals_are_refused(written: str) -> None:
    assert zh_number(written) is None


def test_every_canonical_form_reads_back() -> None:
    for n in range(1, 1000):
        assert zh_number(number_to_zh(str(n))) == n


def canonical(written: str) -> str:
    """labels.number_to_zh's spelling of ``written``: 两 as 二, 一十 at the head as 十, 百十 as 百一十."""
    text = written.replace("两", "二")
    if text.startswith("一十"):
        text = text[1:]
    return text.replace("百十", "百一十")


def test_anything_accepted_is_a_spelling_of_its_value() -> None:
    # Every string of up to four characters over the numeral alphabet: accepted ones are accepted spellings.
    alphabet = "一二五九十百零两"
    accepted = 0
    for length in range(1, 5):
        for chars in itertools.product(alphabet, repeat=length):
            written = "".join(chars)
            value = zh_number(written)
            if value is not None:
                accepted += 1
                assert canonical(written) == number_to_zh(str(value)), written
    assert accepted > 50
    # digit-by-digit pairs are never numbers
    assert all(zh_number(a + b) is None for a in "一二三四五六七八九" for b in "一二三四五六七八九零〇")


@pytest.mark.parametrize(
    "reference", ["第九九条", "第十十条", "第五五条", "第三条第二二款", "序言第三三段", "第一条至第十十条"]
)
def test_references_with_malformed_numerals_are_refused_naming_them(reference: str) -> None:
    with pytest.raises(RefError) as caught:
        parse(reference)
    message = str(caught.value)
    assert f"in '{reference}' as a Chinese number" in message
    assert "\n" not in message


def test_cli_refuses_in_one_line_with_exit_2(run: Runner) -> None:
    result = run("show", "第九九条")
    assert result.code == 2 and result.out == ""
    assert result.err == (
        "unagree: error: cannot read '九九' in '第九九条' as a Chinese number; "
        "write it as 五, 十五, 九十九, 一百零五 or in digits\n"
    )
    assert run("show", "第十六条").code == 0
