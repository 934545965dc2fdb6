"""`make progress` and `make next`: statuses from the tests, cached, in parallel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kata import layout
from kata.cli import main
from kata.commands import progress, testrun
from kata.commands.progress import DONE, NOT_STARTED, STARTED, StepProgress


def one_message(err: str) -> bool:
    """One message, no traceback: a long one wraps at words, its rows after the first indented."""
    return len([line for line in err.strip().splitlines() if not line.startswith(" ")]) == 1


def flat(text: str) -> str:
    """The text with its wrapping undone."""
    return " ".join(text.split())



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
    assert results[0].detail() == "2 of its 3 tests fail"


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
    said = capsys.readouterr().out.splitlines()
    assert said[0] == "testing step 1 on your code (changed since the last look)…"
    first = said[1]
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
    assert one_message(err) and "--jobs must be 1 or more" in flat(err)


def test_next_counts_from_the_first_step_the_learner_began():
    results = [StepProgress(1, NOT_STARTED), StepProgress(2, NOT_STARTED),
               StepProgress(3, DONE, 5, 0), StepProgress(4, NOT_STARTED)]
    assert progress.first_not_done(results).step == 4
    fresh = [StepProgress(1, NOT_STARTED), StepProgress(2, NOT_STARTED)]
    assert progress.first_not_done(fresh).step == 1


# -- one screen, counted from where the learner began (issue 22, item 4) -------------------------

def begun_at_25(done: int = 3, started: tuple[int, ...] = (28, 59)) -> list[StepProgress]:
    """All 61 steps: the learner began at 25, finished `done` steps, started a few more."""
    results = []
    for step in layout.BOOK_STEPS:
        if 25 <= step < 25 + done:
            results.append(StepProgress(step, DONE, 10, 0))
        elif step in started:
            results.append(StepProgress(step, STARTED, 3, 4))
        else:
            results.append(StepProgress(step, NOT_STARTED))
    return results


def test_done_counts_from_the_step_the_learner_began_at():
    assert progress.summary(begun_at_25(done=5, started=())) == (
        "done: 5/37 (13%) from step 25, where you began")


def test_the_table_folds_the_stages_where_nothing_is_started():
    lines = progress.table(begun_at_25(), budget=34).splitlines()
    assert len(lines) <= 34 and max(map(len, lines)) <= 100
    assert "Stage 1: automatic differentiation (steps 1–10): not started" in lines
    assert "Stage 4: neural networks (steps 37–51): not started" in lines
    rows = {line.split()[0]: line for line in lines if line.split()[0].isdigit()}
    assert "done" in rows["25"] and "started" in rows["28"]
    assert "4 of its 7 tests fail" in rows["28"]
    assert "1" not in rows and "40" not in rows  # folded stages show no step rows
    assert "Stage 3: higher-order derivatives (steps 25–36)" in lines  # the next step's stage


def test_a_started_stage_is_folded_when_the_screen_is_short():
    lines = progress.table(begun_at_25(), budget=20).splitlines()
    assert len(lines) <= 20
    assert "Stage 5: DeZero challenges (steps 52–60): 1 started (59), 8 not started" in lines
    assert any(line.split()[0] == "28" for line in lines)  # the next step's stage stays whole


def test_a_finished_stage_is_one_line():
    results = [StepProgress(step, DONE if step <= 10 else NOT_STARTED, 1, 0)
               for step in layout.BOOK_STEPS]
    lines = progress.table(results, budget=34).splitlines()
    assert "Stage 1: automatic differentiation (steps 1–10): all done" in lines
    assert "Stage 2: natural code (steps 11–24)" in lines  # where the next step is


def test_progress_fits_a_100_by_40_screen(monkeypatch, capsys):
    monkeypatch.setattr(progress, "progress", lambda **options: begun_at_25(started=(28, 33, 59)))
    monkeypatch.setenv("LINES", "40")
    assert main(["progress"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) <= 40 - progress.screen.AROUND, "\n".join(lines)
    assert max(map(len, lines)) <= 100, "\n".join(line for line in lines if len(line) > 100)
    assert "done: 3/37 (8%) from step 25, where you began   started: 3   next: step 28" in lines[-2]


def test_a_step_whose_own_tests_fail_is_started_without_running_the_others(monkeypatch):
    """As make test runs them: this step's tests first, the earlier ones once they pass."""
    commands = []

    def run_reported(command, timeout=None):
        commands.append(command)
        own = {f"tests/step59/test_x.py::test_{n}": {"outcome": "failed", "introduced": 59}
               for n in range(4)}
        return testrun.QuietRun(1, own, "", 0.1)

    monkeypatch.setattr(progress, "run_reported", run_reported)
    result = progress.run_step_quietly(59)
    assert "--kata-all" not in commands[0]
    assert (result.status, result.detail()) == (STARTED, "4 of its 4 tests fail")


def test_counts_of_a_step_whose_own_tests_pass_are_the_earlier_ones():
    outcomes = {"a": {"outcome": "passed", "introduced": 5},
                "b": {"outcome": "failed", "introduced": 3},
                "c": {"outcome": "passed", "introduced": 3}}
    assert progress.counted(5, 1, outcomes).detail() == "its own tests pass, 1 of the earlier " \
                                                        "steps' fail"


def test_progress_says_what_it_tests_before_it_does(kata_copy, fake_runs, capsys):
    calls, _ = fake_runs
    kata_copy.edit(2)
    said_before = []
    fake = progress.run_step_quietly

    def run(step):
        said_before.append(capsys.readouterr().out)
        return fake(step)

    progress.run_step_quietly = run
    try:
        assert main(["progress"]) == 0
    finally:
        progress.run_step_quietly = fake
    assert said_before == ["testing step 2 on your code (changed since the last look)…\n"]


@pytest.mark.parametrize("cached", [False, True])
def test_the_note_on_what_ran_is_one_line(cached):
    results = begun_at_25()
    for result in results:
        result.from_cache = cached
    assert len(progress.ran_note(results)) <= 100
