"""Notebook 03's exercise messages (English)."""

TEXT = {
    "q1.hint1": "Every input connects to every output, one weight per connection.",
    "q1.hint2": "Then each output neuron adds one bias: in * out weights + out biases.",
    "q1.weights_only": "12 counts the weights only: each of the 3 outputs also has its own bias, so add 3.",
    "q1.bias_per_input": "there is one bias per output neuron (3 of them), not one per input.",
    "q1.one_bias": "the layer has one bias per output neuron (3 of them), not a single bias for the whole layer.",
    "q1.neurons": "4 + 3 adds the neurons; every one of the 4 inputs connects to each of the 3 outputs (4 * 3 "
    "weights).",
    "q1.otherwise": "{got} is not it: count the weights (one per connection) and the biases (one per output).",
    "q2.hint1": "Row i, column j of y_ex: take row i of x_ex and row j of W_ex, multiply their numbers in pairs "
    "and add up the products, then add b_ex[j].",
    "q2.hint2": "In code: x_ex @ W_ex.T + b_ex, shape (3, 2).",
    "q2.transposed": "your result is transposed: shape (2, 3) has one row per output, but y_ex needs one row per "
    "sample, shape (3, 2). Compute x_ex @ W_ex.T + b_ex.",
    "q2.shape_2_3": "your result has shape (2, 3), but y_ex needs one row per sample and one column per output: "
    "(3, 2).",
    "q2.no_bias": "these are x_ex @ W_ex.T without the bias: add b_ex (each output adds its own bias).",
    "q2.no_transpose": "you used W_ex where its transpose W_ex.T is needed: PyTorch stores one row of W_ex per "
    "*output*, so the layer computes x_ex @ W_ex.T + b_ex.",
    "q2.two_slips": "two slips: use W_ex.T (not W_ex) and add the bias b_ex.",
    "q2.value": "the shape is right, but y_ex[{i}, {j}] is {got_value:.4g}, expected {expected_value:.4g}: it is "
    "row {i} of x_ex times row {j} of W_ex, plus b_ex[{j}].",
    "q3.hint1": "nn.Linear(in_features, out_features): here 5 inputs and 2 outputs.",
    "q3.hint2": "The weight has one row per output neuron and one column per input; each output has one bias.",
    "q3.pair": "give a pair of shapes: answer = (weight_shape, bias_shape), e.g. ((rows, columns), (length,)).",
    "q3.single": "that is a single shape; give both: answer = (weight_shape, bias_shape).",
    "q3.weight_tuple": "the weight's shape is a tuple of two numbers, (rows, columns).",
    "q3.weight_in_out": "the weight's shape is (out_features, in_features), not (in, out): one row per output neuron.",
    "q3.weight_other": "weight shape {got[0]} is not it: nn.Linear(5, 2) has 5 inputs and 2 outputs.",
    "q3.bias_per_input": "there is one bias per output neuron, not per input.",
    "q3.bias_2d": "the bias is 1-D: a plain list of numbers, shape (k,), not {got[1]}.",
    "q3.otherwise": "bias shape {got[1]} is not it: how many output neurons are there?",
    "q4.hint1": "LinearRegressionModel(input_dim, output_dim): how many numbers go in per sample?",
    "q4.hint2": "And how many come out? One price per house.",
    "q4.class": "that is the class itself; build a model by calling it, e.g. LinearRegressionModel(..., ...).",
    "q4.not_a_model": "give a model (an nn.Module), got {kind}.",
    "q4.not_ours": "that is a {kind}; the task asks for the post's LinearRegressionModel. (A bare nn.Linear(3, 1) "
    "computes the same line, but build LinearRegressionModel(input_dim, output_dim) here.)",
    "q4.layers": "this LinearRegressionModel holds {count} nn.Linear layers; the post's holds exactly one, "
    "self.linear = nn.Linear(input_dim, output_dim).",
    "q4.swapped": "input and output are swapped: 3 features go in (input_dim=3) and 1 price comes out (output_dim=1).",
    "q4.dims": "the model maps {n_in} input(s) to {n_out} output(s); the task needs 3 inputs and 1 output.",
}
