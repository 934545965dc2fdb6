"""Step 45: model.plot(*inputs, to_file='model.png') draws the graph the model builds on
the inputs, with step 26's plot_dot_graph (verbose). No Graphviz needed: a fake `dot`."""

import numpy as np

from kata import checks
from tests.dot_graphs import parse


def test_plot_draws_the_models_graph(dezero, models, fake_dot, tmp_path, global_seed):
    global_seed(0)
    model = models.MLP((10, 3))
    picture = tmp_path / "mlp.png"
    model.plot(np.ones((5, 2)), to_file=str(picture))
    dot_file = tmp_path / "mlp.dot"
    checks.is_true(dot_file.exists(), "model.plot(x, to_file='mlp.png') should write the DOT "
                   "text into mlp.dot beside the picture (utils.plot_dot_graph does)")
    checks.is_true(picture.exists(), f"model.plot(x, to_file=...) should have `dot` draw "
                   f"{picture.name}; dot was called with {fake_dot.read_text().split()}"
                   if fake_dot.exists() else "model.plot(x) should run Graphviz's `dot`")
    graph = parse(dot_file.read_text(), "the DOT text model.plot wrote")
    checks.equal(sorted(graph.label(f) for f in graph.functions()),
                 ["Linear", "Linear", "Sigmoid"], "the functions in the graph of "
                 "MLP((10, 3)) on x of shape (5, 2)")
    labels = sorted(graph.label(v) for v in graph.variables())
    for label in ("W: (2, 10) float32", "W: (10, 3) float32", "b: (3,) float32",
                  "(5, 3) float64"):
        checks.is_true(label in labels, f"a node labelled {label!r} in the graph of "
                       f"MLP((10, 3)) on x of shape (5, 2) (verbose=True: names, shapes, "
                       f"dtypes); the labels are {labels}")


def test_plot_without_graphviz_says_so_in_one_line(dezero, models, tmp_path, monkeypatch,
                                                   capfd):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    models.MLP((3, 1)).plot(np.ones((2, 4)), to_file=str(tmp_path / "model.png"))
    said = capfd.readouterr()
    lines = (said.out + said.err).strip().splitlines()
    checks.is_true(len(lines) == 1 and "graphviz" in lines[0].lower(), f"without Graphviz, "
                   f"model.plot should print one line that says so; it printed {lines}")
    checks.is_true((tmp_path / "model.dot").exists(), "model.plot without Graphviz should "
                   "still write model.dot")
