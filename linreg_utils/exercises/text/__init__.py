"""The exercises' messages, one catalogue per language: ``text/<language>/<module>.py`` holds ``TEXT``
(and, in a translation, ``COMMENTS``: the solutions' comments, see ``core.catalogue``).

Keys are ``"<question>.<what>"`` (``"q1.hint1"``, ``"q1.sum"``); ``core.py`` holds the shared ones.
A test checks that every language has every key that English has, and no other.
"""
