"""Datasette plugin for a public deployment: ``/robots.txt`` from the metadata.

``blogarchive publish`` copies this file into the deployment's ``plugins/`` folder, and the
deployment loads it with ``--plugins-dir plugins``. It is deliberately not an entry point of the
package: ``blogarchive serve`` on a workstation has no robots.txt, and the file imports nothing
but Datasette, so it loads the same way under Docker, a plain ``datasette serve`` and
``datasette publish``.

Configured in the metadata under the plugin name ``blogarchive-robots``::

    plugins:
      blogarchive-robots:
        allow: ["/*?_next="]
        disallow: ["/*?", "/*.json"]

Paths are relative to Datasette's root: with the ``base_url`` setting (served behind a proxy
under a path prefix) each gets the prefix, so the rules can go into the host's own robots.txt
as they are. Without the config there is no ``/robots.txt`` route.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils.asgi import Response

PLUGIN_NAME = "blogarchive-robots"


def robots_txt(config: dict, base_url: str = "/") -> str:
    """The robots.txt text for ``config`` (``allow`` and ``disallow`` path lists) under ``base_url``."""
    prefix = base_url.rstrip("/")
    lines = ["User-agent: *"]
    lines += [f"Allow: {prefix}{path}" for path in config.get("allow") or ()]
    lines += [f"Disallow: {prefix}{path}" for path in config.get("disallow") or ()]
    return "\n".join(lines) + "\n"


@hookimpl
def register_routes(datasette):
    config = datasette.plugin_config(PLUGIN_NAME)
    if config is None:
        return []

    async def robots(datasette):
        return Response.text(robots_txt(config, datasette.setting("base_url")),
                             headers={"cache-control": "max-age=3600"})

    return [(r"^/robots\.txt$", robots)]
