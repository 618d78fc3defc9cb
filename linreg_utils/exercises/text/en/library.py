"""The messages of linreg_utils itself (English): errors, the command lines' lines, the traceback footer.

Keys are ``"<module>.<what>"``; the module (``linreg_utils.language.message``) fills the ``{fields}`` in with
``str.format``. Every other language has the same keys and the same fields (``tests/test_language.py``).
docs/errors.md shows most of them as a learner meets them (``python tools/error_table.py``).
"""

TEXT = {
    # language
    "language.unknown": "language {language!r} is not available: choose one of {choices}",
    "language.environment": "{variable}={language!r} is not a language of this course: choose one of {choices} "
    "(English is used for now)",
    # classroom (linreg-class.toml, LINREG_SOLUTIONS, LINREG_CLASS_LOG)
    "classroom.switch": "{where} is {value!r}: write on or off (true or false in linreg-class.toml)",
    "classroom.unreadable": "{path} is not a valid settings file ({error}): fix it, or delete it to use the "
    "defaults (solutions on, no log)",
    "classroom.unknown": "{path} has a setting this course does not know: {keys}; the settings are solutions and "
    "log_folder: check the spelling",
    "classroom.log_folder": "{path}: log_folder is {value!r}, but it must be the name of a folder in quotes, e.g. "
    "log_folder = \"class-log\"",
    "classroom.log_failed": "the class log could not be written ({error}); your checks work as before, but your "
    "teacher will not see them: tell your teacher",
    # validation
    "validation.text": "{name} is the text {value!r}, but it must be a number: write {name}={stripped} without quotes",
    "validation.at_least": ">= {minimum:g}",
    "validation.at_most": "<= {maximum:g}",
    "validation.above": "> {above:g}",
    "validation.and": "{first} and {second}",
    "validation.whole_number": "{name} must be a whole number, got {value!r}",
    "validation.whole_number_in": "{name} must be a whole number {bounds}, got {value!r}",
    "validation.number": "{name} must be a finite number such as {example}, got {value!r}",
    "validation.number_in": "{name} must be a finite number {bounds} such as {example}, got {value!r}",
    "validation.open_probability": "{name} must be a number > 0 and < 1 such as 0.25, got {value!r}",
    "validation.a_list": "a Python list",
    "validation.a_type": "a {name}",
    "validation.an_type": "an {name}",
    # data
    "data.no_noise": "0.0 (no noise)",
    "data.dtype": "dtype must be np.float32 or np.float64, got {dtype}",
    "data.float32_limit": "n={n} with slope={slope:g} and intercept={intercept:g} gives values up to {largest:.4g}, "
    "beyond 2**24 = {limit}, where float32 cannot hold every whole number, so y would not be exactly "
    "{slope:g}x + {intercept:g}: use fewer points (n <= {fits} here) or dtype=np.float64",
    "data.masked": "{name} is a numpy masked array with {masked} masked value(s); the mask would be ignored and the "
    "hidden values used: keep only the unmasked rows of both x and y (e.g. rows = ~np.ma.getmaskarray({name})"
    ".any(axis=1); {name}.data[rows]), or fill them with {name}.filled(value)",
    "data.complex_array": "{name} holds complex numbers ({dtype}), but linear regression here needs real numbers; "
    "converting would silently drop the imaginary part: use {name}.real only if every imaginary part is 0, or give "
    "the real and imaginary parts as two columns, np.hstack([{name}.real, {name}.imag])",
    "data.text": "text",
    "data.objects": "Python objects",
    "data.bytes": "raw bytes",
    "data.not_numbers": "{name} holds {what} (dtype {dtype}), not numbers: if every entry is a number (like 1.5 or "
    "'1.5'), convert it with {name}.astype(np.float32); otherwise clean the data first",
    "data.dates": "{name} holds dates or times (dtype {dtype}), not numbers: turn them into numbers first, e.g. "
    "seconds since the first one, as float32",
    "data.complex_tensor": "{name} holds complex numbers ({dtype}), but linear regression here needs real numbers; "
    "converting would silently drop the imaginary part: use {name}.real only if every imaginary part is 0, or give "
    "both parts as columns, torch.cat([{name}.real, {name}.imag], dim=1)",
    "data.frame_columns": " (it has {columns} columns: select the feature column(s) first, e.g. df[['x']])",
    "data.frame": "{name} is {kind} of shape {shape}, but a numpy array or torch tensor is needed{columns}: "
    "convert it with {fix}",
    "data.not_array": "{name} is {kind}, but a numpy array or torch tensor is needed: "
    "use np.array({name}, dtype=np.float32).reshape(-1, 1)",
    "data.whole_numbers": "{dtype} (whole numbers)",
    "data.wrong_dtype": "{name} is {kind}, but the model's weights are {wanted}: convert it with {fix}",
    "data.one_d": "{name} has shape {shape}; reshape it to ({n}, 1) with {name}.reshape(-1, 1): models take one row "
    "per sample and one column per feature",
    "data.not_2d": "{name} has shape {shape}, but a 2-D (n_samples, n_features) array is needed",
    "data.empty": "{name} is empty (shape {shape}): there must be at least one sample",
    "data.row_x": "{name} has shape {shape}: one row of {n} values, but the model takes one column, one row per "
    "sample: if these are {n} samples, use {name}.reshape(-1, 1) to get shape ({n}, 1)",
    "data.columns": "{name} has {columns} columns, but the model expects {in_features} input feature(s): pass {name} "
    "of shape (n, {in_features}) or build the model with input_dim={columns}",
    "data.row_y": "{name} has shape {shape}: one row of {n} values, but the model's predictions have shape "
    "{expected}: reshape it with {name}.reshape(-1, 1)",
    "data.one_d_y": "{name} has shape {shape}, but the model's predictions have shape {expected}: reshape it with "
    "{name}.reshape(-1, 1) (otherwise MSELoss broadcasts to ({n}, {n}) and trains on the wrong loss)",
    "data.lengths": "x has {n} samples but {name} has {got}: give one target per sample",
    "data.y_shape": "{name} has shape {shape}, but the model's predictions have shape {expected}",
    "data.not_finite": "{name} contains {count} NaN or inf value(s) (first in row {row}): remove or fill them before "
    "training (e.g. drop those rows)",
    "data.no_weights": "weights is empty: give one weight per feature, e.g. weights=[2.0, -1.0]",
    "data.split_empty": "{n} samples with test_fraction={fraction} leaves an empty set: use more data",
    "data.constant": "column(s) {columns} of x are constant and cannot be scaled",
    # model
    "model.dtype": "the model's weights are {dtype}, but the helpers train float32 (or float64) models: "
    "convert it with model.float()",
    # batching
    "batching.or_none": "{error} (or None for full batches)",
    # analysis
    "analysis.too_few_points": "closed_form got {n} point(s) for {k} weight(s) and a bias: a line through {n} "
    "point(s) is not unique, so at least {needed} points are needed: add data points",
    "analysis.constant": "column(s) {columns} of x are constant (every value is {values}), so their weight and the "
    "bias cannot be told apart and any split fits equally well: use data where x varies, or drop the column",
    "analysis.rank": "the columns of x (with the bias column) have rank {rank}, less than {needed}: some columns are "
    "combinations of others, so infinitely many weights fit equally well: drop the repeated columns",
    # training
    "training.not_optimizer": "optimizer is {type}, not a torch.optim optimizer: build one with "
    "torch.optim.SGD(model.parameters(), lr=...)",
    "training.foreign_optimizer": "the optimizer's parameters are not this model's parameters, so optimizer.step() "
    "would update another model: build it with torch.optim.SGD(model.parameters(), lr=...)",
    "training.loss_class": "loss_fn is the class {where}{name}, not a loss function: create one with parentheses, "
    "loss_fn={where}{name}()",
    "training.loss_not_callable": "loss_fn must be a function (pred, y) -> loss such as nn.MSELoss(), got {value!r}",
    "training.device": "{name} is on {device} but the model is on {model_device}: move both to one device, e.g. "
    "model.to(device) and {name} = {name}.to(device)",
    "training.inference_model": "the model was built inside torch.inference_mode(), so its parameters can never be "
    "trained: build it outside the with block",
    "training.lr_beyond_dtype": "the learning rate ({lr:g}) is larger than the largest {dtype} number ({largest:.3g}), "
    "so no step can be computed. {advice}",
    "training.progress": "training",
    "training.kept": "the model holds the parameters after epoch {epoch}",
    "training.kept_half": "the model may hold a half-applied update of epoch {epoch}",
    "training.interrupted": "training interrupted after epoch {done} (of {total}): {kept}, and err.history the "
    "{count} loss(es) so far",
    "training.overflow": "the update of epoch {epoch} overflowed ({error}): {advice}",
    "training.below_limit": "below {limit:.3g} (the largest stable lr for this x, 2/λ_max), e.g. lr={suggested:.2g}",
    "training.tenth": "e.g. lr={suggested:g}",
    "training.a_tenth": "e.g. a tenth of the current one",
    "training.advice": "Try a smaller learning rate, {smaller}, or standardize x",
    "training.diverged": "{what}: the learning rate is too large for this data, so each step overshoots. {advice}",
    "training.diverged_lr": "{what}: the learning rate ({lr:g}) is too large for this data, so each step "
    "overshoots. {advice}",
    "training.loss_not_finite": "the loss became {value} at epoch {epoch}",
    "training.loss_grew": "the loss became {value:.3g} at epoch {epoch}, over {growth:g} times its start ({start:.3g})",
    "training.params_not_finite": "after the update of epoch {epoch} the parameters {names} hold NaN or inf",
    "training.end_loss": "after the update of epoch {epoch} the loss became {value:.3g} (it started at {start:.3g})",
    "training.got_worse": "the loss went up, from {first:.4g} at epoch {first_epoch} to {final:.4g} at epoch "
    "{final_epoch}: the model is worse than before training. {why} {advice}",
    "training.worse_limit": "The learning rate ({lr:g}) is too large: for this x, gradient descent is stable only "
    "below 2/λ_max = {limit}, and above it each step overshoots a little more.",
    "training.worse_lr": "The learning rate ({lr:g}) is probably too large for this data.",
    "training.worse_optimizer": "The optimizer's learning rate is probably too large for this data.",
    "training.worse_advice": "Try a smaller learning rate, e.g. lr={suggested:.2g}, or standardize x",
    # evaluation
    "evaluation.r2_constant": "R² is undefined when every y_true is the same value: use mse or mae instead",
    # checkpoint
    "checkpoint.a_folder": "a folder",
    "checkpoint.a_fifo": "a named pipe (FIFO)",
    "checkpoint.a_device": "a device",
    "checkpoint.a_socket": "a socket",
    "checkpoint.irregular": "not a regular file",
    "checkpoint.cannot_reach": "cannot save to {path}: {reason}",
    "checkpoint.save_to_folder": "cannot save to {path}: it is a folder, not a file: give a file name inside it, "
    "e.g. {example}",
    "checkpoint.save_over_special": "cannot save to {path}: it is {kind}, not a regular file, and saving would "
    "replace it: choose a file path such as model.pt",
    "checkpoint.no_folder": "cannot save to {path}: the folder {folder} does not exist; create it first",
    "checkpoint.folder_is_file": "cannot save to {path}: {folder} is a file, not a folder",
    "checkpoint.cannot_write": "cannot save to {path}: no permission to write in the folder {folder}",
    "checkpoint.not_a_device": "map_location={location!r} is not a device: use 'cpu', 'cuda', 'mps' or "
    "torch.device(...)",
    "checkpoint.no_cuda": "map_location={location!r}, but PyTorch sees no CUDA GPU here "
    "(torch.cuda.is_available() is False): load with map_location='cpu' (the file itself is fine)",
    "checkpoint.gpu_count": "map_location={location!r}, but this machine has {count} GPU(s): use "
    "map_location='cuda:0' or 'cpu' (the file itself is fine)",
    "checkpoint.no_mps": "map_location={location!r}, but MPS is not available here: use map_location='cpu'",
    "checkpoint.path_type": "the path to load from must be a str or pathlib.Path, got {type}: write "
    "load_model(path) or load_checkpoint(path, model, optimizer) (the path comes first)",
    "checkpoint.no_file": "no file at {path}: check the path, or save a model there first with save_model",
    "checkpoint.cannot_open_folder": "cannot reach {path}: no permission to open its folder",
    "checkpoint.load_folder": "{path} is a folder, not a file: give the path of the .pt file inside it",
    "checkpoint.load_special": "{path} is {kind}, not a regular file: give the path of a saved .pt file",
    "checkpoint.cannot_read": "no permission to read {path}: check its permissions (ls -l), e.g. chmod u+r",
    "checkpoint.refused": "{path} was refused: it contains Python objects, not just weights, and unpickling them "
    "could run arbitrary code. Only load files from sources you trust; ours hold plain tensors",
    "checkpoint.cannot_read_because": "no permission to read {path}: {reason}",
    "checkpoint.unreadable": "{path} could not be read: {reason}",
    "checkpoint.memory": "{path} needs more memory to load than is available",
    "checkpoint.map_failed": "{path} could not be loaded onto map_location={location!r}: {reason}; try "
    "map_location='cpu' (the file itself may be fine)",
    "checkpoint.corrupt_detail": " ({error}: {first})",
    "checkpoint.corrupt": "{path} is not a readable PyTorch file (truncated or corrupt?){detail}: if you wrote it "
    "with save_model, save the model again",
    "checkpoint.version": "{path} has format version {version}, this library reads {supported}",
    "checkpoint.bare_state_dict": "{path} holds a bare state_dict, not a {kind} file: load it into a model you build "
    "yourself with model.load_state_dict(torch.load(path, weights_only=True))",
    "checkpoint.not_ours": "{path} is not a {kind} file (it was not written by linreg_utils)",
    "checkpoint.no_state_dict": "{path} holds no model state_dict (a dict of tensors): it was not written by "
    "linreg_utils",
    "checkpoint.does_not_fit": "{path} does not fit this model: parameters missing from the file {missing}, "
    "unexpected in the file {extra}",
    "checkpoint.shape": "{path} has {name} of shape {shape}, but the model's is {own}: build the model with the same "
    "input_dim and output_dim as the one that was saved",
    "checkpoint.not_floating": "{path} has {name} of dtype {dtype}, not floating point: the file is not ours",
    "checkpoint.swapped_model": "save_model takes the model first and the path second: write save_model(model, path) "
    "(like torch.save(obj, path))",
    "checkpoint.swapped_checkpoint": "save_checkpoint takes the model first and the path second: write "
    "save_checkpoint(model, path, optimizer, epoch=...), in the order of save_model(model, path) "
    "(like torch.save(obj, path))",
    "checkpoint.not_a_module": "{call} needs an nn.Module as its first argument (the model), got {type}",
    "checkpoint.not_linreg_model": "save_model stores LinearRegressionModel models; for another model save its "
    "weights with torch.save(model.state_dict(), path)",
    "checkpoint.no_linear": "{path} has no linear.weight and linear.bias tensors: it is damaged or not ours",
    "checkpoint.bad_dim": "{path} stores {key}={value!r}, not a whole number >= 1: the file is damaged",
    "checkpoint.dims_mismatch": "{path} claims input_dim={input_dim}, output_dim={output_dim}, but holds linear.weight "
    "of shape {weight} and linear.bias of shape {bias}: the file is damaged or was edited; save the model again",
    "checkpoint.weights_dtype": "{path} holds weights of dtype {dtype}, not floating point: it is not ours",
    "checkpoint.optimizer_third": "save_checkpoint needs the optimizer third, got {type}: "
    "save_checkpoint(model, path, optimizer, epoch=...)",
    "checkpoint.optimizer_type": "{path} holds the state of an optimizer of type {stored}, but you passed {own}: build "
    "torch.optim.{stored}(model.parameters(), ...) to resume, or pass no optimizer",
    "checkpoint.no_optimizer_state": "{path} holds no optimizer state: it is damaged or not ours",
    "checkpoint.group_count": "{path} has {stored} optimizer param group(s), your optimizer has {own}: build it the "
    "same way as the one that was saved",
    "checkpoint.group_params": "{path}: optimizer param group {group} holds {stored} parameter(s), yours holds {own}: "
    "build it over the same model.parameters()",
    "checkpoint.group_settings": "{path}: optimizer param group {group} lacks the settings {missing} your {own} uses: "
    "it was saved from another kind of optimizer",
    "checkpoint.optimizer_shape": "{path}: optimizer state {key!r} has shape {shape}, but the parameter it belongs "
    "to has shape {own}: build the same model",
    "checkpoint.path_first": "load_checkpoint takes the path first: write load_checkpoint(path, model, optimizer)",
    "checkpoint.no_rng": "{path} holds no random-number state: it is damaged or not ours",
    "checkpoint.bad_epoch": "{path} stores epoch={epoch!r}, not a whole number: it is damaged",
    # tracebacks
    "tracebacks.hidden": "{count} in {package}",
    "tracebacks.separator": ", ",
    "tracebacks.footer": "(short traceback: {hidden} hidden; run short_tracebacks(False) to see every line)",
    # cli: what both command lines share
    "cli.error": "{prog}: error: {message} (see --help)",
    "cli.argument": "argument {option}: {problem}",
    "cli.a_whole_number": "a whole number",
    "cli.a_number": "a number",
    "cli.not_kind": "{text!r} is not {what}",
    "cli.not_finite": "{text!r} is not a finite number: give a number > 0 such as 0.01",
    "cli.not_positive": "{text!r} must be > 0",
    "cli.not_whole": "{text!r} is not a whole number",
    "cli.negative": "{text!r} must be >= 0",
    "cli.seed_range": "{text!r} is out of range: give a whole number from 0 to 2**64 - 1",
    "cli.interrupted": "interrupted",
    "cli.terminated": "terminated (SIGTERM)",
    "cli.stopped": "{prog}: {how} {when}",
    "cli.failed": "{prog}: error: {error}; nothing saved",
    # python -m linreg_utils
    "main.description": "Fit y = 2x + 1 with one nn.Linear layer, as in the original post, then save and reload it.",
    "main.epochs": "training epochs (default: 1000)",
    "main.lr": "learning rate of SGD (default: 0.01; above about 0.028 it diverges)",
    "main.log_every": "print the loss every N epochs, 0 for never (default: 50)",
    "main.seed": "seed for the model's random initial weights, 0 to 2**64 - 1 (default: 0)",
    "main.output": "where to save the model (.pt); default: model.pt in a new temporary folder",
    "main.training": "training LinearRegressionModel(1, 1) on y = 2x + 1: {epochs} epochs, lr {lr:g}",
    "main.after_epoch": "after epoch {epoch} of {epochs}; nothing saved",
    "main.before_training": "before training started; nothing saved",
    "main.before_saving": "after training, before the model was saved; nothing saved",
    "main.after_saving": "after saving the model to {path}",
    "main.table": "     x       y  predicted",
    "main.result": "final loss {loss:.4g}; learned w = {w:.4f}, b = {b:.4f} (true: 2, 1)",
    "main.saved_match": "saved to {path}; reloaded predictions match",
    "main.saved_mismatch": "saved to {path}; reloaded predictions DO NOT match",
    "main.exit_codes": "exit codes: 0 trained, saved and reloaded; 1 the loss diverged, or the reloaded model "
    "differs; 2 a bad option; 3 the loss ended higher than it started (the model got worse, so nothing is saved); "
    "130 Ctrl-C; 143 SIGTERM",
    # python -m linreg_utils.distributed
    "distributed.description": "Data-parallel training with PyTorch's own engine: ``torch.distributed`` + "
    "``DistributedDataParallel``.",
    "distributed.divisible": "n={n} must be divisible by the {world} processes so every shard is the same size",
    "distributed.diverged": "the weights became NaN or inf at epoch {epoch} (loss {loss:.3g}): the learning rate "
    "({lr:g}) is too large, so each step overshoots. Try a smaller one, e.g. --lr {suggested:g}",
    "distributed.diverged_end": "the weights became NaN or inf after {epochs} epochs: the learning rate ({lr:g}) is "
    "too large. Try a smaller one, e.g. --lr {suggested:g}",
    "distributed.samples": "number of samples (divisible by the process count)",
    "distributed.epochs": "full-batch steps (default: 200)",
    "distributed.lr": "learning rate (default: 0.5)",
    "distributed.seed": "seed for data and initial weights",
    "distributed.output": "write the result as JSON here (rank 0)",
    "distributed.samples_divisible": "{samples} is not divisible by the {world} processes",
    "distributed.failed": "{prog}: error: {error}; nothing written",
    "distributed.during": "during training; nothing written",
    "distributed.timeout": "seconds to wait for the other processes to connect (default: 30)",
    "distributed.no_peers": "the other processes did not connect within {timeout:g} s ({reason}). Start them all "
    "with one torchrun command, or give them more time with --timeout",
    "distributed.launcher_gone": "{prog}: error: the launcher (torchrun) stopped before the end; nothing written",
}
