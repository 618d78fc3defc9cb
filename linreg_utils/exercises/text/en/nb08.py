"""Notebook 08's exercise messages (English)."""

TEXT = {
    "q1.hint1": "The limit is set by the steepest direction of the loss: the largest eigenvalue λ_max of the "
    "Hessian H.",
    "q1.hint2": "Build X̃ = [x, 1] (np.hstack with a column of ones), then H = (2/n)·X̃ᵀX̃.",
    "q1.hint3": "λ_max = np.linalg.eigvalsh(H).max(); the limit is 2/λ_max.",
    "q1.no_2": "that is 1/λ_max: you forgot the 2. Each step multiplies the error by (1 - lr·λ), "
    "which stays above -1 up to lr = 2/λ_max.",
    "q1.lam_min": "you used λ_min, the *smallest* eigenvalue. The steepest direction blows up first: use λ_max.",
    "q1.w_alone": "that is 2 / H[0, 0], the limit for w alone, as if there were no bias. With X̃ = [x, 1] the "
    "Hessian is 2×2 and w and b are coupled, so take its largest *eigenvalue*: np.linalg.eigvalsh(H).max().",
    "q1.no_factor_2": "the Hessian is (2/n)·X̃ᵀX̃: you left out its factor 2 (the derivative of a square brings "
    "down a 2).",
    "q1.no_mean": "the MSE is a *mean*, so the Hessian is (2/n)·X̃ᵀX̃: divide X̃ᵀX̃ by n = 5.",
    "q1.otherwise": "your learning-rate limit is {shown}, which is not right yet.",
    "q2.hint1": "Along each eigenvector of H one step multiplies the error by (1 - lr·λ).",
    "q2.hint2": "The slow direction is the flattest one: the smallest eigenvalue λ_min of H = mse_hessian(x_post).",
    "q2.hint3": "factor = 1 - 0.02 · np.linalg.eigvalsh(mse_hessian(x_post)).min().",
    "q2.post_lr": "that is 1 - 0.01·λ_min: the post's learning rate 0.01, but this exercise uses lr = 0.02. "
    "(A Hessian without its factor 2, whose λ_min is half as large, gives the same number: H = (2/n)·X̃ᵀX̃.)",
    "q2.fast": "that is the factor of the *fast* direction (λ_max). The slow direction has the smallest "
    "eigenvalue, λ_min.",
    "q2.lost": "lr·λ_min is the part the error *loses* each epoch; the factor that is left is 1 - lr·λ_min.",
    "q2.loss": "that is the factor of the *loss* (the square of the error's). The error itself shrinks by "
    "1 - lr·λ_min.",
    "q2.no_mean": "the MSE is a *mean*, so the Hessian is (2/n)·X̃ᵀX̃: divide X̃ᵀX̃ by n = 11, and λ_min comes "
    "out 11 times smaller.",
    "q2.close": "{shown} is close, but the factor is so near 1 that rounding hides what matters, how much the "
    "error loses each epoch (1 - factor): give 4 decimals, or the computed value.",
    "q2.otherwise": "your factor is {shown}, which is not right yet: it is 1 - lr·λ_min, with λ_min the smallest "
    "eigenvalue of the Hessian.",
    "q3.hint1": "Write the model in x: y = w'·(x - μ)/σ + b'.",
    "q3.hint2": "y = w'·(x - μ)/σ + b' = (w'/σ)·x + (b' - w'·μ/σ). Read off the slope and the intercept.",
    "q3.swapped": "the two numbers are swapped: give (w, b), the slope first.",
    "q3.times_sigma": "x' = (x - μ)/σ *divides* x by σ, so the slope for the original x is w'/σ, not w'·σ.",
    "q3.still_standardized": "those are still the standardized weights: convert them with w = w'/σ and "
    "b = b' - w'·μ/σ.",
    "q3.w": "w = {got[0]:.4g} is not right yet: the slope for the original x is w'/σ.",
    "q3.no_correction": "w is right, but b still needs a correction: shifting x by μ moves the line, so "
    "b = b' - w'·μ/σ.",
    "q3.sign": "w is right, but the sign of the correction is wrong: b = b' - w'·μ/σ (minus).",
    "q3.not_divided": "w is right, but b's correction forgot to divide by σ: b = b' - w'·μ/σ.",
    "q3.divided_twice": "w is right, but b's correction divides by σ twice: b = b' - w'·μ/σ, or b = b' - w·μ with "
    "the new w.",
    "q3.mu_sigma_swapped": "w is right, but μ and σ are swapped in b's correction: b = b' - w'·μ/σ.",
    "q3.otherwise": "w is right, but b = {got[1]:.4g} is not right yet: expand w'·(x - μ)/σ + b' and collect the "
    "part without x.",
}
