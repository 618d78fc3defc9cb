"""Notebook 10's exercise messages (简体中文)."""

TEXT = {
    # q1: steps_per_epoch(n, batch_size)
    "q1.hint1": "拿 n=10、batch_size=4 试一试：各批次依次有 4、4、2 个样本，所以是 3 步。",
    "q1.hint2": "n // batch_size 个完整的批次，有余数时再加一个小一点的批次：这就是向上取整，"
    "math.ceil(n / batch_size)。",
    "q1.not_a_number": "steps_per_epoch({n}, {m}) 返回了 {value}；它应该返回一个整数的步数。",
    "q1.true_division": "steps_per_epoch({n}, {m}) 返回了 {value}：每一步都用一整个批次，所以步数是整数。要向上取整："
    "剩下的 {rest} 个样本也需要单独占一步。",
    "q1.floor": "steps_per_epoch({n}, {m}) 返回了 {value}：你向下取整了，"
    "漏掉了最后那个只有 {rest} 个样本的不完整批次（drop_last=True 就是故意这样做的）。要向上取整："
    "math.ceil(n / batch_size)。",
    "q1.floor_plus_one": "steps_per_epoch({n}, {m}) 返回了 {value}：当 batch_size 能整除 n 时，"
    "没有不完整的批次（{n} / {m} = {full} 个完整批次），所以 n // batch_size + 1 多算了一个空批次。"
    "请用 math.ceil(n / batch_size)。",
    "q1.nearest": "steps_per_epoch({n}, {m}) 返回了 {value}：四舍五入会把 {divided:.3g} 舍成 {value}，"
    "但剩下的 {rest} 个样本仍然需要一步。一律向上取整：math.ceil(n / batch_size)。",
    "q1.swapped": "steps_per_epoch({n}, {m}) 返回了 {value}：应该用 n 除以 batch_size，而不是反过来。",
    "q1.otherwise": "steps_per_epoch({n}, {m}) 返回了 {value}，应该是 {right}。",
    # q2: my_minibatches(x, y, batch_size)
    "q2.hint1": "每次调用都重新抽一个随机的行顺序：perm = torch.randperm(len(x))。",
    "q2.hint2": "一个批次在 perm 里的切片从 start 开始，到 batch_size 行之后结束："
    "idx = perm[start:start + batch_size]。最后一段会短一些，这是对的。",
    "q2.hint3": "y 也用和 x 同一个 idx 来索引，这样每一行都和它的目标值保持对应：yield x[idx], y[idx]。",
    "q2.nothing": "my_minibatches 什么都没有返回：它应该用 yield 逐个产出小批量（mini-batch），"
    "例如 `yield x[idx], y[idx]`。",
    "q2.not_a_generator": "my_minibatches 返回的是 {kind}，而不是生成器（generator）："
    "请在循环里用 yield（`yield x[idx], y[idx]`），而不是把所有批次收集起来再返回。"
    "生成器只在训练循环要下一个批次时才生成它。",
    "q2.not_pairs": "每一项都应该是一对张量 (x_batch, y_batch)：`yield x[idx], y[idx]`。",
    "q2.columns": "有一个批次的形状是 {x_shape} 和 {y_shape}；要保留列：用 x[idx] 和 y[idx] 按行索引，"
    "得到的形状都是 (b, 1)。",
    "q2.slice_end": "各批大小为 {sizes}：只有第一个批次有数据。perm[start:end] 里的 end 是一个位置，"
    "而不是行数：切片应该在 start + batch_size 处结束。",
    "q2.empty_batch": "当 n={n}、batch_size={m} 时，你产出了一个空批次（各批大小为 {sizes}）："
    "batch_size 能整除 n 时没有不完整的批次。循环请用 range(0, n, batch_size)。",
    "q2.last_missing": "各批大小为 {sizes}：缺了最后那个只有 {rest} 个样本的不完整批次。"
    "range(0, n, batch_size) 也会给出它的起点；切片 perm[start:start + batch_size] 到了末尾会自动停下。",
    "q2.batch_size": "各批大小为 {sizes}，应该是 {expected}：每个批次应该有 batch_size 行。",
    "q2.overlap": "各批大小为 {sizes}：一轮里超过了 {n} 行，说明批次之间有重叠。"
    "请用 range(0, n, batch_size) 遍历这个排列，每次取 perm[start:start + batch_size]。",
    "q2.sizes": "各批大小为 {sizes}，而 n={n}、batch_size={m} 时应该是 {expected}。",
    "q2.with_replacement": "同一轮里，有些样本出现了两次，有些一次也没出现。请只抽一个排列 torch.randperm(n)，"
    "再把它切成段，而不是为每个批次随机抽下标（torch.randint）。",
    "q2.unpaired": "x 和 y 不再一一对应了：某个批次的 y 值属于别的行。两者要用同一个 idx 来索引；"
    "千万不要分别打乱 x 和 y。",
    "q2.not_shuffled": "样本是按原始顺序 0, 1, 2, ... 出来的：请用 perm = torch.randperm(n) 把它们打乱。",
    "q2.same_order": "每次调用给出的顺序都一样。请在函数内部、"
    "每次调用时都抽一个新的排列（并且不要在那里重新设置随机种子）：每一轮都应该以新的顺序遍历样本。",
    # q3: to_device(model, x, y, device)
    "q3.hint1": "模型和两个张量都有 .to(device) 方法。",
    "q3.hint2": "model.to(device) 会原地移动模型并返回它；x.to(device) 返回的是一个新张量，所以要用它的返回值："
    "return model.to(device), x.to(...), y.to(...)。",
    "q3.cuda": "你的函数请求了 CUDA（{error}）。请使用传进来的设备（device），写 model.to(device)，而不是写死 'cuda'。",
    "q3.three": "三个都要返回，顺序是：return model, x, y（每个都移动到 device 上）。",
    "q3.not_a_model": "你返回的 {name} 是一个 {kind}，不是模型：请按 model, x, y 的顺序返回。",
    "q3.not_a_tensor": "你返回的 {name} 是一个 {kind}，不是张量：请按 model, x, y 的顺序返回。",
    "q3.model_not_moved": "模型的参数在 {where} 上，而不在给定的设备上：请调用 model.to(device)。",
    "q3.not_assigned": "{name} 还在 CPU 上。张量的 .to(device) 返回的是一个*新*张量，"
    "{name} 本身还留在原处（这和 model.to 不同，后者会原地移动模型）：请写 {name} = {name}.to(device)。",
    "q3.elsewhere": "{name} 在 {where} 上，而不在给定的设备上：请用传进来的 device 参数，写 {name}.to(device)。",
    "q3.shapes": "x 和 y 应该保持原来的形状：只需移动它们，用 x.to(device) 和 y.to(device)。",
    "q3.separately": "请把 x 和 y 分开返回，顺序是：model, x, y。",
    "q3.numbers": "移动不应该改变数值：x.to(device) 会保持数值不变；请按 model, x, y 的顺序返回 x 和 y。",
}

COMMENTS = {  # the comments of each solution, in order: "q1.2" is q1's second
    "q1.1": "或者只用整数运算：(n + batch_size - 1) // batch_size",
    "q1.2": "n // batch_size 会漏掉最后那个不完整的批次；n // batch_size + 1 在 n 能被 batch_size 整除时是错的。",
    "q2.1": "每次调用（也就是每一轮）都生成新的随机顺序",
    "q2.2": "最后一段会短一些：那就是不完整的小批量",
    "q2.3": "x 和 y 用同一个 idx，所以每一行仍然一一对应",
    "q3.1": "只写 x.to(device) 而不使用它返回的结果，x 仍然留在 CPU 上。",
}
