"""Notebook 01's exercise messages (English)."""

TEXT = {
    "q1.hint1": "np.arange(5) gives the numbers; pass dtype=np.float32.",
    "q1.hint2": "Then .reshape(-1, 1) makes the column.",
    "q2.hint1": "make_linear_data takes n, slope and intercept; the intercept of y = 3x - 2 is negative.",
    "q2.pair": "give the pair returned by make_linear_data, e.g. answer = (x, y).",
    "q2.n": "x should be 0, 1, ..., 5 as a (6, 1) float32 column: ask make_linear_data for n=6 points.",
    "q2.swapped": "slope and intercept are swapped: y = 3x - 2 has slope=3.0 and intercept=-2.0.",
    "q3.hint1": "-1 means 'as many rows as needed'. 6 numbers, 2 per row.",
    "q3.transposed": "that is the shape of the transpose; reshape(-1, 2) asks for 2 columns, so count the rows.",
    "q3.otherwise": "{shown} is not it: 6 numbers in 2 columns fill how many rows?",
}
