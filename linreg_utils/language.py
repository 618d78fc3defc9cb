"""The learner's language: one switch for everything a learner reads.

``set_language("zh")`` switches the exercises' feedback, every error message of ``linreg_utils``, the
short-traceback footer and the figures' titles, labels and legends (:mod:`linreg_utils.figure_text`).
Scripts and the command lines read the environment variable ``LINREG_LANG`` once, when ``linreg_utils``
is imported: ``LINREG_LANG=zh python -m linreg_utils``.

Every sentence lives in a per-language catalogue, ``linreg_utils/exercises/text/<language>/<module>.py``,
a dict ``TEXT`` of key -> message: ``library.py`` holds the library's messages, ``figures.py`` the figure
labels and ``nbNN.py`` the exercises'. A message is chosen when it is raised, in the language of that moment.

This module comes first in the package: every other module may import it, and it imports none of them.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

from . import figure_text

__all__ = [
    "LANGUAGES", "CatalogueError", "catalogue", "catalogue_file", "fill", "get_language", "message", "set_language",
]

ENV = "LINREG_LANG"
LANGUAGES = tuple(
    sorted(p.name for p in (Path(__file__).parent / "exercises" / "text").iterdir() if (p / "__init__.py").exists())
)
_settings = {"language": "en"}


class CatalogueError(LookupError):
    """A message is missing from a catalogue, or its ``{placeholders}`` do not fit the values it is filled in with.

    A bug in the course, not in the learner's code: the message names the catalogue file, the key and the language.
    """


def catalogue_file(module: str, language: str) -> str:
    """Where the catalogue ``module`` of ``language`` lives, as the messages name it.

    Example:
        >>> catalogue_file("nb04", "zh")
        'linreg_utils/exercises/text/zh/nb04.py'
    """
    return f"linreg_utils/exercises/text/{language}/{module}.py"


def catalogue(module: str, language: str, part: str = "TEXT") -> dict[str, str]:
    """The messages of one catalogue (``"nb04"``, ``"core"``, ``"library"``, ``"figures"``) in one language.

    ``{}`` when that language has no such catalogue yet. ``part="COMMENTS"``: the comments of the exercises'
    solutions in that language, in order (``"q1.2"``: the second comment of q1's solution; one without
    words, like ``# = 15``, is left out); the code shown is always the question's own, so a translation
    cannot change it.

    Example:
        >>> catalogue("library", "zh")["data.text"]
        '文本'
    """
    try:
        return getattr(importlib.import_module(f"{__package__}.exercises.text.{language}.{module}"), part, {})
    except ModuleNotFoundError:
        return {}


def fill(module: str, key: str, values: dict[str, Any], language: str | None = None) -> str:
    """The message ``key`` of the catalogue ``module`` in ``language`` (default: the current one), filled in.

    Args:
        module: the catalogue, e.g. ``"library"``, ``"core"`` or ``"nb04"``.
        key: the message's key in it, e.g. ``"q1.hint2"``.
        values: what its ``{placeholders}`` are filled in with (``str.format`` fields).
        language: a language of :data:`LANGUAGES`; ``None``: the one chosen with :func:`set_language`.

    Raises:
        CatalogueError: if that language's catalogue has no such message, or the message uses a placeholder that
            is not among ``values`` (or a malformed one, like a lone ``{``); it names the file, the key and the
            language.

    Example:
        >>> fill("library", "data.empty", {"name": "x", "shape": (0, 1)}, "en")
        'x is empty (shape (0, 1)): there must be at least one sample'
    """
    language = language or get_language()
    where = catalogue_file(module, language)
    messages = catalogue(module, language)
    template = messages.get(key)
    if not isinstance(template, str):
        missing = "has no message" if messages else "is missing, so it has no message"
        source = "" if language == "en" else f", translated from {catalogue_file(module, 'en')}"
        raise CatalogueError(f"{where} {missing} {key!r} (language {language}): add it{source}")
    try:
        return template.format(**values)
    except KeyError as err:
        field = err.args[0]
        given = ", ".join(sorted(values)) or "none"
        raise CatalogueError(f"{where}, message {key!r} (language {language}): the placeholder {{{field}}} is not "
                             f"among the values it is filled in with ({given}): use one of those, or pass {field} "
                             "where the message is raised") from None
    except (IndexError, ValueError, AttributeError, TypeError) as err:
        raise CatalogueError(f"{where}, message {key!r} (language {language}): it cannot be filled in "
                             f"({type(err).__name__}: {err}); placeholders are names in braces, like {{name}}, and a "
                             "literal brace is written twice, {{{{ or }}}}") from None


def message(key: str, /, **values: Any) -> str:
    """The library message ``key`` in the current language, filled in.

    Args:
        key: ``"<module>.<what>"``, a key of ``text/en/library.py``.
        **values: the values the message quotes (``str.format`` fields, e.g. ``{shape}`` or ``{lr:g}``).

    Raises:
        CatalogueError: if the current language's ``library.py`` has no ``key``, or the message does not fit
            ``values`` (a bug in ``linreg_utils``, not in the learner's code): see :func:`fill`.

    Example:
        >>> message("data.empty", name="x", shape=(0, 1))
        'x is empty (shape (0, 1)): there must be at least one sample'
    """
    return fill("library", key, values)


def set_language(language: str) -> None:
    """Choose the language of everything the learner reads: feedback, errors, tracebacks' footer, figures.

    With ``"zh"``, figures draw Chinese titles, axis labels and legends when matplotlib finds a Chinese
    font (Noto Sans CJK SC, Microsoft YaHei, PingFang SC, ...); without one they keep their English text.

    Args:
        language: ``"en"`` (English) or ``"zh"`` (简体中文).

    Raises:
        ValueError: if ``language`` is not one of :data:`LANGUAGES`.

    Example:
        >>> set_language("zh")
        >>> get_language()
        'zh'
        >>> set_language("en")
    """
    if language not in LANGUAGES:
        raise ValueError(message("language.unknown", language=language, choices=", ".join(LANGUAGES)))
    _settings["language"] = language
    figure_text.use(catalogue("figures", language) or None)


def get_language() -> str:
    """The language chosen with :func:`set_language` or ``LINREG_LANG`` (``"en"`` until then).

    Example:
        >>> get_language()
        'en'
    """
    return _settings["language"]


def _from_environment() -> None:
    """Apply ``LINREG_LANG`` (``zh``, ``zh_CN.UTF-8`` and ``zh-CN`` all mean ``zh``).

    A value that is not a language of the course gets one line on stderr, in English and in Chinese, and
    English: a script must not stop because of a typo in a setting.
    """
    wanted = os.environ.get(ENV, "").strip()
    language = wanted.lower().replace("-", "_").split(".")[0].split("_")[0]
    if not wanted:
        return
    if language not in LANGUAGES:
        for shown in LANGUAGES:
            line = catalogue("library", shown)["language.environment"]
            print(f"linreg_utils: {line.format(variable=ENV, language=wanted, choices=', '.join(LANGUAGES))}",
                  file=sys.stderr)
        return
    set_language(language)


_from_environment()
