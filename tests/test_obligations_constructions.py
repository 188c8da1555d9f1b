"""Constructions that occur in agreements of every kind, read in a treaty the rules were not written for.

Each case names a class of construction (quantified parties, pronouns after a
conditional, people of a party, frames, passives, exchange of letters, and
their Chinese counterparts) and gives what a careful reader annotates: the
(party, modality) pairs. The expectations were written before the rules.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from unagree_cli.corpus import load
from unagree_cli.model import TreatySet
from unagree_cli.obligations import extract_text

N, A = "Nordvald", "Austerra"
BOTH = {N, A}

CASES: list[tuple[str, str, str, set[tuple[str, str]]]] = [
    # (class, language, sentence, expected pairs)
    ("each Party", "en", "Each Party shall designate a contact point.", {(N, "obligation"), (A, "obligation")}),
    ("either Party", "en", "Either Party may request consultations.", {(N, "permission"), (A, "permission")}),
    ("neither Party", "en", "Neither Party shall disclose the data.", {(N, "prohibition"), (A, "prohibition")}),
    ("no Party", "en", "No Party may transfer samples to third States.", {(N, "prohibition"), (A, "prohibition")}),
    (
        "one Party ... the other Party",
        "en",
        "One Party may request the other Party to provide assistance.",
        {(N, "permission"), (A, "permission")},
    ),
    (
        "pronoun after a conditional",
        "en",
        "If Austerra closes a station, it shall inform Nordvald.",
        {(A, "obligation")},
    ),
    (
        "pronoun after a conditional",
        "en",
        "Where Nordvald so requests, it shall be entitled to receive the data.",
        {(N, "right")},
    ),
    ("people of a party", "en", "Representatives of Austerra shall respect the rules.", {(A, "obligation")}),
    (
        "people of a party",
        "en",
        "Members of the staff of the Polar Institute may enter the station.",
        {(N, "permission")},
    ),
    (
        "joint plural subject",
        "en",
        "Nordvald and Austerra shall meet annually.",
        {(N, "obligation"), (A, "obligation")},
    ),
    ("is required to", "en", "Austerra is required to notify Nordvald.", {(A, "obligation")}),
    ("is under an obligation to", "en", "Nordvald is under an obligation to inform Austerra.", {(N, "obligation")}),
    ("shall ensure that", "en", "Austerra shall ensure that the samples are returned.", {(A, "obligation")}),
    ("has the right to", "en", "Nordvald has the right to inspect the station.", {(N, "right")}),
    ("shall have the right to", "en", "Austerra shall have the right to vote.", {(A, "right")}),
    ("is authorized to", "en", "Nordvald is authorized to use the vessel.", {(N, "permission")}),
    ("shall be free to", "en", "Austerra shall be free to publish its results.", {(A, "permission")}),
    ("may not", "en", "Austerra may not transfer samples.", {(A, "prohibition")}),
    ("undertakes not to", "en", "Austerra undertakes not to transfer samples.", {(A, "prohibition")}),
    ("承诺不", "zh", "奥斯特拉承诺不转让样本。", {(A, "prohibition")}),
    ("shall refrain from", "en", "Nordvald shall refrain from any inspection.", {(N, "prohibition")}),
    ("shall in no case", "en", "Austerra shall in no case transfer samples.", {(A, "prohibition")}),
    ("is not entitled to", "en", "Nordvald is not entitled to vote.", {(N, "prohibition")}),
    ("frame", "en", "It is understood that Austerra shall bear the costs.", {(A, "obligation")}),
    ("frame", "en", "The Parties agree that Nordvald shall chair the meetings.", {(N, "obligation")}),
    (
        "frame around a passive",
        "en",
        "The Parties agree that disputes shall be settled by negotiation.",
        {(N, "obligation"), (A, "obligation")},
    ),
    ("frame around a passive", "zh", "缔约双方同意，争端应通过谈判解决。", {(N, "obligation"), (A, "obligation")}),
    ("passive with agent", "en", "The report shall be notified by Austerra to Nordvald.", {(A, "obligation")}),
    ("passive with agent", "en", "The vessel may be used by Austerra.", {(A, "permission")}),
    (
        "exchange of letters",
        "en",
        "The annex may be amended by an exchange of letters between the Ministry of Science and the Antarctic Office.",
        {(N, "permission"), (A, "permission")},
    ),
    # Chinese
    ("应当", "zh", "奥斯特拉应当通知诺德瓦尔德。", {(A, "obligation")}),
    ("必须", "zh", "诺德瓦尔德必须通知奥斯特拉。", {(N, "obligation")}),
    ("有义务", "zh", "奥斯特拉有义务通知诺德瓦尔德。", {(A, "obligation")}),
    ("可以", "zh", "诺德瓦尔德可以使用科考船。", {(N, "permission")}),
    ("获授权", "zh", "诺德瓦尔德获授权使用科考船。", {(N, "permission")}),
    ("应有权", "zh", "奥斯特拉应有权表决。", {(A, "right")}),
    ("无权", "zh", "诺德瓦尔德无权表决。", {(N, "prohibition")}),
    ("不应", "zh", "奥斯特拉不应披露数据。", {(A, "prohibition")}),
    ("均不得", "zh", "任何一方均不得披露数据。", {(N, "prohibition"), (A, "prohibition")}),
    ("任何一方", "zh", "任何一方可以请求协商。", {(N, "permission"), (A, "permission")}),
    ("各方", "zh", "各方应指定一个联络点。", {(N, "obligation"), (A, "obligation")}),
    ("一方/另一方", "zh", "一方可请求另一方提供协助。", {(N, "permission"), (A, "permission")}),
    ("双方", "zh", "双方应每年举行会议。", {(N, "obligation"), (A, "obligation")}),
    ("subject left out after 如", "zh", "如奥斯特拉关闭科考站，应通知诺德瓦尔德。", {(A, "obligation")}),
    ("subject of a time clause", "zh", "奥斯特拉收到此类通知后，应采取必要步骤。", {(A, "obligation")}),
    ("的代表", "zh", "奥斯特拉的代表应遵守规则。", {(A, "obligation")}),
    ("应 邀请", "zh", "诺德瓦尔德应邀请奥斯特拉参加会议。", {(N, "obligation")}),
    ("应邀", "zh", "奥斯特拉应邀出席会议。", set()),
    ("应…的请求", "zh", "应诺德瓦尔德的请求，奥斯特拉应提供数据。", {(A, "obligation")}),
    ("应予 passive", "zh", "报告应予公布。", set()),
    ("agent with 由", "zh", "报告应由奥斯特拉提交诺德瓦尔德。", {(A, "obligation")}),
    ("agent with 可由", "zh", "科考船可由奥斯特拉使用。", {(A, "permission")}),
    (
        "agent with 经",
        "zh",
        "本附件可经诺德瓦尔德科学部和奥斯特拉南极事务署换文修正。",
        {(N, "permission"), (A, "permission")},
    ),
    ("将 in a relative clause", "zh", "诺德瓦尔德应向将举行的会议提交报告。", {(N, "obligation")}),
    ("可能 in a relative clause", "zh", "奥斯特拉应提供其可能掌握的数据。", {(A, "obligation")}),
]


@pytest.fixture(scope="module")
def polar() -> TreatySet:
    return load(FIXTURES / "polar")


@pytest.mark.parametrize(("name", "lang", "sentence", "expected"), CASES, ids=[f"{c[1]}: {c[0]}" for c in CASES])
def test_construction(polar: TreatySet, name: str, lang: str, sentence: str, expected: set[tuple[str, str]]) -> None:
    found = {(party, s.modality) for s in extract_text(polar, sentence, lang) for party in s.parties}
    assert found == expected, name
