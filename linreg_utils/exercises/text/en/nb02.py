"""Notebook 02's exercise messages (English)."""

TEXT = {
    "q1.hint1": "ReLU(z) = max(0, z), for each of the five numbers separately.",
    "q1.hint2": "A negative number becomes 0, zero stays 0, a positive number stays as it is.",
    "q1.identity": "that is z unchanged — the identity. ReLU replaces every negative number with 0.",
    "q1.abs": "that is the absolute value |z|: ReLU does not flip the sign of negatives, it sets them to 0.",
    "q1.negative_part": "that is min(0, z), the negative part: ReLU keeps the positives, zeroes the negatives.",
    "q1.step": "that is the step function (1 for z > 0): ReLU keeps a positive z, relu(7.5) = 7.5.",
    "q1.sigmoid": "those look like sigmoid values (between 0 and 1): ReLU is max(0, z), no exponentials.",
    "q1.value": "relu_z[{i}] is {got_value:.4g}, but ReLU({z:g}) is max(0, {z:g}) = {relu:g}.",
    "q2.hint1": "Follow the two paths x -> h_i -> y. For w, multiply the weight into h_i (W1[i, 0]) by the weight "
    "out of it (W2[0, i]), then add the two paths.",
    "q2.hint2": "For b, each b1[i] is multiplied by its path's second weight W2[0, i]; add those, then add b2.",
    "q2.hint3": "With tensors: w = W2 @ W1 and b = W2 @ b1 + b2.",
    "q2.w_order": "w has shape (2, 2), so you multiplied W1 @ W2. The second layer acts last, so it stands on the "
    "left: w = W2 @ W1, of shape (1, 1).",
    "q2.swapped": "w and b are swapped: give (w, b), the weight first.",
    "q2.w_one_path": "w = 2 uses only the path through the first hidden number; add the path through the second "
    "(4 * -1).",
    "q2.w_sign_or_sum": "w = 6: did the minus sign of W1[1, 0] = -1 get lost? The second path is 4 * (-1) = -4, so "
    "w = 1 × 2 + 4 × (-1). (Adding up all the weights, 2 - 1 + 1 + 4, also gives 6: w is a sum of products, one "
    "per path, not a sum of weights.)",
    "q2.w_other": "w is {got[0]:.4g}, which is not right yet. Multiply the weights along each path and add: W2 @ W1.",
    "q2.b_no_b2": "b is missing the second layer's own bias b2: b = W2 @ b1 + b2.",
    "q2.b_sum_b1_b2": "b1 also passes through W2 on its way out: b = W2 @ b1 + b2, not b1 summed + b2.",
    "q2.b_only_b2": "b2 alone forgets that b1 reaches the output too, through W2: b = W2 @ b1 + b2.",
    "q2.b_sum_b1": "b is b1 summed; it must go through W2, and b2 is added: b = W2 @ b1 + b2.",
    "q2.b_one_path": "b uses only the first hidden number; b1[1] also passes through W2[0, 1].",
    "q2.otherwise": "w is right, but b is {got[1]:.4g}, which is not right yet. Follow b1 through the second layer: "
    "b = W2 @ b1 + b2.",
    "q3.hint1": "You need max(0, z) for every element separately: Python's max(0, z) cannot do that for a tensor.",
    "q3.hint2": "z > 0 is True where z is positive: multiplying z by it keeps those entries and turns the others "
    "into 0.",
    "q3.hint3": "torch.where(z > 0, z, 0.0) picks z where the condition holds and 0.0 elsewhere.",
    "q3.python_max": "Python's max(0, z) compares 0 with the whole tensor at once, which PyTorch cannot do. Work "
    "element by element instead: torch.where(z > 0, z, 0.0) or z * (z > 0).",
    "q3.none": "your function returns None: end it with return ...",
    "q3.torch_max": "torch.max(z, 0) finds the largest value along dimension 0, not an element-wise maximum with 0: "
    "use torch.where(z > 0, z, 0.0) or z * (z > 0).",
    "q3.not_a_tensor": "your function returns a {kind}; it should return a tensor shaped like z.",
    "q3.abs": "that is the absolute value |z|: ReLU sets negatives to 0 instead of flipping their sign.",
    "q3.step": "that is the step function: ReLU keeps a positive z as it is, e.g. relu(1.5) = 1.5, not 1.",
    "q3.negative": "that keeps the negative part, min(0, z); ReLU keeps the positive numbers and sets the negatives "
    "to 0: check the condition, z > 0 rather than z < 0.",
    "q3.in_place": "the values are right, but your function changed the tensor it was given (its negatives are now "
    "0). Return a new tensor instead: e.g. torch.where(z > 0, z, 0.0), or work on z.clone().",
}
