"""One module per command; importing this package registers them all on the app."""

from . import completion, diff, export, list, obligations, search, show, terms, toc, validate, xrefs  # noqa: F401
