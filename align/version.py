"""The engine's version, in a module of its own so that any stage can name it (in a report, in
a page request's User-Agent) without importing the package's public API. pyproject.toml reads it."""

__version__ = "0.1.0"
