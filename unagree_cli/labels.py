"""Chinese numerals, both ways, for article labels such as 第十六条."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2}


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


def zh_to_number(text: str) -> int | None:
    """``"十六"`` -> 16, ``"二十一"`` -> 21, ``"16"`` -> 16; ``None`` if not a number."""
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    total = 0
    current = 0
    seen_any = False
    for char in text:
        if char in _VALUE:
            current = _VALUE[char]
            seen_any = True
        elif char == "十":
            total += (current or 1) * 10
            current = 0
            seen_any = True
        elif char == "百":
            if not current:
                return None
            total += current * 100
            current = 0
        else:
            return None
    return total + current if seen_any or total else None
