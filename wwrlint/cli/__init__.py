"""The `wwrlint` command line: click wiring only; the work happens in the modules it calls."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import NoReturn

import click

from wwrlint import __version__
from wwrlint.cli.archive import report, sources
from wwrlint.cli.check import check
from wwrlint.cli.common import CONTEXT, EXIT_TOOL
from wwrlint.cli.info import clean, rule, rules, schema
from wwrlint.cli.new import new
from wwrlint.cli.prose import import_command, render
from wwrlint.server.command import server


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="wwrlint")
def cli() -> None:
    """Lint analysis briefs: every claim cites a dated source, every quote names an analyst.

    \b
    Examples:
      wwrlint check briefs/                 check every brief below briefs/
      wwrlint check --output-format json .  machine-readable diagnostics
      wwrlint new briefs/my-brief.yaml      start a brief from a valid skeleton
      wwrlint import old/brief.txt          turn a prose brief into a structured draft
      wwrlint render --to html brief.yaml   turn a brief back into prose
      wwrlint rules                         list the rules
      wwrlint rule unknown-source           explain one rule, with examples
      wwrlint schema > brief.schema.json    the JSON Schema, for editors

    Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 wwrlint could not do
    its job (bad option, missing path, unreadable file or config).
    """


for command in (check, new, import_command, render, sources, report, rules, rule, schema, clean):
    cli.add_command(command)
cli.add_command(server)  # `wwrlint server`, the language server (wwrlint/server/)


def main(argv: Sequence[str] | None = None, prog_name: str = "wwrlint") -> NoReturn:
    """Console entry point: run the command; an unexpected failure is one line, not a traceback."""
    for stream in (sys.stdout, sys.stderr):  # never fail on a character the console lacks
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name=prog_name)
    except BrokenPipeError:  # the reader went away (`wwrlint check | head`): stop quietly
        sys.stderr.close()
        sys.exit(EXIT_TOOL)
    except Exception as error:  # the last line of defence: never show a traceback
        click.echo(f"wwrlint: internal error: {type(error).__name__}: {error}", err=True)
        click.echo("wwrlint: please report this with the file that caused it", err=True)
        sys.exit(EXIT_TOOL)
    sys.exit(0)
