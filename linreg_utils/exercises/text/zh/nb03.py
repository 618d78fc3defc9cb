"""Notebook 03's exercise messages (简体中文)."""

TEXT = {
    "q1.hint1": "每个输入都连到每个输出，每条连接一个权重。",
    "q1.hint2": "然后每个输出神经元再加一个偏置：in * out 个权重 + out 个偏置。",
    "q1.weights_only": "12 只算了权重（weight）：3 个输出各自还有一个偏置（bias），所以要再加 3。",
    "q1.bias_per_input": "偏置是每个输出神经元一个（共 3 个），而不是每个输入一个。",
    "q1.one_bias": "这一层的每个输出神经元都有自己的偏置（共 3 个），而不是整层只有一个偏置。",
    "q1.neurons": "4 + 3 是把神经元的个数加了起来；实际上 4 个输入中的每一个都连到 3 个输出中的每一个（4 * 3 个权重）"
    "。",
    "q1.otherwise": "{got} 不对：数一数权重（每条连接一个）和偏置（每个输出一个）。",
    "q2.hint1": "y_ex 第 i 行第 j 列的值：把 x_ex 的第 i 行和 W_ex 的第 j 行的数两两相乘，"
    "再把乘积加起来，最后加上 b_ex[j]。",
    "q2.hint2": "写成代码就是：x_ex @ W_ex.T + b_ex，形状为 (3, 2)。",
    "q2.transposed": "你的结果是转置（transpose）过的：形状 (2, 3) 是每个输出占一行，但 y_ex 需要每个样本占一行，"
    "形状为 (3, 2)。请计算 x_ex @ W_ex.T + b_ex。",
    "q2.shape_2_3": "你的结果形状是 (2, 3)，但 y_ex 需要每个样本一行、每个输出一列：(3, 2)。",
    "q2.no_bias": "这是没加偏置的 x_ex @ W_ex.T：还要加上 b_ex（每个输出加上它自己的偏置）。",
    "q2.no_transpose": "该用转置 W_ex.T 的地方你用了 W_ex：PyTorch 为每个*输出*存一行 W_ex，"
    "所以这一层计算的是 x_ex @ W_ex.T + b_ex。",
    "q2.two_slips": "有两处小错：要用 W_ex.T（而不是 W_ex），还要加上偏置 b_ex。",
    "q2.value": "形状对了，但 y_ex[{i}, {j}] 是 {got_value:.4g}，应该是 {expected_value:.4g}："
    "它等于 x_ex 的第 {i} 行乘以 W_ex 的第 {j} 行，再加上 b_ex[{j}]。",
    "q3.hint1": "nn.Linear(in_features, out_features)：这里是 5 个输入、2 个输出。",
    "q3.hint2": "权重（weight）是每个输出神经元一行、每个输入一列；每个输出有一个偏置（bias）。",
    "q3.pair": "请给出一对形状：answer = (weight_shape, bias_shape)，例如 ((rows, columns), (length,))。",
    "q3.single": "这只是一个形状；两个都要给：answer = (weight_shape, bias_shape)。",
    "q3.weight_tuple": "权重的形状是由两个数组成的元组：(行数, 列数)。",
    "q3.weight_in_out": "权重的形状是 (out_features, in_features)，而不是 (in, out)：每个输出神经元占一行。",
    "q3.weight_other": "权重形状 {got[0]} 不对：nn.Linear(5, 2) 有 5 个输入、2 个输出。",
    "q3.bias_per_input": "偏置是每个输出神经元一个，而不是每个输入一个。",
    "q3.bias_2d": "偏置是一维的：就是一串数，形状为 (k,)，而不是 {got[1]}。",
    "q3.otherwise": "偏置形状 {got[1]} 不对：一共有几个输出神经元？",
    "q4.hint1": "LinearRegressionModel(input_dim, output_dim)：每个样本输入几个数？",
    "q4.hint2": "又输出几个数呢？每套房子一个价格。",
    "q4.class": "这是类本身；要创建模型，得调用它，例如 LinearRegressionModel(..., ...)。",
    "q4.not_a_model": "请给出一个模型（nn.Module），你给的是 {kind}。",
    "q4.not_ours": "这是一个 {kind}；题目要的是文中的 LinearRegressionModel。"
    "（单独一个 nn.Linear(3, 1) 算出的直线是一样的，但这里请创建 LinearRegressionModel(input_dim, output_dim)。）",
    "q4.layers": "这个 LinearRegressionModel 里有 {count} 个 nn.Linear 层；文中的模型只有一个："
    "self.linear = nn.Linear(input_dim, output_dim)。",
    "q4.swapped": "输入和输出弄反了：输入 3 个特征（input_dim=3），输出 1 个价格（output_dim=1）。",
    "q4.dims": "这个模型把 {n_in} 个输入映射到 {n_out} 个输出；题目需要 3 个输入、1 个输出。",
}

COMMENTS = {  # the comments of each solution, in order: "q1.2" is q1's second
    "q1.2": "权重的形状是 (3, 4)：12 个数；偏置的形状是 (3,)：3 个数。即 输入数 * 输出数 + 输出数。",
    "q2.4": "例如 y_ex[0, 0] = 1*1 + 2*(-1) + 0.5 = -0.5：样本 0 与 W_ex 的第 0 行逐项相乘再求和，再加上 b_ex[0]。",
    "q3.1": "权重：(out_features, in_features) = (2, 5)；偏置：每个输出一个，形状是 (2,)——注意那个逗号。",
    "q4.1": "input_dim=3：每套房子 3 个特征；output_dim=1：预测 1 个房价。3 个权重 + 1 个偏置 = 4 个参数。",
}
