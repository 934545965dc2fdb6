"""The DeZero kata's runner: `python -m kata --help` (the Makefile is its front door).

One job per module: layout (where things are), markers and generate (skeletons from
solutions), pytest_plugin and testrun (running a step's tests), checks (learner-facing
assertions), leaks (leak tests and their diagnosis), verify (the maintainers' check), and
one module per learner command.
"""
