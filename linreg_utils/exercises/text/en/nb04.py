"""Notebook 04's exercise messages (English)."""

TEXT = {
    "q1.hint1": "The errors ŷ - y are 1, -1 and 2. Square each, add them up, divide by how many there are.",
    "q1.sum": "that is the sum of the squared errors; the MSE is their *mean*: divide by n = 3.",
    "q1.not_squared": "the errors were not squared: square each (ŷ - y) first, so +1 and -1 cannot cancel out.",
    "q1.mae": "that is the mean *absolute* error; the MSE squares each error instead of taking |ŷ - y|.",
    "q1.rmse": "that is the square root of the MSE (the RMSE); leave out the square root.",
    "q1.otherwise": "your MSE is {shown}, which is not right yet.",
    "q2.hint1": "Predictions ŷ = 1·x + 0 = [1, 2, 3]; errors ŷ - y = [-2, -3, -4].",
    "q2.hint2": "dL/dw = (2/n) Σ (ŷ_i - y_i)·x_i and dL/db = (2/n) Σ (ŷ_i - y_i), with n = 3.",
    "q2.swapped": "the two numbers are swapped: give (grad_w, grad_b), the gradient of w first.",
    "q2.sign": "the sign is wrong: use (ŷ - y), prediction minus target, not (y - ŷ).",
    "q2.no_factor_2": "both are half as big as they should be: you forgot the factor 2 from the derivative of the "
    "square.",
    "q2.no_mean": "both are n = 3 times too big: you forgot to divide by n (the loss is a *mean*).",
    "q2.w_like_b": "grad_w equals grad_b's formula: in dL/dw each error (ŷ_i - y_i) is multiplied by its x_i.",
    "q2.b_right": "grad_b is right, but grad_w = {got[0]:.4g} is not: multiply each error by its x_i, then sum.",
    "q2.w_right": "grad_w is right, but grad_b = {got[1]:.4g} is not: dL/db = (2/n) Σ (ŷ_i - y_i), no x_i.",
    "q2.otherwise": "{shown} is not right yet: first compute the predictions ŷ = 1·x + 0, then the errors ŷ - y, "
    "then the two formulas.",
    "q3.hint1": "w_new = w - lr·dL/dw and b_new = b - lr·dL/db.",
    "q3.hint2": "The gradients from exercise 2 are (-13.33, -6.0), and lr = 0.1.",
    "q3.swapped": "the two numbers are swapped: give (w_new, b_new), the new w first.",
    "q3.uphill": "the step went the wrong way: *subtract* lr·gradient (w ← w - lr·dL/dw), the gradient points "
    "uphill.",
    "q3.no_lr": "you forgot the learning rate: the step is lr·gradient, here 0.1 times the gradient.",
    "q3.change_only": "that is only the change -lr·gradient; add it to the old values w = 1 and b = 0.",
    "q3.no_factor_2": "the update rule is right, but the gradients were computed without the factor 2: use "
    "dL/dw = (2/n) Σ (ŷ_i - y_i)·x_i and dL/db = (2/n) Σ (ŷ_i - y_i).",
    "q3.no_mean": "the update rule is right, but the gradients were computed without dividing by n: use "
    "dL/dw = (2/n) Σ (ŷ_i - y_i)·x_i and dL/db = (2/n) Σ (ŷ_i - y_i).",
    "q3.otherwise": "{shown} is not right yet: take the gradients from exercise 2 and apply w ← w - lr·dL/dw, "
    "b ← b - lr·dL/db with lr = 0.1.",
}
