"""Step 60: the finished package offers the book's whole `dezero` API from `import dezero`."""

import pytest

from kata import checks

# What the book's dezero/__init__.py offers: classes and functions, and modules
NAMES = ["Variable", "Parameter", "Function", "using_config", "no_grad", "test_mode",
         "as_array", "as_variable", "setup_variable", "Config", "Layer", "Model", "Dataset",
         "DataLoader", "SeqDataLoader"]
MODULES = ["datasets", "dataloaders", "optimizers", "functions", "functions_conv", "layers",
           "utils", "cuda", "transforms"]


@pytest.mark.passes_on_skeleton("the package's names are given: the test guards them")
def test_import_dezero_offers_the_books_api(dezero):
    missing = [name for name in NAMES if not hasattr(dezero, name)]
    checks.equal(missing, [], "names `import dezero` should offer (dezero/__init__.py)")
    # dezero.NAME of a submodule comes wrapped for friendlier failures: ask for its name
    not_modules = [name for name in MODULES
                   if getattr(getattr(dezero, name), "__name__", None) != f"dezero.{name}"]
    checks.equal(not_modules, [], "modules `import dezero` should offer as dezero.NAME")
    checks.is_true(issubclass(dezero.SeqDataLoader, dezero.DataLoader),
                   "dezero.SeqDataLoader should be a DataLoader")
    checks.is_true(dezero.Dataset is dezero.datasets.Dataset,
                   "dezero.Dataset should be dezero.datasets.Dataset")
