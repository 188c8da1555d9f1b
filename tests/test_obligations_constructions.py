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
    # Second wave: constructions behind the misses of the first blind evaluation, in sentences of their own
    ("shall not be required to", "en", "Austerra shall not be required to disclose its sources.", {(A, "permission")}),
    (
        "neither Party shall be required to",
        "en",
        "Neither Party shall be required to share unpublished data.",
        {(N, "permission"), (A, "permission")},
    ),
    ("need not", "en", "Nordvald need not consult Austerra on routine visits.", {(N, "permission")}),
    (
        "no officer or official of a party",
        "en",
        "No officer or official of Nordvald, whether civil or military, shall enter the station.",
        {(N, "prohibition")},
    ),
    (
        "agentless status passive (not subject to)",
        "en",
        "The samples of Austerra shall not be subject to inspection.",
        {(N, "prohibition")},
    ),
    (
        "status passive after people of a party",
        "en",
        "Members of the staff of the Polar Institute shall not be subject to national service obligations.",
        {(A, "prohibition")},
    ),
    ("subject to, not denied", "en", "Austerra shall be subject to the rules of the station.", {(A, "obligation")}),
    (
        "agentless status passive (exempt from)",
        "en",
        "The vessels of Nordvald shall be exempt from harbour dues.",
        {(A, "obligation")},
    ),
    (
        "passive made between two parties",
        "en",
        "Regular consultations shall be held between Nordvald and Austerra.",
        {(N, "obligation"), (A, "obligation")},
    ),
    (
        "either of them",
        "en",
        "Nordvald and Austerra shall meet annually, and either of them may convene an extra meeting.",
        {(N, "obligation"), (A, "obligation"), (N, "permission"), (A, "permission")},
    ),
    (
        "its representatives",
        "en",
        "Austerra shall be entitled to attend the meetings, and its representatives may speak without vote.",
        {(A, "right"), (A, "permission")},
    ),
    (
        "relative clause with its own verb before the marker",
        "en",
        "Representatives of Nordvald who are present at the station shall not be entitled to vote.",
        {(N, "prohibition")},
    ),
    (
        "marker inside a relative clause",
        "en",
        "Nordvald shall publish the reports which Austerra may submit.",
        {(N, "obligation")},
    ),
    (
        "considers that, inside a conditional",
        "en",
        "If Nordvald considers that a station is unsafe, it shall notify Austerra.",
        {(N, "obligation")},
    ),
    (
        "frame with an adverb",
        "en",
        "It is understood, however, that Austerra will not claim compensation.",
        {(A, "prohibition")},
    ),
    ("无须", "zh", "奥斯特拉无须披露其来源。", {(A, "permission")}),
    ("均无须", "zh", "任何一方均无须分享未公布的数据。", {(N, "permission"), (A, "permission")}),
    (
        "均不得 after people of a party",
        "zh",
        "诺德瓦尔德的任何文职或军事官员或人员，非经奥斯特拉同意，均不得进入科考站。",
        {(N, "prohibition")},
    ),
    ("不应受…约束", "zh", "诺德瓦尔德工作人员不应受兵役义务的约束。", {(A, "prohibition")}),
    ("应受…约束", "zh", "奥斯特拉应受本站规则的约束。", {(A, "obligation")}),
    ("获邀", "zh", "奥斯特拉代表应获邀出席会议。", {(N, "obligation")}),
    ("如愿意 after the subject", "zh", "诺德瓦尔德如愿意，可派观察员出席。", {(N, "permission")}),
    ("考虑到 … 有义务", "zh", "奥斯特拉考虑到诺德瓦尔德有义务保护环境，同意限制访问。", {(A, "obligation")}),
    ("如…认为", "zh", "如诺德瓦尔德认为某一科考站不安全，应通知奥斯特拉。", {(N, "obligation")}),
    ("将不", "zh", "但双方理解，奥斯特拉将不要求赔偿。", {(A, "prohibition")}),
    (
        "由 after a party that modifies the subject",
        "zh",
        "诺德瓦尔德向奥斯特拉提供服务的费用，应由奥斯特拉偿还。",
        {(A, "obligation")},
    ),
    (
        "no member of the staff of",
        "en",
        "No member of the staff of the Polar Institute shall accept gifts.",
        {(N, "prohibition")},
    ),
    ("shall not be obliged to", "en", "Nordvald shall not be obliged to provide data.", {(N, "permission")}),
    ("is not required to", "en", "Austerra is not required to reply.", {(A, "permission")}),
    ("neither of them", "en", "Neither of them shall disclose the data.", {(N, "prohibition"), (A, "prohibition")}),
    ("不必", "zh", "诺德瓦尔德不必通知奥斯特拉。", {(N, "permission")}),
    ("应免缴: a status granted", "zh", "奥斯特拉官员应免缴所得税。", {(N, "obligation")}),
    ("应免除: an act of the subject", "zh", "奥斯特拉应免除诺德瓦尔德官员的所得税。", {(A, "obligation")}),
    ("任何官员 of a party", "zh", "诺德瓦尔德任何官员均不得接受馈赠。", {(N, "prohibition")}),
    ("会员国代表 is not people of the party", "zh", "诺德瓦尔德会员国代表应出席会议。", set()),
    ("的代表 still people of a party", "zh", "诺德瓦尔德的代表应出席会议。", {(N, "obligation")}),
    ("不必要 is no marker", "zh", "双方应消除一切不必要的重复工作。", {(N, "obligation"), (A, "obligation")}),
]

LIST_INTROS: list[tuple[str, str, str, set[tuple[str, str]]]] = [
    # (language, list intro, its first point, expected pairs of the intro)
    ("en", "The vessels of Nordvald and their equipment shall be:", "exempt from harbour dues;", {(A, "obligation")}),
    ("en", "Nordvald shall:", "notify Austerra of each visit;", {(N, "obligation")}),
    ("zh", "诺德瓦尔德的船只及其设备应：", "免缴一切港口税；", {(A, "obligation")}),
    ("zh", "诺德瓦尔德应：", "将每次访问通知奥斯特拉；", {(N, "obligation")}),
]


@pytest.fixture(scope="module")
def polar() -> TreatySet:
    return load(FIXTURES / "polar")


@pytest.mark.parametrize(("name", "lang", "sentence", "expected"), CASES, ids=[f"{c[1]}: {c[0]}" for c in CASES])
def test_construction(polar: TreatySet, name: str, lang: str, sentence: str, expected: set[tuple[str, str]]) -> None:
    found = {(party, s.modality) for s in extract_text(polar, sentence, lang) for party in s.parties}
    assert found == expected, name


@pytest.mark.parametrize(("lang", "intro", "point", "expected"), LIST_INTROS, ids=[c[1] for c in LIST_INTROS])
def test_list_intro_granting_a_status(
    polar: TreatySet, lang: str, intro: str, point: str, expected: set[tuple[str, str]]
) -> None:
    """A list intro whose points grant a status (exempt from, 免缴) is borne by the party that grants it."""
    found = {(party, s.modality) for s in extract_text(polar, intro, lang, following=point) for party in s.parties}
    assert found == expected
