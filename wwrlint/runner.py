"""Run `wwrlint check` on a plain options object: find the files, check each with its own
settings, filter through the baseline, report, and return what was found (a `RunResult`;
the command line turns it into an exit code)."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, NamedTuple, TextIO

from wwrlint.cache import DEFAULT_FOLDER, Cache
from wwrlint.checking import Outcome, check_files, fix_content, fix_file, get_ready, is_brief
from wwrlint.config import ConfigFinder, Overrides
from wwrlint.diagnostics import Diagnostic
from wwrlint.errors import ToolError
from wwrlint.reporters import Reporter, Summary, make_reporter
from wwrlint.reporters.paths import MachinePaths
from wwrlint.result import RunResult
from wwrlint.scope import Finder
from wwrlint.wording import count, printable

if TYPE_CHECKING:
    from wwrlint.archive.model import Archive
    from wwrlint.baseline import Baseline


class CheckOptions(NamedTuple):
    paths: tuple[str, ...] = ()
    output_format: str | None = None
    output_file: str | None = None
    config: str | None = None
    overrides: Overrides = Overrides()
    exit_zero: bool = False
    quiet: bool = False
    statistics: bool = False
    show_settings: bool = False
    show_files: bool = False  # print the files a run would check, and check none
    exit_non_zero_on_fix: bool = False
    stdin_filename: str | None = None
    color: str = "auto"
    baseline: str | None = None
    generate_baseline: str | None = None
    fix: bool = False
    diff: bool = False
    cache: bool = True
    cache_dir: str = DEFAULT_FOLDER
    jobs: int = 0  # 0: one per core, when there are enough files
    force: bool = False  # -o and --generate-baseline may replace an existing file
    # Check too what depends on the files git's index deletes (see wwrlint.staged).
    staged_deletions: bool = False


class Streams(NamedTuple):
    stdin: BinaryIO
    stdout: TextIO
    stderr: TextIO


def run(options: CheckOptions, streams: Streams) -> RunResult:
    """Check what the options name and report it; the result says what was found (the
    command line turns it into an exit code)."""
    finder = ConfigFinder(options.overrides, options.config)
    first = options.stdin_filename or (options.paths[0] if options.paths else ".")
    settings = finder.for_path(first)
    if options.show_settings:
        streams.stdout.write(json.dumps(show_settings(options, finder), indent=2) + "\n")
        return RunResult(fail_level=settings.fail_level)
    if options.show_files:
        return show_files(options, finder, streams)

    if options.baseline or options.generate_baseline:
        from wwrlint import baseline as baselines
    known = baselines.read(options.baseline) if options.baseline else None
    shown = _presentation(options, settings.output_format, streams)
    result = RunResult(Summary(unsafe_fixes=settings.unsafe_fixes), settings.fail_level)
    recorded: list[Diagnostic] = []
    if options.generate_baseline:
        from wwrlint.atomic import check_target  # a run that writes no file never loads it

        check_target(options.generate_baseline, replace=options.force)
    cache = Cache(options.cache_dir) if options.cache and not options.stdin_filename else None
    if cache is not None and cache.refused:
        streams.stderr.write(f"wwrlint: warning: {printable(cache.refused)}\n")
    locating = Finder(finder)
    paths = MachinePaths(lambda path: _archive_folder(locating, path))
    with _output(options.output_file, shown.stream, options.force) as out:
        reporter = make_reporter(
            shown.output_format,
            out,
            color=shown.color,
            annotate=shown.annotate,
            paths=paths,
            unsafe_fixes=result.summary.unsafe_fixes,
        )
        outcomes = _outcomes(options, finder, cache, streams, result.summary.unsafe_fixes)
        fixed_content = _report(options, outcomes, reporter, out, result, known, recorded)
    if cache is not None:
        cache.save()
    if fixed_content is not None:
        _write_bytes(streams.stdout, fixed_content)
    written = None
    if options.generate_baseline:
        written = baselines.write(options.generate_baseline, recorded)
    _tell(options, result, streams.stderr, written)
    return result


class _Presentation(NamedTuple):
    """How a run's report looks, and where it goes."""

    output_format: str
    stream: TextIO
    color: bool
    annotate: bool


def _presentation(options: CheckOptions, configured: str | None, streams: Streams) -> _Presentation:
    chosen = options.output_format or configured
    # An editor fixing its buffer reads the fixed text from stdout: the report goes to stderr.
    fixing_stdin = _reads_stdin(options) and options.fix and not options.diff
    report_to = streams.stderr if fixing_stdin else streams.stdout
    to_terminal = options.output_file is None and report_to.isatty()
    color = options.color == "always" or (
        options.color == "auto" and to_terminal and "NO_COLOR" not in os.environ
    )
    return _Presentation(
        chosen or ("full" if to_terminal else "text"),
        report_to,
        color,
        annotate=chosen is None and os.environ.get("GITHUB_ACTIONS") == "true",
    )


def _archive_folder(locating: Finder, path: str) -> str | None:
    place = locating.locate(path)
    return place.folder if place is not None else None


def _report(
    options: CheckOptions,
    outcomes: Iterator[Outcome],
    reporter: Reporter,
    out: TextIO,
    result: RunResult,
    known: Baseline | None,
    recorded: list[Diagnostic],
) -> bytes | None:
    """Hand every outcome to the reporter (or, with --diff, write its diff) and count it
    in `result`; the fixed content of a brief read from stdin, if any."""
    fixed_content: bytes | None = None
    for outcome in outcomes:
        fixed_content = outcome.fixed_content or fixed_content
        if outcome.problem:
            result.problems.append(outcome.problem)
            if not options.diff:
                reporter.problem(outcome.path, outcome.problem)
            if not outcome.diagnostics:
                continue
        result.fixes += outcome.fixed
        result.fixed_files += bool(outcome.fixed)
        if options.diff:
            out.write(outcome.diff)
        diagnostics = outcome.diagnostics
        if known is not None:
            diagnostics = known.filter(diagnostics)
        if options.generate_baseline:
            recorded += diagnostics
        result.summary.add(diagnostics, brief=outcome.brief)
        if not options.diff:
            reporter.file(outcome.path, diagnostics)
    if not options.diff:
        reporter.finish(result.summary)
    return fixed_content


def _tell(options: CheckOptions, result: RunResult, stderr: TextIO, written: int | None) -> None:
    """What people read on stderr, whatever the format and wherever the report went:
    what kept wwrlint from checking everything, and the summary line (unless -q)."""
    summary = result.summary
    for problem in result.problems:
        stderr.write(f"wwrlint: error: {printable(problem)}\n")
    if options.generate_baseline and written is not None:
        where = printable(options.generate_baseline)
        stderr.write(f"wwrlint: wrote {count(written, 'finding')} to {where}\n")
    if not options.quiet and (options.fix or options.diff):
        fixes = _FixCount(result.fixes, result.fixed_files)
        stderr.write(fixes.sentence(options.diff) + "\n")
    if not options.quiet and not options.diff:
        stderr.write(summary.sentence(unchecked=len(result.problems)) + "\n")
        if summary.fixable and not options.fix:
            stderr.write(f"{summary.fixable} fixable with --fix (see them with --diff).\n")
        if summary.unsafe_fixable:
            flags = "--unsafe-fixes" if options.fix else "--fix --unsafe-fixes"
            stderr.write(f"{summary.unsafe_fixable} more fixable with {flags}.\n")
    if options.statistics:
        stderr.write(summary.statistics())


@dataclass(eq=False, repr=False)
class _FixCount:
    fixes: int = 0
    files: int = 0

    def add(self, fixed: int) -> None:
        self.fixes += fixed
        self.files += bool(fixed)

    def sentence(self, diff: bool) -> str:
        verb = "Would fix" if diff else "Fixed"
        return f"{verb} {count(self.fixes, 'problem')} in {count(self.files, 'brief')}."


def _outcomes(
    options: CheckOptions,
    finder: ConfigFinder,
    cache: Cache | None,
    streams: Streams,
    unsafe_fixes: bool = False,
) -> Iterator[Outcome]:
    """An outcome for every file to check, in order: those named or found, then the briefs
    that depend on them."""
    locating = Finder(finder)
    jobs = options.jobs or os.cpu_count() or 1
    if "-" in options.paths and options.paths != ("-",) and not os.path.exists("-"):
        raise ToolError("'-' reads the brief from standard input; give no other PATH")
    if _reads_stdin(options):
        if options.paths not in ((), ("-",)):
            raise ToolError("--stdin-filename reads the brief from standard input; give no PATH")
        name = options.stdin_filename or "-"
        content = streams.stdin.read()
        archives = locating.archives(None, jobs)
        try:
            yield _from_stdin(name, content, finder, archives.of(name), options, unsafe_fixes)
        finally:
            archives.close()
        return

    database = cache.path if cache is not None and cache.database is not None else None
    archives = locating.archives(database, jobs, lambda at: get_ready(options.paths, cache, at))
    try:
        fixing = options.fix or options.diff
        scope = locating.scope(options.paths, archives, not fixing, _deleted(options))
        for error in scope.found.errors:
            yield Outcome("", problem=error)
        if fixing:
            outcomes: Iterator[Outcome] = (
                fix_file(path, finder.for_path(path), options.diff, archives.of(path), unsafe_fixes)
                for path in scope.files
            )
        else:
            outcomes = check_files(scope.files, finder, cache, jobs, archives, listed_stats=True)
        yield from _with_progress(outcomes, len(scope.files), streams.stderr)
    finally:
        archives.close()


def _deleted(options: CheckOptions) -> list[str] | None:
    """The files the commit being made deletes, when asked (`--staged-deletions`)."""
    if not options.staged_deletions:
        return None
    from wwrlint.staged import staged_deletions

    return staged_deletions()


def _reads_stdin(options: CheckOptions) -> bool:
    return options.stdin_filename is not None or options.paths == ("-",)


def _from_stdin(
    name: str,
    content: bytes,
    finder: ConfigFinder,
    archive: Archive | None,
    options: CheckOptions,
    unsafe_fixes: bool,
) -> Outcome:
    """The outcome for a brief read from standard input; with --fix, its fixed content
    (the content as it was, when nothing is fixed), with --diff, the diff."""
    settings = finder.for_path(name)
    brief = is_brief(name, archive)
    if not (options.fix or options.diff):
        from wwrlint.linter import lint

        return Outcome(name, lint(name, content, settings, archive), brief=brief)
    from wwrlint.fixing import unified_diff
    from wwrlint.yamlsyntax import encode_like

    result = fix_content(name, content, settings, archive, unsafe_fixes)
    text = result.document.text
    outcome = Outcome(name, result.diagnostics, result.problem, result.fixed, brief=brief)
    if options.diff:
        outcome.diff = unified_diff(name, result.original, text) if result.fixed else ""
    else:
        outcome.fixed_content = encode_like(content, text) if result.fixed else content
    return outcome


def _write_bytes(stream: TextIO, data: bytes) -> None:
    """Bytes as they are to a text stream's buffer (fixed text keeps its line endings)."""
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8", "replace"))
    else:
        buffer.write(data)
        buffer.flush()


def show_files(options: CheckOptions, finder: ConfigFinder, streams: Streams) -> RunResult:
    """Print the files a run would check, one a line (dependents included), and check
    none; a path that cannot be used is a one-line error, as in a run."""
    from wwrlint.discovery import display

    locating = Finder(finder)
    archives = locating.archives(None, options.jobs or os.cpu_count() or 1)
    try:
        fixing = options.fix or options.diff
        scope = locating.scope(options.paths, archives, not fixing, _deleted(options))
    finally:
        archives.close()
    for path in scope.files:
        streams.stdout.write(printable(display(path)) + "\n")
    for error in scope.found.errors:
        streams.stderr.write(f"wwrlint: error: {printable(error)}\n")
    return RunResult(problems=list(scope.found.errors))


def show_settings(options: CheckOptions, finder: ConfigFinder) -> dict[str, object]:
    """The settings of the first path (of the current folder with none, as `run` takes
    them), as the config file would spell them, and the archive it belongs to (with no
    path, the archive such a run checks)."""
    first = options.stdin_filename or (options.paths[0] if options.paths else ".")
    shown = finder.for_path(first).as_dict()
    locating = Finder(finder)
    named = options.stdin_filename or options.paths
    found = locating.locate(first if named else _archive_or_here(locating))
    shown["archive-in-use"] = (
        {
            "folder": found.folder,
            "roster": found.roster_path,
            "catalogue": found.catalogue_path,
            "boundary": found.boundary,
        }
        if found is not None
        else None
    )
    return shown


def _archive_or_here(locating: Finder) -> str:
    """What a run with no path checks (the archive), or the current folder where there is
    no archive to check."""
    try:
        return locating.default_paths()[0]
    except ToolError:
        return "."


def _with_progress(outcomes: Iterator[Outcome], total: int, stderr: TextIO) -> Iterator[Outcome]:
    """Show how far a long run is, on a terminal only (never in pipes or CI logs)."""
    show = total >= 500 and stderr.isatty() and not os.environ.get("CI")
    last = 0.0
    for done, outcome in enumerate(outcomes, start=1):
        if show and time.monotonic() - last > 0.1:
            last = time.monotonic()
            filled = done * 30 // total
            stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{count(total, 'brief')}")
            stderr.flush()
        yield outcome
    if show:
        stderr.write("\r" + " " * 60 + "\r")


@contextmanager
def _output(path: str | None, stdout: TextIO, force: bool) -> Iterator[TextIO]:
    """stdout, or a file that appears whole or not at all, refused at once when it exists
    (without `force`) or is not a regular file."""
    if path is None:
        yield stdout
        stdout.flush()
    else:
        from wwrlint.atomic import atomic_text  # a run that writes no file never loads it

        with atomic_text(path, replace=force) as handle:
            yield handle


def default_streams() -> Streams:
    return Streams(sys.stdin.buffer, sys.stdout, sys.stderr)
