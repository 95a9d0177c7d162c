"""`wwrlint sources` and `wwrlint report`: the archive as a whole, for editors."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

from wwrlint.cli.common import CONTEXT, CommandError
from wwrlint.cli.outputs import output_options
from wwrlint.config import ConfigFinder

if TYPE_CHECKING:
    from wwrlint.archive.model import Archive


@contextlib.contextmanager
def _archive(path: str) -> Iterator[tuple[Archive, ConfigFinder]]:
    """The archive PATH is in (found as `wwrlint check` finds it), or the folder PATH
    itself when it is in none."""
    from wwrlint.archive.locate import ARCHIVE_FOLDER_NAME, place
    from wwrlint.archive.update import open_archive
    from wwrlint.scope import Finder

    if not os.path.isdir(path):
        raise CommandError(f"{path}: not a folder of briefs")
    finder = ConfigFinder()
    locating = Finder(finder)
    briefs = os.path.join(path, ARCHIVE_FOLDER_NAME, "")
    found = locating.locate(os.path.join(path, "")) or (
        locating.locate(briefs) if os.path.isdir(briefs) else None
    )
    if found is None:
        found = place(os.path.abspath(path), None, finder.for_path(path).exclude, locating.skip)
    archive = open_archive(found, None)
    try:
        yield archive, finder
    finally:
        archive.close()


@click.command(context_settings=CONTEXT)
@click.argument("path", default=".")
@click.option(
    "--output-format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="How to print the sources.",
)
def sources(path: str, output_format: str) -> None:
    """List the archive's sources: publisher, date, how many briefs cite each.

    The same source (the same url, or the same publisher, date and title) cited by several
    briefs is listed once. PATH is the archive's folder, or any path inside its repository.

    \b
    Examples:
      wwrlint sources briefs/
      wwrlint sources --output-format json briefs/ > sources.json
    """
    from wwrlint.errors import ToolError
    from wwrlint.report import ledger, ledger_json, ledger_table

    try:
        with _archive(path) as (archive, _):
            entries = ledger(archive)
    except ToolError as error:
        raise CommandError(str(error)) from None
    click.echo(ledger_json(entries) if output_format == "json" else ledger_table(entries), nl=False)


@click.command(context_settings=CONTEXT)
@click.argument("path", default=".")
@output_options("the HTML page", required=True)
@click.option("--title", default="Archive report", show_default=True, help="The page's title.")
def report(path: str, output_file: str, force: bool, title: str) -> None:
    """Write one self-contained HTML page on the archive for editors: per brief the counts
    of claims, sources, quotes, errors and warnings, the share of claims with a dated
    source, and a timeline of source dates against brief dates. The page loads nothing
    from the network.

    \b
    Examples:
      wwrlint report briefs/ -o report.html
      wwrlint report briefs/ -o report.html --force   replace the page written before
    """
    from wwrlint.atomic import atomic_text, check_target
    from wwrlint.discovery import read_brief
    from wwrlint.errors import ToolError
    from wwrlint.linter import lint
    from wwrlint.loading import load
    from wwrlint.report import figures, report_page
    from wwrlint.wording import count

    try:
        check_target(output_file, replace=force)
        rows = []
        with _archive(path) as (archive, finder):
            for entry in sorted(archive.briefs, key=lambda e: (e.date or "", e.path)):
                content = read_brief(entry.path)
                diagnostics = lint(entry.path, content, finder.for_path(entry.path), archive)
                rows.append(figures(entry.path, load(entry.path, content).data, diagnostics))
        with atomic_text(output_file, replace=force) as handle:
            handle.write(report_page(title, rows))
    except ToolError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(f"{error.filename}: cannot read: {error.strerror}") from None
    click.echo(f"wwrlint: wrote {output_file} ({count(len(rows), 'brief')})", err=True)
