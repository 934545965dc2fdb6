"""kata.bench: the deterministic facts behind `make bench`. Timings are never asserted here.

The memory probes run on the reference solutions; their tests skip until those exist.
"""

from __future__ import annotations

import argparse
import re
import subprocess

import pytest

from kata import bench
from kata.layout import UsageError

STRONG, WEAK, MODES = (bench.Impl(step, "solutions") for step in (16, 17, 18))
needs_step17 = pytest.mark.skipif(not bench.available(17),
                                  reason="the solutions of steps 16 and 17 are not written yet")
needs_step18 = pytest.mark.skipif(not bench.available(18),
                                  reason="the solution of step 18 is not written yet")


@needs_step17
def test_step16_with_the_gc_off_retains_every_graph():
    memory = bench.measure_loop(bench.load(STRONG), graphs=10, gc_enabled=False)
    assert (memory.variables, memory.functions) == (10 * 4, 10 * 3)
    assert memory.retained >= 10 * bench.GRAPH_BYTES


@needs_step17
@pytest.mark.parametrize("gc_enabled", [True, False], ids=["gc-on", "gc-off"])
def test_step17_retains_nothing_and_its_peak_stays_flat(gc_enabled):
    short = bench.measure_loop(bench.load(WEAK), graphs=10, gc_enabled=gc_enabled)
    long = bench.measure_loop(bench.load(WEAK), graphs=40, gc_enabled=gc_enabled)
    assert (long.variables, long.functions) == (0, 0)
    assert long.retained < bench.ARRAY_BYTES
    assert bench.flat_at_two_graphs(long.peak, short.peak), (short.peak, long.peak)


@needs_step17
def test_implementations_load_side_by_side():
    strong, weak = bench.load(STRONG), bench.load(WEAK)
    assert strong is not weak and strong.Variable is not weak.Variable
    assert bench.load(STRONG) is strong  # loaded once


@needs_step18
def test_step18_peaks_are_never_below_their_theoretical_minimum():
    dezero = bench.load(MODES)
    peaks = {}
    for (run, switch), (what, arrays, _) in bench.CASES.items():
        peaks[what] = bench.peak_memory(run, dezero, switch)
        assert peaks[what] >= arrays * bench.BIG_SIZE * 8, what
    assert peaks["forward under no_grad()"] < peaks["forward, graph kept"]
    assert (peaks["forward+backward, retain_grad=False"]
            < peaks["forward+backward, retain_grad=True"])


def test_compared_adds_the_learner_only_when_asked():
    assert [impl.key for impl in bench.compared(17)] == ["step16-solution", "step17-solution"]
    assert [impl.key for impl in bench.compared(18, learner=True)] == [
        "step18-solution", "step18-yours"]
    assert len({impl.module_name for impl in bench.compared(17, learner=True)}) == 3


@pytest.mark.parametrize("returncode, left_out", [(0, False), (1, True)])
def test_the_learner_is_measured_only_when_its_tests_pass(monkeypatch, tmp_path, returncode,
                                                          left_out):
    (tmp_path / "dezero.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(bench, "impl_dir", lambda step, impl: tmp_path)
    ran = []
    monkeypatch.setattr(bench.subprocess, "run", lambda command, **options: ran.append(
        command) or subprocess.CompletedProcess(command, returncode))
    reason = bench.learner_left_out(17)
    assert "--step=17" in ran[0] and "--impl=steps" in ran[0]
    assert (reason is not None) == left_out
    if left_out:
        assert "left out" in reason and "make test STEP=17" in reason and "\n" not in reason


def test_a_missing_learner_file_is_left_out_without_running_tests(monkeypatch, tmp_path):
    monkeypatch.setattr(bench, "impl_dir", lambda step, impl: tmp_path)
    monkeypatch.setattr(bench.subprocess, "run", None)  # must not be called
    assert "there is no" in bench.learner_left_out(17)


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
                  short_peak=min(peak, 16_000_000), graph_bytes=bench.GRAPH_BYTES)


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
             for what, arrays, which in bench.CASES.values()]
    report = bench.step18_report({"benchmarks": cases})
    assert cells(report, "implementation") == [
        "implementation", "what", "ms", "peak MB", "min MB", "peak/min", "arrays",
        "that must be alive at once"]
    assert cells(report, "step 18 solution  forward under") == [
        "step 18 solution", "forward under no_grad()", "10.0", "6.01", "6.00", "1.00", "3",
        "x + the value in + the value out"]
