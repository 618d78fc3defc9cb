"""The grader end to end (issue 23): a folder of submissions of notebooks 01 and 04, each run in a real kernel.

All right; two known mistakes each; untouched; looping forever; not JSON; writing and deleting outside its working
folder; allocating 10 GB; printing 5 MB. Every row of grades.csv and mistakes.csv is checked, the whole run ends
within a fixed time, and nothing outside the temporary folders changes.

About a minute and a half on 2 cores, so not part of ``make test``: ``make test-grading`` runs it (GRADING_TEST=1).
"""

import csv
import hashlib
import os
import re
import tempfile
import time
from pathlib import Path

import pytest
from grading_submissions import RIGHT, submission, write

from linreg_utils.grade import __main__ as cli
from linreg_utils.grade.run import probe_isolation

pytestmark = pytest.mark.skipif(os.environ.get("GRADING_TEST") != "1",
                                reason="real kernels, about 90 s: make test-grading")
ROOT = Path(__file__).resolve().parent.parent
ALL_01 = {"q1": RIGHT, "q2": RIGHT, "q3": RIGHT}
ALL_04 = {"q1": RIGHT, "q2": RIGHT, "q3": RIGHT}
TIMEOUT = 45  # seconds per notebook: notebook 04 runs in about 8 s alone, 15 s with the other job beside it
BOUND = 200  # seconds for the whole run


def _fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_class_folder_is_graded_row_by_row_within_the_limits_and_nothing_outside_changes(tmp_path, monkeypatch):
    isolation = probe_isolation()
    if not isolation.files:
        pytest.skip("this system has no mount namespace for the grader: files outside cannot be protected")
    subs, outside, scratch = tmp_path / "submissions", tmp_path / "outside", tmp_path / "scratch"
    outside.mkdir()
    scratch.mkdir()
    victim = outside / "victim.txt"
    victim.write_text("the teacher's file")
    escaped, in_repo = outside / "escaped.txt", ROOT / "linreg_utils" / "escaped-by-a-submission.txt"
    write(subs / "right01.ipynb", submission("01", ALL_01))
    write(subs / "right04.ipynb", submission("04", ALL_04, student="Zhang San"))
    write(subs / "mistakes01.ipynb", submission("01", {"q1": RIGHT, "q2": "answer = make_linear_data(n=6, "
                                                       "slope=-2.0, intercept=3.0)", "q3": "answer = (2, 3)"}))
    write(subs / "mistakes04.ipynb", submission("04", {"q1": "mse_value = 1**2 + (-1) ** 2 + 2**2",
                                                       "q2": "answer = (-6.0, -40 / 3)", "q3": RIGHT}))
    (subs / "untouched04.ipynb").write_bytes((ROOT / "notebooks" / "04_training.ipynb").read_bytes())
    write(subs / "loops01.ipynb", submission("01", {"q1": RIGHT, "q2": "while True:\n    pass", "q3": RIGHT}))
    (subs / "notjson.ipynb").write_text("this is not a notebook {", encoding="utf-8")
    write(subs / "escapes04.ipynb", submission("04", ALL_04, before=[
        'import os\nos.remove("submission.ipynb")\nopen("mine.txt", "w").write("its own folder: allowed")',
        f"open({str(escaped)!r}, 'w').write('escaped')",
        f"os.remove({str(victim)!r})",
        f"open({str(in_repo)!r}, 'w').write('escaped')",
    ]))
    write(subs / "memory04.ipynb", submission("04", ALL_04, before=["big = bytearray(10 * 2**30)  # 10 GB"]))
    write(subs / "prints01.ipynb", submission("01", ALL_01, before=['print("x" * 5_000_000)']))
    before = _fingerprint(subs)
    sockets = set(Path("/tmp").glob("lg-*"))  # the kernels' socket folders (short paths) go to /tmp
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # the grader's temporary folders go here
    monkeypatch.chdir(tmp_path)

    started = time.monotonic()
    code = cli.main([str(subs), "--out", str(tmp_path / "out"), "--timeout", str(TIMEOUT), "--jobs", "2"])
    seconds = time.monotonic() - started

    assert seconds < BOUND, f"grading took {seconds:.0f} s"
    assert code == 1  # some submissions did not run to the end
    with open(tmp_path / "out" / "grades.csv", encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["student", "file", "notebook", "status", "score", "out_of", "nb01.q1", "nb01.q2", "nb01.q3",
                       "nb04.q1", "nb04.q2", "nb04.q3", "notes"]
    got = {Path(row[1]).stem: row[:1] + row[2:12] for row in rows[1:]}
    r, n, none = "correct", "not_attempted", ["", "", ""]
    assert got == {
        "escapes04": ["escapes04", "nb04", "ok", "3", "3", *none, r, r, r],
        "loops01": ["loops01", "nb01", "timeout", "1", "3", r, "timeout", "timeout", *none],
        "memory04": ["memory04", "nb04", "ok", "3", "3", *none, r, r, r],
        "mistakes01": ["mistakes01", "nb01", "ok", "1", "3", r, "q2.swapped", "q3.transposed", *none],
        "mistakes04": ["mistakes04", "nb04", "ok", "1", "3", *none, "q1.sum", "q2.swapped", r],
        "notjson": ["notjson", "", "not_json", "0", "0", *none, *none],
        "prints01": ["prints01", "nb01", "ok", "3", "3", r, r, r, *none],
        "right01": ["right01", "nb01", "ok", "3", "3", r, r, r, *none],
        "right04": ["Zhang San", "nb04", "ok", "3", "3", *none, r, r, r],
        "untouched04": ["untouched04", "nb04", "ok", "0", "3", *none, n, n, n],
    }
    notes = {Path(row[1]).stem: row[12] for row in rows[1:]}
    assert re.fullmatch(r"cell \d+ raised OSError: \[Errno 30\] Read-only file system: '.*escaped.txt'; "
                        r"and 2 more cell\(s\) raised an error", notes["escapes04"]), notes["escapes04"]
    assert notes["loops01"] == f"stopped after {TIMEOUT} s, the limit per notebook (does a loop never end?)"
    assert re.fullmatch(r"cell \d+ ran out of memory \(the limit is 4 GB\)", notes["memory04"]), notes["memory04"]
    assert notes["notjson"].startswith("not a notebook: the file is not JSON")
    assert notes["prints01"] == "it printed more than 1 MB; the rest was dropped"
    assert [notes[k] for k in ("mistakes01", "mistakes04", "right01", "right04", "untouched04")] == [""] * 5
    with open(tmp_path / "out" / "mistakes.csv", encoding="utf-8") as file:
        assert [row[:3] for row in csv.reader(file)] == [
            ["question", "mistake", "count"], ["nb01.q2", "q2.swapped", "1"], ["nb01.q3", "q3.transposed", "1"],
            ["nb04.q1", "q1.sum", "1"], ["nb04.q2", "q2.swapped", "1"]]
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "<svg" in page and "Zhang San" in page

    # nothing outside the temporary folders changed: the submissions, the teacher's files, the project
    assert _fingerprint(subs) == before
    assert victim.read_text() == "the teacher's file" and not escaped.exists() and not in_repo.exists()
    assert list(scratch.iterdir()) == []  # every submission's temporary folder was removed
    assert set(Path("/tmp").glob("lg-*")) == sockets
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "outside", "scratch", "submissions"]
