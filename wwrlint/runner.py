"""Run `wwrlint check` on a plain options object: find the files, check each with its own
settings, filter through the baseline, report, and return the exit code."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from wwrlint.archive import Archive, BriefEntry
from wwrlint.atomic import atomic_text
from wwrlint.cache import DEFAULT_FOLDER, Cache
from wwrlint.checking import Outcome, check_files, fix_file
from wwrlint.config import ConfigFinder, Overrides, Settings, repository_root
from wwrlint.diagnostics import Diagnostic
from wwrlint.discovery import discover, display
from wwrlint.errors import ToolError
from wwrlint.reporters import Summary, make_reporter
from wwrlint.wording import count

EXIT_OK, EXIT_FAILED, EXIT_TOOL = 0, 1, 2


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...] = ()
    output_format: str | None = None
    output_file: str | None = None
    config: str | None = None
    overrides: Overrides = field(default_factory=Overrides)
    exit_zero: bool = False
    quiet: bool = False
    statistics: bool = False
    show_settings: bool = False
    stdin_filename: str | None = None
    color: str = "auto"
    baseline: str | None = None
    generate_baseline: str | None = None
    fix: bool = False
    diff: bool = False
    cache: bool = True
    cache_dir: str = DEFAULT_FOLDER
    jobs: int = 0  # 0: one per core, when there are enough files


@dataclass
class Streams:
    stdin: BinaryIO
    stdout: TextIO
    stderr: TextIO


def run(options: CheckOptions, streams: Streams) -> int:
    finder = ConfigFinder(options.overrides, options.config)
    first = options.stdin_filename or (options.paths[0] if options.paths else ".")
    settings = finder.for_path(first)
    if options.show_settings:
        streams.stdout.write(json.dumps(settings.as_dict(), indent=2) + "\n")
        return EXIT_OK

    if options.baseline or options.generate_baseline:
        from wwrlint import baseline as baselines
    known = baselines.read(options.baseline) if options.baseline else None
    chosen = options.output_format or settings.output_format
    to_terminal = options.output_file is None and streams.stdout.isatty()
    output_format = chosen or ("full" if to_terminal else "text")
    annotate = chosen is None and os.environ.get("GITHUB_ACTIONS") == "true"
    color = options.color == "always" or (
        options.color == "auto" and to_terminal and "NO_COLOR" not in os.environ
    )

    summary = Summary()
    fixes = _FixCount()
    problems: list[str] = []
    recorded: list[Diagnostic] = []
    cache = Cache(options.cache_dir) if options.cache and not options.stdin_filename else None
    with _output(options.output_file, streams.stdout) as out:
        reporter = make_reporter(output_format, out, color=color, annotate=annotate)
        for outcome in _outcomes(options, finder, cache, streams):
            if outcome.problem:
                problems.append(outcome.problem)
                if not outcome.diagnostics:
                    continue
            fixes.add(outcome.fixed)
            if options.diff:
                out.write(outcome.diff)
            diagnostics = outcome.diagnostics
            if known is not None:
                diagnostics = known.filter(diagnostics)
            if options.generate_baseline:
                recorded += diagnostics
            summary.add(diagnostics)
            if not options.diff:
                reporter.file(outcome.path, diagnostics)
        if not options.diff:
            reporter.finish(summary)
    if cache is not None:
        cache.save()

    for problem in problems:
        streams.stderr.write(f"wwrlint: error: {problem}\n")
    if options.generate_baseline:
        written = baselines.write(options.generate_baseline, recorded)
        streams.stderr.write(f"wwrlint: wrote {written} findings to {options.generate_baseline}\n")
    if not options.quiet and (options.fix or options.diff):
        streams.stderr.write(fixes.sentence(options.diff) + "\n")
    if not options.quiet and output_format in ("full", "text", "concise") and not options.diff:
        streams.stderr.write(summary.sentence(unchecked=len(problems)) + "\n")
        if summary.fixable and not options.fix:
            streams.stderr.write(f"{summary.fixable} fixable with --fix (see them with --diff).\n")
    if options.statistics:
        streams.stderr.write(summary.statistics())
    if problems:
        return EXIT_TOOL
    if options.diff:
        return EXIT_FAILED if fixes.files else EXIT_OK
    failing = summary.errors + (summary.warnings if settings.fail_level == "warning" else 0)
    return EXIT_FAILED if failing and not (options.exit_zero or options.generate_baseline) else 0


@dataclass
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
    options: CheckOptions, finder: ConfigFinder, cache: Cache | None, streams: Streams
) -> Iterator[Outcome]:
    """An outcome for every brief to check, in order."""
    if options.stdin_filename is not None or options.paths == ("-",):
        if options.paths not in ((), ("-",)):
            raise ToolError("--stdin-filename reads the brief from standard input; give no PATH")
        from wwrlint.linter import lint

        name = options.stdin_filename or "-"
        content = streams.stdin.read()
        archive = find_archive((name,), finder, None)
        try:
            yield Outcome(name, lint(name, content, finder.for_path(name), archive))
        finally:
            if archive is not None:
                archive.close()
        return

    def excluded(path: str) -> bool:
        return finder.for_path(path).is_excluded(path)

    found = discover(options.paths or (".",), excluded)
    if found.missing:
        raise ToolError(f"{', '.join(map(display, found.missing))}: no such file or folder")
    for error in found.errors:
        yield Outcome("", problem=error)
    if not found.files and not found.errors and not found.excluded:
        named = ", ".join(f"'{path}'" for path in options.paths) or "the current folder"
        raise ToolError(f"no briefs (*.yaml, *.yml) found in {named}")
    archive = find_archive(options.paths or (".",), finder, cache)
    try:
        if options.fix or options.diff:
            outcomes: Iterator[Outcome] = (
                fix_file(path, finder.for_path(path), options.diff, archive) for path in found.files
            )
        else:
            jobs = options.jobs or os.cpu_count() or 1
            outcomes = check_files(found.files, finder, cache, jobs, archive)
        yield from _with_progress(outcomes, len(found.files), streams.stderr)
    finally:
        if archive is not None:
            archive.close()


def archive_folder(path: str, settings: Settings) -> str | None:
    """The archive a path belongs to: the configuration's `archive`, else, inside a git
    repository, its briefs/ folder (or the repository itself). Outside a repository and
    without configuration, briefs are checked one by one."""
    if settings.archive is not None:
        return settings.archive
    start = path if os.path.isdir(path) else os.path.dirname(os.path.abspath(path)) or "."
    root = repository_root(start)
    if not os.path.exists(os.path.join(root, ".git")):
        return None
    briefs = os.path.join(root, "briefs")
    return briefs if os.path.isdir(briefs) else root


def find_archive(
    paths: tuple[str, ...], finder: ConfigFinder, cache: Cache | None
) -> Archive | None:
    """The archive the first path belongs to (see `archive_folder`), its index brought up
    to date in the cache, or in a temporary database without one. Close it when done."""
    from wwrlint import store
    from wwrlint.archive import index
    from wwrlint.checking import read_summaries

    settings = finder.for_path(paths[0])
    folder = archive_folder(paths[0], settings)
    if folder is None or not os.path.isdir(folder):
        return None
    jobs = os.cpu_count() or 1

    def read(files: list[str]) -> Iterator[tuple[BriefEntry | None, str | None]]:
        return read_summaries(files, jobs)

    if cache is not None and cache.database is not None:
        try:
            return index(folder, settings.roster, cache.path, read)
        except store.Error:
            pass  # the cache's database is busy or broken: index this run apart
    return index(folder, settings.roster, None, read)


def _with_progress(outcomes: Iterator[Outcome], total: int, stderr: TextIO) -> Iterator[Outcome]:
    """Show how far a long run is, on a terminal only (never in pipes or CI logs)."""
    show = total >= 500 and stderr.isatty() and not os.environ.get("CI")
    last = 0.0
    for done, outcome in enumerate(outcomes, start=1):
        if show and time.monotonic() - last > 0.1:
            last = time.monotonic()
            filled = done * 30 // total
            stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} briefs")
            stderr.flush()
        yield outcome
    if show:
        stderr.write("\r" + " " * 60 + "\r")


@contextmanager
def _output(path: str | None, stdout: TextIO) -> Iterator[TextIO]:
    """stdout, or a file that appears whole or not at all."""
    if path is None:
        yield stdout
        stdout.flush()
    else:
        with atomic_text(path) as handle:
            yield handle


def default_streams() -> Streams:
    return Streams(sys.stdin.buffer, sys.stdout, sys.stderr)
