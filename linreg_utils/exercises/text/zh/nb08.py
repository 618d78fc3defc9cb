"""Notebook 08's exercise messages (简体中文)."""

TEXT = {
    "q1.hint1": "上限由损失最陡的方向决定：也就是海森矩阵（Hessian）H 的最大特征值（eigenvalue）λ_max。",
    "q1.hint2": "构造 X̃ = [x, 1]（用 np.hstack 加一列 1），然后 H = (2/n)·X̃ᵀX̃。",
    "q1.hint3": "λ_max = np.linalg.eigvalsh(H).max()；上限是 2/λ_max。",
    "q1.no_2": "这是 1/λ_max：你漏了 2。每一步会把误差乘以 (1 - lr·λ)，只要 lr 不超过 2/λ_max，"
    "这个倍数就保持在 -1 以上。",
    "q1.lam_min": "你用的是 λ_min，即**最小**的特征值。最陡的方向最先发散：要用 λ_max。",
    "q1.w_alone": "这是 2 / H[0, 0]，即只考虑 w 时的上限，就好像没有偏置一样。有了 X̃ = [x, 1]，海森矩阵是 2×2 的，"
    "w 和 b 相互联系，所以要取它最大的**特征值**：np.linalg.eigvalsh(H).max()。",
    "q1.no_factor_2": "海森矩阵是 (2/n)·X̃ᵀX̃：你漏了其中的系数 2（对平方求导会带出一个 2）。",
    "q1.no_mean": "MSE 是**平均值**，所以海森矩阵是 (2/n)·X̃ᵀX̃：要把 X̃ᵀX̃ 除以 n = 5。",
    "q1.otherwise": "你算的学习率上限是 {shown}，还不对。",
    "q2.hint1": "沿着 H 的每个特征向量方向，每一步都会把误差乘以 (1 - lr·λ)。",
    "q2.hint2": "慢的方向是最平缓的方向：对应 H = mse_hessian(x_post) 的最小特征值 λ_min。",
    "q2.hint3": "factor = 1 - 0.02 · np.linalg.eigvalsh(mse_hessian(x_post)).min()。",
    "q2.post_lr": "这是 1 - 0.01·λ_min：用的是原文的学习率 0.01，但这道练习用的是 lr = 0.02。（如果海森矩阵漏了系数 2，"
    "它的 λ_min 会小一半，也会得到同一个数：H = (2/n)·X̃ᵀX̃。）",
    "q2.fast": "这是**陡峭**方向（λ_max）的倍数。平缓方向对应的是最小的特征值 λ_min。",
    "q2.lost": "lr·λ_min 是误差每一轮**减少**的那部分；剩下的倍数是 1 - lr·λ_min。",
    "q2.loss": "这是**损失**的倍数（即误差倍数的平方）。误差本身每一轮乘以 1 - lr·λ_min。",
    "q2.no_mean": "MSE 是**平均值**，所以海森矩阵是 (2/n)·X̃ᵀX̃：要把 X̃ᵀX̃ 除以 n = 11，λ_min 也会随之小 11 倍。",
    "q2.close": "{shown} 已经很接近了，但这个倍数太接近 1，四舍五入会把真正关键的信息藏起来，"
    "也就是误差每一轮减少多少（1 - factor）：请给出 4 位小数，或者直接用计算出的值。",
    "q2.otherwise": "你算的倍数是 {shown}，还不对：它等于 1 - lr·λ_min，其中 λ_min 是海森矩阵的最小特征值。",
    "q3.hint1": "把模型写成关于 x 的形式：y = w'·(x - μ)/σ + b'。",
    "q3.hint2": "y = w'·(x - μ)/σ + b' = (w'/σ)·x + (b' - w'·μ/σ)。从中读出斜率和截距。",
    "q3.swapped": "两个数弄反了：请给出 (w, b)，斜率在前。",
    "q3.times_sigma": "x' = (x - μ)/σ 是把 x **除以** σ，所以对原始 x 的斜率是 w'/σ，而不是 w'·σ。",
    "q3.still_standardized": "这些还是标准化（standardize）后的权重：用 w = w'/σ 和 b = b' - w'·μ/σ 把它们换算回来。",
    "q3.w": "w = {got[0]:.4g} 还不对：对原始 x 的斜率是 w'/σ。",
    "q3.no_correction": "w 对了，但 b 还需要修正：把 x 平移 μ 会让直线跟着移动，所以 b = b' - w'·μ/σ。",
    "q3.sign": "w 对了，但修正项的符号错了：b = b' - w'·μ/σ（是减号）。",
    "q3.not_divided": "w 对了，但 b 的修正项忘了除以 σ：b = b' - w'·μ/σ。",
    "q3.divided_twice": "w 对了，但 b 的修正项除了两次 σ：b = b' - w'·μ/σ，或者用新的 w 写成 b = b' - w·μ。",
    "q3.mu_sigma_swapped": "w 对了，但 b 的修正项里 μ 和 σ 弄反了：b = b' - w'·μ/σ。",
    "q3.otherwise": "w 对了，但 b = {got[1]:.4g} 还不对：把 w'·(x - μ)/σ + b' 展开，把不含 x 的部分合并起来。",
}

COMMENTS = {  # the comments of each solution, in order: "q1.2" is q1's second
    "q1.1": "X̃ = [x, 1]，形状 (5, 2)",
    "q1.4": "直接调用 stable_lr_limit(x_q1) 也能得到同样的结果。",
    "q2.1": "x_post：原文中的 x = 0..10；λ_min = 0.5599",
    "q2.2": "0.9888：每一轮误差只减少 1.1%",
    "q3.2": "验证：unstandardize(np.array([[6.0]]), np.array([25.0]), np.array([10.0]), np.array([4.0]))。",
}
