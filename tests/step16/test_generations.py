"""Step 16: generations, and backward calling functions latest generation first, each once."""

import numpy as np
import pytest

from kata import checks


def test_a_new_variable_is_generation_zero(dezero):
    x = dezero.Variable(np.array(2.0))
    checks.is_true(hasattr(x, "generation"), "Variable(...) has no `generation`: "
                   "__init__ must set it")
    checks.equal(x.generation, 0, "Variable(np.array(2.0)).generation")


def test_generations_along_a_chain(dezero):
    x = dezero.Variable(np.array(2.0))
    a = dezero.square(x)
    y = dezero.exp(a)
    checks.equal(a.creator.generation, 0, "the generation of Square in a = square(x)")
    checks.equal(a.generation, 1, "a.generation for a = square(x)")
    checks.equal(y.creator.generation, 1, "the generation of Exp in y = exp(square(x))")
    checks.equal(y.generation, 2, "y.generation for y = exp(square(x))")


def test_a_function_takes_the_largest_generation_of_its_inputs(dezero):
    x = dezero.Variable(np.array(2.0))
    a = dezero.exp(dezero.square(x))  # generation 2
    y = dezero.add(x, a)
    checks.equal(y.creator.generation, 2, "the generation of Add in add(x, exp(square(x))) "
                 "(the larger of x's 0 and the other input's 2)")
    checks.equal(y.generation, 3, "y.generation for y = add(x, exp(square(x)))")


def test_the_diamond(dezero):
    x = dezero.Variable(np.array(2.0))
    a = dezero.square(x)
    y = dezero.add(dezero.square(a), dezero.square(a))
    y.backward()
    checks.close(y.data, 32.0, "y = add(square(a), square(a)) with a = square(x), at x = 2")
    early = "the Square that made a ran before a had the gradients of both its users"
    twice = "the Square that made a ran twice"
    checks.close(x.grad, 64.0, "x.grad for y = add(square(a), square(a)) with a = square(x), "
                 "at x = 2 (y = 2x^4, so 8x^3)", mistakes={
                     f"half of it: {early}; take the functions latest generation first": 32.0,
                     f"twice too much: {twice}; add each function to the list once": 128.0,
                     f"{twice} and too early: add each function once, and take them latest "
                     f"generation first": 96.0})


def _counting_square(dezero, calls):
    class CountingSquare(dezero.Function):
        """Square, which writes its name in `calls` each time its backward runs."""

        def __init__(self, name):
            self.name = name

        def forward(self, x):
            return x ** 2

        def backward(self, gy):
            calls.append(self.name)
            return 2 * self.inputs[0].data * gy

    return CountingSquare


def test_each_function_runs_once_and_after_its_users(dezero):
    calls = []
    Sq = _counting_square(dezero, calls)
    x = dezero.Variable(np.array(2.0))
    a = Sq("A")(x)
    y = dezero.add(Sq("B")(a), Sq("C")(a))
    y.backward()
    checks.equal(sorted(calls), ["A", "B", "C"], "the backward calls of the diamond's "
                 "squares A (a = A(x)), B and C (both of a), sorted")
    checks.equal(calls[-1], "A", f"the last of the backward calls {calls} (A must wait "
                 f"for the grads from both B and C)")


def test_a_longer_path_is_waited_for(dezero):
    calls = []
    Sq = _counting_square(dezero, calls)
    x = dezero.Variable(np.array(0.5))
    a = Sq("A")(x)
    long_path = Sq("D")(Sq("B")(a))
    y = dezero.add(long_path, Sq("C")(a))
    y.backward()
    checks.equal(sorted(calls), ["A", "B", "C", "D"], "the backward calls of A, B, C, D in "
                 "y = add(D(B(a)), C(a)) with a = A(x), sorted")
    checks.equal(calls[-1], "A", f"the last of the backward calls {calls}")
    checks.close(x.grad, 8 * 0.5 ** 7 + 4 * 0.5 ** 3,
                 "x.grad for y = x^8 + x^4 written as add(D(B(a)), C(a)) at x = 0.5")


def test_a_function_with_two_outputs_runs_once(dezero):
    class SquareAndCube(dezero.Function):
        def forward(self, x):
            return x ** 2, x ** 3

        def backward(self, gy0, gy1):
            x = self.inputs[0].data
            return 2 * x * gy0 + 3 * x ** 2 * gy1

    x = dezero.Variable(np.array(2.0))
    y0, y1 = SquareAndCube()(x)
    dezero.add(y0, y1).backward()
    checks.close(x.grad, 2 * 2.0 + 3 * 2.0 ** 2, "x.grad for add(y0, y1) where y0, y1 = x^2, "
                 "x^3 come from one function (it must run once, with both grads)")


def _random_recipe(rng, n_inputs, n_ops):
    """A random graph as a list of (function name, indices of the nodes it takes)."""
    recipe, n_nodes = [], n_inputs
    for _ in range(n_ops):
        name = str(rng.choice(["square", "exp", "add", "add"]))
        arity = 2 if name == "add" else 1
        recipe.append((name, [int(i) for i in rng.integers(n_nodes, size=arity)]))
        n_nodes += 1
    return recipe


def _build(dezero, recipe, leaves):
    """Run the recipe on the leaves; add up every node that nothing else uses."""
    nodes, used = list(leaves), set()
    for name, args in recipe:
        used.update(args)
        nodes.append(getattr(dezero, name)(*(nodes[i] for i in args)))
    unused = [node for i, node in enumerate(nodes) if i not in used]
    y = unused[0]
    for node in unused[1:]:
        y = dezero.add(y, node)
    return y


def _describe(recipe, n_inputs):
    """The recipe as a learner would write it: `v2 = add(v0, v1); v3 = exp(v2); ...`, then
    the output: `y = v3 + v5`, the sum of the nodes no function took as input (as _build)."""
    lines = [f"v{n_inputs + k} = {name}({', '.join(f'v{i}' for i in args)})"
             for k, (name, args) in enumerate(recipe)]
    used = {i for _, args in recipe for i in args}
    unused = [f"v{i}" for i in range(n_inputs + len(recipe)) if i not in used]
    return "; ".join(lines + [f"y = {' + '.join(unused)}"])


@pytest.mark.parametrize("seed", range(6))
def test_random_graphs_match_numerical_gradients(dezero, seed):
    rng = checks.seeded(seed)
    recipe = _random_recipe(rng, n_inputs=2, n_ops=8)
    arrays = [rng.uniform(-0.5, 0.5, 3) for _ in range(2)]
    leaves = [dezero.Variable(a.copy()) for a in arrays]
    _build(dezero, recipe, leaves).backward()
    for k, leaf in enumerate(leaves):
        def f(values, k=k):
            inputs = [dezero.Variable(v) for v in arrays]
            inputs[k] = dezero.Variable(values)
            return _build(dezero, recipe, inputs).data

        checks.close(leaf.grad, checks.numerical_grad(f, arrays[k]),
                     f"v{k}.grad after y.backward() for {_describe(recipe, 2)} (seed "
                     f"{seed}), against a numerical gradient",
                     rtol=1e-4, atol=1e-6)
