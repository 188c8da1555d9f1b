"""One module per command; importing this package registers them all on the app."""

from . import (  # noqa: F401
    completion,
    diff,
    export,
    import_,
    list,
    obligations,
    read,
    search,
    show,
    terms,
    toc,
    validate,
    xrefs,
)
