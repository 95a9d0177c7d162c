"""What every command shares: settings for click, and how a tool error is shown."""

from __future__ import annotations

from typing import Any

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_TOOL = 2


class CommandError(click.ClickException):
    """The tool could not do its job: one line on stderr, exit code 2."""

    exit_code = EXIT_TOOL

    def show(self, file: Any = None) -> None:
        click.echo(f"wwrlint: error: {self.format_message()}", err=True)


def selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    """Rule selectors from repeatable, comma-separated options."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())
