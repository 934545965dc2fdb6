"""Step 26: plot_dot_graph(output, verbose=True, to_file='graph.png') writes the DOT text
beside to_file and has Graphviz's `dot` command draw it.

No Graphviz is needed: a fake `dot` on PATH records how it was called and writes the
picture file; with no `dot` at all, one printed line says so and the .dot file is written.
"""

import numpy as np
import pytest

from kata import checks
from kata.layout import rel
from tests.dot_graphs import parse


@pytest.fixture
def fake_dot(tmp_path, monkeypatch):
    """A `dot` command, alone on PATH: it writes its arguments to calls.txt, one a line, and
    'picture' into the file after -o (as `-o FILE` or `-oFILE`)."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    calls = tmp_path / "calls.txt"
    script = bin_folder / "dot"
    script.write_text(f"""#!/bin/sh
printf '%s\\n' "$@" > '{calls}'
out=""; take=""
for a in "$@"; do
  if [ -n "$take" ]; then out="$a"; take=""
  elif [ "$a" = "-o" ]; then take=1
  else case "$a" in -o?*) out="${{a#-o}}";; esac
  fi
done
if [ -n "$out" ]; then echo picture > "$out"; fi
""")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_folder))
    return calls


def square_graph(dezero):
    x = dezero.Variable(np.array(2.0), name="x")
    y = dezero.square(x)
    y.name = "y"
    return y


def output_format(arguments):
    """The -T option's value: `-T pdf` or `-Tpdf`."""
    for index, argument in enumerate(arguments):
        if argument == "-T" and index + 1 < len(arguments):
            return arguments[index + 1]
        if argument.startswith("-T"):
            return argument[2:]
    return None


def check_dot_file(path, verbose):
    checks.is_true(path.exists(), f"plot_dot_graph should write the DOT text beside the "
                   f"picture, into {path.name}; there is no such file")
    graph = parse(path.read_text(), f"the text plot_dot_graph wrote into {path.name}")
    expected = ["Square", "x", "y"] if not verbose else ["Square", "x: () float64", "y: () float64"]
    checks.equal(sorted(map(graph.label, graph.nodes)), expected,
                 f"the labels of the nodes in {path.name}, for y = square(x), verbose={verbose}")


def test_dot_draws_the_picture_where_to_file_says(dezero, utils, fake_dot, tmp_path):
    picture = tmp_path / "square.pdf"
    utils.plot_dot_graph(square_graph(dezero), verbose=False, to_file=str(picture))
    checks.is_true(fake_dot.exists(), "plot_dot_graph(y, to_file=...) should run the `dot` "
                   "command (Graphviz); it did not")
    arguments = fake_dot.read_text().splitlines()
    checks.equal(output_format(arguments), "pdf", f"the format dot was asked for (-T) when "
                 f"to_file is {picture.name}: its extension; dot got {arguments}")
    checks.is_true(str(tmp_path / "square.dot") in arguments, f"dot should read the .dot file "
                   f"written beside the picture ({rel(tmp_path / 'square.dot')}); it got "
                   f"{arguments}")
    checks.is_true(picture.exists(), f"dot should write the picture to to_file (-o "
                   f"{picture.name}); it got {arguments}")
    check_dot_file(tmp_path / "square.dot", verbose=False)


def test_the_default_is_graph_png_verbose(dezero, utils, fake_dot, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    utils.plot_dot_graph(square_graph(dezero))
    checks.is_true(fake_dot.exists(), "plot_dot_graph(y) should run the `dot` command "
                   "(Graphviz); it did not")
    arguments = fake_dot.read_text().splitlines()
    checks.equal(output_format(arguments), "png", f"the format dot was asked for (-T) by "
                 f"plot_dot_graph(y): to_file='graph.png' by default; dot got {arguments}")
    checks.is_true((tmp_path / "graph.png").exists(), f"plot_dot_graph(y) should draw "
                   f"graph.png in the current folder; dot got {arguments}")
    check_dot_file(tmp_path / "graph.dot", verbose=True)


def test_without_graphviz_one_line_says_so_and_the_dot_file_is_written(
        dezero, utils, tmp_path, monkeypatch, capfd):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no `dot` anywhere
    picture = tmp_path / "square.png"
    utils.plot_dot_graph(square_graph(dezero), verbose=False, to_file=str(picture))
    said = capfd.readouterr()
    lines = (said.out + said.err).strip().splitlines()
    checks.is_true(len(lines) == 1 and "graphviz" in lines[0].lower(), f"without Graphviz, "
                   f"plot_dot_graph should print one line that says Graphviz is missing; "
                   f"it printed {lines}")
    check_dot_file(tmp_path / "square.dot", verbose=False)
    checks.is_true(not picture.exists(), f"without Graphviz there is no {picture.name} to "
                   f"draw, yet the file exists")
