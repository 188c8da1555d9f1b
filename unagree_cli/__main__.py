"""``python -m unagree_cli``."""

from .cli import run

run()
