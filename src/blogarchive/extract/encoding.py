"""Turn the raw bytes of a saved or fetched page into text."""

from __future__ import annotations

import codecs
import re

_BOM = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">,
# and the XML declaration; only the first 4 KiB are searched, as browsers do (roughly).
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# Labels that browsers map to a superset (WHATWG Encoding Standard).
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "x-user-defined": "cp1252",
    "utf8": "utf-8",
}


def declared_encoding(raw: bytes, http_charset: str | None = None) -> str | None:
    """Return the usable codec name the page declares (BOM, HTTP header, then ``<meta>``), or None."""
    for bom, name in _BOM:
        if raw.startswith(bom):
            return name
    candidates = [http_charset] if http_charset else []
    candidates += [a or b for a, b in (m.groups() for m in _DECLARED.finditer(raw[:4096]))]
    for label in candidates:
        name = _codec(label.decode("ascii", "ignore") if isinstance(label, bytes) else label)
        if name:
            return name
    return None


def decode_html(raw: bytes, http_charset: str | None = None) -> str:
    """Decode page bytes: a declared charset first, else UTF-8, else cp1252.

    A page that declares UTF-8 but does not decode as UTF-8 (a common mistake)
    falls back to cp1252; a declared UTF-16 on an ASCII-looking page is ignored.
    """
    name = declared_encoding(raw, http_charset)
    if name and name.startswith("utf-16") and not raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = None
    if name:
        try:
            text = raw.decode(name)
        except UnicodeDecodeError:
            text = None
        if text is not None:
            return text.lstrip("\ufeff")
    try:
        return raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def declared_charset(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, or None."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return None
