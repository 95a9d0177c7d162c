"""`wwrlint import` and `wwrlint render`: the bridge between prose briefs and structured ones."""

from __future__ import annotations

import os
from typing import Any

import click

from wwrlint.cli.common import CONTEXT, CommandError
from wwrlint.cli.outputs import output_options


@click.command("import", context_settings=CONTEXT)
@click.argument("path")
@output_options("the draft")
def import_command(path: str, output_file: str | None, force: bool) -> None:
    """Turn a prose brief (plain text or Markdown) into a structured brief draft.

    Cited sentences (or the parts of a sentence each citation backs) become claims citing
    their sources, other sentences assessments, quotations quotes by the analysts who said
    them (the archive's roster first). What cannot be resolved stays visible for `wwrlint
    check`: a citation without a full date becomes a source without a date, a quotation
    without a named speaker a quote without an analyst, a draft without a dated source a
    `date: TODO`. Nothing is invented and every sentence is kept. A summary goes to stderr.

    \b
    Examples:
      wwrlint import old/pakistan-2022.txt > briefs/pakistan-2022.yaml
      wwrlint import old/pakistan-2022.md -o briefs/pakistan-2022.yaml
      wwrlint import old/pakistan-2022.txt -o briefs/pakistan-2022.yaml --force
    """
    from wwrlint.atomic import atomic_text, check_target
    from wwrlint.discovery import read_brief
    from wwrlint.errors import ToolError
    from wwrlint.prose.importer import draft_text, import_prose

    try:
        raw = read_brief(path).decode("utf-8-sig")
    except OSError as error:
        raise CommandError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{path}: not UTF-8 text; save it as UTF-8 first") from None
    try:
        if output_file is not None:
            check_target(output_file, replace=force)
        roster, schema = _draft_context(output_file)
        draft = import_prose(raw, os.path.basename(path), roster)
        text = draft_text(draft, os.path.basename(path), schema)
        if output_file is None:
            click.echo(text, nl=False)
        else:
            with atomic_text(output_file, replace=force) as handle:
                handle.write(text)
    except ToolError as error:
        raise CommandError(str(error)) from None
    click.echo(f"wwrlint: {draft.summary.sentence()}", err=True)


@click.command(context_settings=CONTEXT)
@click.argument("path")
@click.option(
    "--to",
    "output_format",
    type=click.Choice(["text", "markdown", "html"]),
    default="text",
    show_default=True,
    help="The kind of prose to write.",
)
@output_options("the prose")
def render(path: str, output_format: str, output_file: str | None, force: bool) -> None:
    """Turn a structured brief back into publishable prose, citing sources in the WWR style
    "(Publisher, 15 December 2021)" and introducing quotes as the brief's analysts.

    HTML is a complete standalone page: title, date, analysts, body and a list of sources
    with links.

    \b
    Examples:
      wwrlint render briefs/wwr-pakistan-taliban-2022.yaml
      wwrlint render --to html briefs/wwr-pakistan-taliban-2022.yaml -o pakistan.html
      wwrlint render --to html briefs/wwr-pakistan-taliban-2022.yaml -o pakistan.html --force
    """
    from wwrlint.atomic import atomic_text, check_target
    from wwrlint.discovery import read_brief
    from wwrlint.errors import ToolError
    from wwrlint.linter import lint
    from wwrlint.loading import load
    from wwrlint.prose.render import render as render_brief
    from wwrlint.wording import count

    try:
        content = read_brief(path)
    except OSError as error:
        raise CommandError(f"{path}: cannot read: {error.strerror or error}") from None
    from wwrlint.config import ConfigFinder
    from wwrlint.scope import Finder

    finder = ConfigFinder()
    archives = Finder(finder).archives(None, 1)
    try:
        if output_file is not None:
            check_target(output_file, replace=force)
        archive = archives.of(path)
        diagnostics = lint(path, content, finder.for_path(path), archive)
        roster = archive.roster if archive is not None else {}
    except ToolError as error:
        raise CommandError(str(error)) from None
    finally:
        archives.close()
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        first = errors[0]
        raise CommandError(
            f"{path}:{first.span.line}:{first.span.column}: {first.message} "
            f"({count(len(errors), 'error')}; "
            "run `wwrlint check` and fix the brief first)"
        )
    text = render_brief(load(path, content).data, output_format, roster)
    if output_file is None:
        click.echo(text, nl=False)
        return
    try:
        with atomic_text(output_file, replace=force) as handle:
            handle.write(text)
    except ToolError as error:
        raise CommandError(str(error)) from None


def _draft_context(output_file: str | None) -> tuple[dict[str, Any], str]:
    """The roster of the archive a draft goes into (the output file's, else the current
    folder's), and how its modeline names the schema: relative to the output file's folder
    when a schema/brief.schema.json is above it, else by the schema's published $id (never
    by a path of this machine, nor relative to a folder the draft may not be saved in)."""
    from wwrlint.archive.summary import read_roster
    from wwrlint.config import ConfigFinder
    from wwrlint.schema import brief_schema
    from wwrlint.scope import Finder
    from wwrlint.skeleton import schema_reference

    target = os.path.abspath(output_file or "draft.yaml")
    place = Finder(ConfigFinder()).locate(target)
    roster = read_roster(place.roster_path) if place and place.roster_path else {}
    schema = str(brief_schema()["$id"])
    if output_file is not None:
        found = schema_reference(os.path.dirname(target))
        schema = schema if os.path.isabs(found) else found
    return roster, schema
