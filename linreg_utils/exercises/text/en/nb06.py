"""Notebook 06's exercise messages (English)."""

TEXT = {
    "q1.hint1": "Our model keeps its nn.Linear in self.linear, so the names start with 'linear.'.",
    "q1.hint2": "nn.Linear stores its weight as (out_features, in_features) and its bias as one number per output.",
    "q1.hint3": "Or build the model and loop over its state dict's items, as in section 1, collecting "
    "tuple(tensor.shape) for each name.",
    "q1.names_only": "give a dictionary that maps each name to its shape, e.g. {{'a.b': (1, 1), ...}}, not just the "
    "names.",
    "q1.not_a_dict": "give a dictionary that maps each name to its shape, e.g. {{'a.b': (1, 1), ...}}.",
    "q1.not_a_shape": "the shape of {name} should be a tuple of whole numbers, like (2, 3), got {got}.",
    "q1.no_prefix": "'weight' and 'bias' are the names inside nn.Linear; the model keeps that layer in the attribute "
    "self.linear, so the state dict's names start with 'linear.'.",
    "q1.layer": "'linear' is the layer (a module), not a tensor: the state dict lists only tensors, named "
    "layer.tensor.",
    "q1.order": "the right names, but not in the state dict's order: nn.Linear creates its weight first, then its "
    "bias.",
    "q1.weight_transposed": "linear.weight is (3, 2) the wrong way round: nn.Linear stores its weight as "
    "(out_features, in_features), so 2 outputs and 3 inputs give (2, 3).",
    "q1.bias_2d": "the bias is 1-D: one number per output, so its shape is (2,) — a tuple with one element.",
    "q1.names": "the names {names} are not the state dict's names: print(list(model.state_dict())) shows them.",
    "q1.weight": "linear.weight has shape {weight}, which is not right yet: one row per output, one column per input.",
    "q1.bias": "linear.bias has shape {bias}, which is not right yet: the bias holds one number per output.",
    "q2.hint1": "Three steps: build a fresh mystery = LinearRegressionModel(1, 1); load the file's weights into it; "
    "predict at x = 4.",
    "q2.hint2": "mystery.load_state_dict(torch.load(mystery_path, weights_only=True)), then "
    "predict(mystery, np.array([[4.0]], dtype=np.float32)).",
    "q2.several": "your answer has {size} values; give one number: the prediction for x = 4 only.",
    "q2.own_model": "9 is what our own model (y = 2x + 1) predicts: build a fresh LinearRegressionModel(1, 1) and "
    "load mystery.pt's weights into it with model.load_state_dict(torch.load(mystery_path, weights_only=True)).",
    "q2.bias_only": "4 is the prediction at x = 0 (just the bias) — predict at x = 4: np.array([[4.0]], "
    "dtype=np.float32).",
    "q2.no_bias": "that is w·x without the bias: a linear layer computes w·x + b.",
    "q2.otherwise": "{shown} is not the loaded model's prediction. Did model.load_state_dict(...) run on the model "
    "you predict with? A fresh model without it predicts with its random starting weights.",
    "q3.hint1": "The post used .pkl; PyTorch's own convention for torch.save files is different. And which "
    "weights_only value refuses to run code while a file loads?",
    "q3.hint2": "PyTorch's tutorials save to files ending in .pt (.pth is common too); weights_only=True only rebuilds "
    "tensors and plain containers.",
    "q3.pair": "give a pair: (extension, weights_only value), e.g. ('.xyz', False).",
    "q3.extension_str": "the extension should be a string such as '.xyz'.",
    "q3.pickle": "{got[0]} suggests a plain pickle, but torch.save writes a zip archive (pickle.load cannot read "
    "it): use PyTorch's convention instead.",
    "q3.extension": "{got[0]} is not PyTorch's convention for torch.save files.",
    "q3.quoted": "give the Python value {got[1]} without quotes, not the string '{got[1]}'.",
    "q3.unsafe": "weights_only=False lets the file run any code while it loads: never for a file you downloaded.",
    "q3.otherwise": "weights_only takes True or False, got {got[1]!r}.",
}
