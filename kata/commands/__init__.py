"""The learner's commands (`python -m kata COMMAND`), one module each, and their helpers."""
