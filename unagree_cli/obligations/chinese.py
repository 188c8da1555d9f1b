"""Chinese: 应, 应当, 须, 必须, 将, 同意, 承诺, 可, 可以, 不得, 无权, 有权, 认识到, 承认, 确认."""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from .. import patterns
from .engine import LONG_SENTENCE, Grammar, Marker, Operative
from .lexicon import Chain

# Tried left to right at each position, the first alternative that matches wins.
_MARKERS: list[tuple[str, str, bool]] = [
    ("right", "应当有权|应有权|有权利|有权", False),
    ("permission", "无须|毋须|不必", False),  # need not: no obligation, the party may (before 不)
    ("prohibition", "承诺不|同意不|无权|不得|不应当|不应|不可以|不可|不能|禁止", False),
    ("prohibition", "将不", True),  # will not: 中心将不要求
    ("recognition", "表示注意到|注意到|认识到|承认|确认", False),
    ("obligation", "必须|应当|应该|有义务|须|应|承诺|同意", False),
    ("obligation", "将|会", True),  # will: a commitment when the subject stands right before it
    ("permission", "获授权|可以|可", False),
]

# Where a marker word is not a marker: the characters right before it, what follows it, or the
# words before it. Each entry is data; :func:`not_a_marker` applies them all the same way.
NOT_A_MARKER: dict[str, dict[str, tuple[str, ...]]] = {
    "有权": {"before": tuple("所具享拥")},
    "应有权": {"before": tuple("所具享拥")},
    "应": {
        "before": tuple("相适反供响回答对感照呼效顺理"),
        "after": ("用", "急", "聘", "变", "付"),
    },
    "须": {"before": tuple("无毋不必"), "after": ("知",)},
    "可": {
        "before": tuple("许认尽宁不核"),
        "after": ("能", "行", "靠", "见", "观", "谓", "疑", "惜", "怜", "口", "爱", "供", "信", "持续", "用", "得"),
    },
    "可以": {"before": tuple("许认尽宁不核")},
    "获授权": {"before": tuple("指有经未的"), "after": ("人员", "官员", "用户", "代表", "的")},
    "不可": {"after": ("分割", "抗力", "或缺", "避免", "撤销", "侵犯")},
    "同意": {"before": tuple("经未的"), "words_before": ("双方",)},
    "承诺": {"before": tuple("的出")},
    "承诺不": {"before": tuple("的出")},
    "同意不": {"before": tuple("经未的")},
    "不得": {"after": ("不",)},
    "不必": {"after": ("要",)},  # 不必要: "unnecessary", an adjective
    "注意到": {"before": ("的",)},
    "认识到": {"before": ("的",)},
    "承认": {"before": ("的",)},
    "确认": {"before": ("的",)},
    "将": {"before": tuple("应可须会即必"), "words_before": ("同意", "承诺"), "after": ("来", "近", "军")},
    "将不": {"before": tuple("应可须会即必"), "words_before": ("同意", "承诺")},
    "会": {"after": tuple("议员期谈晤场所费计同商长务话面见")},
}


def not_a_marker(word: str, sentence: str, start: int, end: int) -> bool:
    """Whether :data:`NOT_A_MARKER` says the word at ``start:end`` is no marker."""
    rules = NOT_A_MARKER.get(word)
    if not rules:
        return False
    if start and sentence[start - 1] in rules.get("before", ()):
        return True
    if sentence.startswith(rules.get("after", ()), end):  # any of them (a tuple of prefixes)
        return True
    return any(
        sentence.startswith(words, start - len(words)) for words in rules.get("words_before", ()) if start >= len(words)
    )


_WITH_SUBJECT_ONLY_IF_MODIFIER = ("由", "经")
"""Agent words that make a passive of a sentence with a party before them only when the party modifies the
subject noun (联合国…提供服务的费用，应由冰川组织偿还); 被, 受, 获邀 make one after a party subject too."""

_PUNCTUATION = "，。；：、,.;:（）()《》“”"
_ADVERBS = "也还将不就才都则亦均"
_OPERATIVE: list[tuple[str, str | None, bool]] = [
    ("促请|吁请|敦促|要求|责成|指示|请", "obligation", True),
    ("邀请|鼓励|授权", "permission", True),
    ("表示注意到|注意到|认识到|确认|欢迎|重申|回顾|强调|承认|表示赞赏|赞赏|申明|欣见", "recognition", False),
    ("批准|核准|通过|决定|核可|赞同|接受|任命|宣布", None, False),
]


class _Patterns:
    """The module's regular expressions, each compiled the first time it is used (not at import: start-up time)."""

    @cached_property
    def UPON_REQUEST(self) -> re.Pattern[str]:
        """应请求, 应其要求, 应对方的邀请: "at the request of", not "shall" (应邀请 alone is "shall invite")."""
        return patterns.compile(
            r"(?:请求|要求)|(?:其|对方|该方|有关方面|任何一方|一方|另一方|各方|双方)的?(?:请求|要求|邀请)"
        )

    @cached_property
    def UPON_REQUEST_AFTER_NAME(self) -> re.Pattern[str]:
        return patterns.compile(r"的?(?:请求|要求|邀请)")

    @cached_property
    def REQUEST_WORD(self) -> re.Pattern[str]:
        """The words :attr:`UPON_REQUEST_AFTER_NAME` ends with, anywhere (keep the two in step)."""
        return patterns.compile(r"请求|要求|邀请")

    @cached_property
    def COORDINATED(self) -> re.Pattern[str]:
        return patterns.compile(r"(?:也|并|且|并且|而且|和|及|或)")

    @cached_property
    def WHEN_CLAUSE(self) -> re.Pattern[str]:
        """A clause that ends as a time or condition ("…认为…时，"): what it reports ends with it."""
        return patterns.compile(r"[^，。；]*(?:时|的情况下|之后|以后|以前|之前)(?=，)")

    @cached_property
    def WITH_CONSENT(self) -> re.Pattern[str]:
        return patterns.compile(r"经[^，。；]{0,15}$")

    @cached_property
    def AGENTLESS(self) -> re.Pattern[str]:
        """What makes a clause with no party subject someone's act: 予以, a recipient, a prohibition's object."""
        return patterns.compile(r"予以|应予|(?:向|给|提供给|交给|偿还给|告知|通知)|^对|分担|承担|负担|支付")

    @cached_property
    def CLAUSE_END(self) -> re.Pattern[str]:
        return patterns.compile(r"[，。；]")

    @cached_property
    def DISPOSAL(self) -> re.Pattern[str]:
        return patterns.compile(r"视为|作为|当作|看作|提交|通知|交给|交由|列入|纳入|转交|分发|译成|告知|送交|归还")

    @cached_property
    def DISPOSAL_START(self) -> re.Pattern[str]:
        """Every place a DISPOSAL word starts, overlapping ones too."""
        return patterns.compile(f"(?=(?:{self.DISPOSAL.pattern}))")

    @cached_property
    def SAVINGS_AFTER(self) -> re.Pattern[str]:
        return patterns.compile(r"(?:被)?(?:妨碍|理解为|解释为|影响|损害|减损|视为)")

    @cached_property
    def REPORT(self) -> re.Pattern[str]:
        return patterns.compile(r"(?<!的)规定[，：:]|(?:希望|期望|相信|认为)[，：:]?")

    @cached_property
    def COORDINATOR(self) -> re.Pattern[str]:
        return patterns.compile(r"；|，(?:而|但是|但|然而)")

    @cached_property
    def REGARD(self) -> re.Pattern[str]:
        """考虑到, 鉴于: "having regard to": what follows to the comma is a premise, not a duty."""
        return patterns.compile(r"考虑到|鉴于|铭记")

    @cached_property
    def STATUS_VERB(self) -> re.Pattern[str]:
        return patterns.compile(r"(?:也|还|均|都|亦)*(?:免缴|免受|免于)")  # not 免除: 应免除X的税 is active

    @cached_property
    def LIST_INTRO(self) -> re.Pattern[str]:
        return patterns.compile(r"\s*[：:]\s*$")

    @cached_property
    def STATUS(self) -> re.Pattern[str]:
        """What a point grants, not does: 免缴, 免受, 免于, 免除, 豁免 (exempt from)."""
        return patterns.compile(r"\s*(?:[（(][a-z0-9]+[)）]\s*)?(?:就[^，。；]{0,30}?)?(?:免缴|免受|免于|免除|豁免)")

    @cached_property
    def BETWEEN(self) -> re.Pattern[str]:
        return patterns.compile(r"之间的?(?:另行|另做)?(?:安排|协议|约定|商定|协商|磋商|谈判|换文)")

    @cached_property
    def AGENT(self) -> re.Pattern[str]:
        return patterns.compile(
            r"(?:也|还|均|都|亦)*(?:应[^，。；]{1,20}?的(?:请求|要求|邀请))?(?P<by>由|经|被|获(?=邀)|受(?=邀)|受)"
        )


_RE = _Patterns()


def split_sentences(text: str) -> list[str]:
    """Sentences end at 。！？ (after a closing quotation mark that follows one)."""
    from .sentences import split_sentences as split

    return split(text, "zh")


class Chinese(Grammar):
    lang = "zh"
    chunk_separator = "，"
    marker_table = _MARKERS
    frame = r"\s*(?:特此|兹|还|也)?(?:同意|商定|议定|决定|承诺)[，,：:]?\s*"
    marker_guard = "(?=[" + "".join(sorted({w[0] for _, words, _ in _MARKERS for w in words.split("|")})) + "])"
    lead = r"\s*(?:则|而|且|并且|并|但是|但|此后|同样|为此|因此|另外|此外|同时|然后|其后|不过)*"
    trail = r"(?:也|还|亦|均|都|则|同样|并|特此|即|就|一律|尤其|特别|只|仅|\s)*$"

    def _request_after(self, sentence: str, position: int) -> bool:
        """Whether a request word (:attr:`_Patterns.REQUEST_WORD`) occurs from ``position`` on. In a long
        sentence its places are found once and the last compared (each 应 of a one-sentence paragraph reading
        the rest of it would make the check quadratic)."""
        if len(sentence) < LONG_SENTENCE:
            return _RE.REQUEST_WORD.search(sentence, position) is not None
        found = self.positions(sentence, _RE.REQUEST_WORD)
        return bool(found) and found[-1] >= position

    def is_marker(self, sentence: str, start: int, end: int, weak: bool) -> bool:
        """Lexical tests from :data:`NOT_A_MARKER`, then the few that read further than a neighbour.

        可能 is not 可, 应联合国的要求 is "upon request", 理事会 is not 会, 将…视为 marks an object.
        """
        word = sentence[start:end]
        if not_a_marker(word, sentence, start, end):
            return False
        if word == "应":
            if sentence.startswith("邀", end) and not sentence.startswith("邀请", end):
                return False  # 应邀出席: "upon invitation"; 应邀请 is "shall invite"
            if _RE.UPON_REQUEST.match(sentence, end):
                return False
            # (a request named later in the sentence first: without one, no subject need be read)
            if self._request_after(sentence, end):
                chain = self.lexicon.chain(sentence, end, strict=False)
                if chain is not None and _RE.UPON_REQUEST_AFTER_NAME.match(sentence, chain.end):
                    return False  # 应联合国的要求, 应安全理事会的邀请: "at the request of"
        if word == "同意" and _RE.WITH_CONSENT.search(sentence, max(0, start - 16), start):
            return False  # 非经区域主任同意: "without the consent of", not "agrees"
        if word == "将":
            if self._disposal_in_clause(sentence, end):
                return False  # 将该组织视为, 应将…通知: 将 marks the object, not the future
        if word == "会":
            before = sentence[start - 1] if start else " "
            if before.strip() and before not in _PUNCTUATION and before not in _ADVERBS:
                ends_a_name = any(e == start for _, _, e in self.lexicon.mentions(sentence[max(0, start - 40) : start]))
                if not ends_a_name and not self._name_ends_at(sentence, start):
                    return False  # 理事会, 大会, 委员会, 会违反
        return True

    def _disposal_in_clause(self, sentence: str, end: int) -> bool:
        """Whether a word of ``DISPOSAL`` (视为, 通知 ...) follows ``end`` before its clause ends (，。；).

        In a long sentence the clause ends and where those words may start are found once and bisected:
        a search from each 将 to its clause's end reads a long clause again for every 将 in it.
        """
        if len(sentence) < LONG_SENTENCE:
            found = _RE.CLAUSE_END.search(sentence, end)
            return bool(_RE.DISPOSAL.search(sentence, end, found.start() if found else len(sentence)))
        ends = self.places(sentence, "，。；")
        index = bisect.bisect_left(ends, end)
        stop = ends[index] if index < len(ends) else len(sentence)
        starts = self.positions(sentence, _RE.DISPOSAL_START)
        index = bisect.bisect_left(starts, end)
        while index < len(starts) and starts[index] < stop:
            if _RE.DISPOSAL.match(sentence, starts[index], stop):
                return True
            index += 1
        return False

    def _name_ends_at(self, sentence: str, position: int) -> bool:
        return any(
            position - len(surface) >= 0 and sentence.startswith(surface, position - len(surface))
            for surface in self.lexicon.terms
        )

    def scopes(self, sentence: str, markers: list[Marker]) -> list[tuple[int, int]]:
        spans = []
        for marker in markers:
            if marker.modality != "recognition":
                continue
            if sentence.startswith("，", marker.end):
                spans.append((marker.end, len(sentence)))  # 认识到，必须…: the rest is what is recognised
            else:
                comma = self.next_separator(sentence, marker.end)
                spans.append((marker.end, comma if comma >= 0 else len(sentence)))
        conditional = self.lexicon.words("CONDITIONAL")
        for found in _RE.REPORT.finditer(sentence):
            when = _RE.WHEN_CLAUSE.match(sentence, found.end())
            comma = self.next_separator(sentence, found.end())
            if when is None and comma > 0 and conditional.match(sentence, self.chunk_start(sentence, 0, found.start())):
                spans.append((found.end(), comma))  # 如政府认为…，应: what is considered ends with the condition
            else:
                spans.append((found.end(), when.end() if when else len(sentence)))
        for found in _RE.REGARD.finditer(sentence):
            comma = self.next_separator(sentence, found.end())
            spans.append((found.end(), comma if comma >= 0 else len(sentence)))
        return spans

    def is_savings(self, sentence: str, marker: Marker, clause_start: int) -> bool:
        word = sentence[marker.start : marker.end]
        return word.startswith("不") and bool(_RE.SAVINGS_AFTER.match(sentence, marker.end))

    def boundaries(self, sentence: str, markers: list[Marker]) -> list[tuple[int, int]]:
        bounds: list[tuple[int, int]] = []
        previous_end = 0
        for marker in markers:
            for found in reversed(list(_RE.COORDINATOR.finditer(sentence, previous_end, marker.start))):
                between = sentence[found.end() : marker.start]
                new_subject = bool(between.strip()) and "，" not in between  # "，但应" keeps the subject
                if found.group() == "；" or (previous_end and new_subject):
                    bounds.append((found.start(), found.end()))
                    break
            previous_end = marker.end
        return bounds

    def is_subordinate(self, sentence: str, chunk_start: int, marker: Marker) -> bool:
        return False  # Chinese relative clauses end in 的, and 可能 is not a marker

    def chain_in(self, sentence: str, start: int, end: int) -> Chain | None:
        chain = self.lexicon.chain(sentence, start)
        if chain is not None:
            return chain
        modifier = sentence.rfind("的", start, end)  # 上文提到的联合国机构
        if modifier >= 0:
            chain = self.lexicon.chain(sentence, modifier + 1)
            if chain is not None and not chain.is_back_reference:
                return Chain(chain.items, start, chain.end)
        return None

    def passive(
        self, sentence: str, marker: Marker, clause_end: int, subject: Chain | None
    ) -> tuple[bool, Chain | None]:
        if marker.modality not in ("obligation", "permission", "prohibition"):
            return False, None
        if marker.modality == "obligation" and _RE.STATUS_VERB.match(sentence, marker.end, clause_end):
            return True, None  # 奥斯特拉官员应免缴所得税: exempt, granted by the other party
        found = _RE.AGENT.match(sentence, marker.end, clause_end)
        if found is None:
            return False, None
        by = found.group("by")
        if by == "受" and marker.modality != "prohibition" and not sentence.startswith("邀", found.end()):
            return False, None  # 应受本协定约束 is the subject's duty; 不应受…约束 is granted by the other party
        if (
            subject is not None
            and by in _WITH_SUBJECT_ONLY_IF_MODIFIER
            and "的" not in sentence[subject.end : marker.start]
        ):
            # 联合国应由…: no passive of the party; 联合国…提供服务的费用，应由…: the party modifies the subject noun
            return False, None

        agent = self.lexicon.chain(sentence, found.end(), strict=False)
        return True, agent if agent is not None and not agent.is_back_reference else None

    def coordinated(self, sentence: str, previous_end: int, marker: Marker) -> bool:
        return bool(_RE.COORDINATED.fullmatch(sentence, previous_end, marker.start))

    def status_list(self, sentence: str, marker: Marker, following: str) -> bool:
        return marker.modality == "obligation" and bool(
            _RE.LIST_INTRO.match(sentence, marker.end) and _RE.STATUS.match(following)
        )

    def agentless(self, sentence: str, marker: Marker, clause_start: int, clause_end: int, is_passive: bool) -> bool:
        if is_passive or marker.modality in ("permission", "prohibition"):
            return True
        return bool(_RE.AGENTLESS.search(sentence, self.chunk_start(sentence, clause_start, marker.start), clause_end))

    def agents_between(self, sentence: str, marker: Marker, clause_end: int) -> Chain | None:
        """费用应按照甲方与乙方之间的安排分担: the parties that make the arrangement."""
        for found in _RE.BETWEEN.finditer(sentence, marker.end, clause_end):
            for _, start, _ in self.lexicon.mentions(sentence[marker.end : found.start()]):
                chain = self.lexicon.chain(sentence, marker.end + start, strict=False)
                if chain is not None and chain.end == found.start():
                    return chain
        return None

    def action(self, sentence: str, marker: Marker, clause_end: int) -> str:
        return sentence[marker.end : clause_end].strip().strip("。；，：").strip()

    def operative(self, sentence: str) -> Operative | None:
        for pattern, modality, addressed in _OPERATIVE:
            found = patterns.compile(pattern).match(sentence)
            if found:
                return Operative(found.end(), modality, addressed)
        return None

    def operative_action(self, sentence: str, start: int) -> str:
        return sentence[start:].strip().strip("。；，：").strip()
