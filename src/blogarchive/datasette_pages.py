"""Datasette plugin: the archive's reading pages (templates in ``templates/``).

- The home page leads with each archive: its blogs with post counts and date ranges, a search
  box and the main views.
- The ``posts`` table filters by one author, category or tag (``?_author=``, ``?_category=``,
  ``?_tag=``, exact names, combinable) through the link tables, so a name is a link that filters
  the table at any size; its page lists each post as title, date, names and one excerpt.
- A post's page: its title, metadata as links, the body once, the original URL, the stored raw
  page and its earlier versions. An author's and a category's page list their posts, newest first.
  A blog's page and the search results show posts per month as a chart.
- ``/-/blogarchive/months.svg`` draws that chart (:mod:`blogarchive.monthchart`): posts per
  month of one blog (``?blog=ID``), of the posts matching a search (``?q=``), or of the archive.

Every page keeps Datasette's own URLs, JSON and SQL: the templates extend Datasette's and only
change how rows read.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import escape_fts
from datasette.utils.asgi import Response

from . import monthchart
from .datasette_plugin import excerpt_text, render_snippet

# an author's, a category's or a tag's row page lists this many of their posts (and links to the rest)
LISTED_POSTS = 100
# the names a post has: (query-string key filtering the posts table, link table, its key column,
# names table, which is also the posts column holding them as a JSON array)
NAME_FILTERS = {
    "author": ("_author", "posts_authors", "authors_id", "authors"),
    "category": ("_category", "posts_categories", "categories_id", "categories"),
    "tag": ("_tag", "posts_tags", "tags_id", "tags"),
}
# names table -> its label in NAME_FILTERS (an author's, category's or tag's row page)
_LISTS = {names: label for label, (_, _, _, names) in NAME_FILTERS.items()}
EXCERPT_LENGTH = 200
CHART_PATH = "/-/blogarchive/months.svg"
# the chart beside search results is drawn this wide (its text stays legible in a narrow column)
SEARCH_CHART_WIDTH = 400


def posts_url(datasette, database: str, **filters: str) -> str:
    """The posts table filtered by ``author``, ``category``, ``tag``, ``blog_id`` or ``archive_month``."""
    keys = {label: key for label, (key, _, _, _) in NAME_FILTERS.items()}
    query = urlencode([(keys.get(key, key), value) for key, value in filters.items()])
    return datasette.urls.table(database, "posts") + (f"?{query}" if query else "")


def chart_url(datasette, database: str, **params: str) -> str:
    return datasette.urls.path(CHART_PATH) + "?" + urlencode({"db": database, **params})


def _names(value) -> list[str]:
    """The names of a JSON array cell (authors, categories, tags); [] for anything else."""
    if isinstance(value, list):
        names = value
    else:
        try:
            names = json.loads(value) if value else []
        except (TypeError, ValueError):
            return []
    return [str(name) for name in names if isinstance(name, str) and name.strip()] if isinstance(names, list) else []


@hookimpl
def filters_from_request(request, database, table, datasette):
    """``?_author=``, ``?_category=`` and ``?_tag=`` on the posts table (each may repeat: all must
    hold), through the link tables and their indexes."""
    if table != "posts":
        return None
    clauses, params, described = [], {}, []
    for label, (key, link, column, names) in NAME_FILTERS.items():
        for index, value in enumerate(request.args.getlist(key)):
            name = f"blogarchive_{label}_{index}"
            clauses.append(f"id in (select {link}.posts_id from {link} join {names} on {names}.id = {link}.{column} "
                           f"where {names}.name = :{name})")
            params[name] = value
            described.append(f'tagged "{value}"' if label == "tag" else f'{label} is "{value}"')
    if not clauses:
        return None
    return FilterArguments(clauses, params=params, human_descriptions=described)


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name == "index":
        return lambda: home_vars(datasette)
    if request is None or database is None:
        return {}
    if view_name == "table" and table == "posts":
        return lambda: posts_table_vars(datasette, database)
    if view_name == "row" and table in ("posts", "blogs", *_LISTS):
        return lambda: row_vars(datasette, database, table, request.url_vars.get("pks", ""))
    if template and template.startswith("query") and request.url_vars.get("table") == "search":
        return lambda: search_vars(datasette, database, request.args.get("q") or "")
    return {}


async def home_vars(datasette) -> dict:
    """Every served archive (a database with blogs and posts): its blogs with their post counts
    and first and last publication days, its search query and its main views."""
    archives = []
    for name, db in datasette.databases.items():
        if name.startswith("_") or not {"blogs", "posts"} <= set(await db.table_names()):
            continue
        rows = (await db.execute(
            "select blogs.id, blogs.url, blogs.name, count(posts.id) as posts, "
            "substr(min(posts.published), 1, 10) as first, substr(max(posts.published), 1, 10) as last "
            "from blogs left join posts on posts.blog_id = blogs.id and posts.removed_at is null "
            "group by blogs.id order by coalesce(blogs.name, blogs.url)")).rows
        blogs = [dict(row, href=datasette.urls.row(name, "blogs", str(row["id"])),
                      posts_href=posts_url(datasette, name, blog_id=str(row["id"]))) for row in rows]
        views = [("Newest posts", datasette.urls.table(name, "posts")),
                 ("Authors", datasette.urls.table(name, "authors")),
                 ("Categories", datasette.urls.table(name, "categories")),
                 ("Tags", datasette.urls.table(name, "tags")),
                 ("Posts per month", datasette.urls.table(name, "posts_per_month")),
                 ("Crawls", datasette.urls.table(name, "latest_crawls"))]
        archives.append({"blogs": blogs, "search": datasette.urls.table(name, "search"), "views": views})
    return {"blogarchive_archives": archives}


async def _blog_names(datasette, database: str) -> dict[int, str]:
    rows = (await datasette.get_database(database).execute("select id, coalesce(name, url) as name from blogs")).rows
    return {row["id"]: row["name"] for row in rows}


async def posts_table_vars(datasette, database: str) -> dict:
    """``blogarchive_post_row(row)``: what the posts table shows of one row of its page."""
    blogs = await _blog_names(datasette, database)

    def post_row(row) -> dict:
        cells = {cell["column"]: cell["raw"] for cell in row}
        return post_summary(datasette, database, cells, blogs)

    return {"blogarchive_post_row": post_row}


def post_summary(datasette, database: str, post: dict, blogs: dict[int, str]) -> dict:
    """A post's title, links, date, names (each a link filtering the posts table), blog and excerpt."""
    def linked(kind: str) -> list[dict]:
        return [{"name": name, "href": posts_url(datasette, database, **{kind: name})}
                for name in _names(post.get(NAME_FILTERS[kind][3]))]

    blog_id = post.get("blog_id")
    return {
        "href": datasette.urls.row(database, "posts", str(post.get("id"))),
        "title": post.get("title") or "(untitled)",
        "url": post.get("url"),
        "published": (post.get("published") or "")[:10],
        "archive_month": post.get("archive_month"),
        "month_href": posts_url(datasette, database, archive_month=post["archive_month"])
        if post.get("archive_month") else None,
        "authors": linked("author"),
        "categories": linked("category"),
        "tags": linked("tag"),
        "blog": {"name": blogs.get(blog_id, ""), "href": datasette.urls.row(database, "blogs", str(blog_id)),
                 "posts_href": posts_url(datasette, database, blog_id=str(blog_id))} if blog_id is not None else None,
        "excerpt": excerpt_text(post.get("body_text") or "", EXCERPT_LENGTH) if "body_text" in post else "",
        "removed_at": post.get("removed_at"),
    }


async def row_vars(datasette, database: str, table: str, pk: str) -> dict:
    """A post's summary, stored page and earlier versions; a blog's chart and post count; an
    author's or a category's posts, newest first (posts a blog took down left out)."""
    if not pk.isdigit():
        return {}
    db = datasette.get_database(database)
    if table == "posts":
        row = (await db.execute(
            "select id, blog_id, url, title, published, archive_month, authors, categories, tags, removed_at "
            "from posts where id = ?", [int(pk)])).first()
        if row is None:
            return {}
        post = post_summary(datasette, database, dict(row), await _blog_names(datasette, database))
        page = (await db.execute("select id from pages where url = ?", [row["url"]])).first()
        post["page_href"] = datasette.urls.row(database, "pages", str(page["id"])) if page else None
        versions = (await db.execute(
            "select id, title, replaced_at, reason from revisions where post_id = ? order by replaced_at desc, id desc",
            [int(pk)])).rows
        post["versions"] = [dict(version, href=datasette.urls.row(database, "revisions", str(version["id"])))
                            for version in versions]
        return {"blogarchive_post": post, "blogarchive_post_title": row["title"]}
    if table == "blogs":
        blog = (await db.execute("select url, name, platform from blogs where id = ?", [int(pk)])).first()
        if blog is None:
            return {}
        row = (await db.execute(
            "select count(*) as posts, substr(min(published), 1, 10) as first, substr(max(published), 1, 10) as last "
            "from posts where blog_id = ? and removed_at is null", [int(pk)])).first()
        return {"blogarchive_blog": dict(blog, **dict(row), chart=chart_url(datasette, database, blog=pk),
                                         posts_href=posts_url(datasette, database, blog_id=pk))}
    kind = _LISTS[table]
    _, link, column, _ = NAME_FILTERS[kind]
    rows = (await db.execute(
        f"select posts.id, posts.title, posts.published from {link} join posts on posts.id = {link}.posts_id "
        f"where {link}.{column} = ? and posts.removed_at is null "
        "order by posts.published desc, posts.id limit ?", [int(pk), LISTED_POSTS + 1])).rows
    posts = [{"href": datasette.urls.row(database, "posts", str(r["id"])), "title": r["title"],
              "published": r["published"]} for r in rows[:LISTED_POSTS]]
    name = (await db.execute(f"select name from {table} where id = ?", [int(pk)])).first()
    return {"blogarchive_listed_posts": posts,
            "blogarchive_listed_all": posts_url(datasette, database, **{kind: name["name"]}) if name else None,
            "blogarchive_listed_more": len(rows) > LISTED_POSTS}


async def search_vars(datasette, database: str, search: str) -> dict:
    """``blogarchive_search_row(row)``: one search result as title, link, date, authors and
    highlighted snippet; the chart of the matches per month."""
    def search_row(row) -> dict:  # a result row as the query returned it (sqlite3.Row)
        cells = dict(zip(row.keys(), row))
        result = post_summary(datasette, database, cells, {})
        result["title_marked"] = render_snippet(cells.get("title") or "(untitled)", search)
        result["snippet"] = render_snippet(cells.get("snippet") or "", search)
        return result

    return {"blogarchive_search_row": search_row,
            "blogarchive_search_chart": chart_url(datasette, database, q=search, width=str(SEARCH_CHART_WIDTH)) if search.strip() else None}


@hookimpl
def register_routes():
    return [(r"^/-/blogarchive/months\.svg$", months_chart)]


async def months_chart(datasette, request):
    """Posts per month as SVG: of one blog (``blog=ID``), of a search's matches (``q=``), or of
    the whole archive, in ``db`` (default: the first archive)."""
    database = request.args.get("db") or next(
        (name for name in datasette.databases if not name.startswith("_")), "")
    if database not in datasette.databases:
        return Response.text("unknown database", status=404)
    db = datasette.get_database(database)
    where, params, subject = ["posts.removed_at is null"], [], "posts"
    joins = ""
    blog = request.args.get("blog", "")
    if blog:
        if not blog.isdigit():
            return Response.text("blog must be a blog id", status=400)
        where.append("posts.blog_id = ?")
        params.append(int(blog))
    search = (request.args.get("q") or "").strip()
    if search:
        joins = "join posts_fts on posts_fts.rowid = posts.id"
        where.append("posts_fts match ?")
        params.append(escape_fts(search))
        subject = f'posts matching "{search}"'
    rows = (await db.execute(
        f"select posts.archive_month, count(*) as n from posts {joins} where {' and '.join(where)} "
        "group by posts.archive_month", params)).rows
    width = request.args.get("width", "")
    svg = monthchart.svg_chart(monthchart.month_series({row[0]: row[1] for row in rows}), subject,
                               width=int(width) if width.isdigit() else monthchart.WIDTH)
    return Response(svg, content_type="image/svg+xml; charset=utf-8",
                    headers={"Cache-Control": "max-age=300", "X-Content-Type-Options": "nosniff"})

