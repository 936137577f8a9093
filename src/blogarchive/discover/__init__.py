"""Readers of discovery sources: bytes of a feed, sitemap, list page or API answer in, a ``Listing`` out.

Pure functions, no I/O: the crawler fetches, these read. Platforms choose which
readers to use for which source (``platforms/``).
"""
