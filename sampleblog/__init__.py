"""A sample Weebly blog, served locally, for ``make demo`` and the test suite.

``content.POSTS`` holds the posts, ``weebly.build_site`` renders them as Weebly
would, ``server.SampleBlogServer`` serves them on 127.0.0.1 and
``expected.expected_posts`` says what a correct crawl must extract.
"""

from .content import POSTS
from .expected import expected_posts, list_page_paths
from .model import Post
from .weebly import Page, build_site

__all__ = ["POSTS", "Page", "Post", "SampleBlogServer", "build_site", "expected_posts", "list_page_paths"]


def __getattr__(name: str):
    # Imported lazily so that ``python -m sampleblog.server`` runs the module only once.
    if name == "SampleBlogServer":
        from .server import SampleBlogServer

        return SampleBlogServer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
