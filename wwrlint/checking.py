"""Check many briefs: from the cache where nothing changed, in worker processes when there
are enough files to pay for them, in file order either way, one file in memory at a time."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from wwrlint.archive import Archive, BriefEntry

if TYPE_CHECKING:
    import multiprocessing.pool
from wwrlint.cache import Cache, content_hash, settings_key
from wwrlint.config import ConfigFinder, Settings
from wwrlint.diagnostics import Diagnostic
from wwrlint.discovery import display, read_brief

# Below this many files to check, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
MAX_FIX_PASSES = 10


@dataclass
class Outcome:
    """What checking one file gave: its diagnostics, or why it could not be checked."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problem: str | None = None
    fixed: int = 0
    diff: str = ""


@dataclass(frozen=True)
class _Task:
    path: str
    settings: Settings
    key: str
    known_digest: str | None  # the content hash the cache has for this file


# The archive every file of the run is checked in: set before worker processes start, so
# that each worker receives it once, not with every file.
_ARCHIVE: Archive | None = None


def _use_archive(archive: Archive | None) -> None:
    global _ARCHIVE
    _ARCHIVE = archive


def check_files(
    paths: list[str],
    finder: ConfigFinder,
    cache: Cache | None,
    jobs: int,
    archive: Archive | None = None,
) -> Iterator[Outcome]:
    """An outcome for each path, in order."""
    _use_archive(archive)
    salt = archive.fingerprint if archive is not None and cache is not None else ""
    pending: list[tuple[int, _Task]] = []
    ready: dict[int, Outcome] = {}
    for index, path in enumerate(paths):
        settings = finder.for_path(path)
        if cache is None:
            pending.append((index, _Task(path, settings, "", None)))
            continue
        key = settings_key(settings, path) + salt
        cached = cache.by_stat(path, display(path), key)
        if cached is not None:
            ready[index] = Outcome(path, cached)
            continue
        pending.append((index, _Task(path, settings, key, cache.digest_of(path, key))))
    results = _run(
        [task for _, task in pending], jobs if len(pending) >= PARALLEL_FROM else 1, archive
    )
    waiting = iter(pending)
    for index in range(len(paths)):
        if index in ready:
            yield ready.pop(index)
            continue
        _, task = next(waiting)
        outcome, digest = next(results)
        if outcome is None:  # the content is what the cache holds for these settings
            assert cache is not None
            assert digest is not None
            cached = cache.by_content(task.path, display(task.path), task.key, digest)
            if cached is None:  # the entry could not be read back: check the file now
                outcome = _check_one(replace(task, known_digest=None))[0]
            yield outcome or Outcome(task.path, cached or [])
            continue
        if digest is not None and cache is not None:
            cache.record(task.path, digest, task.key, outcome.diagnostics)
        yield outcome


def read_summaries(paths: list[str], jobs: int) -> Iterator[tuple[BriefEntry | None, str | None]]:
    """The archive's entries for these briefs, each with its content's hash, in order;
    read in worker processes when many."""
    from wwrlint.archive import read_summary

    if jobs <= 1 or len(paths) < PARALLEL_FROM:
        yield from map(read_summary, paths)
        return
    with _pool(jobs, None) as pool:
        yield from pool.imap(read_summary, paths, chunksize=32)


def _pool(jobs: int, archive: Archive | None) -> multiprocessing.pool.Pool:
    """Worker processes, forked where the system can (cheap: modules are loaded already),
    each given the run's archive once."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return context.Pool(jobs, initializer=_use_archive, initargs=(archive,))


def _run(
    tasks: list[_Task], jobs: int, archive: Archive | None
) -> Iterator[tuple[Outcome | None, str | None]]:
    if jobs <= 1 or len(tasks) < 2:
        yield from map(_check_one, tasks)
        return
    with _pool(min(jobs, len(tasks)), archive) as pool:
        yield from pool.imap(_check_one, tasks, chunksize=16)


def _check_one(task: _Task) -> tuple[Outcome | None, str | None]:
    """Read and lint one file; (None, digest) when its content is what the cache knows."""
    shown = display(task.path)
    try:
        content = read_brief(task.path)
    except OSError as error:
        return Outcome(task.path, problem=f"{shown}: cannot read: {error.strerror or error}"), None
    digest = content_hash(content)
    if digest == task.known_digest:
        return None, digest
    from wwrlint.linter import lint  # not loaded at all when every brief comes from the cache

    try:
        return Outcome(task.path, lint(shown, content, task.settings, _ARCHIVE)), digest
    except Exception as error:  # a wwrlint bug: name the file, go on with the others
        problem = f"{shown}: internal error: {type(error).__name__}: {error}"
        return Outcome(task.path, problem=problem), None


def fix_file(path: str, settings: Settings, diff: bool, archive: Archive | None = None) -> Outcome:
    """Apply safe fixes until none is left, and write the file (or make a diff of it)."""
    from wwrlint.atomic import write_atomically
    from wwrlint.errors import ToolError
    from wwrlint.fixing import apply_fixes, unified_diff
    from wwrlint.linter import lint, lint_document
    from wwrlint.loading import load
    from wwrlint.yamlsyntax import encode_like

    shown = display(path)
    try:
        content = read_brief(path)
    except OSError as error:
        return Outcome(path, problem=f"{shown}: cannot read: {error.strerror or error}")
    document = load(shown, content)
    original, fixed = document.text, 0
    diagnostics = lint_document(document, settings, archive)
    for _ in range(MAX_FIX_PASSES):
        text, applied = apply_fixes(document, diagnostics)
        if not applied:
            break
        fixed += applied
        document = load(shown, text.encode("utf-8"))
        diagnostics = lint_document(document, settings, archive)
    if not fixed:
        return Outcome(path, diagnostics)
    if diff:
        return Outcome(
            path, diagnostics, fixed=fixed, diff=unified_diff(shown, original, document.text)
        )
    if not os.stat(path).st_mode & 0o200:
        problem = f"{shown}: read-only, not fixed ({fixed} fixes available)"
        return Outcome(path, lint(shown, content, settings, archive), problem=problem)
    try:
        write_atomically(path, encode_like(content, document.text))
    except ToolError as error:  # this file stays as it was; go on with the others
        return Outcome(
            path, lint(shown, content, settings, archive), problem=f"{error} (not fixed)"
        )
    return Outcome(path, diagnostics, fixed=fixed)
