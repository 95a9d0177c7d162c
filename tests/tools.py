"""Tools outside Python that some tests hand wwrlint's output to: found on PATH, in the
venv, or where `.ci/run` installs them (`$WWRLINT_CI_TOOLS`, by default
~/.cache/wwrlint-ci-tools/bin); a test whose tool is missing skips, saying how to get it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

CI_TOOLS = Path(os.environ.get("WWRLINT_CI_TOOLS", Path.home() / ".cache" / "wwrlint-ci-tools"))


def tool(name: str, how: str) -> str:
    """The path of a tool, or a skip naming what would install it."""
    for folder in (Path(sys.executable).parent, CI_TOOLS / "bin"):
        if (folder / name).is_file() and os.access(folder / name, os.X_OK):
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed ({how}; `bash .ci/run` installs it)")
    return found
