"""Bytes that are not YAML: decoding a file, and saying where and why the parser gave up.

The code lives in the YAML layer (`wwrlint/yamlio/problems.py`); these names stay for the
modules that import them from here.
"""

from __future__ import annotations

from wwrlint.yamlio.core import split_lines
from wwrlint.yamlio.problems import (
    YamlProblem,
    decode,
    encode_like,
    line_of,
    position_after,
    reader_problem,
    syntax_problem,
)

__all__ = [
    "YamlProblem",
    "decode",
    "encode_like",
    "line_of",
    "position_after",
    "reader_problem",
    "split_lines",
    "syntax_problem",
]
