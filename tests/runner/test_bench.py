"""kata.bench: the command, and the tables it prints from pytest-benchmark's JSON."""

from __future__ import annotations

import argparse
import re

import pytest

from kata import bench, memory
from kata.layout import UsageError


def test_bench_refuses_steps_without_benchmarks():
    with pytest.raises(UsageError, match="benchmarks exist for steps 17 and 18"):
        bench.run(argparse.Namespace(step="1"))


def test_benchmarks_run_without_the_skip_in_addopts():
    command = bench.bench_command([bench.bench_file(17)], "--benchmark-disable")
    assert command[command.index("-o") + 1] == "addopts=-p no:cacheprovider"


def test_table_aligns_numbers_right_and_words_left():
    lines = bench.table(["name", "ms"], [["long name", "1.5"], ["a", "10.25"]]).splitlines()
    assert lines == ["name          ms", "---------  -----", "long name    1.5", "a          10.25"]


# -- the printed reports, from results shaped like pytest-benchmark's JSON ----------------------

def cells(report: str, start: str) -> list[str]:
    """The cells of the first line of a table that starts with `start`."""
    line = next(line for line in report.splitlines() if line.startswith(start))
    return re.split(r"\s{2,}", line.strip())


def result(group: str, seconds: float, **info) -> dict:
    return {"group": group, "stats": {"min": seconds, "median": seconds, "rounds": 10},
            "extra_info": info}


def loop(impl: str, gc: str, seconds: float, peak: int, variables: int) -> dict:
    step = impl[4:6]
    return result(bench.LOOP_GROUP, seconds, impl=impl, label=f"step {step} solution", gc=gc,
                  graphs=200, peak=peak, retained=peak if variables else 0,
                  variables=variables, functions=variables * 3 // 4, short_graphs=50,
                  short_peak=min(peak, 16_000_000), graph_bytes=memory.GRAPH_BYTES)


STEP17_RESULTS = {"benchmarks": [
    loop("step16-solution", "on", 0.036, 25_400_000, 316),
    loop("step16-solution", "off", 0.051, 64_300_000, 800),
    loop("step17-solution", "on", 0.033, 645_000, 0),
    loop("step17-solution", "off", 0.034, 645_000, 0),
    result(bench.OP_GROUP, 0.000450, impl="step16-solution", label="step 16 solution",
           operations=100),
    result(bench.OP_GROUP, 0.000500, impl="step17-solution", label="step 17 solution",
           operations=100),
]}


def test_step17_report_shows_time_memory_objects_and_targets():
    report = bench.step17_report(STEP17_RESULTS)
    assert cells(report, "implementation  ") == [
        "implementation", "GC", "ms", "time / step 17", "peak MB", "left MB", "Variables",
        "Functions"]
    assert cells(report, "step 16 solution  off") == [
        "step 16 solution", "off", "51.0", "1.55", "64.30", "64.30", "800", "600"]
    assert cells(report, "implementation    µs") == [
        "implementation", "µs per operation", "vs step 16"]
    assert cells(report, "step 17 solution      ") == ["step 17 solution", "5.00", "+11.1%"]
    targets = report.split("Targets (this run):")[1]
    assert targets.count("met   ") == 5 and "MISSED" not in targets


def test_step17_report_says_which_target_was_missed():
    results = {"benchmarks": [dict(b) for b in STEP17_RESULTS["benchmarks"]]}
    results["benchmarks"][-1] = result(bench.OP_GROUP, 0.000600, impl="step17-solution",
                                       label="step 17 solution", operations=100)
    missed = [line for line in bench.step17_report(results).splitlines() if "MISSED" in line]
    assert len(missed) == 1 and "+33.3%" in missed[0]


def test_step18_report_puts_each_peak_next_to_its_minimum():
    cases = [result(bench.BACKWARD_GROUP if "backward" in what else bench.FORWARD_GROUP, 0.01,
                    impl="step18-solution", label="step 18 solution", what=what,
                    peak=arrays * 2_000_000 + 10_000, minimum_arrays=arrays, which=which,
                    array_bytes=2_000_000)
             for what, arrays, which in memory.CASES.values()]
    report = bench.step18_report({"benchmarks": cases})
    assert cells(report, "implementation") == [
        "implementation", "what", "ms", "peak MB", "min MB", "peak/min", "arrays",
        "that must be alive at once"]
    assert cells(report, "step 18 solution  forward under") == [
        "step 18 solution", "forward under no_grad()", "10.0", "6.01", "6.00", "1.00", "3",
        "x + the value in + the value out"]
