"""The view layer: everything that decides what a person sees.

``env`` (where output goes: streams, terminal, width, colour, pager), ``styles`` (named styles),
``text`` (cell widths and line breaking that never splits a word), ``table`` (typed columns laid out side
by side or stacked; highlight spans drawn by kind), and one module per result shape (``statements``,
``hits``, ``citations``, ``glossary``, ``outline``). None of these import rich or typer;
:mod:`unagree_cli.render` holds the formats every shape shares (units, rows, annotated units).
"""

FORMATS = ("table", "plain", "json", "jsonl", "csv", "md")
"""Every output format a command offers (``--format``): here, where parsing the option needs no view code."""
