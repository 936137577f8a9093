"""Authors named only in the body text: bylines and signatures.

Blog platforms without an author field (Weebly above all) carry the author in
the post itself: a leading "By Ann Lee" / "Posted by …" / "Written by A and B"
line, or a trailing signature "-- Angela Silak & Cindy Kaplan", "—Ann",
"– Ann Lee", or a sign-off "Yours, Ann" / "Eure Ann" as the last line. The
rules are anchored to the first two and last two lines of the body and accept only
short runs of capitalised words, so a photo credit or a dash in the middle of
a post is not taken for an author.
"""

from __future__ import annotations

import re

from .names import strict_names

# "By", "Posted by", "Written by", "Authored by", "Words by", "Published by"
BYLINE = re.compile(
    r"^(?:(?:posted|written|authored|published|words|text|story|photos and words)\s+by|by|par|von|por)\s*:?\s+(?P<names>.+?)\s*$",
    re.IGNORECASE,
)
# "-- A & B", "—A", "– A", "~A" as a line of its own
SIGNATURE_LINE = re.compile(r"^(?:-{2,3}|—|–|~)\s*(?P<names>.+?)\s*$")
# a closing greeting and the writer's name: "Yours, Ann", "Cheers, Tom", "Eure Lisa", "Liebe Grüße, Anna"
SIGN_OFF = re.compile(
    r"^(?:yours|cheers|love|xoxo|euer|eure|dein|deine|(?:liebe|viele|herzliche) grüße)\s*[,!]?\s+(?P<names>.+?)\s*$",
    re.IGNORECASE,
)
# the same signature run on at the end of the last sentence: "… the role. -- A & B"
SIGNATURE_TAIL = re.compile(r"[.!?\"”’)]\s+(?:-{2,3}|—|–)\s*(?P<names>[^.!?]+?)\s*$")

def authors_from_text(text: str) -> list[str]:
    """Names from a byline in the first two lines or a signature in the last two of a post body."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    for line in lines[:2]:
        match = BYLINE.match(line)
        if match:
            names = parse_names(match.group("names"))
            if names:
                return names
    for line in lines[:-3:-1]:     # the last line, or the one before a trailing "Read more" link
        for pattern in (SIGNATURE_LINE, BYLINE, SIGN_OFF):
            match = pattern.match(line)
            if match:
                names = parse_names(match.group("names"))
                if names:
                    return names
    match = SIGNATURE_TAIL.search(lines[-1])
    if match:
        return parse_names(match.group("names"))
    return []


def parse_names(value: str) -> list[str]:
    """Split "A & B", "A, B and C", "Ann Lee, PhD" into names; [] if it does not look like names."""
    return strict_names(value)
