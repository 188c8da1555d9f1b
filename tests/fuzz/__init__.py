"""A bounded fuzz of the corpus loader and validator (``make fuzz``).

:mod:`.target` holds the property (a mutated corpus file is read, validated
and, when valid, rendered without any exception but a reported problem) and
the mutations; :mod:`.run` drives it for a number of seconds in a worker
process, so that even a crash of the interpreter is caught and kept. Every
input that failed is kept in ``crashes/`` and replayed by
``tests/test_fuzz_regressions.py``.
"""
