"""Figure texts (English): none needed.

The notebooks' code and the plotting helpers write their figures' texts in English, so English needs no
catalogue: the keys of every other language's ``figures.py`` are those English texts (see
``linreg_utils.figure_text``).
"""

TEXT: dict[str, str] = {}
