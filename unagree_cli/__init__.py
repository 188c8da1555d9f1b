"""unagree: a command-line explorer for multilingual international agreements."""

__version__ = "0.1.0"
