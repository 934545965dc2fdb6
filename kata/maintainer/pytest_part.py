"""A pytest plugin for `make verify`: `-p kata.maintainer.pytest_part --kata-part=1/2` runs one
part of the collected tests, every second one from the first, so that two pytest processes share a
suite evenly (slow tests come in runs, a file of subprocess tests after another, and taking
every n-th test splits each run between the parts). Every part collects the same tests in
the same order, so the parts together are the whole suite, each test once.
"""

from __future__ import annotations

import pytest


def part(text: str) -> tuple[int, int]:
    """'1/2' -> (1, 2): the part to run, of how many."""
    index, _, count = text.partition("/")
    try:
        number, parts = int(index), int(count)
    except ValueError:
        raise pytest.UsageError(f"--kata-part must look like 1/2, not {text!r}") from None
    if not 1 <= number <= parts:
        raise pytest.UsageError(f"--kata-part {text}: the part must be 1 to {parts}")
    return number, parts


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--kata-part", default=None, metavar="I/N",
                     help="run only part I of N of the collected tests (make verify)")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("kata_part"):
        part(config.getoption("kata_part"))  # a bad value stops pytest before it collects


@pytest.hookimpl(trylast=True)  # after any plugin that orders the tests
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    text = config.getoption("kata_part")
    if not text:
        return
    number, parts = part(text)
    kept = items[number - 1::parts]
    others = {id(item) for item in kept}
    config.hook.pytest_deselected(items=[item for item in items if id(item) not in others])
    items[:] = kept
