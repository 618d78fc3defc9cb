"""Notebook 09's exercise messages (English)."""

TEXT = {
    "q1.hint1": "The best model is the true line; what is left is the noise.",
    "q1.hint2": "The MSE of the noise is its variance: σ² = noise_std ** 2.",
    "q1.sigma": "that is σ itself (noise_std). The MSE averages *squared* errors, so its floor is in squared "
    "units: the variance σ² = noise_std ** 2.",
    "q1.sqrt": "you took a square root. The floor is σ *squared* (the variance), not √σ.",
    "q1.two_sigma": "2σ is not it: the floor is σ times σ, the variance σ² = noise_std ** 2.",
    "q1.two_var": "no factor 2: the floor is the variance σ² itself.",
    "q1.zero": "no model can predict the noise, so the MSE cannot reach 0 on new data: even the true line "
    "has an MSE of about σ².",
    "q1.below": "{shown} is below the floor: on new data no model beats the noise's variance σ².",
    "q1.otherwise": "your MSE is {shown}, which is not right yet. The floor is the variance of the noise.",
    "q2.hint1": "New data is scaled with the statistics of the *training* data, x_fit, never with its own.",
    "q2.hint2": "mean = x_fit.mean(axis=0) and std = x_fit.std(axis=0), one per column; then (x_new - mean) / std.",
    "q2.x_fit": "that has the shape of x_fit: standardise x_new (2 rows), using x_fit's mean and std.",
    "q2.leakage": "you used x_new's own mean and std. That is data leakage (数据泄露): new data must be scaled "
    "with the *training* statistics, x_fit.mean(axis=0) and x_fit.std(axis=0).",
    "q2.together": "you computed the mean and std on training and new data together: the new data still leaks "
    "into the statistics. Use x_fit alone.",
    "q2.std_of_new": "the mean is the training mean, but the std is x_new's: take both from x_fit.",
    "q2.mean_of_new": "the std is the training std, but the mean is x_new's: take both from x_fit.",
    "q2.ddof": "you divided by the sample std (ddof=1, what torch's .std() gives by default). standardize and "
    "numpy's .std() divide by n: use np.std / x.std(axis=0), or torch's .std(dim=0, correction=0).",
    "q2.variance": "you divided by the variance; divide by the standard deviation (its square root), "
    "x_fit.std(axis=0).",
    "q2.not_divided": "you subtracted the training mean but did not divide by the training std.",
    "q2.not_centred": "you divided by the training std but did not subtract the training mean first.",
    "q2.one_for_all": "you took one mean and one std over all numbers of x_fit; each column (feature) needs its "
    "own: use axis=0.",
    "q3.hint1": "nn.Linear(k, m) has a weight of shape (m, k) and a bias of shape (m,).",
    "q3.hint2": "Count the numbers in both: k·m weights plus m biases. LinearRegressionModel(10, 1) is one "
    "nn.Linear(10, 1).",
    "q3.pair": "give two whole numbers as a pair: (parameters of LinearRegressionModel(10, 1), of nn.Linear(10, 3)).",
    "q3.whole": "both counts should be whole numbers, got {answer!r}.",
    "q3.no_bias": "LinearRegressionModel(10, 1): 10 weights is right, but the bias (偏置) counts too.",
    "q3.one_feature": "2 parameters is the post's one-feature model; with 10 features there is one weight per feature.",
    "q3.first": "{got[0]} is not the count for LinearRegressionModel(10, 1): one weight per feature, plus one bias.",
    "q3.no_biases": "nn.Linear(10, 3): the 3 × 10 weights are right, but each output has its own bias too.",
    "q3.one_bias": "nn.Linear(10, 3) has one bias per output, so 3 biases, not 1.",
    "q3.one_row": "each of the 3 outputs has its own 10 weights: the weight has shape (3, 10).",
    "q3.bias_per_input": "the bias has one entry per output (3), not one per input (10).",
    "q3.one_output": "11 is one output's worth; nn.Linear(10, 3) has 3 outputs, each with 10 weights and a bias.",
    "q3.otherwise": "{got[1]} is not the count for nn.Linear(10, 3): weight (3, 10) plus bias (3,).",
}
