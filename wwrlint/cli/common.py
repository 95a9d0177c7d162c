"""What every command shares: settings for click, and how a tool error is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

FC = TypeVar("FC", bound=Callable[..., Any])

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_TOOL = 2


class CommandError(click.ClickException):
    """The tool could not do its job: one line on stderr, exit code 2."""

    exit_code = EXIT_TOOL

    def show(self, file: Any = None) -> None:
        from wwrlint.wording import printable  # a named file's name may hold escapes

        click.echo(f"wwrlint: error: {printable(self.format_message())}", err=True)


def selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    """Rule selectors from repeatable, comma-separated options."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def cache_dir_option(help_text: str) -> Callable[[FC], FC]:
    """The --cache-dir option, the same for every command that uses the cache."""
    return click.option(
        "--cache-dir",
        metavar="DIR",
        default=".wwrlint_cache",
        show_default=True,
        envvar="WWRLINT_CACHE_DIR",
        help=help_text,
    )
