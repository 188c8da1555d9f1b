"""One module per command; importing this package registers them all on the app."""

from . import diff, export, import_, list, obligations, read, search, show, terms, toc, validate, xrefs  # noqa: F401
