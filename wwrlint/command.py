"""The installed command, `wwrlint` (and `python -m wwrlint`): the collector is told to look
for reference cycles rarely before anything else is loaded (see `wwrlint.cli.main`: with
Python's default it also ran twenty times while the command's modules loaded), then the
command runs."""

import gc

from wwrlint import RARE_COLLECTIONS

gc.set_threshold(*RARE_COLLECTIONS)

from wwrlint.cli import run  # noqa: E402  (after the collector is set)

__all__ = ["run"]
