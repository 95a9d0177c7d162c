"""Run `wwrlint check` on a plain options object: find the files, lint each with its own
settings, filter through the baseline, report, and return the exit code."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from wwrlint import baseline as baselines
from wwrlint.atomic import atomic_text, write_atomically
from wwrlint.config import ConfigFinder, Overrides, Settings
from wwrlint.diagnostics import Diagnostic
from wwrlint.discovery import discover, display, read_brief
from wwrlint.errors import ToolError
from wwrlint.fixing import apply_fixes, unified_diff
from wwrlint.linter import lint, lint_document
from wwrlint.loading import load
from wwrlint.reporters import Summary, make_reporter
from wwrlint.wording import count
from wwrlint.yamlsyntax import encode_like

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
    with _output(options.output_file, streams.stdout) as out:
        reporter = make_reporter(output_format, out, color=color, annotate=annotate)
        for path, content in _inputs(options, finder, streams, problems):
            try:
                settings_here = finder.for_path(path)
                if options.fix or options.diff:
                    diagnostics, fixed = _fix(path, content, settings_here, options, out, problems)
                    fixes.add(fixed)
                else:
                    diagnostics = lint(display(path), content, settings_here)
            except ToolError:
                raise
            except Exception as error:  # a wwrlint bug: name the file, go on with the others
                problems.append(f"{display(path)}: internal error: {type(error).__name__}: {error}")
                continue
            if known is not None:
                diagnostics = known.filter(diagnostics)
            if options.generate_baseline:
                recorded += diagnostics
            summary.add(diagnostics)
            if not options.diff:
                reporter.file(path, diagnostics)
        if not options.diff:
            reporter.finish(summary)

    for problem in problems:
        streams.stderr.write(f"wwrlint: error: {problem}\n")
    if options.generate_baseline:
        count = baselines.write(options.generate_baseline, recorded)
        streams.stderr.write(f"wwrlint: wrote {count} findings to {options.generate_baseline}\n")
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


MAX_FIX_PASSES = 10


def _fix(
    path: str,
    content: bytes,
    settings: Settings,
    options: CheckOptions,
    out: TextIO,
    problems: list[str],
) -> tuple[list[Diagnostic], int]:
    """Apply safe fixes until none is left (or show them as a diff); return the remaining
    diagnostics and how many fixes were made."""
    shown = display(path)
    document = load(shown, content)
    original, fixed = document.text, 0
    diagnostics = lint_document(document, settings)
    for _ in range(MAX_FIX_PASSES):
        text, count = apply_fixes(document, diagnostics)
        if not count:
            break
        fixed += count
        document = load(shown, text.encode("utf-8"))
        diagnostics = lint_document(document, settings)
    if not fixed:
        return diagnostics, 0
    if options.diff:
        out.write(unified_diff(shown, original, document.text))
        return diagnostics, fixed
    if not os.stat(path).st_mode & stat.S_IWUSR:
        problems.append(f"{shown}: read-only, not fixed ({fixed} fixes available)")
        return lint(shown, content, settings), 0
    try:
        write_atomically(path, encode_like(content, document.text))
    except ToolError as error:  # this file stays as it was; go on with the others
        problems.append(f"{error} (not fixed)")
        return lint(shown, content, settings), 0
    return diagnostics, fixed


def _inputs(
    options: CheckOptions, finder: ConfigFinder, streams: Streams, problems: list[str]
) -> Iterator[tuple[str, bytes]]:
    """(path, content) of every brief to check, reading each file only when its turn comes."""
    if options.stdin_filename is not None or options.paths == ("-",):
        if options.paths not in ((), ("-",)):
            raise ToolError("--stdin-filename reads the brief from standard input; give no PATH")
        yield options.stdin_filename or "-", streams.stdin.read()
        return

    def excluded(path: str) -> bool:
        return finder.for_path(path).is_excluded(path)

    found = discover(options.paths or (".",), excluded)
    if found.missing:
        raise ToolError(f"{', '.join(map(display, found.missing))}: no such file or folder")
    problems += found.errors
    if not found.files and not found.errors and not found.excluded:
        named = ", ".join(f"'{path}'" for path in options.paths) or "the current folder"
        raise ToolError(f"no briefs (*.yaml, *.yml) found in {named}")
    for path in found.files:
        try:
            content = read_brief(path)
        except OSError as error:
            problems.append(f"{display(path)}: cannot read: {error.strerror or error}")
            continue
        yield path, content


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
