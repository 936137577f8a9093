"""The sample blog's pictures: small PNG images made on the fly, one look per file name.

Real Weebly blogs serve their uploads from ``/uploads/…``; the sample blog serves the pictures its
posts show there too, so a crawl archives them and the archive shows them without the blog.
"""

from __future__ import annotations

import struct
import zlib

WIDTH, HEIGHT = 240, 150


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def picture_png(name: str) -> bytes:
    """A ``WIDTH`` x ``HEIGHT`` PNG: a gradient between two colours taken from ``name``."""
    seed = zlib.crc32(name.encode("utf-8"))
    top = ((seed >> 16) & 0xFF, (seed >> 8) & 0xFF, seed & 0xFF)
    bottom = tuple(255 - c // 2 for c in top)
    rows = bytearray()
    for y in range(HEIGHT):
        mix = y / (HEIGHT - 1)
        colour = bytes(int(a + (b - a) * mix) for a, b in zip(top, bottom))
        rows += b"\x00" + colour * WIDTH
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(bytes(rows), 9))
            + _chunk(b"IEND", b""))
