"""Step 35 (solutions/step35/tanh_graph.py): the graph of tanh's n-th derivative.

The DOT text of get_dot_graph(gx, verbose=False) is parsed with pydot (tests/dot_graphs):
its functions are the ones behind gx, its variables carry the book's names, and it grows
with n. No Graphviz is needed.
"""

import numpy as np
import pytest

from kata import checks
from tests.dot_graphs import parse
from tests.exercise_files import load
from tests.graph_walk import functions_behind

pytestmark = pytest.mark.until(35)  # tanh_graph.py belongs to step 35's folder alone

T = np.tanh(1.0)
# tanh's first three derivatives at x = 1, written out in t = tanh(1)
AT_ONE = {1: 1 - T ** 2, 2: -2 * T * (1 - T ** 2), 3: -2 * (1 - T ** 2) * (1 - 3 * T ** 2)}


@pytest.fixture
def exercise(dezero, impl_folder):
    dezero.Variable  # noqa: B018  (the dezero fixture first: it puts the folder on the path)
    return load(impl_folder, "tanh_graph.py", 35)


def graph(dezero, exercise, n):
    gx = exercise.nth_derivative(dezero.Variable(np.array(1.0)), n)
    text = dezero.utils.get_dot_graph(gx, verbose=False)
    return gx, parse(text, f"get_dot_graph of nth_derivative(x, {n})")


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_value(dezero, exercise, n):
    gx = exercise.nth_derivative(dezero.Variable(np.array(1.0)), n)
    checks.instance(gx, dezero.Variable, f"nth_derivative(x, {n})")
    checks.close(gx, AT_ONE[n], f"tanh's derivative {n} at x = 1")


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_graph_draws_every_function_behind_gx(dezero, exercise, n):
    gx, drawn = graph(dezero, exercise, n)
    drawn.check_edges_join_declared_nodes()
    behind = sorted(type(f).__name__ for f in functions_behind(gx))
    checks.equal(sorted(map(drawn.label, drawn.functions())), behind,
                 f"the functions drawn for derivative {n} (the graph must be recorded: "
                 f"create_graph=True in every backward)")


@pytest.mark.parametrize("n", [1, 3])
def test_the_variables_have_the_books_names(dezero, exercise, n):
    _, drawn = graph(dezero, exercise, n)
    labels = {drawn.label(v) for v in drawn.variables()}
    for name in ("x", "y", f"gx{n}"):
        checks.is_true(name in labels, f"no variable labelled {name!r} in the graph of "
                       f"derivative {n}; labels: {sorted(labels)}")


def test_the_graph_grows_with_n(dezero, exercise):
    sizes = [len(graph(dezero, exercise, n)[1].functions()) for n in (1, 2, 3, 4)]
    checks.is_true(sizes[0] == 4, f"the first derivative's graph should hold 4 functions "
                   f"(Tanh, and y * y, 1 - ..., gy * ... of its backward); it holds {sizes[0]}")
    checks.is_true(all(a < b for a, b in zip(sizes, sizes[1:])), f"functions in the graphs "
                   f"of derivatives 1 to 4 should grow; got {sizes}")


def test_main_without_graphviz_says_so_in_one_line(dezero, exercise, monkeypatch, capsys,
                                                  tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` anywhere
    picture = tmp_path / "tanh.png"
    exercise.main(2, to_file=str(picture))
    out = capsys.readouterr().out
    checks.equal(len(out.strip().splitlines()), 1, f"lines main() prints without Graphviz "
                 f"(printed: {out!r})")
    checks.is_true((tmp_path / "tanh.dot").exists(), "main() without Graphviz should leave "
                   "tanh.dot beside the picture's name")
