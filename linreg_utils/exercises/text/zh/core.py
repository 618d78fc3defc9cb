"""Messages shared by every question (简体中文)."""

TEXT = {
    "correct": "正确！",
    "not_yet_label": "还不对：",
    "hint_label": "提示",
    "solution_label": "参考答案",
    "label_colon": "：",
    "last_hint": "（这已经是最后一条提示了：运行 {name}.solution() 可以查看参考答案。）",
    "last_hint_off": "（这已经是最后一条提示了。本课堂关闭了参考答案：请问老师。）",
    "solutions_off_label": "本课堂关闭了参考答案：",
    "solutions_off": "可以运行 {name}.hint() 查看下一条提示，或者问老师。",
    "solutions_off_no_hint": "提示已经全部看过了，请问老师。",
    "blank": "把 ____ 换成你的答案，然后重新运行这个单元格。",
    "number": "这里要填一个数，你给的是 {kind}。",
    "whole_number": "{got} 不是整数：这里要的是个数，比如 3。",
    "numbers": "请把这几个数写成元组（tuple）：answer = ({names})。",
    "numbers_kind": "({names}) 中的每一项都应该是一个数，比如普通的浮点数（float），或者只含一个元素的张量。",
    "array": "请给出 NumPy 数组或张量，你给的是 {kind}：可以用 np.array(..., dtype=np.{dtype}) 创建一个。",
    "shape_int": "形状（shape）是一个元组，即使只有一个数也是：写成 ({got},)，别漏了逗号。",
    "shape": "形状要写成由整数组成的元组，比如 (行数, 列数)；你给的是 {kind}。",
    "array_column": "{name} 的形状是 {got_shape}，应该是 {shape}。数值可能是对的：用 .reshape(-1, 1) 把它变成一列。",
    "array_reshape": "{name} 的形状是 {got_shape}，应该是 {shape}。数值可能是对的：试试 .reshape{shape}。",
    "array_shape": "{name} 的形状是 {got_shape}，应该是 {shape}。",
    "array_dtype": "{name} 的数据类型（dtype）是 {got_dtype}，应该是 {dtype}：用 .astype(np.{dtype}) 转换一下。",
    "array_values": "{name} 的形状和数据类型都对，但有些数值不一样（例如位置 {position}：你的是 {got_value:.4g}，"
    "应该是 {expected_value:.4g}）。",
    "close": "{shown} 已经很接近了，但还不够准：请至少给出 3 位有效数字。",
    "not_yet": "{shown} 还不对。",
    "function": "请传入函数本身，不要调用它：写 {question}.check({variable})，"
    "而不是 {question}.check({variable}(...))（你传入的是 {kind}）。",
    "your_code_raised": "你的代码运行时出错了：{error}。",
    "tensor_dtype": "{name} 是数据类型（dtype）为 torch.{got_dtype} 的张量，应该是 torch.{dtype}："
    "用 .to(torch.{dtype}) 转换一下。",
    "meta": "你的张量在 meta 设备上：它只有形状 {shape}，没有数值，所以没有什么可以检查。"
    "请改在 CPU 上计算它：去掉 device=\"meta\" 和 .to(\"meta\")。",
    "complex": "你的答案里有复数（数据类型 {dtype}）；这道题要的是实数。",
    "full_width": "（你输入的是全角字符“{typed}”，这里按半角的“{read}”来读。写代码时请把输入法切换到英文模式。）",
    "ran_away": "你的代码运行了 {seconds:g} 秒还没有结束，检查把它停下了：是不是有一个永远不会结束的循环？"
    "看看循环的条件最后会不会变成假（False），或者改用遍历 range 的 for 循环。",
    "endless": "{name} 一直在产出新的项：检查在第 {limit} 项之后把它停下了，这远远多于应有的数目。它的循环会结束吗？"
    "遍历 range 的 for 循环会自己结束，while True 循环不会。",
}
