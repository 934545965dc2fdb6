"""Which failure a learner reads first: the one that explains, and the simplest case.

The order is derived from the tests, never sorted by hand in the output:

* a test that stopped the run (a timeout: the same endless loop would stop every test),
  was interrupted, or could not import dezero (nothing works until it does) comes first;
* then a test marked `@pytest.mark.explains("phrase")` whose failure says that phrase: it
  was written to diagnose a known mistake, and the phrase shows the diagnosis was made
  (the same test failing for another reason explains nothing);
* then a failure whose message named a known mistake as it happened (`kata.checks.close`
  with `mistakes=` recognised the wrong result);
* then the rest, in the order the tests ran;
* last, a bare exception that a test file's own line raised (an AttributeError on what the
  learner's code returned, say): a kata check that says what is wrong explains more.

Inside each of those, the members of a parametrised family (one test function, many cases)
stand back behind its simplest failing case: the one whose message is shortest (small
shapes and plain numbers print shortest), the earlier case on a tie.
"""

from __future__ import annotations

from dataclasses import dataclass

STOPPED, EXPLAINS, NAMED_MISTAKE, OTHER, RAW = range(5)  # ranks: the smaller is shown first


@dataclass(frozen=True)
class Failure:
    name: str  # the test's name as pytest shows it, with its case: test_power[x ** 3, shape ()]
    family: str  # the test function (nodeid without the case): one per parametrised family
    text: str  # what went wrong, in the learner's words (first line: the message)
    rank: int = OTHER
    position: int = 0  # the order the tests ran in
    error: bool = False  # failed outside the test's body (set-up: e.g. dezero does not import)

    @property
    def message(self) -> str:
        return self.text.splitlines()[0] if self.text else ""

    @property
    def function(self) -> str:
        """The test function's name: test_power for test_power[x ** 3, shape ()]."""
        return self.family.rsplit("::", 1)[-1]


def rank(explains_marker: bool, named_mistake: bool, stopped: bool = False,
         raw: bool = False) -> int:
    """The rank of a failure from what the test and its failure say about themselves.

    `raw`: a bare exception raised by a line of a test file, not by a check or the
    learner's code.
    """
    if stopped:
        return STOPPED
    if explains_marker:
        return EXPLAINS
    if named_mistake:
        return NAMED_MISTAKE
    return RAW if raw else OTHER


def ordered(failures: list[Failure]) -> list[Failure]:
    """The failures in the order a learner should read them (see the module's docstring)."""
    heads: dict[str, Failure] = {}
    for failure in failures:
        best = heads.get(failure.family)
        if best is None or _simpler(failure, best):
            heads[failure.family] = failure

    def key(failure: Failure) -> tuple[int, int, int]:
        behind = heads[failure.family] is not failure  # another case of its family explains
        return failure.rank, behind, failure.position

    return sorted(failures, key=key)


def _simpler(one: Failure, other: Failure) -> bool:
    if one.rank != other.rank:
        return one.rank < other.rank
    return (len(one.message), one.position) < (len(other.message), other.position)
