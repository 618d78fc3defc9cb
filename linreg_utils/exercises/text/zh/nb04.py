"""Notebook 04's exercise messages (简体中文)."""

TEXT = {
    "q1.hint1": "误差 ŷ - y 分别是 1、-1 和 2。把每个误差平方，加起来，再除以个数。",
    "q1.sum": "这是误差平方的总和；均方误差（MSE）是它们的*平均值*：要除以 n = 3。",
    "q1.not_squared": "误差没有平方：先把每个 (ŷ - y) 平方，这样 +1 和 -1 才不会互相抵消。",
    "q1.mae": "这是平均*绝对*误差（MAE）；MSE 是把每个误差平方，而不是取 |ŷ - y|。",
    "q1.rmse": "这是 MSE 的平方根（RMSE，均方根误差）；去掉平方根就对了。",
    "q1.otherwise": "你算的 MSE 是 {shown}，还不对。",
    "q2.hint1": "预测值 ŷ = 1·x + 0 = [1, 2, 3]；误差 ŷ - y = [-2, -3, -4]。",
    "q2.hint2": "dL/dw = (2/n) Σ (ŷ_i - y_i)·x_i，dL/db = (2/n) Σ (ŷ_i - y_i)，其中 n = 3。",
    "q2.swapped": "两个数弄反了：请给出 (grad_w, grad_b)，w 的梯度（gradient）在前。",
    "q2.sign": "符号反了：要用 (ŷ - y)，即预测值减目标值，而不是 (y - ŷ)。",
    "q2.no_factor_2": "两个数都只有正确值的一半：你漏掉了对平方求导时带出的系数 2。",
    "q2.no_mean": "两个数都大了 n = 3 倍：你忘了除以 n（损失是*平均值*）。",
    "q2.w_like_b": "你的 grad_w 用的是 grad_b 的公式：在 dL/dw 中，每个误差 (ŷ_i - y_i) 都要乘以对应的 x_i。",
    "q2.b_right": "grad_b 对了，但 grad_w = {got[0]:.4g} 还不对：先把每个误差乘以对应的 x_i，再求和。",
    "q2.w_right": "grad_w 对了，但 grad_b = {got[1]:.4g} 还不对：dL/db = (2/n) Σ (ŷ_i - y_i)，里面没有 x_i。",
    "q2.otherwise": "{shown} 还不对：先算预测值 ŷ = 1·x + 0，再算误差 ŷ - y，最后代入两个公式。",
    "q3.hint1": "w_new = w - lr·dL/dw，b_new = b - lr·dL/db。",
    "q3.hint2": "练习 2 得到的梯度是 (-13.33, -6.0)，学习率 lr = 0.1。",
    "q3.swapped": "两个数弄反了：请给出 (w_new, b_new)，新的 w 在前。",
    "q3.uphill": "这一步走反了方向：要*减去* lr·梯度（w ← w - lr·dL/dw），因为梯度指向上坡的方向。",
    "q3.no_lr": "你忘了学习率（learning rate）：每一步走 lr·梯度，这里就是梯度乘以 0.1。",
    "q3.change_only": "这只是变化量 -lr·梯度；还要把它加到原来的值 w = 1 和 b = 0 上。",
    "q3.no_factor_2": "更新规则是对的，但算梯度时漏了系数 2："
    "请用 dL/dw = (2/n) Σ (ŷ_i - y_i)·x_i 和 dL/db = (2/n) Σ (ŷ_i - y_i)。",
    "q3.no_mean": "更新规则是对的，但算梯度时没有除以 n："
    "请用 dL/dw = (2/n) Σ (ŷ_i - y_i)·x_i 和 dL/db = (2/n) Σ (ŷ_i - y_i)。",
    "q3.otherwise": "{shown} 还不对：用练习 2 的梯度，按 w ← w - lr·dL/dw、b ← b - lr·dL/db 更新，其中 lr = 0.1。",
}

COMMENTS = {  # the comments of each solution, in order: "q1.2" is q1's second
    "q1.2": "误差 ŷ - y：2-1 = 1，2-3 = -1，7-5 = 2；平方后是 1、1、4；平均值 6 / 3 = 2。",
    "q1.3": "验证：nn.MSELoss()(torch.tensor([2., 2., 7.]), torch.tensor([1., 3., 5.])) 会得到 tensor(2.)。",
    "q2.2": "误差 ŷ - y = [-2, -3, -4]：两个梯度都是负数，所以增大 w 和 b 会让损失变小。",
    "q2.3": "用 autograd 验证：创建 requires_grad=True 的 w 和 b，算出损失，再调用 loss.backward()。",
    "q3.2": "两个梯度都是负数，所以减去 学习率·梯度 会让 w 和 b 变大：朝 w = 2、b = 1 靠近。",
    "q3.3": "（这一步会稍微越过 w = 2；在原文的数据上，lr = 0.01 能让每一步都足够小。）",
}
