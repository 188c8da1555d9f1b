"""Chinese numerals, both ways, for article labels such as 第十六条."""

from __future__ import annotations

from .patterns import lazy

DIGITS = "零一二三四五六七八九"


def number_to_zh(num: str) -> str:
    """``"16"`` -> ``"十六"``; numbers over 999 or with letters are returned as they are."""
    if not num.isdigit():
        return num
    n = int(num)
    if n == 0 or n > 999:
        return num
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += DIGITS[hundreds] + "百"
        if tens == 0 and ones:
            return out + "零" + DIGITS[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    if ones:
        out += DIGITS[ones]
    return out


_DIGIT = "一二三四五六七八九"
_ZH_VALUE = {c: i for i, c in enumerate(_DIGIT, 1)} | {"两": 2}
_ZH_GRAMMAR = lazy(
    rf"(?:(?P<q>[{_DIGIT}两])千)?(?:(?P<h>[{_DIGIT}两])百)?(?P<z>[零〇])?(?:(?P<t>[{_DIGIT}])?(?P<ten>十))?(?P<o>[{_DIGIT}])?"
)


def zh_to_number(text: str) -> int | None:
    """A number written in digits or as a well-formed Chinese numeral up to 9999, else ``None``.

    The grammar is the written one: 五, 十五, 二十, 二十五, 一百, 一百零五,
    一百一十五, 两千零二十: each of 千, 百, 十 at most once and in that order,
    each after one digit (十 may stand alone at the head: 十五), and 零 exactly
    where a place is skipped before a later digit. Digit-by-digit forms (五五,
    九九), a repeated or misplaced unit (十十, 十百), a skipped place without
    零 (一千五, colloquial for 1500) and 零 where nothing is skipped are
    refused rather than guessed.
    """
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    match = _ZH_GRAMMAR.fullmatch(text)
    if match is None:
        return None
    q, h, z, t, ten, o = (match.group(g) for g in ("q", "h", "z", "t", "ten", "o"))
    places = [q is not None, h is not None, ten is not None, o is not None]  # thousands, hundreds, tens, ones
    if not any(places):
        return None
    first = places.index(True)
    last = len(places) - 1 - places[::-1].index(True)
    skipped = not all(places[first : last + 1])  # a place left out between the first and the last (one run at most)
    if skipped != (z is not None):
        return None
    if ten is not None and t is None and (q or h):
        t = "一"  # 一百十五 reads as 一百一十五
    value = 0
    for digit, size in ((q, 1000), (h, 100), (t if ten else None, 10), (o, 1)):
        if digit is not None:
            value += _ZH_VALUE[digit] * size
    if ten is not None and t is None:
        value += 10
    return value


# How each official language labels the units of a treaty, when treaty.yaml gives no labels of its own.
# Placeholders: {n} the number as the corpus writes it ("5", "a"); {n_zh} in Chinese numerals (第五条);
# {n_ord} with the ordinal word some languages use for article 1 (Article premier, Artículo primero);
# {n_letter} a point letter in the language's own alphabet ((б), (ب)).
DEFAULT_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "language": "English",
        "article": "Article {n}",
        "paragraph": "{n}.",
        "point": "({n})",
        "preamble": "Preamble",
        "conclusions": "Conclusions",
        "footnotes": "Footnotes",
    },
    "fr": {
        "language": "Français",
        "article": "Article {n_ord}",
        "paragraph": "{n}.",
        "point": "{n})",
        "preamble": "Préambule",
        "conclusions": "Clauses finales",
        "footnotes": "Notes",
    },
    "es": {
        "language": "Español",
        "article": "Artículo {n_ord}",
        "paragraph": "{n}.",
        "point": "{n})",
        "preamble": "Preámbulo",
        "conclusions": "Cláusulas finales",
        "footnotes": "Notas",
    },
    "ru": {
        "language": "Русский",
        "article": "Статья {n}",
        "paragraph": "{n}.",
        "point": "{n_letter})",
        "preamble": "Преамбула",
        "conclusions": "Заключительные положения",
        "footnotes": "Сноски",
    },
    "ar": {
        "language": "العربية",
        "article": "المادة {n}",
        "paragraph": "{n} -",
        "point": "({n_letter})",
        "preamble": "الديباجة",
        "conclusions": "الخاتمة",
        "footnotes": "الحواشي",
    },
    "zh": {
        "language": "中文",
        "article": "第{n_zh}条",
        "paragraph": "{n}.",
        "point": "({n})",
        "preamble": "序言",
        "conclusions": "结尾",
        "footnotes": "脚注",
    },
}
LABEL_KEYS = ("language", "article", "paragraph", "point", "preamble", "conclusions", "footnotes")

# Point letters in the order of each alphabet: the corpus numbers points by their position in Latin
# letters, so (b), (б) and (ب) are the same point.
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
POINT_LETTERS: dict[str, str] = {
    "ru": "абвгдежзиклмнопрстуфхцчшщэюя",
    "ar": "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ",
}
ORDINAL_ONE: dict[str, str] = {"fr": "premier", "es": "primero"}


def default_labels(lang: str) -> dict[str, str]:
    """The labels of ``lang``: its own if it is an official language, else English's named by the code."""
    own = DEFAULT_LABELS.get(lang)
    if own is not None:
        return dict(own)
    return {**DEFAULT_LABELS["en"], "language": lang}


def letter(lang: str, num: str) -> str:
    """A point's Latin letter in ``lang``'s alphabet (``b`` -> ``б`` in Russian); others unchanged."""
    letters = POINT_LETTERS.get(lang)
    if letters and len(num) == 1 and num in LATIN_LETTERS and LATIN_LETTERS.index(num) < len(letters):
        return letters[LATIN_LETTERS.index(num)]
    return num


def from_letter(lang: str, char: str) -> str:
    """The inverse of :func:`letter`: ``б`` -> ``b``; anything else lower-cased as it is."""
    letters = POINT_LETTERS.get(lang, "")
    if len(char) == 1 and char in letters:
        return LATIN_LETTERS[letters.index(char)]
    return char.lower()


def format_label(template: str, lang: str, num: str) -> str:
    """A label template filled in: ``Article {n_ord}`` with ``1`` in French is ``Article premier``."""
    ordinal = ORDINAL_ONE.get(lang, "1") if num == "1" else num
    try:
        return template.format(n=num, n_zh=number_to_zh(num), n_ord=ordinal, n_letter=letter(lang, num))
    except (KeyError, IndexError, ValueError):
        return template
