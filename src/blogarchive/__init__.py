"""blogarchive: archive whole blogs into SQLite and publish them with Datasette."""

__version__ = "0.1.0"
__all__ = ["__version__"]
