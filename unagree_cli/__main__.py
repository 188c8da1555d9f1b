"""``python -m unagree_cli``."""

from .launch import run

run()
