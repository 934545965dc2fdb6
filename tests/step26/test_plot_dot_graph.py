"""Step 26: plot_dot_graph(output, verbose=True, to_file='graph.png') writes the DOT text
beside to_file and has Graphviz's `dot` command draw it.

No Graphviz is needed: a fake `dot` on PATH records how it was called and writes the
picture file; with no `dot` at all, one printed line says so and the .dot file is written.
"""

from pathlib import Path

import numpy as np
import pytest

from kata import checks
from tests.dot_graphs import parse

DOT_ERROR = "Error: graph.dot: syntax error in line 3 near '->'"  # what a failing dot says


def install_dot(tmp_path, monkeypatch, fails=False):
    """A `dot` command, alone on PATH: it writes its arguments to calls.txt, one a line, and
    'picture' into the file after -o (as `-o FILE` or `-oFILE`). With fails=True it says
    DOT_ERROR on stderr and exits with status 1 instead, drawing nothing."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    calls = tmp_path / "calls.txt"
    script = bin_folder / "dot"
    failing = f"echo \"{DOT_ERROR}\" >&2; exit 1" if fails else ""
    script.write_text(f"""#!/bin/sh
printf '%s\\n' "$@" > '{calls}'
{failing}
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


@pytest.fixture
def fake_dot(tmp_path, monkeypatch):
    return install_dot(tmp_path, monkeypatch)


def square_graph(dezero):
    x = dezero.Variable(np.array(2.0), name="x")
    y = dezero.square(x)
    y.name = "y"
    return y


# dot's options that take a value, given as `-T png` or `-Tpng`; other options stand alone
VALUE_OPTIONS = ("-T", "-o", "-K", "-l", "-G", "-N", "-E")


def dot_call(arguments):
    """dot's command line read as dot reads it: ({option: value}, [input files])."""
    options, inputs, rest = {}, [], list(arguments)
    while rest:
        argument = rest.pop(0)
        if argument in VALUE_OPTIONS and rest:
            options[argument] = rest.pop(0)
        elif argument[:2] in VALUE_OPTIONS:
            options[argument[:2]] = argument[2:]
        elif argument.startswith("-"):
            options[argument] = ""
        else:
            inputs.append(argument)
    return options, inputs


def output_format(arguments):
    """The -T option's value: `-T pdf` or `-Tpdf`."""
    return dot_call(arguments)[0].get("-T")


def check_one_input(arguments, dot_file):
    """dot reads one file: the .dot file beside the picture (given by any path to it)."""
    __tracebackhide__ = True
    inputs = dot_call(arguments)[1]
    checks.is_true(len(inputs) == 1 and Path(inputs[0]).resolve() == dot_file.resolve(),
                   f"dot should read one file, the .dot file written beside the picture "
                   f"({dot_file.name}), and nothing else; the files it was given (their "
                   f"names, the options left out): {[Path(name).name for name in inputs]}")


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
    check_one_input(arguments, tmp_path / "square.dot")
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
    check_one_input(arguments, tmp_path / "graph.dot")
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


@pytest.mark.explains("check=True")
def test_a_failing_dot_raises_and_its_message_is_seen(dezero, utils, tmp_path, monkeypatch,
                                                      capfd):
    calls = install_dot(tmp_path, monkeypatch, fails=True)
    picture = tmp_path / "square.png"
    call = "plot_dot_graph(y, to_file=...) when dot fails (exit status 1)"
    try:
        utils.plot_dot_graph(square_graph(dezero), verbose=False, to_file=str(picture))
    except NotImplementedError:
        raise
    except Exception as error:  # any error: what it says is checked below
        raised = error
    else:
        raised = None
    said = capfd.readouterr()
    checks.is_true(calls.exists(), f"{call}: dot was not run (it should be, with the "
                   f"picture's format: dot exists on PATH)")
    checks.is_true(raised is not None, f"{call}: plot_dot_graph returned as if the picture "
                   f"was drawn; it should raise an error, so that a failure is not missed: "
                   f"subprocess.run([...], check=True) raises CalledProcessError")
    shown = said.out + said.err + str(raised)  # what the learner sees
    checks.is_true(DOT_ERROR in shown, f"{call}: dot's own message ({DOT_ERROR!r}) was neither "
                   f"shown nor in the {type(raised).__name__} raised: let dot write to the "
                   f"screen (no capture_output: subprocess.run([...], check=True) does that), "
                   f"or put its message in the error")
    check_dot_file(tmp_path / "square.dot", verbose=False)
