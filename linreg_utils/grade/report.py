"""What the grader writes: ``grades.csv``, ``mistakes.csv``, ``report.html`` and the live view's lines.

Everything here works from :class:`~linreg_utils.grade.run.Result` rows: one per graded submission, or, for the
live view, one per student built from the class log (:func:`rows_from_events`). The words come from the
grader's catalogue in the class's language (``text/<language>/grade.py``); the CSV files' column names and
outcome codes stay the same in every language, so that a spreadsheet's formulas keep working.

Example:
    >>> rows = [Result("Ann", "ann.ipynb", "nb01", "ok", {"nb01.q1": "correct", "nb01.q2": "q2.swapped"})]
    >>> [(s.question, s.correct, dict(s.mistakes)) for s in summarize(rows)]
    [('nb01.q1', 1, {}), ('nb01.q2', 0, {'q2.swapped': 1}), ('nb01.q3', 0, {})]
"""

from __future__ import annotations

import csv
import html
import importlib
import io
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..language import catalogue, get_language
from .run import Result, questions_of, say

FIXED = ["student", "file", "notebook", "status", "score", "out_of"]
PLAIN = {"correct", "not_attempted", "error", "timeout"}


@dataclass
class Summary:
    """One question across the class: how many got it right, made each mistake, did not try it, or failed."""

    question: str
    correct: int = 0
    mistakes: Counter = field(default_factory=Counter)
    not_attempted: int = 0
    failed: int = 0  # an error or a time-out
    hints: int = 0  # students who asked for a hint (live view)
    solutions: int = 0  # students who looked at the solution (live view)

    @property
    def wrong(self) -> int:
        return sum(self.mistakes.values())


def question_order(rows: Iterable[Result]) -> list[str]:
    """Every question of the rows, notebook by notebook, each notebook's in its module's order."""
    notebooks = sorted({row.notebook for row in rows if row.notebook})
    order = []
    for notebook in notebooks:
        known = questions_of(notebook)
        seen = {q for row in rows for q in row.outcomes if q.startswith(notebook + ".")}
        order += known + sorted(seen - set(known))
    return order


def summarize(rows: list[Result]) -> list[Summary]:
    """Each question's :class:`Summary` over the rows that are of its notebook."""
    found = []
    for question in question_order(rows):
        summary = Summary(question)
        for row in rows:
            outcome = row.outcomes.get(question)
            if outcome is None:
                continue
            if outcome == "correct":
                summary.correct += 1
            elif outcome == "not_attempted":
                summary.not_attempted += 1
            elif outcome in ("error", "timeout"):
                summary.failed += 1
            else:
                summary.mistakes[outcome] += 1
        found.append(summary)
    return found


def outcome_text(outcome: str) -> str:
    """An outcome as the report shows it: "correct", "timed out", or the mistake's key as it is."""
    return say(f"outcome.{outcome}") if outcome in PLAIN else outcome


def mistake_message(question: str, key: str) -> str:
    """The message a learner reads for mistake ``key`` of ``question``, in the class's language; the parts that
    depend on the learner's answer (``{shown}``, ``{got}``) are shown as ``…``.

    Example:
        >>> mistake_message("nb01.q3", "core.blank")
        'replace ____ with your answer, then run the cell again.'
    """
    module, name = question.split(".")
    where, short = ("core", key[5:]) if key.startswith("core.") else (module, key)
    template = catalogue(where, get_language()).get(short) or catalogue(where, "en").get(short)
    if template is None:
        return ""
    values: dict[str, Any] = {"question": name}
    try:
        asked = getattr(importlib.import_module(f"linreg_utils.exercises.{module}"), name)
        values.update({"variable": asked.answer, **asked.values})
    except (ImportError, AttributeError):
        pass

    def field_text(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            return "…"
        try:
            return ("{v" + match.group(0)[1 + len(match.group(1)):]).format(v=values[match.group(1)])
        except (ValueError, TypeError, IndexError, KeyError, AttributeError):
            return "…"

    return re.sub(r"\{(\w+)[^{}]*\}", field_text, template)


# ------------------------------------------------------------------------------------------------ the files


def _atomic_write(path: Path, text: str) -> None:
    """Write beside, then swap: a reader never sees half a file."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8", newline="")
    os.replace(partial, path)


def grades_csv(rows: list[Result]) -> str:
    """``grades.csv``: a row per submission; the outcome of each question (``correct``, a mistake key,
    ``not_attempted``, ``error``, ``timeout``; empty for another notebook's question); the score; the notes."""
    questions = question_order(rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIXED + questions + ["notes"])
    for row in rows:
        out_of = len([q for q in questions if row.notebook and q.startswith(row.notebook + ".")])
        writer.writerow([row.student, row.source, row.notebook or "", row.status, row.score, out_of]
                        + [row.outcomes.get(q, "") for q in questions] + ["; ".join(row.notes)])
    return out.getvalue()


def mistakes_csv(rows: list[Result]) -> str:
    """``mistakes.csv``: question × mistake key × how many submissions made it, most common first, and the
    message the learner read (in the class's language)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["question", "mistake", "count", "message"])
    for summary in summarize(rows):
        for key, count in sorted(summary.mistakes.items(), key=lambda item: (-item[1], item[0])):
            writer.writerow([summary.question, key, count, mistake_message(summary.question, key)])
    return out.getvalue()


# -------------------------------------------------------------------------------------------- the chart


def english(key: str, /, **values: Any) -> str:
    """The grader's message ``key`` in English, whatever the class's language."""
    return catalogue("grade", "en")[key].format(**values)


def chart_svg(summaries: list[Summary]) -> str:
    """A horizontal bar per question, stacked: correct, a mistake, not attempted, error or time-out, as SVG
    (text drawn as paths: the page needs no font). Okabe-Ito colors, the course's style."""
    import matplotlib
    import matplotlib.style
    from matplotlib.figure import Figure  # no pyplot: the backend of the process (a notebook's, a test's) stays

    from ..figure_text import cjk_font

    rc: dict[str, Any] = {"svg.fonttype": "path", "svg.hashsalt": "linreg-grade"}
    font = cjk_font() if get_language() == "zh" else None
    words = say if font or get_language() != "zh" else english  # no Chinese font: English, not empty boxes
    parts = [("legend_correct", "correct", "#009E73"), ("legend_mistake", "wrong", "#E69F00"),
             ("legend_not_attempted", "not_attempted", "#BBBBBB"), ("legend_error", "failed", "#D55E00")]
    with matplotlib.style.context("linreg_utils.course"), matplotlib.rc_context(rc):
        if font:  # after the usual font, as figure_text does: letters and digits as in English, Chinese from it
            matplotlib.rcParams["font.family"] = [*matplotlib.rcParams["font.family"], font]
        figure = Figure(figsize=(7.5, 0.45 * len(summaries) + 1.6))
        axes = figure.subplots()
        names = [s.question for s in summaries][::-1]
        left = [0] * len(names)
        for key, attribute, color in parts:
            values = [getattr(s, attribute) for s in summaries][::-1]
            axes.barh(names, values, left=left, color=color, label=words(f"report.{key}"))
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_xlabel(words("report.axis_students"))
        axes.set_title(words("report.chart_title"))
        axes.xaxis.get_major_locator().set_params(integer=True)
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.5 / (0.45 * len(summaries) + 1.6) - 0.12), ncol=4,
                    frameon=False)
        out = io.StringIO()
        figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", out.getvalue(), flags=re.DOTALL)  # the RDF block: not needed
    return svg[svg.index("<svg"):]  # no XML prologue inside HTML


# ----------------------------------------------------------------------------------------------- the page

STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 70em;
       padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
td.correct { background: #e3f4ee; } td.mistake { background: #fbefd9; } td.failed { background: #f8dfd3; }
td.not_attempted { color: #777; }
.chart svg { max-width: 100%; height: auto; }
.note { color: #555; font-size: 0.9em; }
"""


def _cell_class(outcome: str) -> str:
    if outcome in ("correct", "not_attempted"):
        return outcome
    return "failed" if outcome in ("error", "timeout") else "mistake"


def report_html(rows: list[Result], *, live: bool = False, records: int = 0, notes: Iterable[str] = ()) -> str:
    """The report page: a chart of each question, the most common mistakes with their messages, a row per student.

    One file with nothing to fetch (the chart is inline SVG), in the class's language.
    """
    e = html.escape
    summaries = summarize(rows)
    questions = [s.question for s in summaries]
    notebooks = sorted({row.notebook for row in rows if row.notebook})
    what = ", ".join(notebooks) or "—"
    now = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    title = say("report.live_title" if live else "report.title", what=what)
    made = (say("report.live_made", time=now, count=records, students=len(rows)) if live
            else say("report.made", time=now, count=len(rows)))
    chart = chart_svg(summaries) if summaries else ""
    alt = e(say("report.chart_alt"))
    chart = chart.replace("<svg ", f'<svg role="img" aria-label="{alt}" ', 1)
    lines = [
        "<!DOCTYPE html>", f'<html lang="{"zh-CN" if get_language() == "zh" else "en"}">', "<head>",
        '<meta charset="utf-8">', f"<title>{e(title)}</title>",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">",
        f"<style>{STYLE}</style>", "</head>", "<body>", f"<h1>{e(title)}</h1>", f'<p class="note">{e(made)}</p>',
    ]
    lines += [f'<p class="note">{e(say("report.not_isolated", what=note))}</p>' for note in notes]
    lines += [f'<div class="chart" id="chart">{chart}</div>', f"<h2>{e(say('report.questions'))}</h2>", "<table>",
              f"<tr><th>{e(say('report.question'))}</th><th>{e(say('report.correct'))}</th>"
              f"<th>{e(say('report.common_mistakes'))}</th></tr>"]
    for summary in summaries:
        common = [say("report.mistake_count", count=count, key=key, message=mistake_message(summary.question, key))
                  for key, count in sorted(summary.mistakes.items(), key=lambda item: (-item[1], item[0]))[:3]]
        shown = "<br>".join(e(line) for line in common) or e(say("report.none"))
        total = summary.correct + summary.wrong + summary.not_attempted + summary.failed
        lines.append(f"<tr><td>{e(summary.question)}</td><td>{summary.correct} / {total}</td><td>{shown}</td></tr>")
    lines += ["</table>", f"<h2>{e(say('report.students'))}</h2>", "<table>", "<tr>"
              + "".join(f"<th>{e(say(f'report.{k}'))}</th>" for k in ("student", "file", "notebook", "score"))
              + "".join(f"<th>{e(q)}</th>" for q in questions) + f"<th>{e(say('report.notes'))}</th></tr>"]
    for row in rows:
        out_of = sum(1 for q in questions if row.notebook and q.startswith(row.notebook + "."))
        cells = "".join(
            f'<td class="{_cell_class(row.outcomes[q])}">{e(outcome_text(row.outcomes[q]))}</td>'
            if q in row.outcomes else "<td></td>" for q in questions)
        lines.append(f"<tr><td>{e(row.student)}</td><td>{e(Path(row.source).name)}</td>"
                     f"<td>{e(row.notebook or '')}</td><td>{row.score} / {out_of}</td>{cells}"
                     f"<td>{e('; '.join(row.notes))}</td></tr>")
    lines += ["</table>", "</body>", "</html>", ""]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------- the live view


def rows_from_events(events: list[dict[str, Any]]) -> tuple[list[Result], dict[str, Counter]]:
    """A row per student and notebook from the class log (the last check of each question decides), and per
    question how many students asked for a hint or looked at the solution."""
    by_student: dict[tuple[str, str], list[dict[str, Any]]] = {}
    asked: dict[str, dict[str, set[str]]] = {}
    for event in events:
        student, notebook = str(event.get("student", "?")), str(event["notebook"])
        by_student.setdefault((student, notebook), []).append(event)
        if event["event"] in ("hint", "solution"):
            question = f"{notebook}.{event['question']}"
            asked.setdefault(question, {"hint": set(), "solution": set()})[event["event"]].add(student)
    rows = []
    for (student, notebook), mine in sorted(by_student.items()):
        try:
            questions = questions_of(notebook)
        except ImportError:
            questions = sorted({f"{notebook}.{e['question']}" for e in mine})
        outcomes = {q: "not_attempted" for q in questions}
        for event in mine:
            if event["event"] == "check":
                result = str(event["result"])
                outcomes[f"{notebook}.{event['question']}"] = "not_attempted" if result == "core.blank" else result
        rows.append(Result(student, f"{safe(student)}.jsonl", notebook, "ok", outcomes))
    counts = {q: Counter({kind: len(names) for kind, names in kinds.items()}) for q, kinds in asked.items()}
    return rows, counts


def safe(name: str) -> str:
    from ..classroom import safe_file_name

    return safe_file_name(name)


def live_lines(events: list[dict[str, Any]], folder: Path | str) -> list[str]:
    """The live view: a title line, then one line per question, e.g.
    ``nb01.q3: 18 correct, 7 stuck on q3.transposed, 5 not started``.

    Example:
        >>> live_lines([{"student": "Ann", "notebook": "nb01", "question": "q3", "event": "check",
        ...              "result": "q3.transposed"}], "log")[-1]
        'nb01.q3: 0 correct, 1 stuck on q3.transposed, 0 not started'
    """
    rows, asked = rows_from_events(events)
    now = datetime.now().astimezone().strftime("%H:%M:%S")
    if not events:
        return [say("live.empty", folder=folder)]
    students = len({row.student for row in rows})
    lines = [say("live.title", folder=folder, students=students, events=len(events), time=now)]
    for summary in summarize(rows):
        parts = [say("live.correct", count=summary.correct)]
        parts += [say("live.stuck", count=count, key=key)
                  for key, count in sorted(summary.mistakes.items(), key=lambda item: (-item[1], item[0]))]
        if summary.failed:
            parts.append(say("live.stuck", count=summary.failed, key=say("outcome.error")))
        parts.append(say("live.not_started", count=summary.not_attempted))
        counted = asked.get(summary.question, Counter())
        if counted["hint"]:
            parts.append(say("live.hints", count=counted["hint"]))
        if counted["solution"]:
            parts.append(say("live.solutions", count=counted["solution"]))
        lines.append(f"{summary.question}: " + (", " if get_language() == "en" else "，").join(parts))
    return lines
