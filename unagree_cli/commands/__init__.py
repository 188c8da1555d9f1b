"""One module per command, imported only when its command runs (or ``--help`` lists them all).

``COMMANDS`` names each command and the module that registers it; a new command is a new module
and a line here.
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
