"""One module per command, imported only when its command runs (or ``--help`` lists them all).

``COMMANDS`` names each command and the module that registers it; a new command is a new module
and a line here.

Command modules do not use ``from __future__ import annotations``: typer reads a command's
annotations on every run, and from strings it would compile and evaluate each one (about a
millisecond a command); evaluated once at import they cost nothing more.
"""

from ..app import app

COMMANDS = {
    "completion": "completion",
    "diff": "diff",
    "export": "export",
    "import": "import_",
    "list": "list",
    "obligations": "obligations",
    "read": "read",
    "refs": "xrefs",
    "search": "search",
    "show": "show",
    "terms": "terms",
    "toc": "toc",
    "validate": "validate",
}

app.declare({name: f"{__name__}.{module}" for name, module in COMMANDS.items()})
