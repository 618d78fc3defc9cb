"""linreg_utils 自身的提示信息（简体中文）：报错、命令行输出的句子、简短报错信息的最后一行。

键和 {字段} 与 ``text/en/library.py`` 完全相同；代码、数值、形状和修改方法原样保留。
"""

TEXT = {
    # language
    "language.unknown": "没有 {language!r} 这种语言：请从 {choices} 中选一个",
    "language.environment": "{variable}={language!r} 不是本课程提供的语言：请从 {choices} 中选一个（暂时使用英文）",
    # classroom (linreg-class.toml, LINREG_SOLUTIONS, LINREG_CLASS_LOG)
    "classroom.switch": "{where} 的值是 {value!r}：请写 on 或 off（在 linreg-class.toml 里写 true 或 false）",
    "classroom.unreadable": "{path} 不是有效的设置文件（{error}）：请修正它，或删除它以使用默认设置"
    "（显示参考答案，不记录）",
    "classroom.unknown": "{path} 里有本课程不认识的设置：{keys}；可用的设置是 solutions 和 log_folder：请检查拼写",
    "classroom.log_folder": "{path}：log_folder 的值是 {value!r}，但它必须是用引号括起来的文件夹名，例如 "
    "log_folder = \"class-log\"",
    "classroom.log_failed": "无法写入课堂记录（{error}）；检查答案照常可用，但老师看不到你的记录：请告诉老师",
    # validation
    "validation.text": "{name} 是文本 {value!r}，但这里要的是一个数：去掉引号，写成 {name}={stripped}",
    "validation.at_least": ">= {minimum:g}",
    "validation.at_most": "<= {maximum:g}",
    "validation.above": "> {above:g}",
    "validation.and": "{first} 且 {second}",
    "validation.whole_number": "{name} 必须是整数，现在是 {value!r}",
    "validation.whole_number_in": "{name} 必须是 {bounds} 的整数，现在是 {value!r}",
    "validation.number": "{name} 必须是一个数（不能是 NaN 或 inf），例如 {example}，现在是 {value!r}",
    "validation.number_in": "{name} 必须是一个 {bounds} 的数（不能是 NaN 或 inf），例如 {example}，现在是 {value!r}",
    "validation.open_probability": "{name} 必须是一个 > 0 且 < 1 的数，例如 0.25，现在是 {value!r}",
    "validation.a_list": "一个 Python 列表（list）",
    "validation.a_type": "一个 {name} 类型的对象",
    "validation.an_type": "一个 {name} 类型的对象",
    # data
    "data.no_noise": "0.0（不加噪声）",
    "data.dtype": "dtype 必须是 np.float32 或 np.float64，现在是 {dtype}",
    "data.float32_limit": "n={n}、slope={slope:g}、intercept={intercept:g} 会产生大到 {largest:.4g} 的值，超过了 "
    "2**24 = {limit}；超过这个数以后，float32 无法精确表示每一个整数，y 就不再恰好等于 {slope:g}x + {intercept:g}："
    "请减少点的个数（这里要 n <= {fits}），或者使用 dtype=np.float64",
    "data.masked": "{name} 是 numpy 的掩码数组（masked array），其中 {masked} 个值被遮住了；掩码会被忽略，被遮住的值"
    "也会被拿来用：请只保留 x 和 y 中没有被遮住的行（例如 rows = ~np.ma.getmaskarray({name}).any(axis=1); "
    "{name}.data[rows]），或者用 {name}.filled(value) 把它们填上",
    "data.complex_array": "{name} 里是复数（{dtype}），但这里的线性回归需要实数；直接转换会悄悄丢掉虚部：只有每个虚部"
    "都是 0 时才能用 {name}.real，否则把实部和虚部作为两列传入：np.hstack([{name}.real, {name}.imag])",
    "data.text": "文本",
    "data.objects": "一些 Python 对象",
    "data.bytes": "原始字节（bytes）",
    "data.not_numbers": "{name} 里是{what}（dtype {dtype}），不是数：如果每一项都是数（比如 1.5 或 '1.5'），用 "
    "{name}.astype(np.float32) 转换；否则先把数据清理干净",
    "data.dates": "{name} 里是日期或时间（dtype {dtype}），不是数：先把它们变成数，比如距第一个时间的秒数，"
    "类型用 float32",
    "data.complex_tensor": "{name} 里是复数（{dtype}），但这里的线性回归需要实数；直接转换会悄悄丢掉虚部：只有每个"
    "虚部都是 0 时才能用 {name}.real，否则把两部分作为两列传入：torch.cat([{name}.real, {name}.imag], dim=1)",
    "data.frame_columns": "（它有 {columns} 列：先选出特征列，例如 df[['x']]）",
    "data.frame": "{name} 是{kind}（形状 {shape}），但这里需要 numpy 数组或 torch 张量{columns}：用 {fix} 转换",
    "data.not_array": "{name} 是{kind}，但这里需要 numpy 数组或 torch 张量：用 "
    "np.array({name}, dtype=np.float32).reshape(-1, 1) 转换",
    "data.whole_numbers": "{dtype}（整数）",
    "data.wrong_dtype": "{name} 的类型是 {kind}，但模型的权重是 {wanted}：用 {fix} 转换",
    "data.one_d": "{name} 的形状是 {shape}，只有一维；用 {name}.reshape(-1, 1) 把它变成 ({n}, 1)：模型要求每个样本"
    "占一行、每个特征占一列",
    "data.not_2d": "{name} 的形状是 {shape}，但这里需要形状为 (n_samples, n_features) 的二维数组",
    "data.empty": "{name} 是空的（形状 {shape}）：至少要有一个样本",
    "data.row_x": "{name} 的形状是 {shape}：一行 {n} 个值，但模型要的是一列，每个样本占一行：如果这是 {n} 个样本，"
    "用 {name}.reshape(-1, 1) 把形状变成 ({n}, 1)",
    "data.columns": "{name} 有 {columns} 列，但模型需要 {in_features} 个输入特征：传入形状为 (n, {in_features}) 的 "
    "{name}，或者用 input_dim={columns} 构建模型",
    "data.row_y": "{name} 的形状是 {shape}：一行 {n} 个值，但模型预测值的形状是 {expected}：用 "
    "{name}.reshape(-1, 1) 改变形状",
    "data.one_d_y": "{name} 的形状是 {shape}，但模型预测值的形状是 {expected}：用 {name}.reshape(-1, 1) 改变形状"
    "（否则 MSELoss 会广播成 ({n}, {n})，训练时用的是错误的损失）",
    "data.lengths": "x 有 {n} 个样本，{name} 却有 {got} 个：每个样本要对应一个目标值",
    "data.y_shape": "{name} 的形状是 {shape}，但模型预测值的形状是 {expected}",
    "data.not_finite": "{name} 中有 {count} 个 NaN 或 inf 值（第一个在第 {row} 行）：训练前先把它们删掉或填上"
    "（例如删掉这些行）",
    "data.no_weights": "weights 是空的：每个特征给一个权重，例如 weights=[2.0, -1.0]",
    "data.split_empty": "{n} 个样本、test_fraction={fraction} 会分出一个空的集合：请使用更多数据",
    "data.constant": "x 的列 {columns} 是常数（标准差为 0），无法缩放",
    # model
    "model.dtype": "模型的权重是 {dtype}，但这些辅助函数只训练 float32（或 float64）模型：用 model.float() 转换",
    # batching
    "batching.or_none": "{error}（或者用 None 表示全批量）",
    # analysis
    "analysis.too_few_points": "closed_form 只拿到 {n} 个点，却要确定 {k} 个权重和一个偏置：过 {n} 个点的直线不唯一，"
    "至少需要 {needed} 个点：请增加数据点",
    "analysis.constant": "x 的列 {columns} 是常数（每个值都是 {values}），它的权重和偏置分不开，怎么分配都拟合得"
    "一样好：请使用 x 有变化的数据，或者删掉这一列",
    "analysis.rank": "x 的各列（加上偏置列）的秩是 {rank}，小于 {needed}：有些列是其他列的组合，所以有无穷多组权重"
    "拟合得一样好：请删掉重复的列",
    # training
    "training.not_optimizer": "optimizer 是 {type}，不是 torch.optim 的优化器：用 "
    "torch.optim.SGD(model.parameters(), lr=...) 创建一个",
    "training.foreign_optimizer": "优化器里的参数不是这个模型的参数，optimizer.step() 会去更新另一个模型：用 "
    "torch.optim.SGD(model.parameters(), lr=...) 重新创建",
    "training.loss_class": "loss_fn 是类 {where}{name} 本身，不是损失函数：加上括号创建一个，loss_fn={where}{name}()",
    "training.loss_not_callable": "loss_fn 必须是一个函数 (pred, y) -> loss，例如 nn.MSELoss()，现在是 {value!r}",
    "training.device": "{name} 在 {device} 上，模型却在 {model_device} 上：把两者放到同一个设备上，例如 "
    "model.to(device) 和 {name} = {name}.to(device)",
    "training.inference_model": "这个模型是在 torch.inference_mode() 里创建的，它的参数永远无法训练：请在 with "
    "代码块外面创建模型",
    "training.lr_beyond_dtype": "学习率（{lr:g}）比 {dtype} 能表示的最大数（{largest:.3g}）还大，一步也算不出来。"
    "{advice}",
    "training.progress": "训练",
    "training.kept": "模型里是第 {epoch} 轮之后的参数",
    "training.kept_half": "模型里可能是第 {epoch} 轮只更新了一半的参数",
    "training.interrupted": "训练在第 {done} 轮（共 {total} 轮）之后被中断：{kept}；err.history 里是到目前为止的 "
    "{count} 个损失值",
    "training.overflow": "第 {epoch} 轮的更新溢出了（{error}）：{advice}",
    "training.below_limit": "小于 {limit:.3g}（对这个 x 来说最大的稳定学习率，2/λ_max），例如 lr={suggested:.2g}",
    "training.tenth": "例如 lr={suggested:g}",
    "training.a_tenth": "例如现在的十分之一",
    "training.advice": "试试更小的学习率，{smaller}，或者把 x 标准化",
    "training.diverged": "{what}：对这组数据来说学习率太大了，每一步都走过了头。{advice}",
    "training.diverged_lr": "{what}：对这组数据来说学习率（{lr:g}）太大了，每一步都走过了头。{advice}",
    "training.loss_not_finite": "第 {epoch} 轮的损失变成了 {value}",
    "training.loss_grew": "第 {epoch} 轮的损失变成了 {value:.3g}，超过开始时（{start:.3g}）的 {growth:g} 倍",
    "training.params_not_finite": "第 {epoch} 轮更新之后，参数 {names} 中出现了 NaN 或 inf",
    "training.end_loss": "第 {epoch} 轮更新之后，损失变成了 {value:.3g}（开始时是 {start:.3g}）",
    "training.got_worse": "损失不降反升：从第 {first_epoch} 轮的 {first:.4g} 升到了第 {final_epoch} 轮的 {final:.4g}，"
    "模型比训练之前更差了。{why}{advice}",
    "training.worse_limit": "学习率（{lr:g}）太大了：对这个 x 来说，只有学习率小于 2/λ_max = {limit} 时梯度下降才稳定；"
    "超过它，每一步都比上一步走得更过头。",
    "training.worse_lr": "对这组数据来说，学习率（{lr:g}）可能太大了。",
    "training.worse_optimizer": "对这组数据来说，优化器的学习率可能太大了。",
    "training.worse_advice": "试试更小的学习率，例如 lr={suggested:.2g}，或者把 x 标准化",
    # evaluation
    "evaluation.r2_constant": "所有 y_true 都是同一个值时，R² 没有定义：请改用 mse 或 mae",
    # checkpoint
    "checkpoint.a_folder": "一个文件夹",
    "checkpoint.a_fifo": "一个命名管道（FIFO）",
    "checkpoint.a_device": "一个设备文件",
    "checkpoint.a_socket": "一个套接字（socket）",
    "checkpoint.irregular": "一个特殊文件",
    "checkpoint.cannot_reach": "无法保存到 {path}：{reason}",
    "checkpoint.save_to_folder": "无法保存到 {path}：这是一个文件夹，不是文件：请在里面给一个文件名，例如 {example}",
    "checkpoint.save_over_special": "无法保存到 {path}：它是{kind}，不是普通文件，保存会把它替换掉：请选一个文件路径，"
    "例如 model.pt",
    "checkpoint.no_folder": "无法保存到 {path}：文件夹 {folder} 不存在；请先创建它",
    "checkpoint.folder_is_file": "无法保存到 {path}：{folder} 是一个文件，不是文件夹",
    "checkpoint.cannot_write": "无法保存到 {path}：没有在文件夹 {folder} 中写入的权限",
    "checkpoint.not_a_device": "map_location={location!r} 不是设备：请用 'cpu'、'cuda'、'mps' 或 torch.device(...)",
    "checkpoint.no_cuda": "map_location={location!r}，但 PyTorch 在这台机器上找不到 CUDA GPU"
    "（torch.cuda.is_available() 是 False）：请用 map_location='cpu' 加载（文件本身没有问题）",
    "checkpoint.gpu_count": "map_location={location!r}，但这台机器只有 {count} 块 GPU：请用 map_location='cuda:0' "
    "或 'cpu'（文件本身没有问题）",
    "checkpoint.no_mps": "map_location={location!r}，但这台机器上没有 MPS：请用 map_location='cpu'",
    "checkpoint.path_type": "要加载的路径必须是 str 或 pathlib.Path，现在是 {type}：写成 load_model(path) 或 "
    "load_checkpoint(path, model, optimizer)（路径放在最前面）",
    "checkpoint.no_file": "找不到文件 {path}：请检查路径，或者先用 save_model 把模型保存到那里",
    "checkpoint.cannot_open_folder": "无法访问 {path}：没有打开它所在文件夹的权限",
    "checkpoint.load_folder": "{path} 是一个文件夹，不是文件：请给出其中 .pt 文件的路径",
    "checkpoint.load_special": "{path} 是{kind}，不是普通文件：请给出一个已保存的 .pt 文件的路径",
    "checkpoint.cannot_read": "没有读取 {path} 的权限：请检查它的权限（ls -l），例如 chmod u+r",
    "checkpoint.refused": "已拒绝加载 {path}：它里面除了权重还有 Python 对象，反序列化（unpickle）这些对象可能会运行"
    "任意代码。只加载来源可信的文件；我们保存的文件里只有普通的张量",
    "checkpoint.cannot_read_because": "没有读取 {path} 的权限：{reason}",
    "checkpoint.unreadable": "无法读取 {path}：{reason}",
    "checkpoint.memory": "加载 {path} 需要的内存比现有的多",
    "checkpoint.map_failed": "无法把 {path} 加载到 map_location={location!r}：{reason}；试试 map_location='cpu'"
    "（文件本身可能没有问题）",
    "checkpoint.corrupt_detail": "（{error}: {first}）",
    "checkpoint.corrupt": "{path} 不是可以读取的 PyTorch 文件，可能不完整或已损坏{detail}：如果它是用 save_model "
    "保存的，请重新保存模型",
    "checkpoint.version": "{path} 的格式版本是 {version}，本库只能读取版本 {supported}",
    "checkpoint.bare_state_dict": "{path} 里只有一个 state_dict，不是 {kind} 文件：请自己创建模型，再用 "
    "model.load_state_dict(torch.load(path, weights_only=True)) 加载",
    "checkpoint.not_ours": "{path} 不是 {kind} 文件（它不是 linreg_utils 写的）",
    "checkpoint.no_state_dict": "{path} 里没有模型的 state_dict（由张量组成的字典）：它不是 linreg_utils 写的",
    "checkpoint.does_not_fit": "{path} 和这个模型对不上：文件里缺少的参数 {missing}，文件里多出的参数 {extra}",
    "checkpoint.shape": "{path} 中 {name} 的形状是 {shape}，但模型中的是 {own}：请用与保存时相同的 input_dim 和 "
    "output_dim 构建模型",
    "checkpoint.not_floating": "{path} 中 {name} 的 dtype 是 {dtype}，不是浮点数：这不是我们的文件",
    "checkpoint.swapped_model": "save_model 的第一个参数是模型，第二个是路径：写成 save_model(model, path)"
    "（和 torch.save(obj, path) 一样）",
    "checkpoint.swapped_checkpoint": "save_checkpoint 的第一个参数是模型，第二个是路径：写成 "
    "save_checkpoint(model, path, optimizer, epoch=...)，顺序和 save_model(model, path) 相同"
    "（和 torch.save(obj, path) 一样）",
    "checkpoint.not_a_module": "{call} 的第一个参数必须是 nn.Module（模型），现在是 {type}",
    "checkpoint.not_linreg_model": "save_model 只保存 LinearRegressionModel 模型；其他模型请用 "
    "torch.save(model.state_dict(), path) 保存权重",
    "checkpoint.no_linear": "{path} 里没有 linear.weight 和 linear.bias 张量：文件已损坏，或者不是我们的文件",
    "checkpoint.bad_dim": "{path} 中存的 {key}={value!r} 不是 >= 1 的整数：文件已损坏",
    "checkpoint.dims_mismatch": "{path} 声称 input_dim={input_dim}、output_dim={output_dim}，但其中 linear.weight 的"
    "形状是 {weight}，linear.bias 的形状是 {bias}：文件已损坏或被改过；请重新保存模型",
    "checkpoint.weights_dtype": "{path} 中权重的 dtype 是 {dtype}，不是浮点数：这不是我们的文件",
    "checkpoint.optimizer_third": "save_checkpoint 的第三个参数必须是优化器，现在是 {type}："
    "save_checkpoint(model, path, optimizer, epoch=...)",
    "checkpoint.optimizer_type": "{path} 里保存的是 {stored} 优化器的状态，但你传入的是 {own}：要接着训练，请创建 "
    "torch.optim.{stored}(model.parameters(), ...)，或者不传优化器",
    "checkpoint.no_optimizer_state": "{path} 里没有优化器状态：文件已损坏，或者不是我们的文件",
    "checkpoint.group_count": "{path} 中有 {stored} 个优化器参数组（param group），你的优化器有 {own} 个：请按保存时的"
    "方式创建优化器",
    "checkpoint.group_params": "{path}：优化器参数组 {group} 中有 {stored} 个参数，你的有 {own} 个：请用同样的 "
    "model.parameters() 创建优化器",
    "checkpoint.group_settings": "{path}：优化器参数组 {group} 缺少你的 {own} 要用的设置 {missing}：它是从另一种"
    "优化器保存的",
    "checkpoint.optimizer_shape": "{path}：优化器状态 {key!r} 的形状是 {shape}，但它对应的参数形状是 {own}：请创建"
    "同样的模型",
    "checkpoint.path_first": "load_checkpoint 的第一个参数是路径：写成 load_checkpoint(path, model, optimizer)",
    "checkpoint.no_rng": "{path} 里没有随机数状态：文件已损坏，或者不是我们的文件",
    "checkpoint.bad_epoch": "{path} 中存的 epoch={epoch!r} 不是整数：文件已损坏",
    # tracebacks
    "tracebacks.hidden": "{package} 内部的 {count} 步",
    "tracebacks.separator": "、",
    "tracebacks.footer": "（报错信息已简化：隐藏了 {hidden}；运行 short_tracebacks(False) 可以看到全部步骤）",
    # cli: what both command lines share
    "cli.error": "{prog}：错误：{message}（见 --help）",
    "cli.argument": "参数 {option}：{problem}",
    "cli.a_whole_number": "整数",
    "cli.a_number": "一个数",
    "cli.not_kind": "{text!r} 不是{what}",
    "cli.not_finite": "{text!r} 不是有限的数：请给一个 > 0 的数，例如 0.01",
    "cli.not_positive": "{text!r} 必须 > 0",
    "cli.not_whole": "{text!r} 不是整数",
    "cli.negative": "{text!r} 必须 >= 0",
    "cli.seed_range": "{text!r} 超出了范围：请给一个 0 到 2**64 - 1 之间的整数",
    "cli.interrupted": "已中断",
    "cli.terminated": "已终止（SIGTERM）",
    "cli.stopped": "{prog}：{how}，{when}",
    "cli.failed": "{prog}：错误：{error}；没有保存任何文件",
    # python -m linreg_utils
    "main.description": "像原文那样，用一个 nn.Linear 层拟合 y = 2x + 1，然后保存模型并重新加载。",
    "main.epochs": "训练的轮数（默认：1000）",
    "main.lr": "SGD 的学习率（默认：0.01；大于约 0.028 就会发散）",
    "main.log_every": "每 N 轮打印一次损失，0 表示不打印（默认：50）",
    "main.seed": "模型随机初始权重的种子，0 到 2**64 - 1（默认：0）",
    "main.output": "把模型保存到哪里（.pt）；默认：新建的临时文件夹中的 model.pt",
    "main.training": "在 y = 2x + 1 上训练 LinearRegressionModel(1, 1)：{epochs} 轮，学习率 {lr:g}",
    "main.after_epoch": "在第 {epoch} 轮（共 {epochs} 轮）之后；没有保存任何文件",
    "main.before_training": "在训练开始之前；没有保存任何文件",
    "main.before_saving": "在训练结束后、保存模型之前；没有保存任何文件",
    "main.after_saving": "在把模型保存到 {path} 之后",
    "main.table": "     x       y     预测值",
    "main.result": "最终损失 {loss:.4g}；学到的 w = {w:.4f}，b = {b:.4f}（真实值：2 和 1）",
    "main.saved_match": "已保存到 {path}；重新加载后的预测值与之前一致",
    "main.saved_mismatch": "已保存到 {path}；重新加载后的预测值与之前不一致",
    "main.exit_codes": "退出码：0 训练、保存并重新加载成功；1 损失发散，或者重新加载的模型与之前不一致；2 选项有误；"
    "3 损失最后比开始时还高（模型变差了，所以不保存任何文件）；130 Ctrl-C；143 SIGTERM",
    # python -m linreg_utils.distributed
    "distributed.description": "用 PyTorch 自带的引擎做数据并行训练：torch.distributed + DistributedDataParallel。",
    "distributed.divisible": "n={n} 必须能被 {world} 个进程整除，这样每个分片的大小才一样",
    "distributed.diverged": "第 {epoch} 轮时权重变成了 NaN 或 inf（损失 {loss:.3g}）：学习率（{lr:g}）太大了，每一步都"
    "走过了头。试试更小的学习率，例如 --lr {suggested:g}",
    "distributed.diverged_end": "{epochs} 轮之后权重变成了 NaN 或 inf：学习率（{lr:g}）太大了。试试更小的学习率，例如 "
    "--lr {suggested:g}",
    "distributed.samples": "样本数（要能被进程数整除）",
    "distributed.epochs": "全批量训练的步数（默认：200）",
    "distributed.lr": "学习率（默认：0.5）",
    "distributed.seed": "数据和初始权重的随机种子",
    "distributed.output": "把结果以 JSON 格式写到这里（由 rank 0 写）",
    "distributed.samples_divisible": "{samples} 不能被 {world} 个进程整除",
    "distributed.failed": "{prog}：错误：{error}；没有写入任何文件",
    "distributed.during": "在训练过程中；没有写入任何文件",
    "distributed.timeout": "等待其他进程连接的秒数（默认：30）",
    "distributed.no_peers": "其他进程在 {timeout:g} 秒内没有连上（{reason}）。请用同一条 torchrun 命令启动所有进程，"
    "或者用 --timeout 给它们更多时间",
    "distributed.launcher_gone": "{prog}：错误：启动器（torchrun）在训练结束前就停止了；没有写入任何文件",
}
