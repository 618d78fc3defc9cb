"""Notebook 05's exercise messages (简体中文)."""

TEXT = {
    "q1.hint1": "R² = 1 - sum((y_true - y_pred) ** 2) / sum((y_true - y_true.mean()) ** 2)。",
    "q1.hint2": "分子是模型的平方误差；分母是“永远预测 y_true 的均值”时的平方误差。这里它们分别是 11 和 40。",
    "q1.array": "请给出一个数（所有点合在一起的 R²），而不是数组：要对所有点求和。",
    "q1.not_from_1": "你算出了比值 sum((y - ŷ)²) / sum((y - ȳ)²)，但忘了用 1 减去它：R² = 1 - 比值。",
    "q1.no_mean": "分母错了：sum(y²) 忘了减去均值。分母是 sum((y - ȳ)²)，其中 ȳ = y_true.mean()。",
    "q1.prediction_mean": "分母错了：你减去的是预测值的均值。分母用的是*目标值*的均值："
    "sum((y_true - y_true.mean())²)。",
    "q1.prediction_spread": "分母错了：你衡量的是预测值的离散程度 sum((ŷ - ȳ)²)。"
    "分母应该是目标值的离散程度 sum((y_true - ȳ)²)。",
    "q1.sum_over_mean": "你把求和与求平均混用了：分子是和，分母却是平均值（也就是方差）。要么两边都用和，"
    "要么两边都用平均值。",
    "q1.mean_over_sum": "你把求平均与求和混用了：分子是平均值（也就是 MSE），分母却是和。要么两边都用和，"
    "要么两边都用平均值。",
    "q1.mse": "这是 MSE，不是 R²。R² = 1 - sum((y - ŷ)²) / sum((y - ȳ)²)。",
    "q1.mae": "这是 MAE，不是 R²。R² = 1 - sum((y - ŷ)²) / sum((y - ȳ)²)。",
    "q1.correlation": "这是 y 与 ŷ 的相关系数的平方。只有对最小二乘直线，它才等于 R²；"
    "请用公式 R² = 1 - sum((y - ŷ)²) / sum((y - ȳ)²)。",
    "q1.otherwise": "你算的 R² 是 {shown}，还不对。",
    "q2.hint1": "在 `with torch.no_grad():`（或 torch.inference_mode()）里面，autograd 什么都不记录："
    "就在那里调用 toy(torch.from_numpy(x_ex))。",
    "q2.hint2": "然后用 .numpy() 把输出变成数组。让 x_ex 保持 (3, 1) 的列形状，这样结果也是一列。",
    "q2.requires_grad": "你的答案是一个仍然需要梯度的张量（它带有 grad_fn），说明 autograd 记录了前向传播。"
    "请在 `with torch.no_grad():`（或 torch.inference_mode()）里调用模型，再用 .numpy() 把输出转成 NumPy 数组。",
    "q2.tensor_right": "你的答案是张量（tensor），但题目要的是 NumPy 数组：加上 .numpy() 就行，数值是对的。",
    "q2.tensor": "你的答案是张量（tensor），但题目要的是 NumPy 数组：加上 .numpy()。",
    "q2.trained": "这些是训练好的模型的预测（y ≈ 2x + 1）：请用 toy，它的直线是 y = 3x - 2。",
    "q2.graph": "数值是对的，但 toy 的前向传播是在开着 autograd 的情况下运行的，"
    "建立了计算图（.detach() 只是事后把它丢掉）。题目要求预测时根本不建图："
    "在 `with torch.no_grad():`（或 torch.inference_mode()）里调用 toy，再用 .numpy()。",
    "q3.hint1": "perm = np.random.default_rng(42).permutation(10) 会给出打乱成随机顺序的下标。",
    "q3.hint2": "perm[7:] 是最后 3 个。用同样的下标去索引 x10 和 y10。",
    "q3.pair": "请给出 (x_test, y_test) 这一对，例如 answer = (x10[test_idx], y10[test_idx])。",
    "q3.training": "这里有 7 行：这是训练集。测试集是最后 3 个：perm[7:]。",
    "q3.not_shuffled": "这是按原始顺序排列的最后 3 行（x = 7, 8, 9），不是随机划分：要用打乱后的下标来索引，"
    "x10[perm[7:]]。",
    "q3.first_three": "这是打乱后的前 3 个下标 perm[:3]；测试集是最后 3 个，perm[7:]。",
    "q3.y_mismatch": "x_test 对了，但 y_test 和这些 x 对不上：要用和 x10 相同的下标去索引 y10。",
    "q3.other_rows": "x_test 里的行和 np.random.default_rng(42).permutation(10)[7:] 选出的不一样：请用种子 42，"
    "并在一个新建的生成器上只调用一次 permutation。",
}

COMMENTS = {  # the comments of each solution, in order: "q1.2" is q1's second
    "q1.1": "1 - 11 / 40 = 0.725：和“永远预测平均值”相比，模型消除了 72.5% 的平方误差。",
    "q2.1": "或者用辅助函数：answer = predict(toy, x_ex)",
    "q2.2": "-> [[-0.5], [10.0], [28.0]]；在 no_grad 下，输出的 requires_grad=False。",
    "q3.1": "同一个随机种子每次运行都得到同样的划分；x 和 y 用同一组下标，所以每个 x 仍然配着它自己的 y。",
}
