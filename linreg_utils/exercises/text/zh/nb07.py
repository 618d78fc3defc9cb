"""Notebook 07's exercise messages (简体中文)."""

TEXT = {
    "q1.hint1": "先求均值 x̄ 和 ȳ；再把每个值中心化：x - x̄ 和 y - ȳ。",
    "q1.hint2": "w = Σ(x - x̄)(y - ȳ) / Σ(x - x̄)²（两个求和用的都是中心化后的值），b = ȳ - w·x̄。",
    "q1.hint3": "x̄ = 2，ȳ = 3，所以 x - x̄ = -2, -1, 0, 1, 2，y - ȳ = -2, 0, -1, 3, 0：两两相乘再相加，得到 w 的分子；"
    "把 x - x̄ 平方再相加，得到分母。",
    "q1.swapped": "两个数弄反了：请给出 (w, b)，斜率在前。",
    "q1.not_centred": "你忘了中心化：公式用的是 x - x̄ 和 y - ȳ（每个值减去它的均值），而不是 x 和 y 本身。"
    "Σxy/Σx² 是被迫穿过 (0, 0) 的直线的斜率。",
    "q1.bottom_not_centred": "分子中心化了，分母却没有：要除以 Σ(x - x̄)²，而不是 Σx²。",
    "q1.top_not_centred": "分母中心化了，分子却没有：要用 (x - x̄) 乘以 (y - ȳ)，而不是 x 乘以 y。",
    "q1.spread_of_y": "你除以的是 Σ(y - ȳ)²：公式的分母是 x 的离散程度 Σ(x - x̄)²。",
    "q1.w": "w = {got[0]:.4g} 还不对：w = Σ(x - x̄)(y - ȳ) / Σ(x - x̄)²。",
    "q1.b_sign": "w 对了，但 b 的修正项符号错了：b = ȳ - w·x̄（是减号）。",
    "q1.b_at_mean": "w 对了，但 b = ȳ 是直线在 x̄ 处的高度，而不是在 x = 0 处的：b = ȳ - w·x̄。",
    "q1.b_zero": "w 对了；现在来看 b：最佳直线经过点 (x̄, ȳ)，所以 b = ȳ - w·x̄。",
    "q1.otherwise": "w 对了，但 b = {got[1]:.4g} 还不对：b = ȳ - w·x̄。",
    "q2.hint1": "path_q2.params 每一轮（epoch）一行 (w, b)；第 0 行是起点，也就是第一步之前。",
    "q2.hint2": "error = np.abs(path_q2.params - np.array([2.0, 1.0])) 存的是每一轮的 |w - 2| 和 |b - 1|；"
    "close = np.all(error < 1e-2, axis=1) 在两者都小于 1e-2 的行为 True。",
    "q2.hint3": "答案就是第一个 True 的下标：np.flatnonzero(close)[0]。",
    "q2.none": "None 表示这条路径始终没有进入容差范围；但这一条是会进入的：再仔细看看。",
    "q2.tol_1e3": "这是 tol = 1e-3（笔记本里用的那个）时的轮数；这道练习要的是 tol = 1e-2。",
    "q2.off_by_one": "差了一：path_q2.params 的第 e 行是训练 e 轮之后的 (w, b)（第 0 行是起点），"
    "所以第一个足够接近的行的下标就是答案，不用 +1 或 -1。",
    "q2.w_only": "这是只有 w 足够接近的时刻；b 也必须足够接近：np.all(error < tol, axis=1) 会同时检查两者。",
    "q2.loss": "这是损失降到 0.01 以下的时刻。题目问的是参数：|w - 2| 和 |b - 1| 都小于 0.01。",
    "q2.count": "这是足够接近的总行数；题目问的是第一行：np.flatnonzero(close)[0]。",
    "q2.otherwise": "{got} 轮还不对：找出 |w - 2| 和 |b - 1| 都小于 1e-2 的第一行。",
    "q3.hint1": "在 x_q3 的右边加一列 1：X̃ = [x1, x2, 1]，形状为 (8, 3)，θ = (w1, w2, b)。",
    "q3.hint2": "X̃ = np.hstack([x_q3, np.ones((8, 1))])；"
    "然后用 np.linalg.lstsq(X̃, y_q3, rcond=None)[0]（或 torch.linalg.lstsq(X̃, y).solution）求解 X̃ θ ≈ y。",
    "q3.no_ones": "只有 2 个数：是不是忘了加那一列 1？没有它就没有 b，直线会被迫穿过 0。"
    "请构造 X̃ = np.hstack([x_q3, np.ones((8, 1))])。",
    "q3.size": "θ 有 {got.size} 个数，应该是 3 个：(w1, w2, b)。你传入的 X̃ 和 y 顺序对吗？",
    "q3.ones_first": "全 1 列放在了最前面，所以 θ 是 (b, w1, w2)；把全 1 列放在最后，才能得到 (w1, w2, b)。",
    "q3.true_weights": "这些是*生成*数据时用的权重。有噪声时，最小二乘的解会略有不同：用 lstsq 把它解出来。",
    "q3.otherwise": "θ = {shown} 还不对：用 lstsq 求解 X̃ θ ≈ y，其中 X̃ = [x_q3, 1]。",
}

COMMENTS = {  # the comments of each solution, in order: "q1.2" is q1's second
    "q1.1": "x 减去均值（中心化）：-2, -1, 0, 1, 2",
    "q1.2": "y 减去均值（中心化）：-2, 0, -1, 3, 0",
    "q1.5": "验证：closed_form(x_q1, y_q1) 会给出同样的数。",
    "q2.1": "(1001, 2)：每一轮之后的 |w - 2| 和 |b - 1|",
    "q2.2": "两个是否都在容差之内？",
    "q2.3": "第一个满足条件的轮次：506",
    "q2.4": "辅助函数做的是同一件事：path_q2.epochs_to_reach(target=(2, 1), tol=1e-2)。",
    "q3.1": "X̃ = [x1, x2, 1]，形状 (8, 3)",
    "q3.2": "(w1, w2, b) ≈ (1.466, -1.993, 0.506)",
    "q3.3": "接近真实值 (1.5, -2.0, 0.5)，但并不相等：噪声让最佳拟合稍微偏了一点。",
}
