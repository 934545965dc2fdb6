"""kata.bench: the command, and the tables it prints from pytest-benchmark's JSON."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

import pytest

from kata import bench, memory
from kata.layout import UsageError
from tests.runner.mutants import PROCESS_LIMIT_S

STEP17, STEP18 = bench.bench_module(17), bench.bench_module(18)


def test_bench_refuses_steps_without_benchmarks():
    with pytest.raises(UsageError, match="benchmarks exist for steps 17–18"):
        bench.run(argparse.Namespace(step="1"))


def test_a_step_has_benchmarks_when_its_bench_file_exists(monkeypatch, tmp_path):
    (tmp_path / "bench_step33.py").write_text(
        "STEP = 33\nSOLUTIONS = (33,)\ndef report(results):\n    return 'step 33 table'\n",
        encoding="utf-8")
    (tmp_path / "conftest.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(bench, "BENCHMARKS", tmp_path)
    assert list(bench.bench_files()) == [33]
    assert [impl.key for impl in bench.compared(33, learner=True)] == [
        "step33-solution", "step33-yours"]
    solution = {"group": "g", "stats": {}, "extra_info": {"impl": "step33-solution"}}
    results = {"benchmarks": [solution]}
    assert bench.report(33, results).startswith("step 33 table")


def test_the_benchmark_tables_fit_100_columns():
    assert "--benchmark-name=short" in bench.TABLE_OPTIONS
    columns = next(o for o in bench.TABLE_OPTIONS if o.startswith("--benchmark-columns="))
    assert "max" not in columns and "ops" not in columns


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
    return result(STEP17.LOOP_GROUP, seconds, impl=impl, label=f"step {step} solution", gc=gc,
                  graphs=200, peak=peak, retained=peak if variables else 0,
                  variables=variables, functions=variables * 3 // 4, short_graphs=50,
                  short_peak=min(peak, 16_000_000), graph_bytes=memory.GRAPH_BYTES)


STEP17_RESULTS = {"benchmarks": [
    loop("step16-solution", "on", 0.036, 25_400_000, 316),
    loop("step16-solution", "off", 0.051, 64_300_000, 800),
    loop("step17-solution", "on", 0.033, 645_000, 0),
    loop("step17-solution", "off", 0.034, 645_000, 0),
    result(STEP17.OP_GROUP, 0.000450, impl="step16-solution", label="step 16 solution",
           operations=100),
    result(STEP17.OP_GROUP, 0.000500, impl="step17-solution", label="step 17 solution",
           operations=100),
    result(STEP17.RATIO_GROUP, 0.001, impl="ratio", ratios=[1.08, 1.10, 1.11, 1.12, 1.13]),
    result(STEP17.LOOP_RATIO_GROUP, 0.1, impl="ratio", ratios=[0.85, 0.88, 0.90, 0.91, 0.93]),
]}


def with_ratios(ratios: list[float] | None = None, loop: list[float] | None = None) -> dict:
    benchmarks = [dict(b) for b in STEP17_RESULTS["benchmarks"]]
    if ratios is not None:
        benchmarks[-2] = result(STEP17.RATIO_GROUP, 0.001, impl="ratio", ratios=ratios)
    if loop is not None:
        benchmarks[-1] = result(STEP17.LOOP_RATIO_GROUP, 0.1, impl="ratio", ratios=loop)
    return {"benchmarks": benchmarks}


def target_line(report: str, start: str) -> str:
    """A target's line (and its continuation line, if any)."""
    lines = report.split("Targets (this run):")[1].splitlines()
    at = next(i for i, line in enumerate(lines) if start in line)
    follows = lines[at + 1:at + 2]
    return "\n".join(lines[at:at + 1] + [f for f in follows if f.startswith("          (")])


def test_step17_report_shows_time_memory_objects_and_targets():
    report = STEP17.report(STEP17_RESULTS)
    assert cells(report, "implementation  ") == [
        "implementation", "GC", "ms", "time / step 17", "peak MB", "left MB", "Variables",
        "Functions"]
    assert cells(report, "step 16 solution  off") == [
        "step 16 solution", "off", "51.0", "1.55", "64.30", "64.30", "800", "600"]
    assert cells(report, "implementation    µs") == [
        "implementation", "µs per operation (fastest round)"]
    assert cells(report, "step 17 solution      ") == ["step 17 solution", "5.00"]
    assert "median +11.0%, middle half of the 5 rounds +10.0% to +12.0%" in report
    assert "median -10.0%, middle half of the 5 rounds -12.0% to -9.0%" in report
    assert max(map(len, report.splitlines())) <= 100
    targets = report.split("Targets (this run):")[1]
    assert targets.count("met   ") == 5 and "MISSED" not in targets and "unsure" not in targets


def test_step17_report_says_which_target_was_missed():
    report = STEP17.report(with_ratios([1.30, 1.32, 1.33, 1.35, 1.40]))
    missed = [line for line in report.splitlines() if "MISSED" in line]
    assert len(missed) == 1 and "+33.0%" in missed[0]


def test_a_noisy_per_operation_ratio_gets_no_verdict():
    """The middle half of the rounds straddles the 15% target: no met, no MISSED."""
    report = STEP17.report(with_ratios([1.02, 1.05, 1.12, 1.25, 1.60]))
    line = target_line(report, "per operation, step 17")
    assert line.lstrip().startswith("unsure") and "MISSED" not in report
    assert "+5.0% to +25.0%, straddles the target" in line


@pytest.mark.parametrize("loop, verdict", [
    ([0.70, 0.80, 0.95, 1.10, 1.30], "unsure"),  # straddles 1.0: a busy machine
    ([1.02, 1.04, 1.05, 1.06, 1.08], "MISSED"),  # every middle round slower
    ([0.90, 0.95, 0.97, 0.99, 1.20], "met"),     # a slow outlier does not decide
])
def test_the_loop_verdict_follows_the_spread_of_interleaved_rounds(loop, verdict):
    """Not the fastest rounds of two separate runs: their difference can be noise."""
    line = target_line(STEP17.report(with_ratios(loop=loop)), "runs the book's loop faster")
    assert line.lstrip().startswith(verdict)
    assert ("straddles the target" in line) == (verdict == "unsure")


def test_the_ratio_spread_is_its_middle_half():
    spread = memory.Spread.of([1.0, 2.0, 3.0, 4.0, 5.0])
    assert (spread.low, spread.median, spread.high, spread.rounds) == (2.0, 3.0, 4.0, 5)


def test_interleaved_rounds_alternate_their_order():
    calls = []
    pair = memory.Interleaved(calls.append, "base", "other", iterations=1, repeats=1,
                              setup=None)
    pair.round()
    pair.round()
    assert calls == ["base", "other", "other", "base"] and len(pair.ratios) == 2


def test_a_round_keeps_the_fastest_timing_of_each(monkeypatch):
    """A timing cut by another process's time slice does not make the round's ratio."""
    clock = [0.0]
    durations = {"base": iter([2.0, 6.0, 2.1]), "other": iter([6.0, 2.2, 2.4])}
    monkeypatch.setattr(memory.time, "perf_counter", lambda: clock[0])

    def run(name):
        clock[0] += next(durations[name])

    setups = []
    pair = memory.Interleaved(run, "base", "other", iterations=1, repeats=3,
                              setup=lambda: setups.append(1))
    pair.round()
    assert pair.ratios == [pytest.approx(2.2 / 2.0)] and setups == [1]


def test_pytest_benchmark_tables_fit_100_columns(tmp_path):
    """The real tables, with the kata's options, long names and far-apart times."""
    (tmp_path / "bench_fit.py").write_text(
        "import pytest\n"
        "@pytest.mark.parametrize('impl', ['solution16-gc-off', 'yours17-gc-off'])\n"
        "def test_book_loop_of_some_length(benchmark, impl):\n"
        "    n = 30_000 if impl.startswith('yours') else 10\n"
        "    benchmark.pedantic(lambda: sum(range(n)), rounds=3)\n", encoding="utf-8")
    command = bench.bench_command([tmp_path / "bench_fit.py"], "-q", "-p", "no:randomly",
                                  "--benchmark-only", *bench.TABLE_OPTIONS)
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False,
                          env={**os.environ, "COLUMNS": "100"}, timeout=PROCESS_LIMIT_S)
    assert done.returncode == 0, done.stdout + done.stderr
    table = [line for line in done.stdout.splitlines() if "book_loop_of_some_length[" in line]
    assert len(table) == 2
    shown = [line for line in done.stdout.splitlines()
             if not line.startswith(bench.UNSHOWN_LEGEND)]  # as run_benchmarks shows it
    assert max(map(len, shown)) <= 100, done.stdout


def test_step18_report_puts_each_peak_next_to_its_minimum():
    cases = [result(STEP18.BACKWARD_GROUP if "backward" in what else STEP18.FORWARD_GROUP, 0.01,
                    impl="step18-solution", label="step 18 solution", what=what,
                    peak=arrays * 2_000_000 + 10_000, minimum_arrays=arrays, which=which,
                    array_bytes=2_000_000)
             for what, arrays, which in memory.CASES.values()]
    report = STEP18.report({"benchmarks": cases})
    assert cells(report, "implementation") == [
        "implementation", "what", "ms", "peak MB", "min MB", "peak/min", "arrays"]
    assert cells(report, "step 18 solution  forward under") == [
        "step 18 solution", "forward under no_grad()", "10.0", "6.01", "6.00", "1.00", "3"]
    assert "    forward under no_grad(): 3 = x + the value in + the value out" in report
    assert max(map(len, report.splitlines())) <= 100


def test_the_legend_of_unshown_columns_is_left_out(capsys):
    script = "print('Name (time in ms)'); print('Legend:'); print('  OPS: 1 / Mean'); print('end')"
    assert bench.run_benchmarks([sys.executable, "-c", script]) == 0
    assert capsys.readouterr().out == "Name (time in ms)\nend\n"


def test_the_tables_of_interleaved_groups_are_left_out(capsys):
    """A round's time of both implementations says nothing; the report gives the ratios."""
    table = ["-- benchmark 'step17: book's loop': 4 tests --", "Name (time in ms)", "row", "",
             " benchmark 'step17: per operation, interleaved': 1 tests ", "Name (time in ms)",
             "per_operation_ratio  30.3", "----", "",
             ''' benchmark "step17: book's loop, interleaved": 1 tests ''', "book_loop_ratio",
             "", "8 passed in 10.73s"]
    script = f"print({chr(10).join(table)!r})"
    assert bench.run_benchmarks([sys.executable, "-c", script]) == 0
    assert capsys.readouterr().out.splitlines() == table[:4] + table[-1:]
    assert all(group.endswith(bench.INTERLEAVED)
               for group in (STEP17.RATIO_GROUP, STEP17.LOOP_RATIO_GROUP))
