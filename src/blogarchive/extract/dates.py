"""Dates out of attributes, URLs and displayed text.

``normalize_date`` reads machine-readable values (ISO 8601 and friends);
``parse_display_date`` finds the first date in human-readable text, with month
names in English, German, French, Spanish, Italian, Dutch and Portuguese;
``url_date`` reads ``/YYYY/MM/[DD/]`` permalinks.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dateutil import parser as dateparser

from blogarchive.extract.text import normalize_space

_MONTH_WORDS = {
    1: "january jan januar jänner jän janvier janv enero ene gennaio gen januari janeiro",
    2: "february feb februar feber février févr fevrier febrero febbraio februari fevereiro fev",
    3: "march mar märz maerz mrz mars marzo maart março marco",
    4: "april apr avril avr abril abr aprile",
    5: "may mai mayo maggio mag mei maio",
    6: "june jun juni juin junio giugno giu junho",
    7: "july jul juli juillet juil julio luglio lug julho",
    8: "august aug août aout agosto ago augustus",
    9: "september sep sept septembre septiembre setiembre settembre set setembro",
    10: "october oct oktober okt octobre octubre ottobre ott outubro out",
    11: "november nov novembre noviembre novembro",
    12: "december dec dezember dez décembre decembre diciembre dic dicembre dezembro",
}
MONTHS = {word: num for num, words in _MONTH_WORDS.items() for word in words.split()}
_MONTH_RE = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))

_ISO = re.compile(
    r"^\s*((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])"
    r"(?:[T ](\d\d:\d\d(?::\d\d)?)(\.\d+)?\s*(Z|[+-]\d\d:?\d\d)?)?"
)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])(?:/(0?[1-9]|[12]\d|3[01]))?(?:/|$|\.|-)")
_URL_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")

_TEXT_PATTERNS = (
    # 2021-11-02
    ("ymd", re.compile(r"(?<!\d)((?:19|20)\d\d)-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?!\d)")),
    # 02.11.2021, 2.11.21 (day first everywhere dots are used)
    ("dmy", re.compile(r"(?<![\d.])(0?[1-9]|[12]\d|3[01])\.\s?(0?[1-9]|1[0-2])\.\s?((?:19|20)?\d\d)(?![\d])")),
    # 02/11/2021: day or month first, decided by value and language
    ("slash", re.compile(r"(?<![\d/])(\d\d?)/(\d\d?)/((?:19|20)\d\d)(?!\d)")),
    # 2. November 2021, 2 novembre 2021, 2 de noviembre de 2021
    ("d_month_y", re.compile(
        rf"(?<!\d)(0?[1-9]|[12]\d|3[01])(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)(?!\d)",
        re.I)),
    # November 2, 2021
    ("month_d_y", re.compile(
        rf"\b({_MONTH_RE})\.?\s+(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?!\d)", re.I)),
)


def normalize_date(value: str | None) -> str | None:
    """An ISO 8601 date or date-time (offset kept when given) from a machine-readable value."""
    if not value or not isinstance(value, str):
        return None
    m = _ISO.match(value)
    if m:
        year, month, day, time, _, tz = m.groups()
        if not time:
            return f"{year}-{month}-{day}"
        tz = "+00:00" if tz == "Z" else (tz[:3] + ":" + tz[-2:] if tz else "")
        return f"{year}-{month}-{day}T{time if len(time) > 5 else time + ':00'}{tz}"
    value = normalize_space(value)
    if not re.search(r"(19|20)\d\d", value) or len(value) > 40:
        return None
    found = parse_display_date(value)
    if found:
        return found
    try:
        parsed = dateparser.parse(value, default=datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date().isoformat() if parsed.year >= 1990 else None


def utc_or_naive(value: str) -> bool:
    """A date-time in UTC (``Z``, ``+00:00``) or without an offset; a plain date is neither."""
    if len(value) <= 10:
        return False
    return value.endswith(("Z", "+00:00")) or not any(c in value[10:] for c in "+-Z")


def parse_display_date(text: str, month_first: bool = False) -> str | None:
    """The first date written in ``text`` as ``YYYY-MM-DD``, or None.

    ``month_first`` resolves ``NN/NN/YYYY`` when both numbers could be a month
    (US English pages).
    """
    best: tuple[int, str] | None = None
    for kind, pattern in _TEXT_PATTERNS:
        for m in pattern.finditer(text):
            value = _from_match(kind, m.groups(), month_first)
            if value:
                if best is None or m.start() < best[0]:
                    best = (m.start(), value)
                break
    return best[1] if best else None


def _from_match(kind: str, groups: tuple[str, ...], month_first: bool) -> str | None:
    if kind == "ymd":
        y, mo, d = groups
    elif kind in ("dmy", "slash"):
        mo, d = numeric_reading(int(groups[0]), int(groups[1]), "." if kind == "dmy" else "/", month_first)
        y = groups[2]
    elif kind == "d_month_y":
        d, mo, y = groups[0], MONTHS[groups[1].lower()], groups[2]
    else:
        mo, d, y = MONTHS[groups[0].lower()], groups[1], groups[2]
    year = int(y)
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        return date(year, int(mo), int(d)).isoformat()
    except ValueError:
        return None


def url_date(url: str | None) -> tuple[str | None, str | None]:
    """``(YYYY-MM-DD or None, YYYY-MM or None)`` from the path of a permalink.

    Reads ``/YYYY/MM/``, ``/YYYY/MM/DD/`` and a compact ``YYYY-MM-DD`` or
    ``YYYYMMDD`` in the path.
    """
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.I).split("?")[0]
    m = _URL_DATE.search(path)
    if m:
        year, month, day = m.group(1), int(m.group(2)), m.group(3)
        ym = f"{year}-{month:02d}"
        return (f"{ym}-{int(day):02d}" if day else None), ym
    m = _URL_COMPACT.search(path)
    if m:
        year, month, day = m.groups()
        return f"{year}-{month}-{day}", f"{year}-{month}"
    return None, None


# ---------------------------------------------------------------- numeric dates in the site's locale
#
# The hard case is a numeric date such as ``10/3/2023``: Weebly prints it in
# the site's locale, month first in the US and day first almost everywhere
# else. ``resolve_numeric_date`` settles it with, in order: a date known from
# elsewhere (the feed), the month archive that lists the post, then the
# page's language.

NUMERIC_DATE = re.compile(r"\b(\d{1,2})([/.\-])(\d{1,2})[/.\-](\d{4})\b")
# Languages (and regions) whose numeric dates put the month first; a bare "en"
# is how US-hosted builders such as Weebly mark an English site.
MONTH_FIRST = frozenset({"en", "en-us", "en-ph", "en-ca", "fil", "es-us"})


def month_first(lang: str | None) -> bool:
    """Does a page in language ``lang`` (``<html lang>``) write dates month first?"""
    return (lang or "en").strip().lower().replace("_", "-") in MONTH_FIRST


def numeric_reading(a: int, b: int, sep: str, month_first: bool) -> tuple[int, int]:
    """``(month, day)`` of a numeric date ``a<sep>b<sep>year``: the one rule for every reader.

    A number over 12 is the day; dots are day first everywhere ("3.10.2023" is 3 October on
    an English page too); slashes and dashes follow the page's language (``month_first``).
    """
    if a > 12:
        return b, a
    if b > 12 or (sep != "." and month_first):
        return a, b
    return b, a


def numeric_candidates(text: str, lang: str | None = None) -> list[date]:
    """The readings of the first numeric date in ``text``, valid ones only, the preferred one first."""
    match = NUMERIC_DATE.search(text or "")
    if not match:
        return []
    a, sep, b, year = int(match.group(1)), match.group(2), int(match.group(3)), int(match.group(4))
    preferred = numeric_reading(a, b, sep, month_first(lang))
    out = []
    for month, day in (preferred, preferred[::-1]):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate not in out:
            out.append(candidate)
    return out


def resolve_numeric_date(text: str, *, lang: str | None = None, known: date | None = None,
                         archive_month: str | None = None) -> date | None:
    """The date meant by a numeric date line, using every clue available."""
    candidates = numeric_candidates(text, lang)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    if known is not None:
        for candidate in candidates:
            if candidate == known:
                return candidate
    clue = archive_month or (known.strftime("%Y-%m") if known else None)
    if clue:
        matching = [c for c in candidates if c.strftime("%Y-%m") == clue]
        if len(matching) == 1:
            return matching[0]
    return candidates[0]
