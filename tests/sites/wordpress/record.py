"""The Python half of record.sh: fixture content out, recorded site in, expected.json.

    record.py content  --tests DIR                       print the blog (tests/blogcontent.py) as JSON
    record.py record   --tests DIR --origin URL --flavor classic|block --state v1 --out DIR
    record.py expected --tests DIR --flavor classic|block --states v1,v2 --out FILE

``record`` walks a live WordPress and writes one state of a fixture site in the format of
tests/sites/FIXTURES.md: HTML pages as ``a/b/index.html``, robots.txt and the core sitemaps at their
own paths, and feeds and REST answers under ``_feeds/`` and ``_api/`` behind ``_routes.json``
(with their status and the headers a crawler reads). The origin becomes ``{{HOST}}``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.error
import urllib.request
from collections import deque
from datetime import timezone
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

BLOG = {"title": "Career Notes", "description": "Readers' career questions, answered every week",
        "timezone": "America/New_York"}
LOGINS = {"Ann Lee": ("annlee", "Ann", "Lee"), "Bob Stone": ("bobstone", "Bob", "Stone"),
          "Zoë Ibáñez": ("zoeibanez", "Zoë", "Ibáñez")}
# Reader comments: (post slug, author, text, local time, index of the comment replied to or None).
COMMENTS = (
    ("answer-the-salary-question", "Pat Reader",
     "This helped me last week. I gave a range and the recruiter moved first.", (2024, 1, 3, 8, 12), None),
    ("answer-the-salary-question", "Sam Visitor",
     "Same here, Pat. Asking for their budget first worked for me too.", (2024, 1, 3, 19, 40), 0),
    ("write-a-cover-letter", "Dana Reader",
     "Could you share an example of a short opening paragraph?", (2024, 1, 9, 7, 5), None),
)
REST_FIELDS = {
    "posts-fields": ("/wp/v2/posts", "id,link,date,date_gmt,modified,modified_gmt,title,author,categories,tags"),
    "posts": ("/wp/v2/posts", None),
    "users": ("/wp/v2/users", "id,name,slug"),
    "categories": ("/wp/v2/categories", "id,name,slug"),
    "tags": ("/wp/v2/tags", "id,name,slug"),
}
KEPT_HEADERS = ("Content-Type", "X-WP-Total", "X-WP-TotalPages", "Link", "Location")
SKIPPED_PREFIXES = ("/wp-admin", "/wp-login.php", "/wp-content/", "/wp-includes/", "/wp-json",
                    "/xmlrpc.php", "/wp-comments-post.php", "/wp-sitemap", "/comments/feed", "/feed")
SKIPPED_PARTS = ("/feed/", "/embed/", "/trackback/")


def load_blogcontent(tests: Path):
    sys.path.insert(0, str(tests))
    import blogcontent
    return blogcontent


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def wp_dates(when) -> tuple[str, str]:
    """(post_date, post_date_gmt) as WordPress stores them, from an aware datetime."""
    return when.strftime("%Y-%m-%d %H:%M:%S"), when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def blocks(paragraphs) -> str:
    """Paragraphs as the block editor saves them."""
    return "\n\n".join(f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs)


# ---------------------------------------------------------------------------------------- content

def content(args) -> None:
    bc = load_blogcontent(Path(args.tests))
    from datetime import datetime

    def local(y, m, d, hh, mm):
        naive = datetime(y, m, d, hh, mm)
        return naive.replace(tzinfo=bc._offset(naive))

    def post(p):
        date, date_gmt = wp_dates(p.published)
        out = {"slug": p.slug, "title": p.title, "date": date, "date_gmt": date_gmt,
               "authors": list(p.authors), "categories": list(p.categories), "tags": list(p.tags),
               "content": blocks(p.paragraphs), "modified": None, "modified_gmt": None}
        if p.modified is not None:
            out["modified"], out["modified_gmt"] = wp_dates(p.modified)
        return out

    pages = []
    for i, page in enumerate(bc.PAGES):
        date, date_gmt = wp_dates(local(2023, 12, 15, 10 + i, 0))
        pages.append({"slug": page.slug, "title": page.title, "content": blocks(page.paragraphs),
                      "date": date, "date_gmt": date_gmt})
    comments = []
    for slug, author, text, when, reply_to in COMMENTS:
        date, date_gmt = wp_dates(local(*when))
        comments.append({"post": slug, "author": author, "email": slugify(author).replace("-", ".") + "@example.net",
                         "text": text, "date": date, "date_gmt": date_gmt, "reply_to": reply_to})
    data = {
        "blog": BLOG,
        "authors": [{"display": name, "login": LOGINS[name][0], "first": LOGINS[name][1],
                     "last": LOGINS[name][2], "email": LOGINS[name][0] + "@example.org"} for name in bc.AUTHORS],
        "categories": [{"name": c, "slug": slugify(c)} for c in bc.CATEGORIES],
        "tags": [{"name": t, "slug": slugify(t)} for t in bc.TAGS],
        "pages": pages,
        "comments": comments,
        "states": {state: [post(p) for p in bc.posts(state)] for state in ("v1", "v2")},
    }
    json.dump(data, sys.stdout, ensure_ascii=False, indent=1)


# ---------------------------------------------------------------------------------------- expected

def post_path(post, flavor: str) -> str:
    if flavor == "classic":
        return post.published.strftime("/%Y/%m/%d/") + post.slug + "/"
    return f"/{post.slug}/"


def pages_of(count: int, per_page: int = 10) -> int:
    return max(1, -(-count // per_page))


def listing_paths(base: str, count: int) -> list[str]:
    return [base] + [f"{base}page/{n}/" for n in range(2, pages_of(count) + 1)]


def site_paths(bc, state: str, flavor: str) -> tuple[list[str], list[str]]:
    """(post paths, non-post paths) the live site has in ``state``, from blogcontent."""
    posts = bc.posts(state)
    not_posts = listing_paths("/", len(posts))
    for name in bc.CATEGORIES:
        not_posts += listing_paths(f"/category/{slugify(name)}/", sum(name in p.categories for p in posts))
    for name in bc.TAGS:
        count = sum(name in p.tags for p in posts)
        if count:
            not_posts += listing_paths(f"/tag/{slugify(name)}/", count)
    for name in bc.AUTHORS:
        count = sum(p.authors[0] == name for p in posts)
        if count:
            not_posts += listing_paths(f"/author/{LOGINS[name][0]}/", count)
    for month in sorted({p.archive_month for p in posts}):
        count = sum(p.archive_month == month for p in posts)
        not_posts += listing_paths("/" + month.replace("-", "/") + "/", count)
    not_posts += [f"/{page.slug}/" for page in bc.PAGES]
    return [post_path(p, flavor) for p in posts], not_posts


def expected(args) -> None:
    bc = load_blogcontent(Path(args.tests))
    states = {}
    for state in args.states.split(","):
        records = []
        for post in bc.posts(state):
            records.append({
                "path": post_path(post, args.flavor), "title": post.title,
                "authors": [post.authors[0]],          # WordPress core: one author per post
                "categories": list(post.categories), "tags": list(post.tags),
                "published": post.published.isoformat(), "archive_month": post.archive_month,
                "text": post.text,
            })
        _, not_posts = site_paths(bc, state, args.flavor)
        states[state] = {"posts": records, "not_posts": not_posts}
    data = {"platform": "wordpress", "start": "/", "states": states}
    Path(args.out).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: " + ", ".join(f"{s} {len(v['posts'])} posts, {len(v['not_posts'])} not_posts"
                                            for s, v in states.items()))


# ---------------------------------------------------------------------------------------- record

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"User-Agent": "blogarchive-fixture-recorder"})
    try:
        with OPENER.open(request, timeout=60) as response:
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


class Recorder:
    def __init__(self, origin: str, out: Path):
        self.origin = origin.rstrip("/")
        self.out = out
        self.routes: dict[str, dict] = {}
        self.saved: dict[str, int] = {}     # path -> status
        hostport = urlsplit(self.origin).netloc
        port = hostport.rsplit(":", 1)[1]
        self.replacements = [(s.encode(), b"{{HOST}}") for s in (
            hostport, f"127.0.0.1%3A{port}", f"127.0.0.1%3a{port}", f"localhost:{port}", f"localhost%3A{port}",
        )]
        # WordPress's self_link() (a feed's <atom:link rel="self">) drops the port of the home URL: on the
        # default port, as on a real blog, that is the same origin, so it becomes {{HOST}} as well.
        self.replacements += [(b"://127.0.0.1/", b"://{{HOST}}/"), (b":\\/\\/127.0.0.1\\/", b":\\/\\/{{HOST}}\\/")]

    def neutral(self, data: bytes) -> bytes:
        for old, new in self.replacements:
            data = data.replace(old, new)
        return data

    def write(self, relative: str, body: bytes) -> None:
        target = self.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.neutral(body))

    def fetch(self, path: str) -> tuple[int, dict[str, str], bytes]:
        return get(self.origin + path)

    def route(self, key: str, file: str, status: int, headers: dict[str, str], body: bytes,
              keep=KEPT_HEADERS) -> None:
        self.write(file, body)
        kept = {name: self.neutral(headers[name].encode()).decode() for name in keep if name in headers}
        self.routes[key] = {"file": file, "status": status, "headers": kept}

    # -- HTML pages

    def crawl(self, seeds: list[str], must_exist: set[str]) -> None:
        queue, seen = deque(seeds), set(seeds)
        while queue:
            path = queue.popleft()
            status, headers, body = self.fetch(path)
            if status != 200 or not headers.get("Content-Type", "").startswith("text/html"):
                if path in must_exist:
                    raise SystemExit(f"{path}: {status} {headers.get('Location', '')}")
                print(f"  skipped {path}: {status} {headers.get('Location', '')}", file=sys.stderr)
                continue
            self.write(unquote(path).lstrip("/") + "index.html", body)
            self.saved[path] = status
            for link in links(body.decode("utf-8", "replace"), self.origin + path):
                if link.startswith(self.origin + "/"):
                    found = link[len(self.origin):]
                    if wanted_page(found) and found not in seen:
                        seen.add(found)
                        queue.append(found)

    # -- robots.txt, sitemaps and their stylesheets

    def sitemaps(self) -> list[str]:
        status, headers, body = self.fetch("/robots.txt")
        assert status == 200, status
        self.write("robots.txt", body)
        locs, styles, queue, done = [], set(), deque(["/wp-sitemap.xml"]), set()
        while queue:
            path = queue.popleft()
            status, headers, body = self.fetch(path)
            assert status == 200 and "xml" in headers.get("Content-Type", ""), (path, status)
            self.write(path.lstrip("/"), body)
            done.add(path)
            text = body.decode("utf-8")
            styles.update(re.findall(r'<\?xml-stylesheet[^>]*href="([^"]+)"', text))
            for loc in re.findall(r"<loc>([^<]+)</loc>", text):
                loc_path = loc.replace(self.origin, "")
                if loc_path.endswith(".xml") and loc_path.startswith("/wp-sitemap"):
                    if loc_path not in done:
                        queue.append(loc_path)
                else:
                    locs.append(loc_path)
        for style in sorted(styles):
            path = urlsplit(style).path
            status, headers, body = self.fetch(path)
            if status == 200:
                # Saved at its own path; a route gives it WordPress's Content-Type.
                self.route(path, path.lstrip("/"), status, headers, body, keep=("Content-Type",))
        return locs

    # -- feeds

    def feeds(self) -> None:
        for path, file in (("/feed/", "feed.xml"), ("/feed/?paged=2", "feed-paged-2.xml"),
                           ("/feed/?paged=3", "feed-paged-3.xml"), ("/feed/?paged=4", "feed-paged-4.xml"),
                           ("/comments/feed/", "comments-feed.xml")):
            status, headers, body = self.fetch(path)
            if not headers.get("Content-Type", "").startswith(("application/rss", "application/xml", "text/xml")):
                file = file.replace(".xml", ".html")
            self.route(path, "_feeds/" + file, status, headers, body, keep=("Content-Type", "Location"))
            print(f"  {path}: {status} {headers.get('Content-Type')}")

    # -- REST API

    def rest(self) -> None:
        status, headers, body = self.fetch("/wp-json/")
        self.route("/wp-json/", "_api/index.json", status, headers, body)
        for spelling in ("pretty", "plain"):
            for name, (route, fields) in REST_FIELDS.items():
                page = 1
                while True:
                    query = f"per_page=100&page={page}" + (f"&_fields={fields}" if fields else "")
                    if spelling == "pretty":
                        key = f"/wp-json{route}?{query}"
                    else:
                        key = f"/?rest_route={route}&{query}"
                    status, headers, body = self.fetch(key)
                    folder = "_api/" if spelling == "pretty" else "_api/rest_route/"
                    self.route(key, f"{folder}{name}-page-{page}.json", status, headers, body)
                    print(f"  {key}: {status} total={headers.get('X-WP-Total')} pages={headers.get('X-WP-TotalPages')}")
                    if status != 200 or name in ("users", "categories", "tags"):
                        break
                    page += 1

    def missing(self, path: str) -> None:
        """Record WordPress's own answer for a path that must be gone (a removed post)."""
        status, headers, body = self.fetch(path)
        if status != 404:
            raise SystemExit(f"{path} should be gone, got {status}")
        self.route(path, "_404" + path.rstrip("/") + ".html", status, headers, body, keep=("Content-Type",))

    def finish(self) -> None:
        routes = self.out / "_routes.json"
        routes.write_text(json.dumps(dict(sorted(self.routes.items())), indent=1) + "\n", encoding="utf-8")
        leaks = [str(f.relative_to(self.out)) for f in self.out.rglob("*") if f.is_file()
                 and (b"127.0.0.1" in f.read_bytes() or b"localhost" in f.read_bytes())]
        if leaks:
            raise SystemExit(f"live origin left in: {leaks[:10]}")


def links(html: str, base: str) -> list[str]:
    out = []
    for href in re.findall(r"""\bhref\s*=\s*["']([^"']+)["']""", html):
        href = href.replace("&amp;", "&").replace("&#038;", "&")
        url = urljoin(base, href).split("#", 1)[0]
        out.append(url)
    return out


def wanted_page(path: str) -> bool:
    if "?" in path or not path.endswith("/"):
        return False
    if path.startswith(SKIPPED_PREFIXES):
        return False
    return not any(part in path for part in SKIPPED_PARTS)


def record(args) -> None:
    bc = load_blogcontent(Path(args.tests))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    recorder = Recorder(args.origin, out)
    post_paths, not_posts = site_paths(bc, args.state, args.flavor)
    print(f"recording {args.origin} as {out.name}")
    sitemap_paths = recorder.sitemaps()
    seeds = list(dict.fromkeys(["/"] + post_paths + not_posts + sitemap_paths))
    recorder.crawl(seeds, set(post_paths) | set(not_posts))
    print(f"  {len(recorder.saved)} HTML pages ({len(post_paths)} posts)")
    recorder.feeds()
    recorder.rest()
    if args.state != "v1":
        for post in bc.posts("v1"):
            if post.slug not in {p.slug for p in bc.posts(args.state)}:
                recorder.missing(post_path(post, args.flavor))
    recorder.finish()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    one = sub.add_parser("content")
    one.add_argument("--tests", required=True)
    one = sub.add_parser("record")
    for name in ("--tests", "--origin", "--state", "--out"):
        one.add_argument(name, required=True)
    one.add_argument("--flavor", choices=("classic", "block"), required=True)
    one = sub.add_parser("expected")
    for name in ("--tests", "--states", "--out"):
        one.add_argument(name, required=True)
    one.add_argument("--flavor", choices=("classic", "block"), required=True)
    args = parser.parse_args()
    {"content": content, "record": record, "expected": expected}[args.command](args)


if __name__ == "__main__":
    main()
