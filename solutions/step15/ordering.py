# BEGIN NEW
"""Step 15 exercise: in which order must backward call the functions of a graph?

A graph is plain data: the functions in the order forward called them, each as
`(name, input names, output names)`. Functions have capital names, variables small ones.
"""

# y = C(B(A(x))): a chain.
CHAIN = [
    ("A", ["x"], ["a"]),
    ("B", ["a"], ["b"]),
    ("C", ["b"], ["y"]),
]

# a = A(x); b = B(a); c = C(a); y = D(b, c): `a` feeds two functions.
DIAMOND = [
    ("A", ["x"], ["a"]),
    ("B", ["a"], ["b"]),
    ("C", ["a"], ["c"]),
    ("D", ["b", "c"], ["y"]),
]

# The diamond with one side longer: d = D(b); y = E(c, d).
LOPSIDED = [
    ("A", ["x"], ["a"]),
    ("B", ["a"], ["b"]),
    ("C", ["a"], ["c"]),
    ("D", ["b"], ["d"]),
    ("E", ["c", "d"], ["y"]),
]


def creators(graph):
    """Which function made each variable: {variable name: function name}."""
    return {y: name for name, _, outputs in graph for y in outputs}


def step14_order(graph, output):
    """The order in which step 14's backward calls the functions, starting at `output`.

    Step 14 keeps a stack: it pops a function, and pushes the creator of each input.
    """
    made_by = creators(graph)
    inputs_of = {name: inputs for name, inputs, _ in graph}
    order, stack = [], [made_by[output]]
    while stack:
        name = stack.pop()
        order.append(name)
        stack.extend(made_by[x] for x in inputs_of[name] if x in made_by)
    return order


def generations(graph):
    """The generation of every variable and every function: {name: generation}.

    A variable no function made is generation 0; a function's generation is the largest
    of its inputs'; the variables it outputs are one more than the function.
    """
    # BEGIN SOLUTION: walk the graph in forward order (each input is known by then)
    generation = {}
    for name, inputs, outputs in graph:
        generation[name] = max(generation.setdefault(x, 0) for x in inputs)
        for y in outputs:
            generation[y] = generation[name] + 1
    return generation
    # END SOLUTION


def backward_order(graph):
    """The function names in an order backward can call them: latest generation first."""
    # BEGIN SOLUTION: sort the functions by generation, largest first
    generation = generations(graph)
    names = [name for name, _, _ in graph]
    return sorted(names, key=lambda name: generation[name], reverse=True)
    # END SOLUTION


def is_valid_order(graph, order):
    """Could backward call the functions in this order and get every grad right?

    Each function must be called exactly once, and only after every function that uses its
    outputs (only then are its outputs' grads complete).
    """
    # BEGIN SOLUTION: check "exactly once", then each function against the users of its outputs
    if sorted(order) != sorted(name for name, _, _ in graph):
        return False
    position = {name: i for i, name in enumerate(order)}
    made_by = creators(graph)
    for user, inputs, _ in graph:
        for x in inputs:
            if x in made_by and position[made_by[x]] < position[user]:
                return False  # x's creator would run before x's grad from `user` arrived
    return True
    # END SOLUTION
# END NEW
