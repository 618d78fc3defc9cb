"""Notebook 07's exercise messages (English)."""

TEXT = {
    "q1.hint1": "First the means x̄ and ȳ; then center every value: x - x̄ and y - ȳ.",
    "q1.hint2": "w = Σ(x - x̄)(y - ȳ) / Σ(x - x̄)² — both sums use the centered values — and b = ȳ - w·x̄.",
    "q1.hint3": "x̄ = 2 and ȳ = 3, so x - x̄ = -2, -1, 0, 1, 2 and y - ȳ = -2, 0, -1, 3, 0: multiply them pairwise "
    "and add up for the top of w; square x - x̄ and add up for the bottom.",
    "q1.swapped": "the two numbers are swapped: give (w, b), the slope first.",
    "q1.not_centred": "you forgot to center: the formula uses x - x̄ and y - ȳ (each value minus its mean), "
    "not x and y themselves. Σxy/Σx² is the slope of a line forced through (0, 0).",
    "q1.bottom_not_centred": "the top is centered, but the bottom is not: divide by Σ(x - x̄)², not Σx².",
    "q1.top_not_centred": "the bottom is centered, but the top is not: multiply (x - x̄) by (y - ȳ), not x by y.",
    "q1.spread_of_y": "you divided by Σ(y - ȳ)²: the bottom of the formula is the spread of x, Σ(x - x̄)².",
    "q1.w": "w = {got[0]:.4g} is not right yet: w = Σ(x - x̄)(y - ȳ) / Σ(x - x̄)².",
    "q1.b_sign": "w is right, but b has the wrong sign in its correction: b = ȳ - w·x̄ (minus).",
    "q1.b_at_mean": "w is right, but b = ȳ is the height at x̄, not at x = 0: b = ȳ - w·x̄.",
    "q1.b_zero": "w is right; now b: the best line passes through (x̄, ȳ), so b = ȳ - w·x̄.",
    "q1.otherwise": "w is right, but b = {got[1]:.4g} is not right yet: b = ȳ - w·x̄.",
    "q2.hint1": "path_q2.params has one row (w, b) per epoch; row 0 is the start, before the first step.",
    "q2.hint2": "error = np.abs(path_q2.params - np.array([2.0, 1.0])) holds |w - 2| and |b - 1| for each epoch; "
    "close = np.all(error < 1e-2, axis=1) is True where both are below 1e-2.",
    "q2.hint3": "The answer is the index of the first True: np.flatnonzero(close)[0].",
    "q2.none": "None means the path never got within the tolerance; this one does: look again.",
    "q2.tol_1e3": "that is the count for tol = 1e-3 (the one in the notebook); this exercise asks for tol = 1e-2.",
    "q2.off_by_one": "off by one: row e of path_q2.params holds (w, b) after e epochs (row 0 is the start), "
    "so the index of the first close row is the answer — no +1 or -1.",
    "q2.w_only": "that is when w alone is close; b must be close too: np.all(error < tol, axis=1) checks both.",
    "q2.loss": "that is when the loss fell below 0.01. The question is about the parameters: "
    "both |w - 2| and |b - 1| below 0.01.",
    "q2.count": "that is how many rows are close; the question asks for the first one: np.flatnonzero(close)[0].",
    "q2.otherwise": "{got} epochs is not right yet: find the first row where both |w - 2| and |b - 1| are below 1e-2.",
    "q3.hint1": "Put a column of ones to the right of x_q3: X̃ = [x1, x2, 1] has shape (8, 3), and θ = (w1, w2, b).",
    "q3.hint2": "X̃ = np.hstack([x_q3, np.ones((8, 1))]); then np.linalg.lstsq(X̃, y_q3, rcond=None)[0] "
    "(or torch.linalg.lstsq(X̃, y).solution) solves X̃ θ ≈ y.",
    "q3.no_ones": "there are only 2 numbers: did you forget the column of ones? Without it there is no b, "
    "and the line is forced through 0. Build X̃ = np.hstack([x_q3, np.ones((8, 1))]).",
    "q3.size": "θ has {got.size} numbers, expected 3: (w1, w2, b). Did you pass X̃ and y in the right order?",
    "q3.ones_first": "the ones column came first, so θ is (b, w1, w2); put the column of ones last to get (w1, w2, b).",
    "q3.true_weights": "those are the weights used to *make* the data. With noise, the least-squares answer is a "
    "little different: solve for it with lstsq.",
    "q3.otherwise": "θ = {shown} is not right yet: solve X̃ θ ≈ y with lstsq, X̃ = [x_q3, 1].",
}
