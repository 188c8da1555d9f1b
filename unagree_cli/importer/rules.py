"""Per-language data tables for reading UN publications: markers, numerals, furniture, formulas.

Everything the importer knows about a language lives here as data; the parser only walks the tables.
Patterns are matched against one block of text (a paragraph with its wrapped lines joined).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import patterns
from ..patterns import lazy

LANGS = ("ar", "zh", "en", "fr", "ru", "es")

# Digits other than 0-9 that UN texts use: Arabic-Indic and Eastern Arabic-Indic, and full-width.
DIGIT_MAP = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)


# Arabic letters with the forms texts also use for them.
LETTER_VARIANTS = {"ا": "أ", "إ": "أ", "ه": "ه", "ـ": ""}

# Words for "first" that some languages use for article 1 (Article premier, Artículo primero).
# Arabic ordinals (feminine, as المادة takes them): المادة الأولى is article 1.
_AR_ORDINALS = "الأولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة".split()
AR_ORDINALS: dict[str, str] = (
    {word: str(i + 1) for i, word in enumerate(_AR_ORDINALS)}
    | {f"{word} عشرة": str(i + 11) for i, word in enumerate(["الحادية", *_AR_ORDINALS[1:9]])}
    | {"العشرون": "20"}
)
# and the masculine ones that المرفق (annex) and البند (item) take: المرفق الثاني is annex II.
_AR_ORDINALS_M = "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر".split()
AR_ORDINALS |= {word: str(i + 1) for i, word in enumerate(_AR_ORDINALS_M)}
ORDINAL_WORDS: dict[str, str] = {
    "premier": "1",
    "première": "1",
    "primero": "1",
    "primera": "1",
    "first": "1",
    "único": "1",
    "segundo": "2",
    "tercero": "3",
    "cuarto": "4",
    "quinto": "5",
    "sexto": "6",
    "séptimo": "7",
    "octavo": "8",
    "noveno": "9",
    "décimo": "10",
    "unique": "1",
}


# Ordinal numerals in words as session lines write them ("Soixante-treizième session", "Septuagésimo tercer
# período de sesiones", "Семьдесят третья сессия", "الدورة الثالثة والسبعون"): the value of each word; a
# session's number is their sum (French "quatre-vingt" multiplies).
_FR_UNITS = "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize".split()
_FR_UNIT_ORD = (
    "unième deuxième troisième quatrième cinquième sixième septième huitième neuvième dixième onzième douzième "
    "treizième quatorzième quinzième seizième"
).split()
ORDINAL_VALUES: dict[str, dict[str, int]] = {
    "fr": {w: i + 1 for i, w in enumerate(_FR_UNITS)}
    | {w: i + 1 for i, w in enumerate(_FR_UNIT_ORD)}
    | {"premier": 1, "première": 1, "second": 2, "seconde": 2, "et": 0}
    | {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100}
    | {"vingtième": 20, "trentième": 30, "quarantième": 40, "cinquantième": 50, "soixantième": 60}
    | {"centième": 100},
    "es": {
        w: i + 1 for i, w in enumerate("primer segundo tercer cuarto quinto sexto séptimo octavo noveno décimo".split())
    }
    | {"primero": 1, "tercero": 3, "undécimo": 11, "duodécimo": 12}
    | {
        w: 10 * (i + 2)
        for i, w in enumerate(
            "vigésimo trigésimo cuadragésimo quincuagésimo sexagésimo septuagésimo octogésimo nonagésimo".split()
        )
    }
    | {"centésimo": 100},
    "ru": {
        w: i + 1
        for i, w in enumerate(
            "первая вторая третья четвертая пятая шестая седьмая восьмая девятая десятая одиннадцатая "
            "двенадцатая тринадцатая четырнадцатая пятнадцатая шестнадцатая семнадцатая восемнадцатая "
            "девятнадцатая".split()
        )
    }
    | {"четвёртая": 4, "двадцатая": 20, "тридцатая": 30, "сороковая": 40, "пятидесятая": 50}
    | {"шестидесятая": 60, "семидесятая": 70, "восьмидесятая": 80, "девяностая": 90, "сотая": 100}
    | {"двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60}
    | {"семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100},
    "ar": {
        w: i + 1
        for i, w in enumerate("الأولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة".split())
    }
    | {"الحادية": 1, "عشرة": 10}
    | {
        w: 10 * (i + 2)
        for i, w in enumerate("العشرون الثلاثون الأربعون الخمسون الستون السبعون الثمانون التسعون".split())
    }
    | {"المائة": 100},
}


@dataclass(frozen=True)
class LangRules:
    """How one language writes the parts of a UN publication."""

    code: str
    joiner: str  # what joins the wrapped lines of one paragraph
    article: str  # a block that is only an article marker; group 'n' is its number
    paragraph: str  # a numbered paragraph's marker at the start of a block
    point: str  # a lettered point's marker at the start of a block
    annex: str  # a block that opens an annex
    closing: tuple[str, ...]  # the preamble's closing formula ("Have agreed as follows:")
    witness: tuple[str, ...]  # the formula that opens the conclusions ("In witness whereof")
    meeting: str  # "112th plenary meeting"
    session: str  # "Seventieth session" / "第七十届会议"; group 'n'
    agenda: str  # "Agenda item 175"; group 'n'
    signed_for: str  # the party line of a signature block ("For the United Nations:")
    draft: tuple[str, ...]  # words that mark a draft
    adopted: tuple[str, ...]  # words that mark an adopted resolution
    doc_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # document key -> words naming it
    stopwords: tuple[str, ...] = ()  # frequent words, to tell Latin-script languages apart
    comma_end: str = ","  # how a preamble clause ends
    # Word division at a line's end (``coopé-`` / ``ration``): whether the language's UN texts divide words,
    # and the compounds whose hyphen stays when it falls there: their first part, or their last part.
    # the heading of an annex to a letter or note ("Annex to the letter dated ... from ..."): opens an annex
    annex_to: str = r"(?!)"
    # a line that is a signature's party line and nothing else, when ``signed_for`` is too loose to tell one
    # from a sentence that ends with a colon (Chinese: 代表联合国：, never 参加这些机构并与之合作：)
    party_line: str = ""
    hyphenates: bool = False
    hyphen_stays_after: tuple[str, ...] = ()  # vice-, sous-, non- ...
    hyphen_stays_before: tuple[str, ...] = ()  # -ci, -là, -même, -либо ...


_EN_DOCS = {
    "note": ("Note by the Secretary-General", "Note by the Secretariat", "Note verbale"),
    "letter": ("Letter dated",),
    "report": ("Report of the",),
    "resolution": ("Resolution adopted by", "Draft resolution", "draft resolution"),
    "decision": ("Decision adopted by", "Draft decision"),
    "agreement": ("Agreement",),
    "convention": ("Convention",),
    "protocol": ("Protocol",),
    "memorandum": ("Memorandum of Understanding",),
}

RULES: dict[str, LangRules] = {
    "en": LangRules(
        code="en",
        annex_to=r"(?i)^annex(?:\s+(?P<n>[ivxlc]+|\d+))?\s+to\s+the\s+(?:letter|note|report)\b",
        joiner=" ",
        article=r"(?i)^article\s+(?P<n>\d{1,3}|[ivxlc]+|first)$",
        paragraph=r"^(?P<n>\d{1,3})\.(?:\s+|$)",
        point=r"^\((?P<n>[a-z]{1,2}|[ivx]+)\)\s*",
        annex=r"(?i)^annex(?:\s+(?P<n>[ivxlc]+|\d+))?$",
        closing=(r"(?i)have agreed as follows:?$", r"(?i)agree as follows:?$"),
        witness=(r"(?i)^in witness (?:thereof|whereof)",),
        meeting=r"(?i)^\d+(?:st|nd|rd|th) plenary meeting$",
        session=r"(?i)^(?P<n>[a-z]+(?:-[a-z]+)?) session$",
        agenda=r"(?i)^(?:(?:provisional )?agenda items?|item) (?P<n>\d+[a-z]?)",
        signed_for=r"For (?:the )?[^:]{2,120}:",
        draft=("draft",),
        adopted=("adopted",),
        doc_words=_EN_DOCS,
        stopwords=("the", "of", "and", "to", "in", "shall", "with", "for", "on", "by"),
    ),
    "fr": LangRules(
        code="fr",
        annex_to=r"(?i)^annexe(?:\s+(?P<n>[ivxlc]+|\d+))?\s+(?:à|de)\s+la\s+(?:lettre|note)\b",
        joiner=" ",
        article=r"(?i)^article\s+(?P<n>\d{1,3}|premier|première|[ivxlc]+)$",
        paragraph=r"^(?P<n>\d{1,3})\.(?:\s+|$)",
        point=r"^\(?(?P<n>[a-z]{1,2}|[ivx]+)\)\s*",
        annex=r"(?i)^annexe(?:\s+(?P<n>[ivxlc]+|\d+))?$",
        closing=(r"(?i)sont convenu(?:e)?s de ce qui suit\s*:?$", r"(?i)conviennent de ce qui suit\s*:?$"),
        witness=(r"(?i)^en foi de quoi",),
        meeting=r"(?i)^\d+e séance plénière$",
        session=r"(?i)^(?P<n>[a-zéè -]+) session$",
        agenda=r"(?i)^points? (?P<n>\d+[a-z]?) de l.ordre du jour",
        signed_for=r"(?:Pour|Au nom de) (?:l[ae'’] ?|les )?[^:]{2,120}\s?:",
        draft=("projet",),
        adopted=("adoptée",),
        doc_words={
            "note": ("Note du Secrétaire général", "Note du Secrétariat"),
            "letter": ("Lettre datée",),
            "report": ("Rapport d",),
            "resolution": ("Résolution adoptée par", "Projet de résolution"),
            "decision": ("Décision adoptée par", "Projet de décision"),
            "agreement": ("Accord",),
            "convention": ("Convention",),
            "protocol": ("Protocole",),
            "memorandum": ("Mémorandum d’accord", "Mémorandum d'accord"),
        },
        stopwords=("le", "la", "les", "des", "et", "du", "de", "à", "est", "dans", "pour"),
        hyphenates=True,
        hyphen_stays_after=(
            "ci",
            "vice",
            "sous",
            "non",
            "demi",
            "mi",
            "semi",
            "quasi",
            "ex",
            "après",
            "avant",
            "arrière",
            "contre",
            "porte",
            "grand",
            "grande",
            "c’est",
            "c'est",
            "peut",
            "au",
            "là",
            "état",
            "états",
        ),
        hyphen_stays_before=("ci", "là", "même", "mêmes", "être", "dire", "il", "elle", "ils", "elles", "on", "t"),
    ),
    "es": LangRules(
        code="es",
        annex_to=r"(?i)^anexo(?:\s+(?P<n>[ivxlc]+|\d+))?\s+(?:de|a)\s+la\s+(?:carta|nota)\b",
        joiner=" ",
        article=r"(?i)^art[íi]culo\s+(?P<n>\d{1,3}(?=[º°.]?$)|primero|segundo|tercero|cuarto|quinto|sexto|séptimo"
        r"|octavo|noveno|décimo|[ivxlc]+)[º°.]?$",
        paragraph=r"^(?P<n>\d{1,3})\.(?:\s+|$)",
        point=r"^\(?(?P<n>[a-z]{1,2}|[ivx]+)\)\s*",
        annex=r"(?i)^anexo(?:\s+(?P<n>[ivxlc]+|\d+))?$",
        closing=(r"(?i)han convenido (?:en )?lo siguiente\s*:?$", r"(?i)acuerdan lo siguiente\s*:?$"),
        witness=(r"(?i)^en (?:testimonio|fe) de lo cual",),
        meeting=r"(?i)^\d+ª sesión plenaria$",
        session=r"(?i)^(?P<n>[a-zéíóú -]+) per[íi]odo de sesiones$",
        agenda=r"(?i)^temas? (?P<n>\d+[a-z]?) del programa",
        signed_for=r"(?:Por|En nombre de) (?:el |la |las |los )?[^:]{2,120}:",
        draft=("proyecto",),
        adopted=("aprobada",),
        doc_words={
            "note": ("Nota del Secretario General", "Nota de la Secretaría"),
            "letter": ("Carta de fecha",),
            "report": ("Informe d",),
            "resolution": ("Resolución aprobada por", "Proyecto de resolución"),
            "decision": ("Decisión aprobada por", "Proyecto de decisión"),
            "agreement": ("Acuerdo",),
            "convention": ("Convención", "Convenio"),
            "protocol": ("Protocolo",),
            "memorandum": ("Memorando de Entendimiento", "Memorando de entendimiento"),
        },
        stopwords=("el", "la", "los", "las", "de", "del", "y", "en", "que", "por", "con"),
        hyphenates=True,
        hyphen_stays_after=("ex", "vice", "no"),
    ),
    "ru": LangRules(
        code="ru",
        annex_to=r"(?i)^приложение(?:\s+(?P<n>[ivxlc]+|\d+))?\s+к\s+(?:письму|записке|вербальной)",
        joiner=" ",
        article=r"(?i)^статья\s+(?P<n>\d{1,3}|[ivxlc]+)$",
        paragraph=r"^(?P<n>\d{1,3})\.(?:\s+|$)",
        point=r"^\(?(?P<n>[а-я]{1,2}|[a-z]|[ivx]+)\)\s*",  # а) and, as many Russian UN texts write them, a)
        annex=r"(?i)^приложение(?:\s+(?P<n>[ivxlc]+|\d+))?$",
        closing=(r"(?i)договорились о нижеследующем\s*:?$", r"(?i)согласились о нижеследующем\s*:?$"),
        witness=(r"(?i)^в удостоверение чего",),
        meeting=r"(?i)^\d+-е пленарное заседание$",
        session=r"(?i)^(?P<n>[а-яё -]+) сессия$",
        agenda=r"(?i)^пункты? (?P<n>\d+[a-z]?) повестки дня",
        signed_for=r"(?:За|От имени) [^:]{2,120}:",
        draft=("проект",),
        adopted=("принятая", "принята"),
        doc_words={
            "note": ("Записка Генерального секретаря", "Записка Секретариата"),
            "letter": ("Письмо",),
            "report": ("Доклад",),
            "resolution": ("Резолюция, принятая", "Проект резолюции"),
            "decision": ("Решение, принятое", "Проект решения"),
            "agreement": ("Соглашение",),
            "convention": ("Конвенция",),
            "protocol": ("Протокол",),
            "memorandum": ("Меморандум о взаимопонимании",),
        },
        stopwords=("и", "в", "на", "с", "по", "о", "для", "что"),
        hyphenates=True,
        hyphen_stays_after=(
            "вице",
            "из",
            "по",
            "во",
            "как",
            "кто",
            "что",
            "где",
            "когда",
            "куда",
            "какой",
            "какая",
            "какое",
            "какие",
            "каких",
            "каким",
            "какого",
            "кого",
            "чего",
            "кому",
            "чему",
            "чей",
            "научно",
            "социально",
            "экономически",
            "военно",
            "финансово",
            "технико",
            "юго",
            "северо",
            "генерал",
            "штаб",
            "премьер",
        ),
        hyphen_stays_before=("либо", "нибудь", "то", "таки", "ка"),
    ),
    "ar": LangRules(
        code="ar",
        annex_to=r"^(?:ال)?مرفق\s+(?:ال|لل)(?:رسالة|مذكرة)\s",
        joiner=" ",
        article=r"^(?:ال)?مادة\s+(?P<n>\d{1,3}|[\u0660-\u0669]{1,3}|ال\S+(?: \S+)?)$",
        paragraph=r"^(?P<n>[\d\u0660-\u0669]{1,3})\s*(?:-|–|\.)(?:\s+|$)",
        point=r"^\((?P<n>[\u0621-\u064a]{1,2}ـ?)\)\s*",
        annex=r"^(?:ال)?مرفق(?:\s+(?P<n>[\u0621-\u064a]+|\d+|[ivxlcIVXLC]+))?$",
        closing=(r"قد اتفقت?ا? على ما يلي\s*:?$", r"اتفقت?ا? على ما يلي\s*:?$"),
        witness=(r"^(?:و)?إثباتا لذلك",),
        meeting=r"^الجلسة العامة\s*\d+$",
        session=r"^الدورة (?P<n>\S+(?:\s\S+){0,2})$",
        agenda=r"^البند (?P<n>\d+) من جدول الأعمال",
        signed_for=r"(?:عن|باسم) [^:]{2,120}:",
        draft=("مشروع",),
        adopted=("اتخذته", "اعتمدته"),
        doc_words={
            "note": ("مذكرة من الأمين العام", "مذكرة من الأمانة العامة"),
            "letter": ("رسالة مؤرخة",),
            "report": ("تقرير",),
            "resolution": ("قرار اتخذته", "مشروع قرار"),
            "decision": ("مقرر اتخذته", "مشروع مقرر"),
            "agreement": ("اتفاق",),
            "convention": ("اتفاقية",),
            "protocol": ("بروتوكول",),
            "memorandum": ("مذكرة تفاهم",),
        },
        comma_end="،,",
    ),
    "zh": LangRules(
        code="zh",
        annex_to=r"^\S{4,}(?:的信|的说明|的普通照会)的?附件(?P<n>[一二三四五六七八九十]+)?$",
        joiner="",
        article=r"^第(?P<n>[一二三四五六七八九十百零〇两\d]{1,6})条$",
        paragraph=r"^(?P<n>\d{1,3})[.．](?:\s*)",
        point=r"^[(（](?P<n>[a-z]{1,2}|[ivx]+)[)）]\s*",
        annex=r"^附件(?P<n>[一二三四五六七八九十]+|\d+)?$",
        closing=(r"兹议定如下[:：]?$", r"议定如下[:：]?$"),
        witness=(r"以昭信守[。.]?$", r"^为此"),
        meeting=r"^第\s*\d+\s*次全体会议$",
        session=r"^第(?P<n>[一二三四五六七八九十百零]+)届会议$",
        agenda=r"^议程项目\s*(?P<n>\d+)",
        signed_for=r"(?:代表)?[^:：]{2,60}[:：]",
        party_line=r"代表[^:：，。；]{2,60}[:：]",
        draft=("草案",),
        adopted=("通过的决议",),
        doc_words={
            "note": ("秘书长的说明", "秘书处的说明"),
            "letter": ("的信",),
            "report": ("的报告",),
            "resolution": ("大会通过的决议", "决议草案", "决议"),
            "decision": ("决定草案", "决定"),
            "agreement": ("协定",),
            "convention": ("公约",),
            "protocol": ("议定书",),
            "memorandum": ("谅解备忘录",),
        },
        comma_end="，,",
    ),
}

# A word divided at a line's end: letters, a hyphen, and the line's end.
DIVIDED = lazy(r"(?P<head>\w+)-$")

# Which document keys are named by a line of their own ("Note by the Secretary-General") and so win
# over words in a title ("... Agreement"): the publication type comes before the subject.
TYPE_KEYS = ("note", "letter", "report", "resolution", "decision")
SUBJECT_KEYS = ("memorandum", "agreement", "convention", "protocol")

# Page furniture every ODS text may carry, whatever its language.
FURNITURE: tuple[str, ...] = (
    r"^\s*[A-Z]{1,6}(?:/[A-Z0-9.]+){1,6}(?:/(?:Add|Rev|Corr)\.\d+)*\s*$",  # the symbol at the top of a page
    r"^\s*\d{1,3}/\d{1,3}\s+\d{2}-\d{5}(?:\s*\([A-Z]\))?\s*$",  # 3/8 16-11790 (C)
    r"^\s*\d{2}-\d{5}(?:\s*\([A-Z]\))?\s+\d{1,3}/\d{1,3}\s*$",  # 16-11790 (C) 3/8
    r"^\s*\d{2}-\d{5}\s*(?:\([A-Z]\))?(?:\s+\d{6}){0,2}\s*(?:\*\d+\*)?\s*$",  # a job number alone
    r"^\s*\d{1,3}/\d{1,3}\s*$",  # a page counter alone
    r"^\s*https?://(?:undocs\.org|documents\.un\.org|www\.un\.org)\S*\s*$",  # hyperlink targets
    r"^\s*\*\d{5,}\*\s*$",  # the barcode's text
    r"^\s*\[Start\d*\]\s*$",  # a converter's start marker
    r"^\s*_{5,}\s*$",  # a rule
    r"^\s*-{5,}\s*$",
    r"^\s*(?:Please recycle|請回收|请回收|Prière de recycler|Sírvase reciclar"
    r"|Просьба отправить на вторичную переработку)\s*$",
    r"^\s*Distr\.?(?:\s*:)?\s*"
    r"(?:General|Limited|Restricted|générale|limitée|general|limitada|общая|ограниченная)?\s*$",
    # Original: English
    r"^\s*(?:[A-Z][a-zñ]+\s+)?(?:Original|Подлинный текст|الأصل|原件|原文)\s*[:：]\s*\S+(?:\s\S+)?\s*$",
    r"^\s*(?:English|French|Spanish|Russian|Arabic|Chinese|Español|Français|Русский|العربية|中文)\s*$",
    # the first page's masthead: "United Nations  A/71/900", "General Assembly  Distr.: General"
    r"^\s*(?:United Nations|Nations Unies|Naciones Unidas|Организация Объединенных Наций|الأمم المتحدة|联\s*合\s*国)"
    r"\s+[A-Z]{1,6}(?:/[A-Z0-9.]+){1,6}\s*$",
    r"^\s*(?:General Assembly|Security Council|Economic and Social Council|Assemblée générale|Conseil de sécurité"
    r"|Conseil économique et social|Asamblea General|Consejo de Seguridad|Consejo Económico y Social"
    r"|Генеральная Ассамблея|Совет Безопасности|Экономический и Социальный Совет|الجمعية العامة|مجلس الأمن"
    r"|المجلس الاقتصادي والاجتماعي|大\s*会|安全理事会|经济及社会理事会)\s+Distr\.?.*$",
)
# A line where a converter's masthead begins: it and everything after it are furniture, but it names
# the symbol (<<ODS DOC SYMBOL1>>A/RES/70/296<<ODS DOC SYMBOL1>>).
MASTHEAD = lazy(r"<<ODS [A-Z ]+\d*>>")
MASTHEAD_SYMBOL = lazy(r"<<ODS DOC SYMBOL1>>(?P<s>[^<]+)<<ODS DOC SYMBOL1>>")
SYMBOL = lazy(r"^[A-Z]{1,6}(?:/[A-Z0-9.]+){1,6}$")

# Organs of the United Nations system that texts name, with their names in the six languages: the
# organs of a party the title names are drafted from this table and from the organs the text names.
UN_ORGANS: tuple[tuple[str, dict[str, list[str]]], ...] = (
    (
        "General Assembly",
        {
            "en": ["General Assembly"],
            "fr": ["Assemblée générale"],
            "es": ["Asamblea General"],
            "ru": ["Генеральная Ассамблея"],
            "ar": ["الجمعية العامة"],
            "zh": ["联合国大会", "大会"],
        },
    ),
    (
        "Security Council",
        {
            "en": ["Security Council"],
            "fr": ["Conseil de sécurité"],
            "es": ["Consejo de Seguridad"],
            "ru": ["Совет Безопасности"],
            "ar": ["مجلس الأمن"],
            "zh": ["安全理事会", "安理会"],
        },
    ),
    (
        "Economic and Social Council",
        {
            "en": ["Economic and Social Council"],
            "fr": ["Conseil économique et social"],
            "es": ["Consejo Económico y Social"],
            "ru": ["Экономический и Социальный Совет"],
            "ar": ["المجلس الاقتصادي والاجتماعي"],
            "zh": ["经济及社会理事会", "经社理事会"],
        },
    ),
    (
        "Secretary-General",
        {
            "en": ["Secretary-General"],
            "fr": ["Secrétaire général"],
            "es": ["Secretario General"],
            "ru": ["Генеральный секретарь"],
            "ar": ["الأمين العام"],
            "zh": ["秘书长"],
        },
    ),
    (
        "Secretariat",
        {
            "en": ["Secretariat"],
            "fr": ["Secrétariat"],
            "es": ["Secretaría"],
            "ru": ["Секретариат"],
            "ar": ["الأمانة العامة"],
            "zh": ["秘书处"],
        },
    ),
    (
        "International Court of Justice",
        {
            "en": ["International Court of Justice"],
            "fr": ["Cour internationale de Justice"],
            "es": ["Corte Internacional de Justicia"],
            "ru": ["Международный Суд"],
            "ar": ["محكمة العدل الدولية"],
            "zh": ["国际法院"],
        },
    ),
    (
        "Human Rights Council",
        {
            "en": ["Human Rights Council"],
            "fr": ["Conseil des droits de l’homme", "Conseil des droits de l'homme"],
            "es": ["Consejo de Derechos Humanos"],
            "ru": ["Совет по правам человека"],
            "ar": ["مجلس حقوق الإنسان"],
            "zh": ["人权理事会"],
        },
    ),
)

# Organs of other parties that texts commonly name (an organization's own bodies): found in the text.
OTHER_ORGANS: tuple[tuple[str, dict[str, list[str]]], ...] = (
    (
        "Director General",
        {
            "en": ["Director General", "Director-General"],
            "fr": ["Directeur général"],
            "es": ["Director General"],
            "ru": ["Генеральный директор"],
            "ar": ["المدير العام"],
            "zh": ["总干事"],
        },
    ),
    (
        "Executive Director",
        {
            "en": ["Executive Director"],
            "fr": ["Directeur exécutif"],
            "es": ["Director Ejecutivo"],
            "ru": ["Директор-исполнитель"],
            "ar": ["المدير التنفيذي"],
            "zh": ["执行主任"],
        },
    ),
    (
        "Council",
        {"en": ["Council"], "fr": ["Conseil"], "es": ["Consejo"], "ru": ["Совет"], "ar": ["المجلس"], "zh": ["理事会"]},
    ),
    (
        "Administration",
        {
            "en": ["Administration"],
            "fr": ["Administration"],
            "es": ["Administración"],
            "ru": ["Администрация"],
            "ar": ["الإدارة"],
            "zh": ["管理局"],
        },
    ),
)

# How "the United Nations" is written, to find it among a title's parties.
UNITED_NATIONS = {
    "en": "United Nations",
    "fr": "Organisation des Nations Unies",
    "es": "Naciones Unidas",
    "ru": "Организация Объединенных Наций",
    "ar": "الأمم المتحدة",
    "zh": "联合国",
}

# "between X and Y" in a title: the parties.
BETWEEN: dict[str, str] = {
    "en": r"between (?:the )?(?P<a>.+?) and (?:the )?(?P<b>.+?)(?:\s+(?:on|regarding|concerning)\s.*)?$",
    "fr": r"entre (?:l[ae'’] ?|les )?(?P<a>.+?) et (?:l[ae'’] ?|les )?(?P<b>.+?)"
    r"(?:\s+(?:sur|concernant|relatif)\s.*)?$",
    "es": r"entre (?:el |la |las |los )?(?P<a>.+?) y (?:el |la |las |los )?(?P<b>.+?)(?:\s+(?:sobre|relativo)\s.*)?$",
    "ru": r"между (?P<a>.+?) и (?P<b>.+?)$",
    "ar": r"بين (?P<a>.+?) و(?P<b>.+?)$",
    "zh": r"^(?P<a>.+?)(?:同|与|和)(?P<b>.+?)(?:(?:之)?间.*|(?:的)?(?:关系|合作)?(?:协定|协议|公约|议定书|备忘录).*)$",
}


# How a title names the United Nations in any grammatical case (Организацией Объединенных Наций).
UN_NAME = lazy(r"United Nations|Nations Unies|Naciones Unidas|Организаци\w* Объединенных Наций|الأمم المتحدة|^联合国$")

# Headings above articles that the format does not keep (Chapter I, Part II, Section 3): reported for review.
DIVISIONS: dict[str, str] = {
    "en": r"(?i)^(?:chapter|part|section)\s+(?:[ivxlc]+|\d+|[a-z])\.?$",
    "fr": r"(?i)^(?:chapitre|partie|titre|section)\s+(?:[ivxlc]+|\d+|premier|première)\.?$",
    "es": r"(?i)^(?:cap[íi]tulo|parte|t[íi]tulo|secci[óo]n)\s+(?:[ivxlc]+|\d+|primero|primera)\.?$",
    "ru": r"(?i)^(?:глава|часть|раздел)\s+(?:[ivxlc]+|\d+)\.?$",
    "ar": r"^(?:ال)?(?:فصل|جزء|باب)\s+\S+$",
    "zh": r"^第[一二三四五六七八九十百\d]+(?:章|部分|节|编)$",
}


def compiled(pattern: str) -> re.Pattern[str]:
    return _cache.setdefault(pattern, patterns.compile(pattern))


_cache: dict[str, re.Pattern[str]] = {}
