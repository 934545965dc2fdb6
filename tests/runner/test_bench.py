"""kata.measure.bench: the command, and the tables it prints from pytest-benchmark's JSON."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time

import pytest

from kata.layout import UsageError
from kata.measure import bench, memory
from kata.measure.lessons import step17, step18, step33, step59, step61


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
    return result(step17.LOOP_GROUP, seconds, impl=impl, label=f"step {step} solution", gc=gc,
                  graphs=200, peak=peak, retained=peak if variables else 0,
                  variables=variables, functions=variables * 3 // 4, short_graphs=50,
                  short_peak=min(peak, 16_000_000), graph_bytes=step17.GRAPH_BYTES)


STEP17_RESULTS = {"benchmarks": [
    loop("step16-solution", "on", 0.036, 25_400_000, 316),
    loop("step16-solution", "off", 0.051, 64_300_000, 800),
    loop("step17-solution", "on", 0.033, 645_000, 0),
    loop("step17-solution", "off", 0.034, 645_000, 0),
    result(step17.OP_GROUP, 0.000450, impl="step16-solution", label="step 16 solution",
           operations=100),
    result(step17.OP_GROUP, 0.000500, impl="step17-solution", label="step 17 solution",
           operations=100),
    result(step17.RATIO_GROUP, 0.001, impl="ratio", ratios=[1.08, 1.10, 1.11, 1.12, 1.13]),
    result(step17.LOOP_RATIO_GROUP, 0.1, impl="ratio", ratios=[0.85, 0.88, 0.90, 0.91, 0.93]),
]}


def with_ratios(ratios: list[float] | None = None, loop: list[float] | None = None) -> dict:
    benchmarks = [dict(b) for b in STEP17_RESULTS["benchmarks"]]
    if ratios is not None:
        benchmarks[-2] = result(step17.RATIO_GROUP, 0.001, impl="ratio", ratios=ratios)
    if loop is not None:
        benchmarks[-1] = result(step17.LOOP_RATIO_GROUP, 0.1, impl="ratio", ratios=loop)
    return {"benchmarks": benchmarks}


def target_line(report: str, start: str) -> str:
    """A target's line and its continuation lines, joined with spaces."""
    lines = report.split("Targets for ", 1)[1].splitlines()
    at = next(i for i, line in enumerate(lines) if start in line)
    rows = [lines[at]]
    for line in lines[at + 1:]:
        if not line.startswith(bench.TARGET_INDENT):
            break
        rows.append(line.strip())
    return " ".join(rows)


def test_step17_report_shows_time_memory_objects_and_targets():
    report = step17.report(STEP17_RESULTS)
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
    targets = report.split("Targets for the step 16 and 17 solutions (this run):")[1]
    assert targets.count("met   ") == 5 and "MISSED" not in targets and "unsure" not in targets


def test_step17_report_says_which_target_was_missed():
    report = step17.report(with_ratios([1.30, 1.32, 1.33, 1.35, 1.40]))
    missed = [line for line in report.splitlines() if "MISSED" in line]
    assert len(missed) == 1 and "+33.0%" in missed[0]


def test_a_noisy_per_operation_ratio_gets_no_verdict():
    """The middle half of the rounds straddles the 15% target: no met, no MISSED."""
    report = step17.report(with_ratios([1.02, 1.05, 1.12, 1.25, 1.60]))
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
    line = target_line(step17.report(with_ratios(loop=loop)), "runs the book's loop faster")
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
    monkeypatch.setattr(memory, "CLOCK", lambda: clock[0])

    def run(name):
        clock[0] += next(durations[name])

    setups = []
    pair = memory.Interleaved(run, "base", "other", iterations=1, repeats=3,
                              setup=lambda: setups.append(1))
    pair.round()
    assert pair.ratios == [pytest.approx(2.2 / 2.0)] and setups == [1]


def test_what_pytest_benchmark_prints_fits_100_columns(tmp_path, capfd, monkeypatch):
    """Its tables are left out (the report has their figures); what is left fits 100 columns,
    whatever the names and times (their tables were 111 wide)."""
    (tmp_path / "bench_fit.py").write_text(
        "import pytest\n"
        "@pytest.mark.parametrize('impl', ['solution16-gc-off-and-a-long-name', 'yours17'])\n"
        "def test_book_loop_of_some_length(benchmark, impl):\n"
        "    n = 30_000 if impl.startswith('yours') else 10\n"
        "    benchmark.pedantic(lambda: sum(range(n)), rounds=3)\n", encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "100")
    command = bench.bench_command([tmp_path / "bench_fit.py"], "-q", "-p", "no:randomly",
                                  "--benchmark-only", f"--benchmark-json={tmp_path / 'r.json'}",
                                  *bench.TABLE_OPTIONS)
    assert bench.run_benchmarks(command) == 0
    out = capfd.readouterr().out
    assert "book_loop_of_some_length[" not in out and "Legend" not in out, out
    assert "2 passed" in out and max(map(len, out.splitlines())) <= 100, out


def test_step18_report_puts_each_peak_next_to_its_minimum():
    cases = [result(step18.BACKWARD_GROUP if "backward" in what else step18.FORWARD_GROUP, 0.01,
                    impl="step18-solution", label="step 18 solution", what=what,
                    peak=arrays * 2_000_000 + 10_000, minimum_arrays=arrays, which=which,
                    array_bytes=2_000_000)
             for what, arrays, which in step18.CASES.values()]
    report = step18.report({"benchmarks": cases})
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


def test_the_tables_are_left_out_coloured_or_not(capsys):
    """The report gives their figures, fitted to the screen; pytest's own lines stay."""
    table = ["-- benchmark 'step17: book's loop': 4 tests --", "Name (time in ms)", "row", "",
             "\x1b[33m benchmark 'step17: per operation, interleaved': 1 tests \x1b[0m",
             "Name (time in ms)", "per_operation_ratio  30.3", "----", "\x1b[0m",
             ''' benchmark "step17: book's loop, interleaved": 1 tests ''', "book_loop_ratio",
             "", "\x1b[33m---- benchmark: 2 tests ----\x1b[0m", "x", "",
             "\x1b[32mLegend:\x1b[0m", "Wrote benchmark data in: /a/long/path/step17.json",
             "8 passed in 10.73s"]
    script = f"print({chr(10).join(table)!r})"
    assert bench.run_benchmarks([sys.executable, "-c", script]) == 0
    assert capsys.readouterr().out.splitlines() == table[-1:]
    assert all(group.endswith(bench.INTERLEAVED)
               for group in (step17.RATIO_GROUP, step17.LOOP_RATIO_GROUP))


def test_benchmarks_time_the_code_not_the_machine(capsys):
    """On a busy machine, a matrix product split over threads waits for the one that was
    descheduled, and memory handed back to the system is faulted in again by the next step:
    those, not the code, moved step 61's ratio from +0 % to +61 %. CPU time, one BLAS thread,
    freed memory kept."""
    script = ("import os; print(os.environ.get('OPENBLAS_NUM_THREADS'), os.environ['COLUMNS'], "
              "os.environ.get('MALLOC_TRIM_THRESHOLD_'))")
    assert bench.run_benchmarks([sys.executable, "-c", script]) == 0
    threads, columns, trim = capsys.readouterr().out.split()
    assert threads == "1" and int(columns) <= 100 and int(trim) >= 2**30
    assert "--benchmark-timer=time.process_time" in bench.TABLE_OPTIONS
    assert memory.CLOCK is time.process_time


# -- whose figures: the solution's and, when it passes, the learner's (issue 22, item 5) ---------


def deep(impl: str, label: str, depth: int, every: int, graph_peak: int) -> dict:
    return result(step61.GROUP, 0.05 * depth, impl=impl, label=label, depth=depth, every=every,
                  peak=graph_peak + 10**6, gradients=10**6, graph_peak=graph_peak,
                  functions=depth * 2, width=64, batch=512)


def step61_results(yours_ratios: list[float]) -> dict:
    benchmarks = []
    for impl, label in (("step61-solution", "step 61 solution"), ("step61-yours", "your step 61")):
        for depth in step61.DEEP_DEPTHS:
            benchmarks.append(deep(impl, label, depth, 0, depth * 10**6))
            benchmarks.append(deep(impl, label, depth, step61.checkpoint_every(depth),
                                   int(2 * depth**0.5 * 10**6)))
    benchmarks.append(result(step61.RATIO_GROUP, 1.0, impl="step61-solution",
                             label="step 61 solution", depth=64, ratios=[1.05, 1.1, 1.08, 1.12]))
    benchmarks.append(result(step61.RATIO_GROUP, 1.0, impl="step61-yours",
                             label="your step 61", depth=64, ratios=yours_ratios))
    return {"benchmarks": benchmarks}


def test_step61_says_whose_figures_each_verdict_judges():
    report = step61.report(step61_results([1.7, 1.8, 1.9, 2.0]))
    solution, yours = report.split("Targets for the step 61 solution (this run):")[1].split(
        "Targets for your step 61 code (this run):")
    assert "MISSED" not in solution and "median +9.0%" in solution
    missed = [line for line in yours.splitlines() if "MISSED" in line]
    assert len(missed) == 1
    assert "at most 1.5x a plain one" in target_line(f"Targets for {yours}", "MISSED")
    assert max(map(len, report.splitlines())) <= 100


def test_the_learners_code_joins_the_time_ratio():
    done = subprocess.run(bench.bench_command([bench.bench_file(61)], "--collect-only", "-q",
                                              "--with-learner"), cwd=bench.ROOT,
                          capture_output=True, text=True, check=False, timeout=120)
    assert "test_time_ratio[yours]" in done.stdout and "test_time_ratio[solution61]" in \
        done.stdout, done.stdout + done.stderr


def rnn(impl: str, label: str, unchain: bool, length: int) -> dict:
    grows = 1 if unchain else length / 100
    return result(step59.GROUP, 0.04 * length * (1 if unchain else length / 50), impl=impl,
                  label=label, unchain=unchain, length=length, peak=int(700_000 * grows),
                  held=int(120_000 * grows), functions=0 if unchain else 4 * length - 2,
                  hidden=100, bptt=30)


def test_step59_report_fits_100_columns_and_says_whose_targets():
    """Its target lines were up to 131 wide, cut by the terminal inside a number (3./4)."""
    benchmarks = [rnn(impl, label, unchain, length)
                  for impl, label in (("step59-solution", "step 59 solution"),
                                      ("step59-yours", "your step 59"))
                  for unchain in (True, False) for length in step59.RNN_LENGTHS]
    report = step59.report({"benchmarks": benchmarks})
    lines = report.splitlines()
    assert max(map(len, lines)) <= 100, [line for line in lines if len(line) > 100]
    assert "Targets for the step 59 solution (this run):" in lines
    assert "Targets for your step 59 code (this run):" in lines
    grows = target_line(report, "without it, the peak grows")
    assert "(4.0 times, for 4 times the steps)" in grows  # a number is never cut in two


def test_step33_tables_fit_100_columns(monkeypatch):
    """Its Newton table was 111 wide: every row wrapped."""
    monkeypatch.delitem(sys.modules, "kata_bench_step33", raising=False)  # another test's fake
    runs = [result(step33.NEWTON_GROUP, 0.0181, impl=impl, label=label, variant=variant, gc=gc,
                   iters=10, half_iters=5, peak=18_340_000, retained=17_770_000,
                   half_retained=9_290_000, variables=252, functions=199, half_variables=132,
                   array_bytes=80_000)
            for impl, label in (("step33-solution", "step 33 solution"),
                                ("step33-yours", "your step 33"))
            for variant in ("the book's loop", "no cleargrad", "create_graph twice")
            for gc in ("on", "off")]
    loops = [result(step33.LOOP_GROUP, 0.0225, impl=impl, label=label, gc=gc, graphs=200,
                    peak=650_000, retained=0, variables=0, functions=0)
             for impl, label in (("step33-solution", "step 33 solution"),
                                 ("step33-yours", "your step 33")) for gc in ("on", "off")]
    report = bench.report(33, {"benchmarks": runs + loops})
    lines = report.splitlines()
    assert max(map(len, lines)) <= 100, [line for line in lines if len(line) > 100]
    assert "Targets for your step 33 code (this run):" in lines
    assert lines[-1].startswith("(times: CPU time")
