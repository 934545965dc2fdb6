"""The benchmarks behind `make bench STEP=N` (run by kata/measure/bench.py: it prints the tables).

Each bench_stepNN.py sets STEP and SOLUTIONS (the reference solutions compared); its tests
take `impl` (which implementation: those solutions, then the learner's code with
--with-learner) and `dezero` (that implementation's module, loaded by path, so several load
side by side). The kata plugin is not used here: kata/measure/bench.py runs pytest
with its own options (see kata.measure.bench.bench_command).
"""

from __future__ import annotations

import pytest

from kata.measure import memory


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--with-learner", action="store_true",
                     help="also measure the learner's steps/stepNN code "
                          "(make bench adds it when that code passes its tests)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "impl" in metafunc.fixturenames:
        module = metafunc.module
        impls = memory.implementations(module.SOLUTIONS, module.STEP,
                                       learner=metafunc.config.getoption("with_learner"))
        metafunc.parametrize("impl", impls, ids=[impl.test_id for impl in impls])


@pytest.fixture
def dezero(impl: memory.Impl):
    """The module under measurement (not the kata plugin's fixture of the same name)."""
    return memory.load(impl)


@pytest.fixture
def info(benchmark, impl: memory.Impl) -> dict:
    """benchmark.extra_info, already naming the implementation (the tables name it by its key,
    in the learner's language: kata.measure.bench.label)."""
    benchmark.extra_info.update(impl=impl.key, label=impl.label)
    return benchmark.extra_info
