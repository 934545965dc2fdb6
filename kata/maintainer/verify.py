"""`make verify`: the maintainers' check, and what CI runs.

Per step, both directions (as rustlings checks its exercises):
1. the solution passes every test that applies to its step;
2. the generated skeleton fails every test the step introduces (exemptions carry a reason
   and are listed);
3. the committed steps/ equals what the generator produces (git's copy: a learner's edits
   do not count; the skeletons tested in 2 are generated apart, in a scratch folder);
4. one source of truth: the step's previous view equals the previous step's solution;
5. the guide and all three hint levels exist.
Then, for the whole repository: ruff, the runner's own tests (in parts, side by side), and
one smoke run of the benchmarks (never gated on a timing).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kata import layout
from kata.checks import is_optional_skip
from kata.commands.testrun import run_quietly
from kata.layout import (
    MOVED,
    ROOT,
    STEPS,
    TESTS,
    is_cumulative,
    rel,
    step_name,
    step_numbers,
    title,
)
from kata.maintainer import translations
from kata.maintainer.generate import (
    committed_entries,
    committed_files,
    files_in,
    skeleton,
    solution_files,
    views,
    write_skeletons,
)


@dataclass
class StepResult:
    step: int
    problems: list[str] = field(default_factory=list)
    exemptions: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # optional tool missing: count
    solution: str = ""
    skeleton: str = ""
    generated: bool = True
    one_source: bool = True
    docs: bool = True


# -- 3. steps/ is what the generator makes ---------------------------------------------------

def check_generated(step: int, result: StepResult) -> None:
    """steps/stepNN as git has it (what a clone gets) is what the generator makes.

    A learner's edits in the working copy are theirs: a file passes when git's copy, or the
    working copy (regenerated, not committed yet), is the generator's. Without git, the
    working copy is all there is. CI checks a fresh clone, where both are the commit.
    """
    folder = STEPS / step_name(step)
    expected = skeleton(step)
    committed = committed_files(folder)
    working = files_in(folder)
    for name, text in expected.items():
        path = folder / name
        found = [committed.get(name)] if committed is not None else []
        found.append(path.read_text(encoding="utf-8") if name in working else None)
        if text not in found:
            result.generated = False
            result.problems.append(f"{rel(path)} is not what the generator makes from "
                                   f"solutions/ (run `make generate` and commit steps/)")
        if name.suffix == ".py":
            try:
                compile(text, str(path), "exec")
            except SyntaxError as error:
                result.generated = False
                result.problems.append(f"{rel(path)}:{error.lineno}: the skeleton does not "
                                       f"compile ({error.msg}); an empty SKELETON part may "
                                       f"need `# pass`")
    # A file the learner added is theirs; one git has (and the folder still has) is a leftover.
    shipped = set(working) & set(committed) if committed is not None else set(working)
    for extra in sorted(shipped - set(expected)):
        result.generated = False
        result.problems.append(f"{rel(folder / extra)} is not made by the generator "
                               f"(left over from an older layout?)")


# -- 4. one source of truth ------------------------------------------------------------------

def check_one_source(step: int, result: StepResult) -> None:
    """Consecutive solutions may differ only inside this step's marked regions."""
    known = step_numbers()
    if step == known[0]:
        return
    before = known[known.index(step) - 1]
    old = {name for name in solution_files(before) if is_cumulative(name)}
    accounted = set()
    names = [n for n in solution_files(step) if is_cumulative(n)]
    renamed = moved_modules(names, old)
    for name in names:
        source = name if name in old else Path(MOVED.get(name.as_posix(), name))
        previous = comparable(views(step, name).previous)
        if source in old:
            accounted.add(source)
            expected = comparable(renamed(views(before, source).solution))
        else:
            expected = ""  # a new file must be wholly inside BEGIN NEW ... END NEW
        if previous != expected:
            result.one_source = False
            result.problems.append(_first_difference(step, name, before, source, previous,
                                                     expected))
    for name in sorted(old - accounted):
        result.one_source = False
        result.problems.append(f"solutions/{step_name(before)}/{name} has no counterpart in "
                               f"step {step} (moved files are listed in kata/layout.py MOVED)")


def moved_modules(names: list[Path], old: set[Path]):
    """The previous step's code with the package modules moved at this step renamed
    (`dezero.core_simple` -> `dezero.core` at step 32): the imports follow the move."""
    renames = {}
    for name in names:
        source = MOVED.get(name.as_posix())
        if name not in old and source and Path(source) in old and source.startswith("dezero/"):
            renames[_module(source)] = _module(name.as_posix())
    pattern = re.compile("|".join(rf"\b{re.escape(module)}\b" for module in renames))
    return lambda text: pattern.sub(lambda m: renames[m.group()], text) if renames else text


def _module(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".")


def comparable(text: str) -> str:
    """The code as the comparison sees it: layout aside, and without the module docstring,
    which names its step and so may differ from step to step."""
    lines = text.splitlines()
    tree = ast.parse(text) if text.strip() else None
    first = tree.body[0] if tree and tree.body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
            and isinstance(first.value.value, str):
        lines = lines[first.end_lineno:]
    kept: list[str] = []
    for line in (line.rstrip() for line in lines):
        if line or (kept and kept[-1]):  # runs of blank lines count as one
            kept.append(line)
    return "\n".join(kept).strip("\n")


def _first_difference(step, name, before, source, previous, expected) -> str:
    ours, theirs = previous.splitlines(), expected.splitlines()
    line = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b),
                min(len(ours), len(theirs)))
    return (f"solutions/{step_name(step)}/{name} minus step {step}'s markers differs from "
            f"solutions/{step_name(before)}/{source} at line {line + 1}: "
            f"{_line(ours, line)!r} vs {_line(theirs, line)!r} (a change outside the markers, "
            f"or a fix not carried into the next step)")


def _line(lines: list[str], index: int) -> str:
    return lines[index] if index < len(lines) else "<end of file>"


# -- 5. guide and hints ----------------------------------------------------------------------

def check_docs(step: int, result: StepResult) -> None:
    from kata.commands.hints import missing_hint_levels
    from kata.maintainer.newstep import PLACEHOLDER

    guide = layout.SOLUTIONS / step_name(step) / "README.md"
    if not guide.exists() or not title(step):
        result.docs = False
        result.problems.append(f"{rel(guide)} is missing or has no '# Step NN — Title' line")
    for doc in ("README.md", "HINTS.md"):
        path = layout.SOLUTIONS / step_name(step) / doc
        if path.exists() and PLACEHOLDER in path.read_text(encoding="utf-8"):
            result.docs = False
            result.problems.append(f"{rel(path)} still has a {PLACEHOLDER} to write")
    missing = missing_hint_levels(step)
    if missing:
        result.docs = False
        result.problems.append(f"solutions/{step_name(step)}/HINTS.md lacks level(s) "
                               f"{', '.join(map(str, missing))}")
    stale = translations.problems([step])  # every language's guide and hints, up to date
    if stale:
        result.docs = False
        result.problems.extend(stale)


# -- 1 and 2. the tests, both ways -----------------------------------------------------------

# A test's time limit in verify's runs. A learner's run stops a test at 10 s (pyproject.toml):
# an endless loop, reported quickly. Verify checks what the tests say, never how fast they
# run: on a machine busy with other work (CI, two step runs side by side), a test that
# takes 3 s alone may take 15.
TEST_LIMIT_S = 120


def run_pytest(step: int, impl: str, only_this_step: bool) -> dict[str, dict]:
    run = run_quietly(step, impl, only_this_step=only_this_step, test_limit=TEST_LIMIT_S)
    if run.crashed:
        tail = "\n".join(run.output.strip().splitlines()[-5:])
        raise RuntimeError(f"pytest stopped (exit code {run.exit_code}) for step {step} "
                           f"({impl}):\n{tail}")
    return run.outcomes


def check_solution(step: int, result: StepResult, scratch: Path) -> None:
    outcomes = run_pytest(step, "solutions", False)
    passed = sum(o["outcome"] == "passed" for o in outcomes.values())
    result.solution = f"{passed}/{len(outcomes)}"
    for nodeid, outcome in outcomes.items():
        if optional_skip(outcome):
            reason = outcome["skip_reason"]
            result.skipped[reason] = result.skipped.get(reason, 0) + 1
        elif outcome["outcome"] != "passed":
            result.problems.append(f"solution {outcome['outcome']}: {nodeid}")
    if not outcomes:
        result.problems.append("no tests apply to this step")


def optional_skip(outcome: dict) -> bool:
    """A skip because an optional tool is missing (kata.checks.skip_optional): accepted."""
    return outcome["outcome"] == "skipped" and is_optional_skip(outcome.get("skip_reason"))


def check_skeleton(step: int, result: StepResult, scratch: Path) -> None:
    folder = scratch / "skeletons" / step_name(step)
    outcomes = run_pytest(step, str(folder), True)
    new = {k: o for k, o in outcomes.items() if o["introduced"] == step}
    failing = sum(o["outcome"] == "failed" for o in new.values())
    result.skeleton = f"{failing}/{len(new)}"
    if any(o.get("import_failed") for o in outcomes.values()):
        result.problems.append("the skeleton's dezero does not import: its tests fail for "
                               "that reason alone (make test on it shows why)")
    for nodeid, outcome in new.items():
        if optional_skip(outcome):
            continue  # listed once, from the solution's run
        if outcome["outcome"] == "failed":
            if outcome["exempt"]:
                result.problems.append(f"{nodeid} fails on the skeleton now: remove its "
                                       f"passes_on_skeleton mark")
            continue
        if outcome["exempt"]:
            result.exemptions.append(f"{nodeid}: {outcome['exempt']}")
        else:
            result.problems.append(f"the skeleton {outcome['outcome']} {nodeid}: it tests "
                                   f"nothing the step adds (or mark it passes_on_skeleton)")
    if not new:
        result.problems.append(f"step {step} introduces no tests (tests/{step_name(step)})")


def verify_step(step: int, scratch: Path) -> StepResult:
    result = StepResult(step)
    for check in (check_generated, check_one_source, check_docs):
        check(step, result)
    for check in (check_solution, check_skeleton):
        try:
            check(step, result, scratch)
        except RuntimeError as error:
            result.problems.append(str(error))
    return result


# -- the whole repository ----------------------------------------------------------------------

RUNNER_PARTS = 2  # the runner's tests in this many pytest processes at once (pytest_part)


def repository_checks() -> list[tuple[str, list[str], str]]:
    """(name, command, what it means when it fails) for the checks beyond the steps.

    The runner's tests come first, in parts that run side by side (they are most of the
    time verify spends after the steps); ruff and the benchmarks' smoke run take a free
    worker after them.
    """
    python = sys.executable
    runner = [(f"runner tests {part}/{RUNNER_PARTS}",
               [python, "-m", "pytest", str(TESTS / "runner"), "-q", "--no-header",
                "-p", "kata.maintainer.pytest_part", f"--kata-part={part}/{RUNNER_PARTS}"],
               "the runner's own tests fail")
              for part in range(1, RUNNER_PARTS + 1)]
    return [
        *runner,
        ("ruff", [python, "-m", "ruff", "check", "kata", "tests", "solutions", "benchmarks"],
         "lint errors"),
        ("benchmarks (smoke)",
         [python, "-c", "import sys, kata.measure.bench; sys.exit(kata.measure.bench.smoke())"],
         "a benchmark does not run"),
    ]


def run_repository_check(name: str, command: list[str], meaning: str) -> tuple:
    env = dict(os.environ)
    if name.startswith("benchmarks"):  # pytest on the bench files: a test's limit as above
        env["PYTEST_TIMEOUT"] = str(TEST_LIMIT_S)  # (pyproject.toml's is the learner's)
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                               env=env)
    return name, meaning, completed.returncode, (completed.stdout + completed.stderr).strip()


def verify(jobs: int | None = None, only: list[int] | None = None) -> int:
    started = time.monotonic()
    steps = step_numbers()
    if only:
        steps = [step for step in steps if step in only]
    jobs = jobs or os.cpu_count() or 2
    with tempfile.TemporaryDirectory(prefix="kata-verify-") as tmp:
        scratch = Path(tmp)
        write_skeletons(scratch / "skeletons", steps)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            # The last steps run every earlier step's tests too: started first, the long runs
            # do not leave one worker busy at the end while the other waits.
            longest_first = sorted(steps, reverse=True)
            by_step = dict(zip(longest_first,
                               pool.map(lambda step: verify_step(step, scratch), longest_first)))
            results = [by_step[step] for step in steps]
            # After the steps, not beside them: the runner's tests wait on a file watcher,
            # with a time limit that a machine busy with step runs could exceed.
            checks = repository_checks()
            checks = [check for check in checks if check[0] == "ruff"] if only else checks
            repo_results = list(pool.map(lambda check: run_repository_check(*check), checks))

    print_table(results)
    print()
    for name, meaning, code, output in repo_results:
        print(f"{name:<20} {'ok' if code == 0 else 'FAILED: ' + meaning}")
        if code != 0:
            print("\n".join("    " + line for line in output.splitlines()[-20:]))
    strays = [] if only else stray_folders(steps)
    for stray in strays:
        print(f"{'layout':<20} FAILED: {stray}")
    untranslated = None if only else translations.repository_problems()
    if untranslated is not None:
        print(f"{'translations':<20} " + ("FAILED: the README's or the runner's messages"
                                          if untranslated else "ok"))
        for problem in untranslated:
            print(f"    {problem}")
    exemptions = [(r.step, e) for r in results for e in r.exemptions]
    if exemptions:
        print("\nTests exempt from 'the skeleton fails it' (with their reasons):")
        for step, exemption in exemptions:
            print(f"  step {step}: {exemption}")
    skipped: dict[tuple[str, int], list[int]] = {}  # (reason, count) -> the steps
    for r in results:
        for why, count in r.skipped.items():
            skipped.setdefault((why, count), []).append(r.step)
    if skipped:
        print("\nTests skipped because an optional tool is missing (accepted):")
        for (why, count), at in skipped.items():
            print(f"  {count} {'test' if count == 1 else 'tests'} at "
                  f"{'steps' if len(at) > 1 else 'step'} {layout.describe_steps(at)}: {why}")
    problems = [(r.step, p) for r in results for p in r.problems]
    if problems:
        print("\nProblems:")
        for step, problem in problems:
            print(f"  step {step}: {problem}")
    seconds = time.monotonic() - started
    checks = [not r.problems for r in results] + [code == 0 for _, _, code, _ in repo_results]
    checks += [False] * len(strays) + ([] if untranslated is None else [not untranslated])
    print(f"\n{len(steps)} steps and {len(repo_results)} repository checks in {seconds:.0f} s")
    print(f"verify: {sum(checks)} passed, {len(checks) - sum(checks)} failed")
    if only:
        print("(only some steps, and of the repository checks only ruff: CI runs them all)")
    return 0 if all(checks) else 1


def stray_folders(steps: list[int]) -> list[str]:
    """stepNN folders in steps/ or tests/ that have no solution: a step half removed?

    In steps/, only folders git has count (where there is git): a learner's own are theirs.
    """
    known = {step_name(step) for step in steps}
    committed = committed_entries(STEPS)
    return [f"{rel(folder)} has no solutions/{folder.name}"
            for parent in (STEPS, TESTS) if parent.is_dir()
            for folder in sorted(parent.iterdir())
            if folder.is_dir() and folder.name.startswith("step") and folder.name not in known
            and (parent != STEPS or committed is None or folder.name in committed)]


def print_table(results: list[StepResult]) -> None:
    mark = {True: "ok", False: "NO"}
    header = (f"{'step':>4}  {'title':<36} {'solution':>9} {'skeleton':>9}  "
              f"{'generated':<9} {'one-source':<10} {'docs':<4}")
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r.step:>4}  {title(r.step)[:36]:<36} {r.solution:>9} {r.skeleton:>9}  "
              f"{mark[r.generated]:<9} {mark[r.one_source]:<10} {mark[r.docs]:<4}")
    print("solution: tests passed / tests that apply;  skeleton: the step's new tests "
          "failing / the step's new tests")


def step_range(text: str) -> list[int]:
    """'37-43' or '40' or '37,40-41' -> the step numbers (maintainers working on a few)."""
    numbers: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        numbers += range(int(first), int(last or first) + 1)
    return numbers


def add_arguments(parser) -> None:
    parser.add_argument("--jobs", type=int, help="parallel pytest runs (default: CPU count)")
    parser.add_argument("--steps", type=step_range, metavar="A-B",
                        help="check only these steps (and ruff): for work on a few steps")


def run(args) -> int:
    return verify(args.jobs, args.steps)
