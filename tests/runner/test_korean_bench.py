"""`make bench` and `make plot` in Korean (KATA_LANG=ko): the lessons' reports, their tables,
targets and verdicts, and the plot command's lines.

English, without any language setting, is what test_bench.py and test_plot.py check word for
word; here it is checked to stay so. Every line fits 100 display columns (Hangul takes two:
kata.screen.display_width), and the tables align by display width.
"""

from __future__ import annotations

import argparse
import re
import sys

import pytest

from kata import layout, screen
from kata.measure import bench, plot
from kata.measure.lessons import step17, step18, step33, step59, step61
from tests.runner.korean import HANGUL, fits
from tests.runner.test_bench import STEP17_RESULTS, result, rnn, step61_results

VERDICTS = {"met": "달성", "MISSED": "미달", "unsure": "불확실"}


def step59_results() -> dict:
    return {"benchmarks": [rnn(impl, label, unchain, length)
                           for impl, label in (("step59-solution", "step 59 solution"),
                                               ("step59-yours", "your step 59"))
                           for unchain in (True, False) for length in step59.RNN_LENGTHS]}


def step18_results() -> dict:
    return {"benchmarks": [
        result(step18.BACKWARD_GROUP if "backward" in what else step18.FORWARD_GROUP, 0.01,
               impl="step18-solution", label="step 18 solution", what=what,
               peak=arrays * 2_000_000 + 10_000, minimum_arrays=arrays, which=which,
               array_bytes=2_000_000)
        for what, arrays, which in step18.CASES.values()]}


def step33_results() -> dict:
    impls = (("step33-solution", "step 33 solution"), ("step33-yours", "your step 33"))
    runs = [result(step33.NEWTON_GROUP, 0.0181, impl=impl, label=label, variant=variant, gc=gc,
                   iters=10, half_iters=5, peak=18_340_000, retained=17_770_000,
                   half_retained=9_290_000, variables=252, functions=199, half_variables=132,
                   array_bytes=80_000)
            for impl, label in impls for variant in step33.NEWTON_VARIANTS for gc in ("on", "off")]
    loops = [result(step33.LOOP_GROUP, 0.0225, impl=impl, label=label, gc=gc, graphs=200,
                    peak=650_000, retained=0, variables=0, functions=0)
             for impl, label in impls for gc in ("on", "off")]
    return {"benchmarks": runs + loops}


def on_screen(line: str) -> str:
    """The line as the terminal lays it out: a two-column character as two cells."""
    return "".join(char * screen.display_width(char) for char in line)


# -- make bench STEP=59, the example --------------------------------------------------

def test_the_step59_report_is_korean_and_fits_100_columns(korean):
    report = step59.report(step59_results())
    lines = report.splitlines()
    fits(report)
    assert lines[0] == ("SimpleRNN(hidden_size=100)을 책의 방식대로 사인파로 학습, "
                        "bptt_length=30, Adam")
    assert re.split(r"\s{2,}", lines[1]) == [
        "구현", "unchain", "타임스텝", "ms", "최대 MB", "유지 MB", "남은 Function"]
    assert re.split(r"\s{2,}", lines[3]) == [
        "59단계 참고 해답", "예", "100", "4000", "0.70", "0.12", "0"]
    assert "59단계 참고 해답의 목표 (이번 실행):" in lines
    assert "여러분의 59단계 코드의 목표 (이번 실행):" in lines
    targets = [line for line in lines if line.startswith("  ") and line.split()[0] in
               VERDICTS.values()]
    assert len(targets) == 10 and all(line.split()[0] == "달성" for line in targets), targets
    for english in ("Targets for", "met ", "MISSED", "unsure", "implementation", "the fastest"):
        assert english not in report, english


def test_korean_tables_align_by_display_width(korean):
    """Hangul takes two columns: padding by len() would push every later column left."""
    lines = step59.report(step59_results()).splitlines()
    table = [on_screen(line) for line in lines[1:3 + 2 * 2 * len(step59.RNN_LENGTHS)]]
    gaps = [at for at, char in enumerate(table[1]) if char == " "]  # between the dashes
    assert len(gaps) == 2 * 6
    for line in table:
        assert all(line[at] == " " for at in gaps), line
        assert len(line) == len(table[1]), line  # numbers end where their column ends


def test_a_missed_and_an_unsure_target_in_korean(korean):
    report = step61.report(step61_results([1.2, 1.4, 1.6, 1.7]))
    fits(report)
    yours = report.split("여러분의 61단계 코드의 목표 (이번 실행):")[1]
    unsure = [line for line in yours.splitlines() if line.startswith("  불확실  ")]
    assert len(unsure) == 1 and "미달" not in yours
    assert "라운드의 가운데 절반이 +35.0% ~ +62.5%로 목표에 걸칩니다" in " ".join(yours.split())
    missed = step61.report(step61_results([1.7, 1.8, 1.9, 2.0]))
    assert sum(line.startswith("  미달    ") for line in missed.splitlines()) == 1


@pytest.mark.parametrize("build, report", [
    (lambda: STEP17_RESULTS, step17.report),
    (step18_results, step18.report),
    (lambda: step61_results([1.05, 1.1, 1.08, 1.12]), step61.report),
])
def test_every_lessons_report_is_korean_and_fits(korean, build, report):
    text = report(build())
    fits(text)
    assert HANGUL.search(text.splitlines()[0]) and "implementation" not in text


def test_the_step33_report_and_its_last_line_in_korean(korean, monkeypatch):
    monkeypatch.delitem(sys.modules, "kata_bench_step33", raising=False)  # another test's fake
    text = bench.report(33, step33_results())
    fits(text)
    assert "책의 반복문" in text and "cleargrad 없음" in text and "create_graph 두 번" in text
    assert text.splitlines()[-1].startswith("(시간: CPU 시간")


def test_a_failed_benchmark_is_said_in_korean(korean):
    assert bench.report(61, {"benchmarks": []}) == (
        "표 없음: 61단계 참고 해답의 벤치마크가 실패했습니다(위를 보세요)")


# -- make plot ---------------------------------------------------------------------------------

def test_plot_says_in_korean_what_is_missing_and_what_it_draws(korean, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    assert plot.run(argparse.Namespace(step="17")) == 1
    assert capsys.readouterr().err == f"make plot에는 matplotlib이 필요합니다: {plot.INSTALL}\n"
    with pytest.raises(layout.UsageError) as refused:
        plot.run(argparse.Namespace(step="1"))
    assert str(refused.value) == ("make plot이 메모리를 그리는 단계는 STEP=17, STEP=59, STEP=61"
                                  "입니다. 1단계는 그리지 않습니다")


def test_plot_says_once_that_the_pictures_text_stays_english(korean, monkeypatch, capsys):
    """matplotlib's default font has no Hangul: the picture keeps its English words."""
    monkeypatch.setattr(plot, "pictures", lambda: {17: lambda plt: "그림: x.png"})
    monkeypatch.setattr(plot, "pyplot", lambda: object())
    assert plot.run(argparse.Namespace(step="17")) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "그림: x.png" and len(out) == 2 and "영어" in out[1]
    fits("\n".join(out))


# -- without a language setting: English, unchanged --------------------------------------------

def test_without_a_language_setting_the_report_is_english(english):
    report = step59.report(step59_results())
    lines = report.splitlines()
    assert lines[:2] == [
        "SimpleRNN(hidden_size=100) trained the book's way on a sine wave, bptt_length=30, Adam",
        "implementation    unchain  time steps      ms  peak MB  held MB  Functions held"]
    assert lines[3] == ("step 59 solution  yes             100    4000     0.70     0.12"
                        "               0")
    assert "Targets for the step 59 solution (this run):" in lines
    assert "  met     with unchain_backward, the state holds no graph at the end: 0 Functions " \
           "after 400 steps" in lines
    assert not HANGUL.search(report)


def test_without_a_language_setting_plot_adds_no_line(english, monkeypatch, capsys):
    monkeypatch.setattr(plot, "pictures", lambda: {17: lambda plt: "picture: x.png"})
    monkeypatch.setattr(plot, "pyplot", lambda: object())
    assert plot.run(argparse.Namespace(step="17")) == 0
    assert capsys.readouterr().out == "picture: x.png\n"
