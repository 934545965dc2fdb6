"""`make progress` and `make next`: where a learner stands, computed from the tests.

Nothing is written down by hand, so nothing can drift. For each step:

* **not started**: every file of steps/stepNN equals the generated skeleton. Its tests are
  not run: a pristine skeleton fails its own step's tests by construction (`make verify`
  checks exactly that), so running them would only cost time.
* **done**: the learner changed the folder and every test that applies to the step passes.
* **started**: the learner changed the folder and some test still fails.

Steps are tested in parallel, each in its own pytest process, as `make test` runs them: the
step's own tests first, the earlier steps' only once those pass (a step whose own tests fail
is started whatever the others say, so they are not run), stopped at the first timeout. The
result is cached in .kata/cache/progress/ under a hash of everything the outcome depends on:
the step folder's files, the tests that apply to the step, and the runner itself. An
unchanged step is not run again.

The table fits one screen: the book's stages are folded to a line each, and the stage the
learner works in (the next step's, and any with a started step) is shown step by step.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kata import layout, screen
from kata.commands.testrun import pytest_command, run_reported, run_tests
from kata.commands.workspace import learner_changes, learner_impl, step_folder
from kata.i18n import _, localized
from kata.layout import describe_steps, rel, step_name
from kata.maintainer import generate
from kata.screen import say

DONE, STARTED, NOT_STARTED = "done", "started", "not started"  # as the cache keeps them
RUNNER = Path(__file__).resolve().parent.parent  # kata/: a change to it invalidates the cache
STEP_TIMEOUT_S = 600  # pytest-timeout stops a single stuck test long before this


@dataclass
class StepProgress:
    step: int
    status: str
    passed: int | None = None  # from the last test run; None when not run or it crashed
    failed: int | None = None
    from_cache: bool = False
    own: bool = True  # the counts are of the step's own tests (the earlier ones did not run)

    @property
    def done(self) -> bool:
        return self.status == DONE

    def detail(self) -> str:
        """A few words after the status: how far the tests got."""
        if self.status != STARTED:
            return ""
        if self.failed is None:
            return _("the tests could not run (make test STEP={step})").format(step=self.step)
        if not self.own:
            return _("its own tests pass, {failed} of the earlier steps' fail").format(
                failed=self.failed)
        total = (self.passed or 0) + self.failed
        return _("{failed} of its {total} tests fail").format(failed=self.failed, total=total)


def status_word(status: str) -> str:
    """done, started, not started: in the learner's language."""
    return {DONE: _("done"), STARTED: _("started"), NOT_STARTED: _("not started")}[status]


def stage_name(step: int) -> str:
    """The name of the book's stage a step belongs to, in the learner's language (the
    English names are layout.STAGES')."""
    names = {1: _("Stage 1: automatic differentiation"), 11: _("Stage 2: natural code"),
             25: _("Stage 3: higher-order derivatives"), 37: _("Stage 4: neural networks"),
             52: _("Stage 5: DeZero challenges"),
             61: _("Beyond the book: gradient checkpointing")}
    first, _last, english = layout.stage(step)
    return names.get(first, english)


# -- the cache -------------------------------------------------------------------------------

def cache_file(step: int) -> Path:
    return layout.WORK / "cache" / "progress" / f"{step_name(step)}.json"


def applying_test_files(step: int) -> list[Path]:
    """The test files that can apply to a step: tests/step01 … tests/stepNN and conftests."""
    files = list(layout.TESTS.glob("*.py"))
    for earlier in range(1, step + 1):
        files += layout.TESTS.joinpath(step_name(earlier)).rglob("*.py")
    return sorted(files)


def cache_key(step: int) -> str:
    """A hash of everything a step's outcome depends on."""
    digest = hashlib.sha256(f"{sys.version}\n{step_folder(step)}\n".encode())
    folder = step_folder(step)
    inputs = [folder / name for name in generate.files_in(folder)]
    inputs += applying_test_files(step)
    inputs += sorted(RUNNER.rglob("*.py")) + [layout.ROOT / "pyproject.toml"]
    for path in inputs:
        digest.update(f"{path}\n".encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def cached(step: int, key: str) -> StepProgress | None:
    try:
        saved = json.loads(cache_file(step).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if saved.get("key") != key:
        return None
    return StepProgress(step, saved["status"], saved.get("passed"), saved.get("failed"),
                        from_cache=True, own=saved.get("own", True))


def remember(result: StepProgress, key: str) -> None:
    path = cache_file(result.step)
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = {"key": key, "status": result.status, "passed": result.passed,
             "failed": result.failed, "own": result.own}
    scratch = path.with_suffix(f".{os.getpid()}.tmp")
    scratch.write_text(json.dumps(entry), encoding="utf-8")
    scratch.replace(path)  # whole or not at all, even if two runs race


# -- running the tests -----------------------------------------------------------------------

def counted(step: int, exit_code: int, outcomes: dict | None) -> StepProgress:
    """A step's progress from a test run: its exit code, and its tests' outcomes if any.

    When the step's own tests fail, the counts are theirs; when they pass and an earlier
    step's test fails, the counts are the earlier steps'.
    """
    status = DONE if exit_code == 0 else STARTED
    if outcomes is None:  # pytest stopped before it could report
        return StepProgress(step, status)
    own = [o["outcome"] for o in outcomes.values() if o.get("introduced", step) == step]
    earlier = [o["outcome"] for o in outcomes.values() if o.get("introduced", step) != step]
    if status == STARTED and "failed" not in own:
        if "failed" not in earlier:  # no test failed, yet the run did: it could not run
            return StepProgress(step, status)
        return StepProgress(step, status, earlier.count("passed"), earlier.count("failed"),
                            own=False)
    return StepProgress(step, status, own.count("passed"), own.count("failed"))


def run_step_quietly(step: int) -> StepProgress:
    """Run the step's tests on the learner's code as `make test` does, output discarded: the
    step's own tests first, the earlier steps' only once those pass (when the step's own
    fail, it is started whatever the others say: running them would only cost time)."""
    run = run_reported(pytest_command(step, learner_impl(step)), timeout=STEP_TIMEOUT_S)
    return counted(step, run.exit_code, run.outcomes)


Announce = Callable[[list[int]], None]


def progress(steps: list[int] | None = None, jobs: int | None = None,
             announce: Announce | None = None) -> list[StepProgress]:
    """The status of each step, testing the changed, uncached ones in parallel (`announce`
    is told which, before they run: the learner should not wait in silence)."""
    steps = layout.step_numbers() if steps is None else steps
    results: dict[int, StepProgress] = {}
    to_run: dict[int, str] = {}
    for step in steps:
        if not learner_changes(step):
            results[step] = StepProgress(step, NOT_STARTED)  # pristine: fails by construction
            continue
        key = cache_key(step)
        results[step] = cached(step, key) or StepProgress(step, STARTED)
        if not results[step].from_cache:
            to_run[step] = key
    if to_run:
        if announce is not None:
            announce(list(to_run))
        workers = jobs or min(len(to_run), os.cpu_count() or 2)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(run_step_quietly, to_run):
                remember(result, to_run[result.step])
                results[result.step] = result
    return [results[step] for step in steps]


def testing(steps: list[int]) -> None:
    """The line said before changed steps are tested (an announce for `progress`)."""
    if len(steps) == 1:
        line = _("testing step {step} on your code (changed since the last look)…").format(
            step=steps[0])
    else:
        line = _("testing steps {steps} on your code (changed since the last look)…").format(
            steps=describe_steps(steps))
    say(line, flush=True)


def step_progress(step: int, announce: Announce | None = None) -> StepProgress:
    """One step's status (cached like the others)."""
    return progress([step], announce=announce)[0]


# -- the commands ----------------------------------------------------------------------------

def began_at(results: list[StepProgress]) -> int:
    """The first step the learner began (many start mid-book); the first step if none."""
    begun = [r.step for r in results if r.status != NOT_STARTED]
    return min(begun) if begun else min((r.step for r in results), default=0)


def summary(results: list[StepProgress]) -> str:
    """`done: 17/24 (70%)`, rounded down so 100% means really all of them; counted from the
    step the learner began at (`done: 5/37 (13%) from step 25, where you began`)."""
    start = began_at(results)
    counted_ = [r for r in results if r.step >= start]
    done = sum(r.done for r in counted_)
    total = len(counted_)
    percent = 100 * done // total if total else 0
    if results and start > results[0].step:
        return _("done: {done}/{total} ({percent}%) from step {start}, where you began").format(
            done=done, total=total, percent=percent, start=start)
    return _("done: {done}/{total} ({percent}%)").format(done=done, total=total, percent=percent)


def first_not_done(results: list[StepProgress]) -> StepProgress | None:
    """The first step not done, from where the learner began (many start mid-book)."""
    start = began_at(results)
    return next((r for r in results if not r.done and r.step >= start), None)


# -- the table: one screen, the stages folded where nothing happens -----------------------------

def step_row(r: StepProgress) -> str:
    detail = f"   ({r.detail()})" if r.detail() else ""
    return f"{r.step:>5}  {pad(status_word(r.status), 12)} {layout.title(r.step)}{detail}"


def pad(text: str, width: int) -> str:
    """`text` and spaces up to `width` columns (Hangul takes two)."""
    return text + " " * max(0, width - screen.display_width(text))


def stages(results: list[StepProgress]) -> list[list[StepProgress]]:
    """The results grouped by the book's stages, in order."""
    groups: dict[tuple, list[StepProgress]] = {}
    for r in results:
        groups.setdefault(layout.stage(r.step), []).append(r)
    return list(groups.values())


def stage_title(group: list[StepProgress]) -> str:
    first, last = group[0].step, group[-1].step
    if first == last:
        return _("{stage} (step {step})").format(stage=stage_name(first), step=first)
    return _("{stage} (steps {first}–{last})").format(stage=stage_name(first), first=first,
                                                      last=last)


def stage_line(group: list[StepProgress]) -> str:
    """A stage folded to one line: how many steps are done, started, not started."""
    done = sum(r.done for r in group)
    started = [r.step for r in group if r.status == STARTED]
    if done == len(group):
        counts = _("all done") if done > 1 else _("done")
    elif done == 0 and not started:
        counts = _("not started")
    else:
        parts = [_("{n} done").format(n=done)] if done else []
        if started:
            parts.append(_("{n} started ({steps})").format(n=len(started),
                                                         steps=describe_steps(started)))
        rest = len(group) - done - len(started)
        parts += [_("{n} not started").format(n=rest)] if rest else []
        counts = ", ".join(parts)
    return f"{stage_title(group)}: {counts}"


def table(results: list[StepProgress], budget: int | None = None,
          width: int = screen.WIDTH) -> str:
    """Every stage: in full (a row per step) where the learner works, folded to a line
    elsewhere, within `budget` rows when given (the next step's stage is always in full)."""
    groups = stages(results)
    following = first_not_done(results)
    wanted = [g for g in groups if following in g]
    wanted += [g for g in groups if g not in wanted and any(r.status == STARTED for r in g)]
    if len(groups) == 1:
        wanted = groups
    shown = [g for g in wanted[:1]]

    def lines(unfolded) -> list[str]:
        out = []
        for group in groups:
            if group in unfolded:
                out += [stage_title(group), *(step_row(r) for r in group)]
            else:
                out.append(stage_line(group))
        return [row for line in out for row in screen.wrap(line, width, " " * 8)]

    for group in wanted[1:]:
        if budget is None or len(lines([*shown, group])) <= budget:
            shown.append(group)
    return "\n".join(lines(shown))


def add_progress_arguments(parser) -> None:
    parser.add_argument("--jobs", type=int, default=None,
                        help="how many steps to test at once (default: one per CPU)")


FOOTER_ROWS = 3  # a blank row, the summary, the note on what ran


def run_progress(args) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise layout.UsageError(_("--jobs must be 1 or more, not {jobs}").format(jobs=args.jobs))
    results = progress(jobs=args.jobs, announce=testing)
    width = screen.columns()
    say(table(results, screen.height() - FOOTER_ROWS - screen.AROUND, width), width=width)
    say()
    parts = [summary(results)]
    started = sum(r.status == STARTED for r in results)
    if started:
        parts.append(_("started: {n}").format(n=started))
    following = first_not_done(results)
    parts.append(_("next: step {step} (make next)").format(step=following.step) if following
                 else _("all done!"))
    line = "   ".join(parts)
    say(line, width=width)
    say(ran_note(results), width=width)
    return 0


def ran_note(results: list[StepProgress]) -> str:
    """Where the statuses came from, in a line."""
    ran = sum(not r.from_cache and r.status != NOT_STARTED for r in results)
    cache = rel(layout.WORK / "cache")
    if ran:
        return _("({ran} changed step(s) tested now; the others from {cache}, or not "
                 "started)").format(ran=ran, cache=cache)
    if any(r.status != NOT_STARTED for r in results):
        return _("(nothing changed since the last run: all from {cache}; skeletons are not "
                 "run)").format(cache=cache)
    return _("(no step started yet: untouched skeletons are not run: they fail by "
             "construction)")


def add_next_arguments(parser) -> None:
    parser.add_argument("--full", action="store_true", help="full tracebacks (V=1)")


def why(result: StepProgress) -> str:
    if result.status == NOT_STARTED:
        return _("not started yet; the guide is {guide}").format(
            guide=rel(localized(layout.guide(result.step))))
    detail = result.detail()
    return _("started, {detail}").format(detail=detail) if detail else _("started")


def run_next(args) -> int:
    results = progress(announce=testing)
    following = first_not_done(results)
    if following is None:
        say(_("All {n} steps are done ({summary}). Well done!").format(
            n=len(results), summary=summary(results)))
        return 0
    step = following.step
    say(_("Step {step} — {title}: the first step not done ({why}).").format(
        step=step, title=layout.title(step), why=why(following)), flush=True)
    key = cache_key(step) if following.status != NOT_STARTED else None
    with tempfile.TemporaryDirectory(prefix="kata-next-") as scratch:
        report = Path(scratch) / "report.json"
        exit_code = run_tests(step, learner_impl(step), full=args.full, report=report)
        if key is not None:  # keep `make progress` up to date with what was just seen
            outcomes = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
            remember(counted(step, exit_code, outcomes), key)
    return exit_code
