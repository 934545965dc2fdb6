"""What step 45's tests share: the modules as the book imports them, and a fake Graphviz
`dot` for Model.plot."""

import pytest


@pytest.fixture
def L(dezero):
    """dezero.layers, as the book imports it: `import dezero.layers as L`."""
    return dezero.layers


@pytest.fixture
def F(dezero):
    """dezero.functions, as the book imports it: `import dezero.functions as F`."""
    return dezero.functions


@pytest.fixture
def models(dezero):
    """dezero.models, as the book imports from it: `from dezero.models import MLP`."""
    return dezero.models



@pytest.fixture
def fake_dot(tmp_path, monkeypatch):
    """A `dot` command alone on PATH: it writes its arguments to calls.txt, one a line, and
    'picture' into the file after -o."""
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
