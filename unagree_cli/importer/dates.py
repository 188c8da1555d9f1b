"""Dates as UN texts write them, in the six languages: ``25 July 2016``, ``2016年7月25日``, ``3 أيار/مايو 2017``."""

from __future__ import annotations

import re

from .rules import DIGIT_MAP

_MONTHS = {
    "en": "january february march april may june july august september october november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
}


def only_date(text: str, lang: str) -> bool:
    """The line is a date and nothing else (a masthead's date), in any of the ways UN texts write one."""
    rest = re.sub(r"\d+|de|года|г\.|年|月|日|/|\s", "", text.translate(DIGIT_MAP), flags=re.IGNORECASE)
    months = _MONTHS.get(lang, "").split() + _AR_MONTHS
    for month in sorted(months, key=len, reverse=True):
        rest = re.sub(month, "", rest, flags=re.IGNORECASE)
    return rest == ""


_MONTHS_AR = "يناير فبراير مارس أبريل مايو يونيه يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"
_AR_MONTHS = (
    "كانون الثاني يناير شباط فبراير آذار مارس نيسان أبريل أيار مايو حزيران يونيه "
    "تموز يوليه آب أغسطس أيلول سبتمبر تشرين الأول أكتوبر الثاني نوفمبر كانون ديسمبر"
).split()


def date_in(text: str, lang: str) -> str | None:
    text = text.translate(DIGIT_MAP)
    found = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
    if found:
        return f"{int(found.group(1)):04d}-{int(found.group(2)):02d}-{int(found.group(3)):02d}"
    if lang == "ar":
        arabic = _MONTHS_AR.split()
        found = re.search(r"(\d{1,2})\s+(?:\S+\s+)?\S+/(" + "|".join(arabic) + r")\s+(\d{4})", text)
        if found:
            return f"{int(found.group(3)):04d}-{arabic.index(found.group(2)) + 1:02d}-{int(found.group(1)):02d}"
    months = _MONTHS.get(lang, "").split()
    if months:
        pattern = r"(\d{1,2})(?:er|º)?\s+(?:de\s+)?(" + "|".join(months) + r")\s+(?:de\s+)?(\d{4})"
        found = re.search(pattern, text, re.IGNORECASE)
        if found:
            month = months.index(found.group(2).lower()) + 1
            return f"{int(found.group(3)):04d}-{month:02d}-{int(found.group(1)):02d}"
    return None
