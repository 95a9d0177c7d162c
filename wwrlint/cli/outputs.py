"""The options of every command that writes a file: `-o/--output-file FILE` and `--force`,
spelt and explained the same everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

FC = TypeVar("FC", bound=Callable[..., Any])

FORCE_HELP = "Let -o replace an existing file (never one that is not a regular file)."


def output_options(
    what: str, required: bool = False, force_help: str = FORCE_HELP
) -> Callable[[FC], FC]:
    """-o/--output-file FILE, written whole or not at all and never over an existing file
    unless --force is given; the command receives `output_file` and `force`."""

    def decorate(function: FC) -> FC:
        function = click.option("--force", is_flag=True, help=force_help)(function)
        return click.option(
            "-o",
            "--output-file",
            "output_file",
            metavar="FILE",
            required=required,
            help=f"Write {what} to FILE{'' if required else ' instead of stdout'}.",
        )(function)

    return decorate
