"""Run `wwrlint check` on a plain options object: find the files, lint each with its own
settings, filter through the baseline, report, and return the exit code."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from wwrlint import baseline as baselines
from wwrlint.atomic import atomic_text
from wwrlint.config import ConfigFinder, Overrides
from wwrlint.diagnostics import Diagnostic
from wwrlint.discovery import discover, display, read_brief
from wwrlint.errors import ToolError
from wwrlint.linter import lint
from wwrlint.reporters import Summary, make_reporter

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
    problems: list[str] = []
    recorded: list[Diagnostic] = []
    with _output(options.output_file, streams.stdout) as out:
        reporter = make_reporter(output_format, out, color=color, annotate=annotate)
        for path, content in _inputs(options, finder, streams, problems):
            try:
                diagnostics = lint(display(path), content, finder.for_path(path))
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
            reporter.file(path, diagnostics)
        reporter.finish(summary)

    for problem in problems:
        streams.stderr.write(f"wwrlint: error: {problem}\n")
    if options.generate_baseline:
        count = baselines.write(options.generate_baseline, recorded)
        streams.stderr.write(f"wwrlint: wrote {count} findings to {options.generate_baseline}\n")
    if not options.quiet and output_format in ("full", "text", "concise"):
        streams.stderr.write(summary.sentence(unchecked=len(problems)) + "\n")
    if options.statistics:
        streams.stderr.write(summary.statistics())
    if problems:
        return EXIT_TOOL
    failing = summary.errors + (summary.warnings if settings.fail_level == "warning" else 0)
    return EXIT_FAILED if failing and not (options.exit_zero or options.generate_baseline) else 0


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
