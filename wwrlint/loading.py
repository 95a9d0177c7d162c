"""Turn a file's bytes into brief data plus where every value is written: the loader of the
YAML layer (`wwrlint/yamlio/`, on ruamel.yaml), under the name the stages import it by.

Loading is the only stage that knows about YAML. Scalars follow the YAML 1.2 core schema
(`no` and `on` stay text, dates stay text, `0o17` is octal), duplicate keys and unsupported
YAML features become problems, and positions stay lazy (see `yamlio.document`). What the
rest of wwrlint needs of the YAML (where a value or key is written, a scalar's source and
style, the regions of literal text) it asks the `Document`, never a parser's nodes.
"""

from __future__ import annotations

from wwrlint.yamlio.core import reads_as_text
from wwrlint.yamlio.document import Document, Written, load
from wwrlint.yamlio.problems import YamlProblem

__all__ = ["Document", "Written", "YamlProblem", "load", "reads_as_text"]
