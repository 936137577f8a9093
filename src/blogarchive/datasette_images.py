"""Datasette plugin: the archive's images, served from the archive, and a Content-Security-Policy
on every response, so an archived post shows its own images and nothing from the live web.

- ``/-/images/<sha256>`` serves a stored image (``images.body``) with its stored type, found in
  any served archive that has it (the name is the SHA-256 of the bytes, so any copy is the
  right one, and it never changes: a year's ``immutable`` caching). The crawl stores only
  images whose bytes a browser shows as one; raster types are served as they are, SVG (which
  can hold script when opened as a page) under a ``sandbox`` policy that runs none, anything
  else as a download. ``X-Content-Type-Options: nosniff`` keeps browsers to the stated type.
- :func:`body_html` is how the render plugin shows a post body: sanitised as always, each
  stored image pointed at its ``/-/images/`` URL, every other remote image removed
  (:func:`blogarchive.images.localize`). Datasette 0.65 awaits what ``render_cell`` returns
  (``await_me_maybe`` in the table, row and query views), so it may look the images up.
- An ``asgi_wrapper`` adds :data:`CSP` to every response that has none of its own. It allows
  the archive's own origin only: no remote script, style, font, image, frame or connection,
  images also as ``data:`` URIs (Datasette's stylesheet draws its icons with them), no plugins
  (``object-src 'none'``), no ``<base>``, forms only to the archive, and no framing by other
  sites. Datasette 0.65's pages need ``'unsafe-inline'`` for scripts and styles: its templates
  have inline ``<script>`` blocks (the menus, facets, the SQL editor) and ``style`` attributes
  and blocks, with no nonce to allow them by. Stored HTML cannot use that: it is sanitised
  with an allow-list (no ``<script>``, ``<style>``, ``style`` or event attributes) before it is
  stored and again before it is shown; the policy's work is to keep every request on the archive.
"""

from __future__ import annotations

import json
import sqlite3

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from . import images

ROUTE = r"^/-/images/(?P<sha256>[0-9a-f]{64})$"
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
])
# an image opened as a page: nothing runs, nothing loads but its own inline styles and data: images
IMAGE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"
CACHE_FOREVER = "public, max-age=31536000, immutable"


def image_path(datasette, sha256: str) -> str:
    return datasette.urls.path(f"/-/images/{sha256}")


async def body_html(value: str, database: str, datasette) -> Markup:
    """A post body as the row page shows it: sanitised, with the archive's copies of its images
    and no other remote image."""
    sources = images.image_sources(value)
    local = {}
    if sources:
        try:
            rows = await datasette.get_database(database).execute(
                "select url, sha256 from images where sha256 is not null and url in (select value from json_each(?))",
                [json.dumps(sources)])
            local = {row["url"]: image_path(datasette, row["sha256"]) for row in rows}
        except (KeyError, sqlite3.Error):       # no such database, or an archive without images
            local = {}
    # an empty result would make Datasette fall back to showing the raw value, escaped
    return Markup(images.localize(value, local) or "&nbsp;")


@hookimpl
def register_routes():
    return [(ROUTE, serve_image)]


async def serve_image(request, datasette):
    sha256 = request.url_vars["sha256"]
    for name, db in datasette.databases.items():
        if name.startswith("_") or not await db.table_exists("images"):
            continue
        visible, _ = await datasette.check_visibility(
            request.actor, permissions=[("view-table", (name, "images")), ("view-database", name), "view-instance"])
        if not visible:
            continue
        row = (await db.execute("select content_type, body from images where sha256 = ? and body is not null limit 1",
                                [sha256])).first()
        if row is not None:
            return image_response(row["content_type"], row["body"], sha256)
    return Response.text("No such image in the archive", status=404)


def image_response(content_type: str | None, body: bytes, sha256: str) -> Response:
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": CACHE_FOREVER, "ETag": f'"{sha256}"',
               "Content-Security-Policy": IMAGE_CSP}
    if content_type not in images.RASTER_TYPES and content_type != images.SVG:
        content_type = "application/octet-stream"
        headers["Content-Disposition"] = f'attachment; filename="{sha256}"'
    return Response(body, status=200, headers=headers, content_type=content_type)


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def with_policy(scope, receive, send):
            if scope.get("type") != "http":
                await app(scope, receive, send)
                return

            async def send_with_policy(message):
                if message["type"] == "http.response.start":
                    headers = list(message.get("headers") or [])
                    if not any(key.lower() == b"content-security-policy" for key, _ in headers):
                        headers.append((b"content-security-policy", CSP.encode()))
                        message = {**message, "headers": headers}
                await send(message)

            await app(scope, receive, send_with_policy)

        return with_policy

    return wrap
