"""Notebook 06's exercise messages (简体中文)."""

TEXT = {
    "q1.hint1": "我们的模型把它的 nn.Linear 存在 self.linear 里，所以名字都以 'linear.' 开头。",
    "q1.hint2": "nn.Linear 把权重存成 (out_features, in_features) 的形状，偏置则是每个输出一个数。",
    "q1.hint3": "也可以像第 1 节那样，先创建模型，再遍历它的状态字典（state dict）中的各项，"
    "为每个名字收集 tuple(tensor.shape)。",
    "q1.names_only": "请给出一个字典，把每个名字映射到它的形状，例如 {{'a.b': (1, 1), ...}}，而不只是名字。",
    "q1.not_a_dict": "请给出一个字典，把每个名字映射到它的形状，例如 {{'a.b': (1, 1), ...}}。",
    "q1.not_a_shape": "{name} 的形状应该是由整数组成的元组，比如 (2, 3)，你给的是 {got}。",
    "q1.no_prefix": "'weight' 和 'bias' 是 nn.Linear 内部的名字；模型把这一层存在属性 self.linear 里，"
    "所以状态字典中的名字以 'linear.' 开头。",
    "q1.layer": "'linear' 是一个层（一个模块），不是张量：状态字典只列出张量，名字的格式是 layer.tensor（层名.张量名）"
    "。",
    "q1.order": "名字对了，但顺序和状态字典里的不一样：nn.Linear 先创建权重，再创建偏置。",
    "q1.weight_transposed": "linear.weight 写成 (3, 2) 是反过来了：nn.Linear 把权重存成 (out_features, in_features)，"
    "所以 2 个输出、3 个输入对应 (2, 3)。",
    "q1.bias_2d": "偏置是一维的：每个输出一个数，所以形状是 (2,)，也就是只有一个元素的元组。",
    "q1.names": "{names} 不是状态字典里的名字：print(list(model.state_dict())) 可以把它们打印出来。",
    "q1.weight": "linear.weight 的形状 {weight} 还不对：每个输出一行，每个输入一列。",
    "q1.bias": "linear.bias 的形状 {bias} 还不对：偏置是每个输出一个数。",
    "q2.hint1": "分三步：新建一个 mystery = LinearRegressionModel(1, 1)；把文件里的权重加载进去；在 x = 4 处做预测。",
    "q2.hint2": "mystery.load_state_dict(torch.load(mystery_path, weights_only=True))，"
    "然后 predict(mystery, np.array([[4.0]], dtype=np.float32))。",
    "q2.several": "你的答案有 {size} 个值；请只给一个数：x = 4 处的预测值。",
    "q2.own_model": "9 是我们自己的模型（y = 2x + 1）的预测：请新建一个 LinearRegressionModel(1, 1)，"
    "再用 model.load_state_dict(torch.load(mystery_path, weights_only=True)) 把 mystery.pt 的权重加载进去。",
    "q2.bias_only": "4 是 x = 0 处的预测（只有偏置）。请在 x = 4 处预测：np.array([[4.0]], dtype=np.float32)。",
    "q2.no_bias": "这是不带偏置的 w·x：线性层计算的是 w·x + b。",
    "q2.otherwise": "{shown} 不是加载权重之后的模型的预测。"
    "你是在用来预测的那个模型上运行的 model.load_state_dict(...) 吗？没有加载过的新模型会用随机的初始权重来预测。",
    "q3.hint1": "文中用的是 .pkl；而 PyTorch 自己对 torch.save 保存的文件另有约定的后缀。另外，"
    "weights_only 取哪个值时，加载文件的过程中会拒绝运行代码？",
    "q3.hint2": "PyTorch 的官方教程把文件保存为以 .pt 结尾（.pth 也很常见）；"
    "weights_only=True 只会重建张量和普通的容器。",
    "q3.pair": "请给出一对值：(扩展名, weights_only 的值)，例如 ('.xyz', False)。",
    "q3.extension_str": "扩展名应该是一个字符串，比如 '.xyz'。",
    "q3.pickle": "{got[0]} 表示普通的 pickle 文件，但 torch.save 写出的是一个 zip 压缩包（pickle.load 读不了它）："
    "请按 PyTorch 的约定来。",
    "q3.extension": "{got[0]} 不是 PyTorch 对 torch.save 文件约定的后缀。",
    "q3.quoted": "请直接写 Python 值 {got[1]}，不要加引号，不要写成字符串 '{got[1]}'。",
    "q3.unsafe": "weights_only=False 会让文件在加载时运行任意代码：从网上下载的文件千万不要这么用。",
    "q3.otherwise": "weights_only 的取值是 True 或 False，你给的是 {got[1]!r}。",
}

COMMENTS = {  # the comments of each solution, in order: "q1.2" is q1's second
    "q1.1": "或者：{name: tuple(t.shape) for name, t in LinearRegressionModel(3, 2).state_dict().items()}",
    "q1.2": "权重：每个输出一行（2 行），每个输入一列（3 列）；偏置：每个输出一个数。",
    "q2.2": "文件里存的是 w = -1.5 和 b = 4.0，所以预测值是 -1.5 * 4 + 4 = -2。",
    "q3.1": '写成 ".pth" 也可以',
    "q3.2": "torch.save 写出的是一个 zip 压缩包，而不是普通的 pickle 文件；weights_only=True 只会重建张量",
    "q3.3": "和普通的容器（列表、字典等），所以文件在加载时没法运行任何代码。",
}
