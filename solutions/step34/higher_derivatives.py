"""Step 34: derivatives of any order, by differentiating the derivative again and again.

Run it (`../../.venv/bin/python higher_derivatives.py` in this folder) for the book's
figure: sin and its first three derivatives over [-7, 7] (needs matplotlib; without it,
one line says so and the values are printed instead).
"""

import dezero.functions as F
import numpy as np
from dezero import Variable

FIGURE = "sin_derivatives.png"


# BEGIN NEW
def derivatives(f, x, n):
    """[f'(x), f''(x), ..., f⁽ⁿ⁾(x)] at the Variable x, as ndarrays (n ≥ 1).

    Each derivative is backward of the one before. Only a derivative that will be
    differentiated again needs its graph: the last backward is plain, so that nothing it
    makes refers back into the graph, and no reference cycle is left (step 33).
    """
    # BEGIN SOLUTION: backward of y, then n - 1 times backward of x.grad (cleared between)
    y = f(x)
    x.cleargrad()
    y.backward(create_graph=n > 1)
    found = [x.grad.data]
    for order in range(2, n + 1):
        gx = x.grad
        x.cleargrad()
        gx.backward(create_graph=order < n)  # a graph only if another derivative follows
        found.append(x.grad.data)
    return found
    # END SOLUTION
# END NEW


def main(to_file=FIGURE):
    """The book's figure: y = sin(x) and y', y'', y''' over [-7, 7], saved to `to_file`."""
    x = Variable(np.linspace(-7, 7, 200))
    curves = [F.sin(x).data, *derivatives(F.sin, x, 3)]
    labels = ["y = sin(x)", "y'", "y''", "y'''"]
    try:
        import matplotlib
    except ImportError:
        values = ", ".join(f"{label} {curve[150]:+.3f}" for label, curve in zip(labels, curves))
        print(f"no figure: matplotlib is not installed (.venv/bin/python -m pip install "
              f"matplotlib); at x = {x.data[150]:.3f}: {values}")
        return None
    matplotlib.use("Agg")  # to a file, without a window
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots()
    for curve, label in zip(curves, labels):
        axes.plot(x.data, curve, label=label)
    axes.legend(loc="lower right")
    figure.savefig(to_file)
    plt.close(figure)
    print(f"wrote {to_file}")
    return to_file


if __name__ == "__main__":
    main()
