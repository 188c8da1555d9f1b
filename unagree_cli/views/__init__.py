"""The view layer: everything that decides what a person sees.

``env`` (where output goes: streams, terminal, width, colour, pager), ``styles`` (named styles),
``text`` (cell widths and line breaking that never splits a word), ``table`` (typed columns laid out side
by side or stacked), ``spans`` (drawing highlight spans). None of these import rich or typer;
:mod:`unagree_cli.render` turns each result shape into every output format.
"""
