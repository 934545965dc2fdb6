"""`make progress` and `make next`: where a learner stands, computed from the tests.

Nothing is written down by hand, so nothing can drift. For each step:

* **not started**: every file of steps/stepNN equals the generated skeleton. Its tests are
  not run: a pristine skeleton fails its own step's tests by construction (`make verify`
  checks exactly that), so running them would only cost time.
* **done**: the learner changed the folder and every test that applies to the step passes.
* **started**: the learner changed the folder and some test still fails.

Steps are tested in parallel, each in its own pytest process, and the result is cached in
.kata/cache/progress/ under a hash of everything the outcome depends on: the step folder's
files, the tests that apply to the step, and the runner itself. An unchanged step is not
run again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kata import generate, layout
from kata.layout import rel, step_name
from kata.testrun import run_quietly, run_tests
from kata.workspace import learner_changes, learner_impl, step_folder

DONE, STARTED, NOT_STARTED = "done", "started", "not started"
RUNNER = Path(__file__).resolve().parent  # kata/: a change to the runner invalidates the cache
STEP_TIMEOUT_S = 600  # pytest-timeout stops a single stuck test long before this


@dataclass
class StepProgress:
    step: int
    status: str
    passed: int | None = None  # from the last test run; None when not run or it crashed
    failed: int | None = None
    from_cache: bool = False

    @property
    def done(self) -> bool:
        return self.status == DONE

    def detail(self) -> str:
        """A few words after the status: how far the tests got."""
        if self.status != STARTED:
            return ""
        if self.failed is None:
            return f"the tests could not run (make test STEP={self.step})"
        total = (self.passed or 0) + self.failed
        return f"{self.failed} of {total} tests fail"


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
    inputs += sorted(RUNNER.glob("*.py")) + [layout.ROOT / "pyproject.toml"]
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
                        from_cache=True)


def remember(result: StepProgress, key: str) -> None:
    path = cache_file(result.step)
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = {"key": key, "status": result.status, "passed": result.passed,
             "failed": result.failed}
    scratch = path.with_suffix(f".{os.getpid()}.tmp")
    scratch.write_text(json.dumps(entry), encoding="utf-8")
    scratch.replace(path)  # whole or not at all, even if two runs race


# -- running the tests -----------------------------------------------------------------------

def counted(step: int, exit_code: int, outcomes: dict | None) -> StepProgress:
    """A step's progress from a test run: its exit code, and its tests' outcomes if any."""
    status = DONE if exit_code == 0 else STARTED
    if outcomes is None:  # pytest stopped before it could report
        return StepProgress(step, status)
    passed = sum(o["outcome"] == "passed" for o in outcomes.values())
    failed = sum(o["outcome"] == "failed" for o in outcomes.values())
    return StepProgress(step, status, passed, failed)


def run_step_quietly(step: int) -> StepProgress:
    """Run every test that applies to the step on the learner's code, output discarded."""
    run = run_quietly(step, learner_impl(step), timeout=STEP_TIMEOUT_S)
    return counted(step, run.exit_code, run.outcomes)


def progress(steps: list[int] | None = None, jobs: int | None = None) -> list[StepProgress]:
    """The status of each step, testing the changed, uncached ones in parallel."""
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
        workers = jobs or min(len(to_run), os.cpu_count() or 2)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for result in pool.map(run_step_quietly, to_run):
                remember(result, to_run[result.step])
                results[result.step] = result
    return [results[step] for step in steps]


def step_progress(step: int) -> StepProgress:
    """One step's status (cached like the others)."""
    return progress([step])[0]


# -- the commands ----------------------------------------------------------------------------

def summary(results: list[StepProgress]) -> str:
    """`done: 17/24 (70%)`, rounded down so 100% means really all of them."""
    done = sum(r.done for r in results)
    total = len(results)
    percent = 100 * done // total if total else 0
    return f"done: {done}/{total} ({percent}%)"


def table(results: list[StepProgress]) -> str:
    lines = [f"{'step':>4}  {'status':<12} title"]
    for r in results:
        detail = f"   ({r.detail()})" if r.detail() else ""
        lines.append(f"{r.step:>4}  {r.status:<12} {layout.title(r.step)}{detail}")
    return "\n".join(lines)


def first_not_done(results: list[StepProgress]) -> StepProgress | None:
    """The first step not done, from where the learner began (many start mid-book)."""
    begun = [r.step for r in results if r.status != NOT_STARTED]
    start = min(begun) if begun else 0
    return next((r for r in results if not r.done and r.step >= start), None)


def add_progress_arguments(parser) -> None:
    parser.add_argument("--jobs", type=int, default=None,
                        help="how many steps to test at once (default: one per CPU)")


def run_progress(args) -> int:
    if args.jobs is not None and args.jobs < 1:
        raise layout.UsageError(f"--jobs must be 1 or more, not {args.jobs}")
    results = progress(jobs=args.jobs)
    print(table(results))
    print()
    line = summary(results)
    started = sum(r.status == STARTED for r in results)
    if started:
        line += f"   started: {started}"
    following = first_not_done(results)
    line += f"   next: step {following.step} (make next)" if following else "   all done!"
    print(line)
    ran = sum(not r.from_cache and r.status != NOT_STARTED for r in results)
    print(f"({ran} changed step(s) tested now, the others from {rel(layout.WORK / 'cache')}; "
          f"untouched skeletons are not run: they fail by construction)")
    return 0


def add_next_arguments(parser) -> None:
    parser.add_argument("--full", action="store_true", help="full tracebacks (V=1)")


def why(result: StepProgress) -> str:
    if result.status == NOT_STARTED:
        return f"not started yet; the guide is {rel(layout.guide(result.step))}"
    detail = result.detail()
    return f"started, {detail}" if detail else "started"


def run_next(args) -> int:
    results = progress()
    following = first_not_done(results)
    if following is None:
        print(f"All {len(results)} steps are done ({summary(results)}). Well done!")
        return 0
    step = following.step
    print(f"Step {step} — {layout.title(step)}: the first step not done ({why(following)}).",
          flush=True)
    key = cache_key(step) if following.status != NOT_STARTED else None
    with tempfile.TemporaryDirectory(prefix="kata-next-") as scratch:
        report = Path(scratch) / "report.json"
        exit_code = run_tests(step, learner_impl(step), full=args.full, report=report)
        if key is not None:  # keep `make progress` up to date with what was just seen
            outcomes = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
            remember(counted(step, exit_code, outcomes), key)
    return exit_code
