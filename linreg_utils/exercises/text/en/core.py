"""Messages shared by every question (English)."""

TEXT = {
    "correct": "Correct!",
    "not_yet_label": "Not yet:",
    "hint_label": "Hint",
    "solution_label": "Solution",
    "label_colon": ": ",
    "last_hint": "(That was the last hint: {name}.solution() shows an answer.)",
    "last_hint_off": "(That was the last hint. Solutions are switched off in this class: ask your teacher.)",
    "solutions_off_label": "Solutions are switched off in this class:",
    "solutions_off": "try {name}.hint() for the next hint, or ask your teacher.",
    "solutions_off_no_hint": "you have seen every hint; ask your teacher.",
    "blank": "replace ____ with your answer, then run the cell again.",
    "number": "give one number, got {kind}.",
    "whole_number": "{got} is not a whole number: give a count, like 3.",
    "numbers": "give the numbers as a tuple: answer = ({names}).",
    "numbers_kind": "every part of ({names}) should be a number, e.g. a plain float or a one-element tensor.",
    "array": "give a numpy array or a tensor, got {kind}: make one with np.array(..., dtype=np.{dtype}).",
    "shape_int": "a shape is a tuple, even with one number: write ({got},) with the comma.",
    "shape": "write a shape as a tuple of whole numbers, like (rows, columns); got {kind}.",
    "array_column": "{name} has shape {got_shape}, expected {shape} — the numbers may be right: make it a column "
    "with .reshape(-1, 1).",
    "array_reshape": "{name} has shape {got_shape}, expected {shape} — the numbers may be right: try .reshape{shape}.",
    "array_shape": "{name} has shape {got_shape}, expected {shape}.",
    "array_dtype": "{name} has dtype {got_dtype}, expected {dtype}: convert it with .astype(np.{dtype}).",
    "array_values": "{name} has the right shape and dtype, but some values differ (e.g. position {position}: "
    "got {got_value:.4g}, expected {expected_value:.4g}).",
    "close": "{shown} is close, but not close enough: give at least 3 significant figures.",
    "not_yet": "{shown} is not right yet.",
    "function": "pass the function itself, without calling it: {question}.check({variable}), not "
    "{question}.check({variable}(...)) (got {kind}).",
    "your_code_raised": "your code stopped with an error: {error}.",
    "tensor_dtype": "{name} is a tensor of dtype torch.{got_dtype}, expected torch.{dtype}: convert it with "
    ".to(torch.{dtype}).",
    "meta": "your tensor is on the meta device: it has a shape, {shape}, but no numbers, so there is nothing to "
    "check. Compute it on the CPU instead: leave out device=\"meta\" and .to(\"meta\").",
    "complex": "your answer holds complex numbers (dtype {dtype}); this question needs real numbers.",
    "full_width": "(I read the full-width \"{typed}\" as \"{read}\": type code with the input method in English "
    "mode.)",
    "ran_away": "your code was still running after {seconds:g} seconds, so the check stopped it: does it have a "
    "loop that never ends? Check that the loop's condition becomes false at some point, or loop over a range.",
    "endless": "{name} kept giving items: the check stopped it after {limit}, far more than expected. Does its loop "
    "ever end? A for loop over a range ends by itself; a while True loop does not.",
}
