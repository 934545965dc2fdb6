"""`make progress` and `make next`: statuses from the tests, cached, in parallel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kata import layout, progress
from kata.cli import main
from kata.progress import DONE, NOT_STARTED, STARTED, StepProgress


@pytest.fixture
def fake_runs(monkeypatch):
    """Replace the pytest subprocess: each step's outcome is given; the calls are recorded."""
    calls: list[int] = []
    outcomes: dict[int, StepProgress] = {}

    def run_step_quietly(step: int) -> StepProgress:
        calls.append(step)
        return outcomes.get(step, StepProgress(step, STARTED, 1, 2))

    monkeypatch.setattr(progress, "run_step_quietly", run_step_quietly)
    return calls, outcomes


def test_pristine_skeletons_are_not_started_and_not_run(kata_copy, fake_runs):
    calls, _ = fake_runs
    results = progress.progress()
    assert [(r.step, r.status) for r in results] == [(1, NOT_STARTED), (2, NOT_STARTED)]
    assert calls == []
    assert progress.summary(results) == "done: 0/2 (0%)"


def test_learner_changes_sees_changed_missing_and_added_files(kata_copy):
    kata_copy.edit(1)
    kata_copy.file(2, "README.md").unlink()
    kata_copy.file(2, "notes.txt").write_text("mine", encoding="utf-8")
    (kata_copy.steps / "step02" / "__pycache__").mkdir()
    (kata_copy.steps / "step02" / "__pycache__" / "dezero.cpython-311.pyc").write_bytes(b"x")
    assert progress.learner_changes(1).changed == [Path("dezero.py")]
    two = progress.learner_changes(2)
    assert (two.changed, two.missing, two.added) == ([], [Path("README.md")],
                                                     [Path("notes.txt")])


def test_done_and_started_come_from_running_the_tests(kata_copy, capsys):
    kata_copy.solve(1)
    kata_copy.edit(2)
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines() if line.split()[:1] in
            (["1"], ["2"])}
    assert "done" in rows["1"] and layout.title(1) in rows["1"]
    assert "started" in rows["2"] and "tests fail" in rows["2"]
    assert "done: 1/2 (50%)" in out
    assert "next: step 2 (make next)" in out


def test_unchanged_steps_come_from_the_cache(kata_copy, fake_runs, tmp_path, monkeypatch):
    # The tests and the runner are in the key too; pin them, as others may be editing them.
    monkeypatch.setattr(layout, "TESTS", tmp_path / "no-tests")
    monkeypatch.setattr(progress, "RUNNER", tmp_path / "no-runner")
    calls, outcomes = fake_runs
    outcomes[1] = StepProgress(1, DONE, 3, 0)
    kata_copy.solve(1)
    assert progress.step_progress(1).status == DONE
    again = progress.step_progress(1)
    assert (again.status, again.from_cache, calls) == (DONE, True, [1])
    kata_copy.edit(1, "\n# an edit after the run\n")
    outcomes[1] = StepProgress(1, STARTED, 2, 1)
    assert progress.step_progress(1).status == STARTED
    assert calls == [1, 1]


def test_the_cache_key_follows_the_tests_that_apply(kata_copy, tmp_path, monkeypatch):
    tests = tmp_path / "tests"
    for step in (1, 2):
        (tests / layout.step_name(step)).mkdir(parents=True)
        (tests / layout.step_name(step) / "test_x.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(layout, "TESTS", tests)
    one, two = progress.cache_key(1), progress.cache_key(2)
    (tests / "step02" / "test_x.py").write_text("x = 2\n", encoding="utf-8")
    assert progress.cache_key(1) == one  # a later step's test does not apply to step 1
    assert progress.cache_key(2) != two


def test_changed_steps_run_in_parallel_and_all_report(kata_copy, fake_runs):
    calls, outcomes = fake_runs
    kata_copy.edit(1)
    kata_copy.edit(2)
    outcomes[2] = StepProgress(2, DONE, 8, 0)
    results = progress.progress(jobs=2)
    assert sorted(calls) == [1, 2]
    assert [r.status for r in results] == [STARTED, DONE]
    assert results[0].detail() == "2 of 3 tests fail"


@pytest.mark.parametrize("done, total, says", [(17, 24, "17/24 (70%)"), (0, 3, "0/3 (0%)"),
                                               (2, 3, "2/3 (66%)"), (3, 3, "3/3 (100%)")])
def test_summary_counts_done_steps_rounding_down(done, total, says):
    results = [StepProgress(n, DONE if n <= done else NOT_STARTED) for n in range(1, total + 1)]
    assert progress.summary(results) == f"done: {says}"


def test_next_runs_the_first_step_not_done_with_a_header(kata_copy, fake_runs, monkeypatch,
                                                          capsys):
    _, outcomes = fake_runs
    outcomes[1] = StepProgress(1, DONE, 3, 0)
    kata_copy.solve(1)
    ran = []
    monkeypatch.setattr(progress, "run_tests",
                        lambda step, impl, **options: ran.append((step, impl)) or 1)
    assert main(["next"]) == 1
    assert ran == [(2, str(kata_copy.steps / "step02"))]
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"Step 2 — {layout.title(2)}: the first step not done")
    assert "not started yet" in first


def test_next_shows_the_failures_of_a_started_step(kata_copy, capfd):
    kata_copy.edit(1)
    assert main(["next"]) == 1
    out = capfd.readouterr().out
    assert "the first step not done (started, " in out and "tests fail)" in out
    assert "not written yet" in out  # pytest's own report, in the foreground
    saved = json.loads(progress.cache_file(1).read_text(encoding="utf-8"))
    assert saved["status"] == STARTED  # `next` kept `make progress`'s cache up to date


def test_next_when_every_step_is_done(kata_copy, fake_runs, capsys):
    _, outcomes = fake_runs
    for step in (1, 2):
        outcomes[step] = StepProgress(step, DONE, 5, 0)
        kata_copy.solve(step)
    assert main(["next"]) == 0
    assert "All 2 steps are done" in capsys.readouterr().out


def test_learner_impl_names_the_real_steps_folder_as_steps():
    assert progress.learner_impl(1) == "steps"


def test_a_bad_jobs_count_gets_one_line(kata_copy, capsys):
    assert main(["progress", "--jobs", "0"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--jobs must be 1 or more" in err


def test_next_counts_from_the_first_step_the_learner_began():
    results = [StepProgress(1, NOT_STARTED), StepProgress(2, NOT_STARTED),
               StepProgress(3, DONE, 5, 0), StepProgress(4, NOT_STARTED)]
    assert progress.first_not_done(results).step == 4
    fresh = [StepProgress(1, NOT_STARTED), StepProgress(2, NOT_STARTED)]
    assert progress.first_not_done(fresh).step == 1
