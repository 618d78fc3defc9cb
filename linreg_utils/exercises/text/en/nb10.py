"""Notebook 10's exercise messages (English)."""

TEXT = {
    # q1: steps_per_epoch(n, batch_size)
    "q1.hint1": "Try it on n=10, batch_size=4: batches of 4, 4 and 2, so 3 steps.",
    "q1.hint2": "n // batch_size full batches, plus one smaller batch when there is a remainder: that is rounding "
    "up, math.ceil(n / batch_size).",
    "q1.not_a_number": "steps_per_epoch({n}, {m}) returned {value}; it should return a whole number of steps.",
    "q1.true_division": "steps_per_epoch({n}, {m}) returned {value}: a step uses a whole batch, so the count is a "
    "whole number. Round up: the last {rest} samples still need a step of their own.",
    "q1.floor": "steps_per_epoch({n}, {m}) returned {value}: you rounded down and forgot the last, partial batch "
    "of {rest} samples (that is what drop_last=True does on purpose). Round up: math.ceil(n / batch_size).",
    "q1.floor_plus_one": "steps_per_epoch({n}, {m}) returned {value}: when batch_size divides n there is no "
    "partial batch ({n} / {m} = {full} full batches), so n // batch_size + 1 counts an empty one. "
    "Use math.ceil(n / batch_size).",
    "q1.nearest": "steps_per_epoch({n}, {m}) returned {value}: rounding to the nearest whole number takes "
    "{divided:.3g} down to {value}, but the {rest} samples left over still need a step. Always round up: "
    "math.ceil(n / batch_size).",
    "q1.swapped": "steps_per_epoch({n}, {m}) returned {value}: divide n by batch_size, not the other way round.",
    "q1.otherwise": "steps_per_epoch({n}, {m}) returned {value}, expected {right}.",
    # q2: my_minibatches(x, y, batch_size)
    "q2.hint1": "Draw one random order of the rows, on every call: perm = torch.randperm(len(x)).",
    "q2.hint2": "A batch's slice of perm begins at start and ends batch_size rows later: "
    "idx = perm[start:start + batch_size]. The last slice is shorter, and that is right.",
    "q2.hint3": "Index y with the same idx as x, so that every row keeps its target: yield x[idx], y[idx].",
    "q2.nothing": "my_minibatches returned nothing: it should yield the batches, e.g. `yield x[idx], y[idx]`.",
    "q2.not_a_generator": "my_minibatches returned {kind}, not a generator: use yield inside the loop "
    "(`yield x[idx], y[idx]`) instead of collecting the batches and returning them. A generator makes each batch "
    "only when the training loop asks for the next one.",
    "q2.not_pairs": "each item should be a pair of tensors (x_batch, y_batch): `yield x[idx], y[idx]`.",
    "q2.columns": "a batch has shapes {x_shape} and {y_shape}; keep the columns: index the rows with x[idx] and "
    "y[idx], giving (b, 1) each.",
    "q2.slice_end": "the batch sizes are {sizes}: only the first batch has rows. In perm[start:end], end is a "
    "position, not a number of rows: the slice must end at start + batch_size.",
    "q2.empty_batch": "for n={n}, batch_size={m} you yield an empty batch (sizes {sizes}): when batch_size divides "
    "n there is no partial batch. Loop with range(0, n, batch_size).",
    "q2.last_missing": "the batch sizes are {sizes}: the last, partial batch of {rest} samples is missing. "
    "range(0, n, batch_size) gives its start too; slicing perm[start:start + batch_size] stops at the end.",
    "q2.batch_size": "the batch sizes are {sizes}, expected {expected}: each batch should hold batch_size rows.",
    "q2.overlap": "the batch sizes are {sizes}: more than {n} rows in one epoch, so batches overlap. Step through "
    "the permutation with range(0, n, batch_size) and take perm[start:start + batch_size].",
    "q2.sizes": "the batch sizes are {sizes}, expected {expected} for n={n}, batch_size={m}.",
    "q2.with_replacement": "some samples appear twice and others never in one epoch. Draw one permutation, "
    "torch.randperm(n), and cut it into slices, instead of drawing random indices (torch.randint) for each batch.",
    "q2.unpaired": "x and y are no longer paired: a batch's y values belong to other rows. Index both with the same "
    "idx; never shuffle x and y separately.",
    "q2.not_shuffled": "the samples come in their original order 0, 1, 2, ...: shuffle them with "
    "perm = torch.randperm(n).",
    "q2.same_order": "every call gives the same order. Draw a new permutation inside the function on every call "
    "(and do not reseed there): each epoch should visit the samples in a new order.",
    # q3: to_device(model, x, y, device)
    "q3.hint1": "The model and both tensors each have a .to(device) method.",
    "q3.hint2": "model.to(device) moves the model in place and returns it; x.to(device) returns a new tensor, so "
    "use what it returns: return model.to(device), x.to(...), y.to(...).",
    "q3.cuda": "your function asked for CUDA ({error}). Use the device it is given, model.to(device), rather than "
    "a fixed 'cuda'.",
    "q3.three": "return the three of them, in this order: return model, x, y (each moved to device).",
    "q3.not_a_model": "the {name} you returned is a {kind}, not a model: return model, x, y in this order.",
    "q3.not_a_tensor": "the {name} you returned is a {kind}, not a tensor: return model, x, y in this order.",
    "q3.model_not_moved": "the model's parameters are on {where}, not on the device given: call model.to(device).",
    "q3.not_assigned": "{name} is still on the CPU. A tensor's .to(device) returns a *new* tensor and leaves {name} "
    "where it was (unlike model.to, which moves the model in place): write {name} = {name}.to(device).",
    "q3.elsewhere": "{name} is on {where}, not on the device given: use {name}.to(device) with the device argument.",
    "q3.shapes": "x and y should keep their shapes: just move them, with x.to(device) and y.to(device).",
    "q3.separately": "return x and y separately, in this order: model, x, y.",
    "q3.numbers": "moving must not change the numbers: x.to(device) keeps them; return x and y in the order "
    "model, x, y.",
}
