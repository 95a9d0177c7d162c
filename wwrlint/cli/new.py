"""`wwrlint new`: start a brief from a valid skeleton."""

from __future__ import annotations

import datetime

import click

from wwrlint.cli.common import CONTEXT, CommandError


@click.command(context_settings=CONTEXT)
@click.argument("path")
@click.option("--title", help="The brief's title (default: a placeholder).")
@click.option(
    "--date",
    "date_text",
    metavar="YYYY-MM-DD",
    help="The brief's date (default: today).",
)
def new(path: str, title: str | None, date_text: str | None) -> None:
    """Write a new brief skeleton at PATH: the editor modeline, today's date, and comments
    that explain each part. It passes `wwrlint check` as written. An existing file is never
    overwritten.

    \b
    Examples:
      wwrlint new briefs/pakistan-border-2022.yaml
      wwrlint new --title "Pakistan's border" --date 2022-02-07 briefs/pakistan-border.yaml
    """
    from wwrlint.errors import ToolError
    from wwrlint.skeleton import write_skeleton
    from wwrlint.textforms import iso_date

    today = iso_date(date_text) if date_text else datetime.date.today()
    if today is None:
        raise CommandError(f"--date: '{date_text}' is not a date written as YYYY-MM-DD")
    try:
        write_skeleton(path, title, today)
    except ToolError as error:
        raise CommandError(str(error)) from None
    click.echo(f"wrote {path}; check it with: wwrlint check {path}", err=True)
