"""Chinese: 应, 应当, 须, 必须, 将, 同意, 承诺, 可, 可以, 不得, 无权, 有权, 认识到, 承认, 确认."""

from __future__ import annotations

import re
from functools import cached_property

from .engine import Grammar, Marker, Operative
from .lexicon import Chain

# Tried left to right at each position, the first alternative that matches wins.
_MARKERS: list[tuple[str, str, bool]] = [
    ("right", "应当有权|应有权|有权", False),
    ("prohibition", "无权|不得|不应当|不应|不可以|不可|不能|禁止", False),
    ("recognition", "表示注意到|注意到|认识到|承认|确认", False),
    ("obligation", "必须|应当|应该|须|应|承诺|同意", False),
    ("obligation", "将|会", True),  # will: a commitment when the subject stands right before it
    ("permission", "可以|可", False),
]

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
    def MARKER(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?P<m{i}>{pattern})" for i, (_, pattern, _) in enumerate(_MARKERS)))

    @cached_property
    def UPON_REQUEST(self) -> re.Pattern[str]:
        return re.compile(r"(?:其|对方|该方|有关方面)?的?(?:请求|要求|邀请)")

    @cached_property
    def DISPOSAL(self) -> re.Pattern[str]:
        return re.compile(r"视为|作为|当作|看作|提交|通知|交给|交由|列入|纳入|转交|分发|译成|告知|送交|归还")

    @cached_property
    def SAVINGS_AFTER(self) -> re.Pattern[str]:
        return re.compile(r"(?:被)?(?:妨碍|理解为|解释为|影响|损害|减损|视为)")

    @cached_property
    def REPORT(self) -> re.Pattern[str]:
        return re.compile(r"规定[，：:]|(?:希望|期望|相信|认为)[，：:]?")

    @cached_property
    def COORDINATOR(self) -> re.Pattern[str]:
        return re.compile(r"；|，(?:而|但是|但|然而)")

    @cached_property
    def LEAD(self) -> re.Pattern[str]:
        return re.compile(r"\s*(?:则|而|且|并且|并|但是|但|此后|同样|为此|因此|另外|此外|同时|然后|其后|不过)*")

    @cached_property
    def TRAIL(self) -> re.Pattern[str]:
        return re.compile(r"(?:也|还|亦|均|都|则|同样|并|特此|即|就|一律|\s)*$")

    @cached_property
    def BETWEEN(self) -> re.Pattern[str]:
        return re.compile(r"之间的?(?:另行|另做)?(?:安排|协议|约定|商定)")

    @cached_property
    def AGENT(self) -> re.Pattern[str]:
        return re.compile(r"(?:也|还|均|都|亦)*(?P<by>由|经|被)")


_RE = _Patterns()


def split_sentences(text: str) -> list[str]:
    """Sentences end at 。！？ (after a closing quotation mark that follows one)."""
    from .sentences import split_sentences as split

    return split(text, "zh")


class Chinese(Grammar):
    lang = "zh"
    chunk_separator = "，"

    def markers(self, sentence: str) -> list[Marker]:
        out = []
        for found in _RE.MARKER.finditer(sentence):
            index = int((found.lastgroup or "m0")[1:])
            modality, _, weak = _MARKERS[index]
            if self._is_marker(sentence, found.start(), found.end(), weak):
                out.append(Marker(found.start(), found.end(), modality, weak))
        return out

    def _is_marker(self, sentence: str, start: int, end: int, weak: bool) -> bool:
        """Lexical tests: 可能 is not 可, 应联合国的要求 is "upon request", 理事会 is not 会."""
        word = sentence[start:end]
        before = sentence[start - 1] if start else " "  # a space is in none of the sets below
        after = sentence[end:]
        if word == "有权" and before in "所具享拥":
            return False
        if word == "应":
            if before in "相适反供响回答对感照呼效顺" or after[:1] in ("用", "邀", "急", "聘", "变", "付"):
                return False
            if _RE.UPON_REQUEST.match(after):
                return False
            chain = self.lexicon.chain(sentence, end, strict=False)
            if chain is not None and _RE.UPON_REQUEST.match(sentence, chain.end):
                return False  # 应联合国的要求, 应安全理事会的邀请: "at the request of"
        if word == "须" and (before in "无毋不" or after.startswith("知")):
            return False
        if word in ("可", "可以") and before in "许认尽宁":
            return False
        if word == "可" and re.match(r"能|行|靠|见|观|谓|疑|惜|怜|口|爱|供|信|持续|用", after):
            return False
        if word == "同意" and (before in "经未的" or sentence[max(0, start - 2) : start] == "双方"):
            return False
        if word == "承诺" and before in "的出":
            return False
        if word == "不得" and after.startswith("不"):
            return False
        if word in ("注意到", "认识到", "承认", "确认") and before == "的":
            return False
        if word == "将":
            if before in "应可须会即必" or sentence[max(0, start - 2) : start] in ("同意", "承诺"):
                return False
            if after[:1] in ("来", "近", "军"):
                return False
            clause = re.split(r"[，。；]", after, maxsplit=1)[0]
            if _RE.DISPOSAL.search(clause):
                return False  # 将该组织视为, 应将…通知: 将 marks the object, not the future
        if word == "会":
            if after[:1] and after[0] in "议员期谈晤场所费计同商长务话面见":
                return False
            if before.strip() and before not in _PUNCTUATION and before not in _ADVERBS:
                ends_a_name = any(e == start for _, _, e in self.lexicon.mentions(sentence[:start]))
                if not ends_a_name:
                    return False  # 理事会, 大会, 委员会, 会违反
        return True

    def scopes(self, sentence: str, markers: list[Marker]) -> list[tuple[int, int]]:
        spans = []
        for marker in markers:
            if marker.modality != "recognition":
                continue
            if sentence.startswith("，", marker.end):
                spans.append((marker.end, len(sentence)))  # 认识到，必须…: the rest is what is recognised
            else:
                comma = sentence.find("，", marker.end)
                spans.append((marker.end, comma if comma >= 0 else len(sentence)))
        spans += [(found.end(), len(sentence)) for found in _RE.REPORT.finditer(sentence)]
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

    def strip_lead(self, sentence: str, start: int, end: int) -> int:
        found = _RE.LEAD.match(sentence, start, end)
        return found.end() if found else start

    def strip_trail(self, sentence: str, start: int, end: int) -> int:
        found = _RE.TRAIL.search(sentence, start, end)
        return found.start() if found else end

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
        found = _RE.AGENT.match(sentence, marker.end, clause_end)
        if found is None or (subject is not None and found.group("by") != "被"):
            return False, None
        agent = self.lexicon.chain(sentence, found.end(), strict=False)
        return True, agent if agent is not None and not agent.is_back_reference else None

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
            found = re.match(pattern, sentence)
            if found:
                return Operative(found.end(), modality, addressed)
        return None

    def operative_action(self, sentence: str, start: int) -> str:
        return sentence[start:].strip().strip("。；，：").strip()
