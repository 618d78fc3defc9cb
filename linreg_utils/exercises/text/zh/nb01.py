"""Notebook 01's exercise messages (简体中文)."""

TEXT = {
    "q1.hint1": "np.arange(5) 能生成这几个数；再传入 dtype=np.float32。",
    "q1.hint2": "然后用 .reshape(-1, 1) 把它变成一列。",
    "q2.hint1": "make_linear_data 接受 n、slope（斜率）和 intercept（截距）三个参数；y = 3x - 2 的截距是负数。",
    "q2.pair": "请给出 make_linear_data 返回的那一对值，例如 answer = (x, y)。",
    "q2.n": "x 应该是 0, 1, ..., 5，排成形状为 (6, 1) 的 float32 列：让 make_linear_data 生成 n=6 个点。",
    "q2.swapped": "斜率和截距弄反了：y = 3x - 2 的 slope=3.0，intercept=-2.0。",
    "q3.hint1": "-1 的意思是“需要多少行就多少行”。一共 6 个数，每行 2 个。",
    "q3.transposed": "这是转置（transpose）之后的形状；reshape(-1, 2) 要的是 2 列，数一数有几行。",
    "q3.otherwise": "{shown} 不对：6 个数排成 2 列，能排满几行？",
}

COMMENTS = {  # the comments of each solution, in order: "q1.2" is q1's second
    "q1.1": "-1 让 numpy 自己算出行数（5）；1 表示只要一列。",
    "q2.1": "返回 (x, y)：两个形状为 (6, 1) 的 float32 列。",
    "q3.1": "6 个数 / 2 列 = 3 行。",
}
