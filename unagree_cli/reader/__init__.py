"""``unagree read``: an interactive bilingual reader in the terminal.

:mod:`.data` is plain data (no textual, no rich): what the reader shows,
computed from the library through one adapter. :mod:`.app` is the Textual
application; it is imported only by the ``read`` command, so no other
command pays for loading Textual.
"""
