"""评分工具的提示信息（简体中文）：``python -m linreg_utils.grade`` 及其报告、实时视图和 CSV 备注。

键和 {字段} 与 ``text/en/grade.py`` 完全相同。
"""

TEXT = {
    # 一份作业里一道题的结果
    "outcome.correct": "正确",
    "outcome.not_attempted": "未作答",
    "outcome.error": "出错",
    "outcome.timeout": "超时",
    # 一整份作业的情况（grades.csv 的 notes 列、报告里的每一行）
    "status.ok": "已评分",
    "status.not_json": "不是笔记本：这个文件不是 JSON（{error}）",
    "status.not_notebook": "不是笔记本：这个文件是 JSON，但没有单元格",
    "status.not_course": "不是本课程的笔记本：它没有导入 linreg_utils.exercises 里的任何一道题",
    "status.wrong_notebook": "这是第 {found} 个笔记本，但这次评分的是第 {wanted} 个笔记本",
    "status.too_big": "文件有 {size} MB，超过了 {limit} MB 的上限",
    "status.timeout": "运行 {seconds} 秒后被停止，这是每个笔记本的时间上限（是不是有循环停不下来？）",
    "status.kernel_died": "内核在第 {cell} 个单元格停止了运行（内存不够？上限是 {memory} GB）",
    "status.memory": "第 {cell} 个单元格内存不够（上限是 {memory} GB）",
    "status.cell_error": "第 {cell} 个单元格出错：{error}",
    "status.more_errors": "另外还有 {count} 个单元格出错",
    "status.output_capped": "它的输出超过了 {limit} MB，多出的部分已丢弃",
    "status.no_start": "内核没有启动：{error}",
    # 命令行
    "cli.description": "给本课程交上来的笔记本评分：每份作业复制到临时文件夹里，用新的内核运行，记录其中每一次检查。",
    "cli.progress": "评分中",
    "cli.summary": "{count} 份作业评分完毕，用时 {seconds:.0f} 秒：{complete} 份运行到了最后，{problems} 份有问题"
    "（见备注）。已写入 {out}",
    "cli.no_submissions": "在 {paths} 里没有找到作业：请给出笔记本（.ipynb）、装有笔记本的文件夹或 .zip 文件",
    "cli.missing": "{path} 不存在：请给出一个笔记本、装有笔记本的文件夹或 .zip 文件",
    "cli.bad_zip": "{path} 不是可以读取的 zip 文件（{error}）",
    "cli.not_ours": "{out} 里已经有 {files}，它们不是评分工具写的：请换一个 --out 文件夹，或者加上 --force 替换它们"
    "（旧文件会保存为 .bak）",
    "cli.no_network_isolation": "注意：这个系统不能给每份作业单独的网络命名空间（unshare --net 失败了），"
    "所以作业可以访问网络",
    "cli.no_file_isolation": "注意：这个系统不能把作业文件夹以外的文件设为只读（没有挂载命名空间），"
    "所以作业可以修改当前用户能修改的任何文件",
    "cli.bad_number": "{option} 的值是 {value!r}：请给一个大于 0 的数，例如 {example}",
    "cli.bad_notebook": "--notebook 的值是 {value!r}：请给出 01 到 11 之间的笔记本编号，例如 04",
    "cli.live_stop": "每 {seconds:g} 秒刷新一次；按 Ctrl-C 停止",
    "cli.nothing_given": "请给出要评分的作业：笔记本（.ipynb）、装有笔记本的文件夹或 .zip 文件，例如 "
    "python -m linreg_utils.grade submissions/",
    "help.submissions": "交上来的笔记本（.ipynb）、装有笔记本的文件夹、.zip 文件",
    "help.out": "grades.csv、mistakes.csv 和 report.html 写到哪里（默认：./grading）",
    "help.notebook": "只给这个笔记本评分，例如 04（其他笔记本的作业不运行）",
    "help.timeout": "整个笔记本最多运行多少秒（默认：平时 Run All 时间的 6 倍，至少 60 秒）",
    "help.memory": "每个内核可用的内存，单位 GB（默认 4）",
    "help.jobs": "同时运行几个笔记本（默认：CPU 核数，最多 4）",
    "help.force": "替换 --out 里不是评分工具写的文件（旧文件保存为 .bak）",
    "help.lang": "报告和提示信息的语言（默认：LINREG_LANG，否则为 en）",
    "help.live": "按题目显示 LOG_FOLDER 里的课堂记录，并定时刷新",
    "help.html": "与 --live 一起用：同时把汇总写成报告页面",
    "help.every": "与 --live 一起用：每隔几秒刷新一次（默认 5）",
    "help.once": "与 --live 一起用：只显示一次就停止",
    # 实时视图
    "live.title": "{folder}：{students} 名学生，{events} 条记录，时间 {time}",
    "live.empty": "{folder} 里还没有记录",
    "live.correct": "{count} 人正确",
    "live.stuck": "{count} 人卡在 {key}",
    "live.not_started": "{count} 人还没开始",
    "live.hints": "{count} 人看过提示",
    "live.solutions": "{count} 人看过参考答案",
    # 报告页面
    "report.title": "成绩：{what}",
    "report.live_title": "课堂实时情况：{what}",
    "report.made": "由 python -m linreg_utils.grade 于 {time} 生成，共 {count} 份作业。",
    "report.live_made": "由 python -m linreg_utils.grade --live 于 {time} 生成，"
    "来自 {students} 名学生的 {count} 条记录。",
    "report.chart_title": "每道题有多少学生答对",
    "report.chart_alt": "每道题一根条形：答对、犯了已知错误、未作答、出错或超时的学生各有多少。",
    "report.axis_students": "学生人数",
    "report.legend_correct": "正确",
    "report.legend_mistake": "已知错误",
    "report.legend_not_attempted": "未作答",
    "report.legend_error": "出错或超时",
    "report.questions": "各题情况",
    "report.question": "题目",
    "report.correct": "正确人数",
    "report.common_mistakes": "最常见的错误",
    "report.mistake_count": "{count} × {key}：{message}",
    "report.none": "无",
    "report.students": "各学生情况",
    "report.student": "学生",
    "report.file": "文件",
    "report.notebook": "笔记本",
    "report.score": "得分",
    "report.notes": "备注",
    "report.not_isolated": "这不是安全沙箱：{what}",
}
