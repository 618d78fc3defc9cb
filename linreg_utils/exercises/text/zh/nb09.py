"""Notebook 09's exercise messages (简体中文)."""

TEXT = {
    "q1.hint1": "最好的模型就是真实的那条直线；剩下的只有噪声。",
    "q1.hint2": "噪声的 MSE 就是它的方差：σ² = noise_std ** 2。",
    "q1.sigma": "这是 σ 本身（noise_std）。MSE 平均的是误差的*平方*，所以它的下限也是平方的单位："
    "方差 σ² = noise_std ** 2。",
    "q1.sqrt": "你开了平方根。下限是 σ 的*平方*（方差），而不是 √σ。",
    "q1.two_sigma": "2σ 不对：下限是 σ 乘以 σ，即方差 σ² = noise_std ** 2。",
    "q1.two_var": "不需要系数 2：下限就是方差 σ² 本身。",
    "q1.zero": "没有哪个模型能预测噪声，所以在新数据上 MSE 不可能降到 0：即使是真实的直线，MSE 也大约是 σ²。",
    "q1.below": "{shown} 低于下限了：在新数据上，没有哪个模型能比噪声的方差 σ² 更好。",
    "q1.otherwise": "你算的 MSE 是 {shown}，还不对。下限是噪声的方差。",
    "q2.hint1": "新数据要用*训练*数据 x_fit 的统计量来缩放，绝不能用它自己的。",
    "q2.hint2": "mean = x_fit.mean(axis=0)，std = x_fit.std(axis=0)，每列各一个；然后计算 (x_new - mean) / std。",
    "q2.x_fit": "这是 x_fit 的形状：要标准化（standardize）的是 x_new（2 行），只是用 x_fit 的均值和标准差。",
    "q2.leakage": "你用了 x_new 自己的均值和标准差。这就是数据泄露（data leakage）："
    "新数据必须用*训练*数据的统计量来缩放，即 x_fit.mean(axis=0) 和 x_fit.std(axis=0)。",
    "q2.together": "你把训练数据和新数据合在一起算了均值和标准差：新数据仍然泄露进了统计量。只用 x_fit。",
    "q2.std_of_new": "均值用的是训练集的均值，但标准差用的是 x_new 的：两者都要取自 x_fit。",
    "q2.mean_of_new": "标准差用的是训练集的标准差，但均值用的是 x_new 的：两者都要取自 x_fit。",
    "q2.ddof": "你除以的是样本标准差（ddof=1，也就是 torch 的 .std() 默认给出的）。"
    "standardize 和 numpy 的 .std() 都是除以 n：请用 np.std / x.std(axis=0)，或者 torch 的 .std(dim=0, correction=0)。",
    "q2.variance": "你除以的是方差；应该除以标准差（方差的平方根），即 x_fit.std(axis=0)。",
    "q2.not_divided": "你减去了训练集的均值，但没有除以训练集的标准差。",
    "q2.not_centred": "你除以了训练集的标准差，但之前没有先减去训练集的均值。",
    "q2.one_for_all": "你对 x_fit 里的所有数只算了一个均值和一个标准差；每一列（每个特征）都需要自己的：用 axis=0。",
    "q3.hint1": "nn.Linear(k, m) 的权重形状是 (m, k)，偏置形状是 (m,)。",
    "q3.hint2": "把两者里的数都数上：k·m 个权重加 m 个偏置。LinearRegressionModel(10, 1) 就是一个 nn.Linear(10, 1)。",
    "q3.pair": "请给出一对整数：(LinearRegressionModel(10, 1) 的参数个数, nn.Linear(10, 3) 的参数个数)。",
    "q3.whole": "两个个数都应该是整数，你给的是 {answer!r}。",
    "q3.no_bias": "LinearRegressionModel(10, 1)：10 个权重是对的，但偏置（bias）也要算进去。",
    "q3.one_feature": "2 个参数是文中那个单特征模型的；有 10 个特征时，每个特征各有一个权重。",
    "q3.first": "{got[0]} 不是 LinearRegressionModel(10, 1) 的参数个数：每个特征一个权重，再加一个偏置。",
    "q3.no_biases": "nn.Linear(10, 3)：3 × 10 个权重是对的，但每个输出还有自己的偏置。",
    "q3.one_bias": "nn.Linear(10, 3) 每个输出一个偏置，所以是 3 个偏置，不是 1 个。",
    "q3.one_row": "3 个输出各有自己的 10 个权重：权重的形状是 (3, 10)。",
    "q3.bias_per_input": "偏置是每个输出一项（3 个），而不是每个输入一项（10 个）。",
    "q3.one_output": "11 只是一个输出的量；nn.Linear(10, 3) 有 3 个输出，每个都有 10 个权重和 1 个偏置。",
    "q3.otherwise": "{got[1]} 不是 nn.Linear(10, 3) 的参数个数：权重 (3, 10) 加上偏置 (3,)。",
}

COMMENTS = {  # the comments of each solution, in order: "q1.2" is q1's second
    "q1.1": "0.09：噪声的方差 σ²，也就是在新数据上 MSE 能达到的最低值",
    "q1.2": "（0.3 是 σ，即标准差；MSE 的单位是平方单位，所以下限是 σ²。）",
    "q2.1": "按列计算，只用训练数据",
    "q2.2": "numpy 的 std 除以的是 n，和 linreg_utils.standardize 一样",
    "q3.2": "验证：sum(p.numel() for p in nn.Linear(10, 3).parameters())",
}
