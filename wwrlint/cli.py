"""The `wwrlint` command line: click wiring only; the work happens in the modules it calls."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from wwrlint import __version__

EXIT_OK, EXIT_ERRORS, EXIT_TOOL = 0, 1, 2

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ToolError(click.ClickException):
    """The tool could not do its job: one line on stderr, exit code 2."""

    exit_code = EXIT_TOOL

    def show(self, file: Any = None) -> None:
        click.echo(f"wwrlint: error: {self.format_message()}", err=True)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="wwrlint")
def cli() -> None:
    """Lint analysis briefs: every claim cites a dated source, every quote names an analyst.

    \b
    Examples:
      wwrlint check briefs/                 check every brief below briefs/
      wwrlint check --output-format json .  machine-readable diagnostics
      wwrlint rules                         list the rules
      wwrlint rule unknown-source           explain one rule, with examples
      wwrlint schema > brief.schema.json    the JSON Schema, for editors

    Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 wwrlint could not do
    its job (bad option, missing path, unreadable file).
    """


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print diagnostics.",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not print the summary line.")
def check(paths: Sequence[str], output_format: str, quiet: bool) -> None:
    """Check briefs against the schema and the editorial rules.

    PATH is a brief file or a folder; folders are searched for *.yaml and *.yml files,
    skipping hidden ones. With no PATH, the current folder is checked.

    \b
    Text output is one line per problem:
      briefs/x.yaml:12:5: WWR101 [claim-missing-source] claim '...' cites no source
    JSON output is an array of objects with path, line, column, end_line, end_column,
    code, rule, severity, message and pointer (the value's place in the brief).

    \b
    Examples:
      wwrlint check briefs/
      wwrlint check briefs/2022/pakistan.yaml
      wwrlint check --output-format json briefs/ > diagnostics.json
    """
    from wwrlint.discovery import discover
    from wwrlint.linter import lint
    from wwrlint.reporters import Summary, make_reporter

    found = discover(paths or ["."])
    missing = [error for error in found.errors if error.endswith("no such file or folder")]
    if missing:
        raise ToolError(missing[0])
    if not found.files and not found.errors:
        named = ", ".join(f"'{path}'" for path in paths) if paths else "the current folder"
        raise ToolError(f"no briefs (*.yaml, *.yml) found in {named}")

    reporter = make_reporter(output_format, sys.stdout)
    summary = Summary()
    problems = list(found.errors)
    for path in found.files:
        try:
            with open(path, "rb") as handle:
                content = handle.read()
        except OSError as error:
            problems.append(f"{path}: cannot read: {error.strerror or error}")
            continue
        try:
            diagnostics = lint(path, content)
        except Exception as error:  # a wwrlint bug: name the file, go on with the others
            problems.append(f"{path}: internal error: {type(error).__name__}: {error}")
            continue
        summary.add(diagnostics)
        reporter.file(path, diagnostics)
    reporter.finish(summary)
    sys.stdout.flush()

    for problem in problems:
        click.echo(f"wwrlint: error: {problem}", err=True)
    if output_format == "text" and not quiet:
        click.echo(summary.sentence(), err=True)
    if problems:
        sys.exit(EXIT_TOOL)
    sys.exit(EXIT_ERRORS if summary.errors else EXIT_OK)


@cli.command(context_settings=CONTEXT)
def schema() -> None:
    """Print the brief JSON Schema (draft 2020-12).

    \b
    Examples:
      wwrlint schema > brief.schema.json
    Then start a brief with this line, so editors with yaml-language-server check it:
      # yaml-language-server: $schema=brief.schema.json
    """
    from wwrlint.schema import schema_text

    click.echo(schema_text(), nl=False)


@cli.command(context_settings=CONTEXT)
@click.option(
    "--output-format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="How to print the list.",
)
def rules(output_format: str) -> None:
    """List every rule: code, name, default severity and summary.

    \b
    Examples:
      wwrlint rules
      wwrlint rules --output-format json
      wwrlint rules --output-format markdown   the table in README.md
    """
    from wwrlint.rules import RULES
    from wwrlint.rules.docs import rule_dict, rules_markdown, rules_table

    if output_format == "json":
        click.echo(json.dumps([rule_dict(rule) for rule in RULES], indent=2))
    elif output_format == "markdown":
        click.echo(rules_markdown(), nl=False)
    else:
        click.echo(rules_table(), nl=False)


@cli.command(context_settings=CONTEXT)
@click.argument("name_or_code")
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print the rule.",
)
def rule(name_or_code: str, output_format: str) -> None:
    """Explain one rule, by name or code, with a bad and a good example.

    \b
    Examples:
      wwrlint rule claim-missing-source
      wwrlint rule WWR101
    """
    from wwrlint.rules import BY_NAME, find
    from wwrlint.rules.docs import rule_dict, rule_text

    found = find(name_or_code)
    if found is None:
        from wwrlint.brief import did_you_mean

        hint = did_you_mean(name_or_code.lower(), BY_NAME)
        raise ToolError(f"no rule '{name_or_code}'{hint} ('wwrlint rules' lists them)")
    if output_format == "json":
        click.echo(json.dumps(rule_dict(found), indent=2))
    else:
        click.echo(rule_text(found), nl=False)


def main(argv: Sequence[str] | None = None, prog_name: str = "wwrlint") -> NoReturn:
    """Console entry point: run the command; an unexpected failure is one line, not a traceback."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name=prog_name)
    except BrokenPipeError:  # the reader went away (`wwrlint check | head`): stop quietly
        sys.stderr.close()
        sys.exit(EXIT_TOOL)
    except Exception as error:  # the last line of defence: never show a traceback
        click.echo(f"wwrlint: internal error: {type(error).__name__}: {error}", err=True)
        click.echo("wwrlint: please report this with the file that caused it", err=True)
        sys.exit(EXIT_TOOL)
    sys.exit(EXIT_OK)
