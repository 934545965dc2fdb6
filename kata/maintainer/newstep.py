"""`make new-step STEP=25 TITLE="..."`: start a step from the previous one (maintainers).

It writes solutions/stepNN with the previous step's `dezero` code, markers removed (its
solution view), a guide and hints to fill in, and an empty tests/stepNN. Exercise files of
the previous step do not carry over. Everything left to write says PLACEHOLDER, and
`make verify` fails until none is left.
"""

from __future__ import annotations

from kata.layout import (
    SOLUTIONS,
    TESTS,
    UsageError,
    is_cumulative,
    rel,
    step_name,
    step_numbers,
)
from kata.maintainer.generate import solution_files, views

PLACEHOLDER = "PLACEHOLDER"  # verify refuses a guide or hints that still contain it

GUIDE = """# Step {step:02d} — {title}

**The idea.** {placeholder}: the idea of the step, in a few sentences.

**What to implement** (in `steps/step{step:02d}/...`, at the `TODO(step {step:02d})` marks):
- {placeholder}

**Run the tests:** `make test STEP={step}`. Once they pass, `make diff STEP={step}` shows what
the reference changes.
"""

HINTS = """## Level 1
{placeholder}: the idea.

## Level 2
{placeholder}: where in the code.

## Level 3
{placeholder}: nearly the solution.
"""


def new_step(step: int, title: str) -> list[str]:
    """Create the step's folders; return what was written, as paths to show."""
    known = step_numbers()
    if step in known:
        raise UsageError(f"step {step} exists already (solutions/{step_name(step)})")
    if step - 1 not in known:
        raise UsageError(f"step {step - 1} does not exist yet: steps are added in order")
    folder, tests = SOLUTIONS / step_name(step), TESTS / step_name(step)
    written = []
    for name in (n for n in solution_files(step - 1) if is_cumulative(n)):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(views(step - 1, name).solution, encoding="utf-8")
        written.append(target)
    for name, template in (("README.md", GUIDE), ("HINTS.md", HINTS)):
        target = folder / name
        target.write_text(template.format(step=step, title=title, placeholder=PLACEHOLDER),
                          encoding="utf-8")
        written.append(target)
    tests.mkdir(parents=True, exist_ok=True)
    return [rel(path) for path in written] + [rel(tests) + "/"]


def add_arguments(parser) -> None:
    parser.add_argument("step", help="the new step's number")
    parser.add_argument("--title", required=True, help="the step's title, as in the book")


def run(args) -> int:
    if not args.step.isdigit():
        raise UsageError(f"STEP must be a step number such as STEP=25, not {args.step!r}")
    if not args.title.strip():
        raise UsageError('say the step\'s title: TITLE="Graph visualisation 1"')
    for path in new_step(int(args.step), args.title.strip()):
        print(f"wrote {path}")
    print("Next: mark this step's changes in the dezero code (README: Markers), write the "
          "guide, the hints and tests/, then make generate and make verify.")
    return 0
