"""Notebook 05's exercise messages (English)."""

TEXT = {
    "q1.hint1": "R² = 1 - sum((y_true - y_pred)**2) / sum((y_true - y_true.mean())**2).",
    "q1.hint2": "The numerator is the model's squared error; the denominator is the squared error of always "
    "predicting the mean of y_true. Here they are 11 and 40.",
    "q1.array": "give one number (R² of all the points together), not an array: sum over every point.",
    "q1.not_from_1": "you computed the fraction sum((y - ŷ)²) / sum((y - ȳ)²) but forgot to subtract it from 1: "
    "R² = 1 - fraction.",
    "q1.no_mean": "wrong denominator: sum(y²) forgets to subtract the mean. The denominator is sum((y - ȳ)²), with "
    "ȳ = y_true.mean().",
    "q1.prediction_mean": "wrong denominator: you subtracted the mean of the predictions. The denominator uses the "
    "mean of the *targets*: sum((y_true - y_true.mean())²).",
    "q1.prediction_spread": "wrong denominator: you measured the spread of the predictions, sum((ŷ - ȳ)²). The "
    "denominator is the spread of the targets, sum((y_true - ȳ)²).",
    "q1.sum_over_mean": "you mixed a sum and a mean: the numerator is a sum but the denominator a mean (a variance). "
    "Use sums in both, or means in both.",
    "q1.mean_over_sum": "you mixed a mean and a sum: the numerator is a mean (the MSE) but the denominator a sum. "
    "Use sums in both, or means in both.",
    "q1.mse": "that is the MSE, not R². R² = 1 - sum((y - ŷ)²) / sum((y - ȳ)²).",
    "q1.mae": "that is the MAE, not R². R² = 1 - sum((y - ŷ)²) / sum((y - ȳ)²).",
    "q1.correlation": "that is the squared correlation of y and ŷ. It equals R² only for a least-squares line; use "
    "the formula R² = 1 - sum((y - ŷ)²) / sum((y - ȳ)²).",
    "q1.otherwise": "your R² is {shown}, which is not right yet.",
    "q2.hint1": "Inside `with torch.no_grad():` (or torch.inference_mode()) autograd records nothing: call "
    "toy(torch.from_numpy(x_ex)) there.",
    "q2.hint2": "Then .numpy() turns the output into an array. Keep x_ex as a (3, 1) column so the result is one too.",
    "q2.requires_grad": "your answer is a tensor that still requires grad (it has a grad_fn), so autograd recorded "
    "the forward pass. Call the model inside `with torch.no_grad():` (or torch.inference_mode()), then turn the "
    "output into numpy with .numpy().",
    "q2.tensor_right": "your answer is a tensor, but a numpy array is asked for: add .numpy() — the numbers are right.",
    "q2.tensor": "your answer is a tensor, but a numpy array is asked for: add .numpy().",
    "q2.trained": "these are the predictions of the trained model (y ≈ 2x + 1): use toy, whose line is y = 3x - 2.",
    "q2.graph": "the numbers are right, but toy's forward pass ran with autograd on and built a graph (.detach() "
    "only drops it afterwards). The task is to predict without building one: call toy inside "
    "`with torch.no_grad():` (or torch.inference_mode()), then .numpy().",
    "q3.hint1": "perm = np.random.default_rng(42).permutation(10) gives the indices in a random order.",
    "q3.hint2": "perm[7:] are the last 3. Index x10 and y10 with the same indices.",
    "q3.pair": "give the pair (x_test, y_test), e.g. answer = (x10[test_idx], y10[test_idx]).",
    "q3.training": "that has 7 rows: that is the training set. The test set is the last 3: perm[7:].",
    "q3.not_shuffled": "these are the last 3 rows in their original order (x = 7, 8, 9), not a random split: index "
    "with the shuffled indices, x10[perm[7:]].",
    "q3.first_three": "those are the first 3 shuffled indices, perm[:3]; the test set is the last 3, perm[7:].",
    "q3.y_mismatch": "x_test is right, but y_test does not belong to those x: index y10 with the same indices as x10.",
    "q3.other_rows": "x_test holds other rows than np.random.default_rng(42).permutation(10)[7:] picks: use seed 42 "
    "and call permutation once on a fresh generator.",
}
