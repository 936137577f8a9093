"""Person names out of a byline, a meta value or a signature: the one name parser.

``split_names`` turns "By Ann Lee, PhD and Bob Stone | 3 May" into
``["Ann Lee", "Bob Stone"]``: it drops "By"/"Posted by" prefixes, trailing
times and dates, credentials, URLs and e-mail addresses, and splits on
``&``, "and", "und", commas, semicolons and slashes. A value that opens with
an organisation (``is_organisation``: "Example Verlag GmbH, Berlin, Germany",
"Ministry of Roads") is an imprint, not a byline, and gives no names; a later
organisation part is dropped alone. ``strict_names`` also
requires every part to look like a name (capitalised words), for text where
a false name costs more than a missed one (a signature in a post body).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .text import normalize_space, unique_names

URLISH = re.compile(r"^(https?:)?//|^www\.|\.(com|org|net|de)/|@\w+\.\w+")
PREFIX = re.compile(
    r"^\W*(?:(?:\w+(?:ed|et|t)\s+|(?:ein\s+)?(?:beitrag|artikel)\s+)?(?:by|von|from|par|por)\b|"
    r"written by|words by|text by|story by|photos and words by|author|autor|auteur|"
    r"verfasst von|geschrieben von|eingestellt von|posted by|(?:interview|text|words|reporting)\s*:)\s*[:\-]?\s*",
    re.I,
)
# WordPress author links: "View all posts by X", "Alle Beiträge von X anzeigen"
ALL_POSTS_BY = re.compile(r"^.{0,30}?\b(?:posts|articles|beiträge|artikel)\s+(?:by|von|de)\s+|\s+anzeigen$", re.I)
TAIL = re.compile(r"\s+(?:at|on|am|um|le|il|op|in)\s+\d.*$|\s+[-|—–»]\s+.*$|\s*\(.*?\)\s*$", re.I)
SEGMENT = re.compile(r"\s*[;|/+,]\s*")       # "Ann Lee, Example GmbH"
JOIN = re.compile(r"\s*(?:&|\band\b|\bund\b)\s*", re.I)     # "Ann Lee and Bob Stone"
CREDENTIALS = frozenset(
    "phd ph.d. md m.d. lac l.ac. rn mba cpa dds do jd esq esq. msc ms ma ba bsc mph lcsw np pa dvm jr jr. sr sr.".split()
)
PARTICLES = frozenset("de da das do dos del della der den di du la le van von bin ibn al el y st. st".split())
# never a person's name: accounts and roles, wherever a name is read
ROLES = frozenset(
    ["super user", *"admin administrator webmaster anonymous unknown guest publisher editor author user".split()]
)
# not taken for a name in body text (a signature), where photo credits and greetings end posts too
NOT_NAMES = ROLES | frozenset(
    "unsplash pexels pixabay shutterstock getty istock reuters ap afp dpa wikipedia source photo image "
    "credit thanks cheers love regards team redaktion staff".split()
)
# legal forms, publishing houses, and words a person's name never holds ("Ministry of …", "Amt für …")
ORG_WORDS = frozenset(
    "gmbh ag kg ohg gbr ug e.v. inc inc. llc ltd ltd. plc corp corp. s.a. s.l. s.r.l. verlag "
    "of for für ist pour".split()
)
DOMAIN = re.compile(r"^(?:[\w-]+\.)+(?:[a-z]{2}|com|org|net|info|biz|edu|gov|blog|news)$", re.I)
NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w'’.\-]*|[^\W\d_]\.)$")
MAX_NAMES = 12


def split_names(raw: str, not_a_person: Callable[[str], bool] | None = None) -> list[str]:
    """The names in a byline or author value; [] when it is a URL, an e-mail or not names at all.

    A comma-separated segment that ``is_organisation`` or that ``not_a_person`` flags (the
    caller's test, such as "is the site's own name") is dropped; when no name came before
    it, the value is an imprint (an organisation, then its address) and gives no names.
    """
    raw = normalize_space(html.unescape(html.unescape(raw or "")))
    if not raw or URLISH.search(raw):
        return []
    raw = ALL_POSTS_BY.sub("", raw)
    raw = PREFIX.sub("", raw)
    raw = TAIL.sub("", raw)
    names = []
    for segment in SEGMENT.split(raw):
        segment = _clean(segment)
        if segment and (is_organisation(segment) or not_a_person and not_a_person(segment)):
            if not names:
                return []
            continue
        for part in JOIN.split(segment):
            part = _clean(part)
            if not part or is_credential(part) or part.lower() in ROLES or is_organisation(part):
                continue
            if len(part) > 60 or len(part.split()) > 6 or "@" in part or URLISH.search(part):
                continue
            if re.search(r"\d[:.]\d|^\d", part) or (" " in part and sum(ch.isdigit() for ch in part) * 2 > len(part)):
                continue    # a date or a time; "r23" is a user name
            if any(ch.isalpha() for ch in part):
                names.append(part)
    names = unique_names(names)
    return names if len(names) <= MAX_NAMES else []


def _clean(part: str) -> str:
    return PREFIX.sub("", part.strip(" .,:;-–—\"'")).strip()


def strict_names(raw: str, max_names: int = 6) -> list[str]:
    """``split_names``, but [] unless every part looks like a person's name."""
    names = split_names(raw)
    if not names or len(names) > max_names or not all(looks_like_name(n) for n in names):
        return []
    return names


def is_credential(part: str) -> bool:
    return part.lower() in CREDENTIALS or part.lower() + "." in CREDENTIALS


def is_organisation(part: str) -> bool:
    """A legal form ("GmbH", "Inc."), a publishing house, a function word ("Bank of …") or a domain
    ("example.org"): an organisation or a site, never a person."""
    tokens = part.split()
    if tokens and tokens[0].lower() == "the":     # "The Daily Example"
        return True
    return any(t.lower() in ORG_WORDS or DOMAIN.match(t) for tok in tokens for t in (tok, *tok.split("-")))


def looks_like_name(name: str) -> bool:
    tokens = name.split()
    if not 1 <= len(tokens) <= 5 or tokens[0].lower() in NOT_NAMES:
        return False
    for token in tokens:
        if token.lower() in PARTICLES:
            continue
        if not NAME_TOKEN.match(token) or not token[0].isupper():
            return False
    return True
