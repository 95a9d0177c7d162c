"""`wwrlint check`: parse the options into a plain object, then hand it to the runner."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from wwrlint.cli.common import CONTEXT, EXIT_TOOL, CommandError, cache_dir_option, selectors
from wwrlint.cli.outputs import output_options
from wwrlint.reporters import FORMATS

if TYPE_CHECKING:
    from wwrlint.result import RunResult
    from wwrlint.runner import CheckOptions

EXIT_OK, EXIT_FAILED = 0, 1


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option(
    "--output-format",
    type=click.Choice([output_format.name for output_format in FORMATS]),
    help="; ".join(f"{output_format.name}: {output_format.summary}" for output_format in FORMATS)
    + ".",
)
@output_options(
    "the report",
    force_help="Let -o and --generate-baseline replace an existing file (never one that "
    "is not a regular file).",
)
@click.option(
    "--config",
    metavar="FILE",
    help="Use this .wwrlint.yaml or pyproject.toml instead of searching for one.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Run only these rules (names, codes, code prefixes such as WWR2, or ALL), "
    "replacing the config's selection. Comma-separated, repeatable.",
)
@click.option("--extend-select", multiple=True, metavar="RULES", help="Run these rules as well.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules.")
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="Skip files and folders matching GLOB, besides the config's exclude.",
)
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Skip excluded files even when they are named, as pre-commit names them "
    "(config: force-exclude).",
)
@click.option(
    "--fail-level",
    type=click.Choice(["error", "warning"]),
    help="Exit with 1 when a problem of at least this severity is found [default: error].",
)
@click.option("--exit-zero", is_flag=True, help="Exit with 0 even when problems are found.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print the summary line.")
@click.option(
    "--statistics", is_flag=True, help="After the report, count the problems per rule on stderr."
)
@click.option(
    "--show-settings",
    is_flag=True,
    help="Print the settings that apply to the first PATH, and the config file they come "
    "from, then exit.",
)
@click.option(
    "--show-files",
    is_flag=True,
    help="Print the files that would be checked, one a line, and check nothing.",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="Read one brief from standard input and report it as NAME (for editors).",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output; auto means on a terminal, unless NO_COLOR is set.",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the safe fixes in place (atomically, keeping every byte not fixed), then "
    "report what is left; from standard input, print the fixed brief on stdout and the "
    "report on stderr.",
)
@click.option(
    "--unsafe-fixes/--no-unsafe-fixes",
    default=None,
    help="Let --fix and --diff apply the unsafe fixes too (guesses such as a closing "
    "quotation mark or a misspelt id's near match), and count them as fixable "
    "(config: unsafe-fixes).",
)
@click.option(
    "--exit-non-zero-on-fix",
    is_flag=True,
    help="With --fix, exit with 1 when a file was fixed, even if no problem is left.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Show the fixes --fix would make as a unified diff instead of applying them; "
    "exit 1 if any.",
)
@click.option(
    "--staged-deletions",
    is_flag=True,
    help="Check too the briefs that depend on files deleted in git's index (a removed "
    "brief others cite, the roster): for pre-commit, which names only files that still "
    "exist. Run by pre-commit between two refs (pre-push, --from-ref/--to-ref), the files "
    "the commits between them delete. With no PATH, only those.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Check every brief afresh, neither reading nor writing the cache.",
)
@cache_dir_option("Where to keep results of unchanged briefs (also $WWRLINT_CACHE_DIR).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Worker processes for large runs; 0 (the default) means one per core.",
)
@click.option(
    "--baseline",
    metavar="FILE",
    help="Report only problems that FILE (from --generate-baseline) does not record.",
)
@click.option(
    "--generate-baseline",
    metavar="FILE",
    help="Record every problem found now in FILE, to adopt wwrlint on an existing archive.",
)
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    output_file: str | None,
    force: bool,
    config: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    fail_level: str | None,
    exit_zero: bool,
    quiet: bool,
    statistics: bool,
    show_settings: bool,
    show_files: bool,
    force_exclude: bool,
    exit_non_zero_on_fix: bool,
    stdin_filename: str | None,
    color: str,
    fix: bool,
    diff: bool,
    unsafe_fixes: bool | None,
    staged_deletions: bool,
    no_cache: bool,
    cache_dir: str,
    jobs: int,
    baseline: str | None,
    generate_baseline: str | None,
) -> None:
    """Check briefs against the schema and the editorial rules.

    PATH is a brief file or a folder; folders are searched for *.yaml and *.yml files,
    skipping hidden ones. With no PATH, the archive is checked: the configured one, the
    one the current folder is in, or the briefs/ folder here or at the repository's root.
    Settings come from the nearest .wwrlint.yaml or pyproject.toml [tool.wwrlint] above
    each file; options given here win.

    \b
    Text output is one line per problem; [*] marks those --fix fixes:
      briefs/x.yaml:12:5: WWR101 [claim-missing-source] claim '...' cites no source
      briefs/x.yaml:14:23: WWR404 [double-space] [*] two or more spaces in a row ...
    JSON output is an array of objects with path, line, column, end_line, end_column,
    code, rule, severity, message, pointer, fingerprint and fix (its edits).

    \b
    Examples:
      wwrlint check briefs/
      wwrlint check --select WWR1,source-missing-date briefs/2022/
      wwrlint check --output-format sarif -o wwrlint.sarif briefs/
      wwrlint check --fix briefs/
      wwrlint check --diff briefs/2022/pakistan.yaml
      wwrlint check --generate-baseline .wwrlint-baseline.json briefs/
      wwrlint check --baseline .wwrlint-baseline.json briefs/
      cat draft.yaml | wwrlint check --stdin-filename briefs/draft.yaml
      wwrlint check --fix --stdin-filename briefs/draft.yaml < draft.yaml > fixed.yaml
    """
    from wwrlint.config import Overrides, check_selector
    from wwrlint.errors import ToolError
    from wwrlint.runner import CheckOptions, default_streams, run

    try:
        chosen = [selectors(values) for values in (select, extend_select, ignore)]
        for values in chosen:
            for selector in values:
                check_selector(selector, "command line")
        overrides = Overrides(
            select=chosen[0] or None,
            extend_select=chosen[1],
            ignore=chosen[2],
            exclude=exclude,
            force_exclude=force_exclude,
            output_format=output_format,
            fail_level="warning" if fail_level == "warning" else "error" if fail_level else None,
            unsafe_fixes=unsafe_fixes,
        )
        options = CheckOptions(
            paths=paths,
            output_format=output_format,
            output_file=output_file,
            config=config,
            overrides=overrides,
            exit_zero=exit_zero,
            quiet=quiet,
            statistics=statistics,
            show_settings=show_settings,
            show_files=show_files,
            exit_non_zero_on_fix=exit_non_zero_on_fix,
            stdin_filename=stdin_filename,
            color=color,
            baseline=baseline,
            generate_baseline=generate_baseline,
            fix=fix,
            diff=diff,
            cache=not no_cache,
            cache_dir=cache_dir,
            jobs=jobs,
            force=force,
            staged_deletions=staged_deletions,
        )
        result = run(options, default_streams())
    except ToolError as error:
        raise CommandError(str(error)) from None
    sys.exit(exit_code(result, options))


def exit_code(result: RunResult, options: CheckOptions) -> int:
    """The exit code of a run: 2 when something kept wwrlint from checking everything; with
    --diff, 1 when there is a fix to make; with --fix --exit-non-zero-on-fix, 1 when a file
    was fixed; else 1 when a finding is at or above the fail level, unless --exit-zero or
    --generate-baseline."""
    if result.problems:
        return EXIT_TOOL
    if options.diff or (options.fix and options.exit_non_zero_on_fix and result.fixed_files):
        return EXIT_FAILED if result.fixed_files else EXIT_OK
    if options.exit_zero or options.generate_baseline:
        return EXIT_OK
    return EXIT_FAILED if result.failing else EXIT_OK
