"""Authors named only in the body text: bylines and signatures.

Blog platforms without an author field (Weebly above all) carry the author in
the post itself: a leading "By Ann Lee" / "Posted by …" / "Written by A and B"
line, or a trailing signature "-- Angela Silak & Cindy Kaplan", "—Ann",
"– Ann Lee". The rules are anchored to the first and last lines of the body and
accept only short runs of capitalised words, so a photo credit or a dash in
the middle of a post is not taken for an author.
"""

from __future__ import annotations

import re

# "By", "Posted by", "Written by", "Authored by", "Words by", "Published by"
BYLINE = re.compile(
    r"^(?:(?:posted|written|authored|published|words|text|story|photos and words)\s+by|by|par|von|por)\s*:?\s+(?P<names>.+?)\s*$",
    re.IGNORECASE,
)
# "-- A & B", "—A", "– A", "~A" as a line of its own
SIGNATURE_LINE = re.compile(r"^(?:-{2,3}|—|–|~)\s*(?P<names>.+?)\s*$")
# the same signature run on at the end of the last sentence: "… the role. -- A & B"
SIGNATURE_TAIL = re.compile(r"[.!?\"”’)]\s+(?:-{2,3}|—|–)\s*(?P<names>[^.!?]+?)\s*$")

SPLIT = re.compile(r"\s*(?:&|\band\b|\bund\b|,|;|\+)\s*")
CREDENTIALS = frozenset(
    "phd ph.d. md m.d. lac l.ac. rn mba cpa dds do jd esq esq. msc ms ma ba bsc mph lcsw np pa dvm".split()
)
PARTICLES = frozenset("de da das do dos del della der den di du la le van von bin ibn al el y st. st".split())
NOT_NAMES = frozenset(
    "unsplash pexels pixabay shutterstock getty istock reuters ap afp dpa wikipedia source photo image "
    "credit thanks cheers love regards".split()
)
NAME_TOKEN = re.compile(r"^(?:[^\W\d_][\w'’.\-]*|[^\W\d_]\.)$")
MAX_NAMES = 6
MAX_TOKENS_PER_NAME = 5


def authors_from_text(text: str) -> list[str]:
    """Names from a byline at the start or a signature at the end of a post body."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    for line in lines[:2]:
        match = BYLINE.match(line)
        if match:
            names = parse_names(match.group("names"))
            if names:
                return names
    last = lines[-1]
    for pattern in (SIGNATURE_LINE, BYLINE):
        match = pattern.match(last)
        if match:
            names = parse_names(match.group("names"))
            if names:
                return names
    match = SIGNATURE_TAIL.search(last)
    if match:
        return parse_names(match.group("names"))
    return []


def parse_names(value: str) -> list[str]:
    """Split "A & B", "A, B and C", "Ann Lee, PhD" into names; [] if it does not look like names."""
    value = re.sub(r"\s+", " ", value).strip(" .:;")
    value = re.sub(r"\s+(?:at|on|um|am)\s+\d.*$", "", value)  # "Ann at 12:53", "on 3/4/2024"
    parts = [p.strip(" .") for p in SPLIT.split(value)]
    names = [p for p in parts if p and not is_credential(p)]
    if not names or len(names) > MAX_NAMES:
        return []
    if not all(looks_like_name(n) for n in names):
        return []
    return names


def is_credential(part: str) -> bool:
    return part.lower() in CREDENTIALS or part.lower() + "." in CREDENTIALS


def looks_like_name(name: str) -> bool:
    tokens = name.split()
    if not 1 <= len(tokens) <= MAX_TOKENS_PER_NAME:
        return False
    if name.lower() in NOT_NAMES or tokens[0].lower() in NOT_NAMES:
        return False
    for token in tokens:
        if token.lower() in PARTICLES:
            continue
        if not NAME_TOKEN.match(token) or not token[0].isupper():
            return False
    return True
