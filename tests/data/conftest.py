"""The sample submissions here are data for the grader's tests and docs, not notebooks for nbval to run."""

collect_ignore_glob = ["grading/*"]
