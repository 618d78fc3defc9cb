"""The grader's messages (English): ``python -m linreg_utils.grade`` and its report, live view and CSV notes.

Keys are ``"<part>.<what>"``; ``linreg_utils.grade`` fills the ``{fields}`` in with ``str.format``. Every other
language has the same keys and the same fields (``tests/test_grade.py``).
"""

TEXT = {
    # what happened to one question of one submission
    "outcome.correct": "correct",
    "outcome.not_attempted": "not attempted",
    "outcome.error": "error",
    "outcome.timeout": "timed out",
    # what happened to a whole submission (the notes column of grades.csv, the report's rows)
    "status.ok": "graded",
    "status.not_json": "not a notebook: the file is not JSON ({error})",
    "status.not_notebook": "not a notebook: the file is JSON, but has no cells",
    "status.not_course": "not a notebook of this course: it imports no question of linreg_utils.exercises",
    "status.wrong_notebook": "notebook {found}, but this grading is for notebook {wanted}",
    "status.too_big": "the file is {size} MB, more than the limit of {limit} MB",
    "status.timeout": "stopped after {seconds} s, the limit per notebook (does a loop never end?)",
    "status.kernel_died": "the kernel stopped in cell {cell} (out of memory? the limit is {memory} GB)",
    "status.memory": "cell {cell} ran out of memory (the limit is {memory} GB)",
    "status.cell_error": "cell {cell} raised {error}",
    "status.more_errors": "and {count} more cell(s) raised an error",
    "status.output_capped": "it printed more than {limit} MB; the rest was dropped",
    "status.no_start": "the kernel did not start: {error}",
    # the command line
    "cli.description": "Grade submitted notebooks of this course: each runs in a fresh kernel in a temporary copy, "
    "and every check it makes is recorded.",
    "cli.progress": "grading",
    "cli.summary": "{count} submission(s) graded in {seconds:.0f} s: {complete} ran to the end, {problems} had a "
    "problem (see notes). Wrote {out}",
    "cli.no_submissions": "no submissions found in {paths}: give notebooks (.ipynb), folders of them or .zip files",
    "cli.missing": "{path} does not exist: give a notebook, a folder of notebooks or a .zip file",
    "cli.bad_zip": "{path} is not a readable zip file ({error})",
    "cli.not_ours": "{out} already holds {files}, which the grader did not write: choose another --out folder, or "
    "add --force to replace them (the old ones are kept as .bak)",
    "cli.no_network_isolation": "note: this system cannot give a submission a network namespace of its own "
    "(unshare --net failed), so submissions can reach the network",
    "cli.no_file_isolation": "note: this system cannot make the files outside a submission's folder read-only "
    "(no mount namespace), so a submission can change any file this user can change",
    "cli.bad_number": "{option} is {value!r}: give a number greater than 0, e.g. {example}",
    "cli.bad_notebook": "--notebook is {value!r}: give a notebook number from 01 to 11, e.g. 04",
    "cli.live_stop": "refreshed every {seconds:g} s; Ctrl-C stops",
    "cli.nothing_given": "give the submissions: notebooks (.ipynb), folders of them or .zip files, e.g. "
    "python -m linreg_utils.grade submissions/",
    "help.submissions": "the submitted notebooks (.ipynb), folders of them, .zip files",
    "help.out": "where grades.csv, mistakes.csv and report.html go (default: ./grading)",
    "help.notebook": "grade only this notebook, e.g. 04 (a submission of another one is refused)",
    "help.timeout": "seconds for one whole notebook (default: 6 times its usual Run All, at least 60)",
    "help.memory": "GB of memory for each kernel (default 4)",
    "help.jobs": "how many notebooks run at once (default: the CPU cores, at most 4)",
    "help.force": "replace files in --out that the grader did not write (keeping them as .bak)",
    "help.lang": "the language of the report and messages (default: LINREG_LANG, or en)",
    "help.live": "show what the class log in LOG_FOLDER records, per question, refreshed",
    "help.html": "with --live: also write the summary as a report page",
    "help.every": "with --live: seconds between refreshes (default 5)",
    "help.once": "with --live: show it once and stop",
    # the live view
    "live.title": "{folder}: {students} student(s), {events} record(s), at {time}",
    "live.empty": "no records yet in {folder}",
    "live.correct": "{count} correct",
    "live.stuck": "{count} stuck on {key}",
    "live.not_started": "{count} not started",
    "live.hints": "{count} asked for a hint",
    "live.solutions": "{count} looked at the solution",
    # the report page
    "report.title": "Grades: {what}",
    "report.live_title": "The class, live: {what}",
    "report.made": "Made by python -m linreg_utils.grade at {time}, from {count} submission(s).",
    "report.live_made": "Made by python -m linreg_utils.grade --live at {time}, from {count} record(s) of {students} "
    "student(s).",
    "report.chart_title": "How many students got each question right",
    "report.chart_alt": "A bar for each question: how many students got it right, made a known mistake, did not "
    "attempt it, or had an error or a time-out.",
    "report.axis_students": "students",
    "report.legend_correct": "correct",
    "report.legend_mistake": "a mistake",
    "report.legend_not_attempted": "not attempted",
    "report.legend_error": "error or time-out",
    "report.questions": "Questions",
    "report.question": "question",
    "report.correct": "correct",
    "report.common_mistakes": "most common mistakes",
    "report.mistake_count": "{count} × {key}: {message}",
    "report.none": "none",
    "report.students": "Students",
    "report.student": "student",
    "report.file": "file",
    "report.notebook": "notebook",
    "report.score": "score",
    "report.notes": "notes",
    "report.not_isolated": "Not a security sandbox: {what}",
}
