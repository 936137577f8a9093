"""Write the images fixture blog (v1/, the blog, and elsewhere/, another host's files) with the
standard library only: the pages, robots.txt, the sitemap, _routes.json and the images themselves
(PNGs and one JPEG, made here byte by byte).

    python3 tests/sites/images/build.py
"""

from __future__ import annotations

import base64
import json
import random
import shutil
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE = "Harbour Notes"

POSTS = [
    ("harbour-at-dawn", "Harbour at dawn", "2024-03-01T07:30:00+01:00", [
        "<p>The fishing boats leave before the light comes up, and the harbour is quiet for an hour.</p>",
        '<p><img src="/images/harbour.png" alt="The harbour at dawn" width="120" height="90"></p>',
        "<p>By seven the first boats are back and the quay fills with crates and gulls.</p>",
        '<figure><img src="http://{{HOST}}/images/boats.jpg" alt="Boats at the quay" width="64" height="64">'
        "<figcaption>Boats at the quay</figcaption></figure>",
        '<p><img src="data:image/png;base64,{tiny}" alt="A dot drawn inline"></p>',
        "<p>We will be back next week with the tide tables for April.</p>",
    ]),
    ("lazy-and-responsive", "Lazy and responsive pictures", "2024-03-08T18:00:00+01:00", [
        "<p>Our new theme loads pictures only when they scroll into view, and picks a size for each screen.</p>",
        '<p><img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" '
        'data-src="/images/lazy.png" class="lazyload" alt="The lighthouse, loaded lazily" width="80" height="60"></p>',
        "<p>The lighthouse keeper sent us this one, and the next one in two sizes.</p>",
        '<p><img src="/images/small.png" srcset="/images/small.png 320w, /images/large.png 1280w" '
        'sizes="(max-width: 600px) 320px, 1280px" alt="The breakwater in two sizes" width="160" height="120"></p>',
        "<p>Either way the pictures are the same, only sharper on a large screen.</p>",
    ]),
    ("pictures-that-went-wrong", "Pictures that went wrong", "2024-03-15T12:00:00+01:00", [
        "<p>Not every picture on this blog made it: some live on other sites, some were moved or deleted.</p>",
        '<p><img src="http://{{OTHER}}/elsewhere.png" alt="Hot-linked from another site"></p>',
        '<p><img src="/images/missing.png" alt="Deleted long ago"></p>',
        '<p><img src="/images/page.png" alt="A page where a picture should be"></p>',
        '<p><img src="/images/huge.png" alt="Far too large"></p>',
        '<p><img src="/private/secret.png" alt="Kept from crawlers by robots.txt"></p>',
        '<p><img src="/images/moved.png" alt="Moved to another site"></p>',
        '<p><img src="/images/harbour.png" alt="The harbour again"></p>',
        "<p>The harbour picture above is the one from the first post, shown again.</p>",
    ]),
]


def png(width: int, height: int, pixel) -> bytes:
    """A truecolour PNG whose pixel (x, y) is ``pixel(x, y)`` = (r, g, b)."""
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def gradient(top: tuple[int, int, int], bottom: tuple[int, int, int], height: int):
    return lambda x, y: tuple(round(a + (b - a) * y / (height - 1)) for a, b in zip(top, bottom))


def jpeg_grey(level: int) -> bytes:
    """A baseline JPEG of one 8×8 block of grey ``level`` (0-255): one DC coefficient, no AC."""
    dc = 8 * (level - 128)                      # the block's DC coefficient, quantised by 1
    size = abs(dc).bit_length()                 # its JPEG "category"
    bits = format(dc if dc >= 0 else dc + (1 << size) - 1, f"0{size}b") if size else ""
    # DC table: one code "0" for the category; AC table: one code "0" for end-of-block
    stream = "0" + bits + "0"
    stream += "1" * (-len(stream) % 8)
    data = bytes(int(stream[i:i + 8], 2) for i in range(0, len(stream), 8)).replace(b"\xff", b"\xff\x00")

    def segment(marker: int, payload: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload

    one_code = bytes([1] + [0] * 15)
    return (b"\xff\xd8"
            + segment(0xDB, b"\x00" + b"\x01" * 64)                               # quantisation: all 1
            + segment(0xC0, struct.pack(">BHHB", 8, 8, 8, 1) + b"\x01\x11\x00")   # 8×8, one component
            + segment(0xC4, b"\x00" + one_code + bytes([size]))                   # DC table 0
            + segment(0xC4, b"\x10" + one_code + b"\x00")                         # AC table 0
            + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00") + data + b"\xff\xd9")


def page(title: str, head: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="generator" content="Hugo 0.111.3">
<meta property="og:site_name" content="{SITE}">
{head}</head>
<body>
<header class="header"><nav class="nav"><a href="http://{{{{HOST}}}}/">{SITE}</a></nav></header>
<main class="main">
{main}
</main>
<footer class="footer">&copy; 2024 {SITE}</footer>
</body>
</html>
"""


def post_page(slug: str, title: str, published: str, blocks: list[str], tiny: str) -> str:
    head = (f'<link rel="canonical" href="http://{{{{HOST}}}}/posts/{slug}/">\n'
            f'<meta property="og:title" content="{title}">\n<meta property="og:type" content="article">\n'
            f'<meta property="article:published_time" content="{published}">\n')
    body = "\n".join(b.replace("{tiny}", tiny) for b in blocks)
    main = f"""<article class="post-single">
<header class="post-header"><h1 class="post-title">{title}</h1>
<div class="post-meta"><span title="{published}">{published[:10]}</span></div></header>
<div class="post-content">
{body}
</div>
</article>"""
    return page(f"{title} | {SITE}", head, main)


def home_page() -> str:
    entries = "\n".join(
        f'<article class="post-entry"><header class="entry-header"><h2>{title}</h2></header>'
        f'<footer class="entry-footer"><span title="{published}">{published[:10]}</span></footer>'
        f'<a class="entry-link" aria-label="post link to {title}" '
        f'href="http://{{{{HOST}}}}/posts/{slug}/"></a></article>'
        for slug, title, published, _ in reversed(POSTS))
    return page(SITE, '<meta property="og:type" content="website">\n', entries)


def main() -> None:
    for state in ("v1", "elsewhere"):
        shutil.rmtree(HERE / state, ignore_errors=True)
    site, other = HERE / "v1", HERE / "elsewhere"
    tiny = base64.b64encode(png(2, 2, lambda x, y: (200, 30, 30))).decode()
    files: dict[Path, bytes | str] = {
        site / "index.html": home_page(),
        site / "robots.txt": "User-agent: *\nDisallow: /private/\nSitemap: http://{{HOST}}/sitemap.xml\n",
        site / "sitemap.xml": '<?xml version="1.0" encoding="utf-8"?>\n'
                              '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                              '<url><loc>http://{{HOST}}/</loc></url>\n'
                              + "".join(f"<url><loc>http://{{{{HOST}}}}/posts/{slug}/</loc>"
                                        f"<lastmod>{published}</lastmod></url>\n"
                                        for slug, _, published, _ in POSTS)
                              + "</urlset>\n",
        # answers a file tree cannot give: a page where a picture should be, and a redirect off the blog
        site / "_routes.json": json.dumps({
            "/images/page.png": {"file": "_not-found.html", "status": 200,
                                 "headers": {"Content-Type": "text/html; charset=utf-8"}},
            "/images/moved.png": {"status": 301, "headers": {"Location": "http://{{OTHER}}/moved.png"}},
        }, indent=2) + "\n",
        site / "_not-found.html": page("Not found", "", "<h1>Sorry, that picture is gone</h1>"),
        site / "images" / "harbour.png": png(120, 90, gradient((255, 183, 3), (2, 48, 71), 90)),
        site / "images" / "boats.jpg": jpeg_grey(200),
        site / "images" / "lazy.png": png(80, 60, gradient((142, 202, 230), (33, 158, 188), 60)),
        site / "images" / "small.png": png(32, 24, gradient((251, 133, 0), (255, 255, 255), 24)),
        site / "images" / "large.png": png(128, 96, gradient((251, 133, 0), (255, 255, 255), 96)),
        # noise does not compress: about 7 kB, over the cap the tests set (--max-image-mb 0.004)
        site / "images" / "huge.png": png(48, 48, lambda x, y, r=random.Random(8): tuple(r.randrange(256)
                                                                                        for _ in range(3))),
        site / "private" / "secret.png": png(8, 8, lambda x, y: (0, 0, 0)),
        other / "elsewhere.png": png(8, 8, lambda x, y: (255, 0, 255)),
        other / "moved.png": png(8, 8, lambda x, y: (0, 255, 0)),
    }
    for slug, title, published, blocks in POSTS:
        files[site / "posts" / slug / "index.html"] = post_page(slug, title, published, blocks, tiny)
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)


if __name__ == "__main__":
    main()
