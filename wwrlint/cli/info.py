"""Commands that explain wwrlint itself: `schema`, `rules`, `rule`."""

from __future__ import annotations

import json

import click

from wwrlint.cli.common import CONTEXT, CommandError, cache_dir_option


@click.command(context_settings=CONTEXT)
@click.option("--roster", is_flag=True, help="Print the analyst roster's schema instead.")
@click.option(
    "--catalogue",
    is_flag=True,
    help="Print the schema of the catalogue of briefs published elsewhere.",
)
def schema(roster: bool, catalogue: bool) -> None:
    """Print the brief JSON Schema (draft 2020-12), or the roster's, or the catalogue's.

    \b
    Examples:
      wwrlint schema > brief.schema.json
      wwrlint schema --roster > roster.schema.json
      wwrlint schema --catalogue > catalogue.schema.json
    Then start a brief with this line, so editors with yaml-language-server check it:
      # yaml-language-server: $schema=brief.schema.json
    """
    from wwrlint.schema import schema_text

    if roster and catalogue:
        raise CommandError("--roster and --catalogue print different schemas; give one")
    click.echo(schema_text("roster" if roster else "catalogue" if catalogue else "brief"), nl=False)


@click.command(context_settings=CONTEXT)
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


@click.command(context_settings=CONTEXT)
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
    from wwrlint.wording import did_you_mean

    found = find(name_or_code)
    if found is None:
        hint = did_you_mean(name_or_code.lower(), BY_NAME)
        raise CommandError(f"no rule '{name_or_code}'{hint} ('wwrlint rules' lists them)")
    if output_format == "json":
        click.echo(json.dumps(rule_dict(found), indent=2))
    else:
        click.echo(rule_text(found), nl=False)


@click.command(context_settings=CONTEXT)
@cache_dir_option("The cache folder to clean (also $WWRLINT_CACHE_DIR).")
def clean(cache_dir: str) -> None:
    """Remove the result cache that `wwrlint check` keeps.

    Only wwrlint's own files go (its database and journals, its .gitignore and its
    CACHEDIR.TAG), then the folder if nothing else is in it. A folder that is not a
    wwrlint cache is refused (exit 2) and left as it is.

    \b
    Examples:
      wwrlint clean
      wwrlint clean --cache-dir /tmp/wwrlint-cache
    """
    from wwrlint.cachedir import clean as remove
    from wwrlint.errors import ToolError
    from wwrlint.wording import count, printable

    try:
        cleaned = remove(cache_dir)
    except ToolError as error:
        raise CommandError(printable(str(error))) from None
    shown = printable(cache_dir)
    if not cleaned.existed or not (cleaned.removed or cleaned.folder_removed):
        click.echo(f"wwrlint: no cache in {shown}; nothing to remove", err=True)
    elif cleaned.folder_removed:
        click.echo(f"wwrlint: removed {shown} ({count(len(cleaned.removed), 'file')})", err=True)
    else:
        kept = count(len(cleaned.kept), "other file") if cleaned.kept else "files made meanwhile"
        click.echo(
            f"wwrlint: removed {count(len(cleaned.removed), 'file')} of the cache in {shown}; "
            f"kept the folder, which holds {kept}",
            err=True,
        )
