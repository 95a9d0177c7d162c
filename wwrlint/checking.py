"""Check many briefs: from the cache where nothing changed, in worker processes when there
are enough files to pay for them, in file order either way, one file in memory at a time."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from wwrlint import store
from wwrlint.archive.model import Archive

if TYPE_CHECKING:
    import multiprocessing.pool

    from wwrlint.archive.index import Rows
    from wwrlint.archive.listing import StatKey
    from wwrlint.archive.update import Archives
    from wwrlint.loading import Document
from wwrlint.cache import Cache, Seen, content_hash, settings_key
from wwrlint.config import ConfigFinder, Settings
from wwrlint.diagnostics import Diagnostic
from wwrlint.discovery import display, read_brief, read_with_stat
from wwrlint.stopping import holding_signals, take_signals_back

# Below this many files to check, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
# From this many files on, their cached results are read in one query (`Cache.read_ahead`),
# and the stats the listing took are used (`check_files`).
READ_AHEAD_FROM = 200
MAX_FIX_PASSES = 10


@dataclass(eq=False, repr=False)
class Outcome:
    """What checking one file gave: its diagnostics, or why it could not be checked."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problem: str | None = None
    fixed: int = 0
    diff: str = ""
    # What fixing standard input made of it, to be written back (editors take it whole).
    fixed_content: bytes | None = None
    # False for an archive's roster or catalogue: checked, but not a brief.
    brief: bool = True


@dataclass(eq=False, repr=False)
class _Task:
    path: str
    settings: Settings
    key: str
    known_digest: str | None  # the content hash the cache has for this file
    archive: str | None = None  # the folder of the file's archive


def is_brief(path: str, archive: Archive | None) -> bool:
    return archive is None or archive.role_of(path) == "brief"


# The archives of the run's files, by folder: set before worker processes start, so that
# each worker receives them once, not with every file.
_ARCHIVES: dict[str, Archive] = {}


def _use_archives(archives: dict[str, Archive]) -> None:
    global _ARCHIVES
    _ARCHIVES = archives


def _start_worker(archives: dict[str, Archive]) -> None:
    """In a worker process: take the signals the main process held back as it forked it
    (see `_pool`), or the pool's SIGTERM would never end it; then the run's archives."""
    take_signals_back()
    _use_archives(archives)


def check_files(
    paths: list[str],
    finder: ConfigFinder,
    cache: Cache | None,
    jobs: int,
    archives: Archives | None = None,
    listed_stats: bool = False,
) -> Iterator[Outcome]:
    """An outcome for each path, in order, each checked against its own archive.
    `listed_stats`: a brief's stat is the one its archive's listing took as it was opened
    (in this run: the command line's, not a server's, whose archives outlive that state)."""
    pending: list[tuple[int, _Task]] = []
    ready: dict[int, Outcome] = {}
    opened: dict[str, Archive] = {}
    stats: dict[str, dict[str, StatKey]] = {}  # by archive folder
    many = len(paths) >= READ_AHEAD_FROM
    absolutes = list(map(finder.absolute, paths)) if cache is not None else []
    if cache is not None and many:
        cache.read_ahead(absolutes)
    # Of a few files, a `stat` each costs less than a map of every brief's listed one.
    listed_stats = listed_stats and many
    for index, path in enumerate(paths):
        settings = finder.for_path(path, is_folder=False)
        archive = archives.of(path) if archives is not None else None
        folder = None
        if archive is not None:
            folder = archive.folder
            opened[folder] = archive
        salt = _salt(archive) if cache is not None else None
        if cache is None or salt is None:  # no key: checked now, and nothing kept
            pending.append((index, _Task(path, settings, "", None, folder)))
            continue
        key = settings_key(settings, path) + salt
        absolute = absolutes[index]
        stat_key = None
        if listed_stats and archive is not None and archive.listing is not None:
            if archive.folder not in stats:
                listing = archive.listing
                stats[archive.folder] = listing.stat_keys(finder.absolute(archive.folder))
            stat_key = stats[archive.folder].get(absolute)
        cached, known = cache.look_up(absolute, display(path), key, stat_key)
        if cached is not None:
            ready[index] = Outcome(path, cached, brief=is_brief(path, archive))
            continue
        pending.append((index, _Task(path, settings, key, known, folder)))
    _use_archives(opened)
    results = _run(
        [task for _, task in pending], jobs if len(pending) >= PARALLEL_FROM else 1, opened
    )
    waiting = iter(pending)
    for index in range(len(paths)):
        if index in ready:
            yield ready.pop(index)
            continue
        _, task = next(waiting)
        outcome, seen = next(results)
        if outcome is None:  # the content is what the cache holds for these settings
            assert cache is not None
            assert seen is not None
            absolute = finder.absolute(task.path)
            cached = cache.by_content(absolute, display(task.path), task.key, seen)
            if cached is not None:
                yield Outcome(task.path, cached, brief=_is_brief(task))
                continue
            # The entry could not be read back: check the file now.
            outcome, seen = _check_one(replace(task, known_digest=None))
            assert outcome is not None
        if seen is not None and cache is not None and task.key:
            cache.record(finder.absolute(task.path), seen, task.key, outcome.diagnostics)
        yield outcome


def get_ready(paths: Sequence[str], cache: Cache | None, archive: str) -> None:
    """What the check of `paths` will need, done now: called while the files of the
    archive (at the absolute folder `archive`) are looked at in a process beside (see
    `listing.survey`), where it costs no time. A file named that the cache has no result for
    as it is will need the linter and the schema's validator; a run of folders (the
    archive, with none named) the cache's results for the archive's files."""
    files = [os.path.abspath(path) for path in paths[:PARALLEL_FROM] if os.path.isfile(path)]
    if files and (cache is None or any(map(cache.changed, files))):
        from wwrlint.linter import get_ready as load_linter

        load_linter()
    elif cache is not None and not files:
        cache.read_ahead_below(archive)


def _salt(archive: Archive | None) -> str | None:
    """What of its archive a file's cached result depends on; None when the archive's
    index cannot say (then the file's result is neither looked up nor kept)."""
    if archive is None:
        return ""
    try:
        return archive.fingerprint
    except store.Error:
        return None


def index_rows(files: list[tuple[str, str]], jobs: int) -> Iterator[Rows]:
    """The archive index's rows of these files (each a path, and its name below the
    archive's folder), in order; made in worker processes when many."""
    from wwrlint.archive.summary import read_rows

    if jobs <= 1 or len(files) < PARALLEL_FROM or _in_worker():
        yield from map(read_rows, files)
        return
    with _pool(jobs, {}) as pool:
        yield from pool.imap(read_rows, files, chunksize=32)


def _in_worker() -> bool:
    """Whether this is a worker process of the run, which cannot start workers of its own
    (it is daemonic): one that must index an archive afresh reads the files itself."""
    import multiprocessing

    return multiprocessing.current_process().daemon


@contextmanager
def _pool(jobs: int, archives: dict[str, Archive]) -> Iterator[multiprocessing.pool.Pool]:
    """Worker processes, forked where the system can (cheap: modules are loaded already),
    each given the run's archives once. A signal to stop is acted on only once the pool
    has started, or ended, whole: one that cut its start or its end short left the pool's
    thread starting new workers as the old ones were ended, and nothing ended those (they
    held the run's output open: a Ctrl-C that never came back)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with holding_signals():
        pool = context.Pool(jobs, initializer=_start_worker, initargs=(archives,))
    try:
        yield pool
    finally:
        with holding_signals():
            pool.terminate()


def _run(
    tasks: list[_Task], jobs: int, archives: dict[str, Archive]
) -> Iterator[tuple[Outcome | None, Seen | None]]:
    if jobs <= 1 or len(tasks) < 2:
        yield from map(_check_one, tasks)
        return
    with _pool(min(jobs, len(tasks)), archives) as pool:
        yield from pool.imap(_check_one, tasks, chunksize=16)


def _check_one(task: _Task) -> tuple[Outcome | None, Seen | None]:
    """Read and lint one file, with what was read of it for the cache (None when its result
    is not to be kept); no outcome when its content is what the cache knows."""
    shown = display(task.path)
    looked_at = time.time()
    try:
        # The stat of the open file before the read, not a later one: a result is never
        # stored against the stat of content this run did not read.
        content, stat = read_with_stat(task.path)
    except OSError as error:
        return Outcome(task.path, problem=f"{shown}: cannot read: {error.strerror or error}"), None
    seen = Seen(content_hash(content), store.stat_key(stat), looked_at)
    if seen.digest == task.known_digest:
        return None, seen
    from wwrlint.linter import lint  # not loaded at all when every brief comes from the cache

    archive = _ARCHIVES.get(task.archive) if task.archive is not None else None
    try:
        diagnostics = lint(shown, content, task.settings, archive)
        return Outcome(task.path, diagnostics, brief=is_brief(task.path, archive)), seen
    except MemoryError:  # not a bug: the brief is too large for the memory there is
        problem = f"{shown}: too large to check in the memory available"
        return Outcome(task.path, problem=problem), None
    except Exception as error:  # a wwrlint bug: name the file, go on with the others
        problem = f"{shown}: internal error: {type(error).__name__}: {error}"
        return Outcome(task.path, problem=problem), None


def _is_brief(task: _Task) -> bool:
    return is_brief(task.path, _ARCHIVES.get(task.archive) if task.archive else None)


@dataclass
class Fixed:
    """What fixing one brief's content made: the brief as it reads now, what is left in
    it, how many fixes were made, and the fixes that could not be (a wwrlint bug)."""

    original: str
    document: Document
    diagnostics: list[Diagnostic]
    fixed: int
    problem: str | None = None


def fix_content(
    shown: str,
    content: bytes,
    settings: Settings,
    archive: Archive | None = None,
    unsafe_fixes: bool = False,
) -> Fixed:
    """Apply the fixes the run may apply, pass after pass (a fix that overlapped one made
    is found again on the next), until none is left."""
    from wwrlint.fixing import apply_fixes
    from wwrlint.linter import lint_document
    from wwrlint.loading import load

    document = load(shown, content)
    original, fixed = document.text, 0
    diagnostics = lint_document(document, settings, archive)
    failed: dict[tuple[object, ...], Diagnostic] = {}
    for _ in range(MAX_FIX_PASSES):
        left = [d for d in diagnostics if _fix_key(d) not in failed]
        # The fixes' edits are in the diagnostics, and reading them back loads the text
        # again: the tree of this pass is not needed any more.
        document.forget_nodes()
        applied = apply_fixes(document, left, unsafe_fixes)
        failed.update((_fix_key(d), d) for d in applied.failed)
        if not applied.fixed:
            break
        fixed += len(applied.fixed)
        # The new text was loaded to read the fixes back: the next pass checks that.
        reread, text = applied.document, applied.text
        # The last pass's document and findings go before the next pass is made: of a
        # brief with thousands of findings, the two together passed 400 MB at 4 MB.
        del applied, left, document
        diagnostics = []
        document = reread if reread is not None else load(shown, text.encode("utf-8"))
        diagnostics = lint_document(document, settings, archive)
    return Fixed(original, document, diagnostics, fixed, _not_made(shown, list(failed.values())))


def _fix_key(d: Diagnostic) -> tuple[object, ...]:
    return (d.rule, d.pointer, d.fix.description if d.fix is not None else None)


def _not_made(shown: str, failed: list[Diagnostic]) -> str | None:
    """The fixes whose edits did not read back as meant: none should, so it is reported."""
    if not failed:
        return None
    first = failed[0]
    more = f" and {len(failed) - 1} more" if len(failed) > 1 else ""
    return (
        f"{shown}:{first.span.line}:{first.span.column}: the fix of [{first.rule}]{more} "
        "would not read back as intended and was not made (a wwrlint bug; please report it)"
    )


def fix_file(
    path: str,
    settings: Settings,
    diff: bool,
    archive: Archive | None = None,
    unsafe_fixes: bool = False,
) -> Outcome:
    """Apply fixes until none is left, and write the file (or make a diff of it)."""
    from wwrlint.atomic import may_write, write_atomically
    from wwrlint.errors import ToolError
    from wwrlint.fixing import unified_diff
    from wwrlint.linter import lint
    from wwrlint.wording import count
    from wwrlint.yamlsyntax import encode_like

    shown = display(path)
    try:
        content = read_brief(path)
    except OSError as error:
        return Outcome(path, problem=f"{shown}: cannot read: {error.strerror or error}")
    result = fix_content(shown, content, settings, archive, unsafe_fixes)
    document, diagnostics, fixed = result.document, result.diagnostics, result.fixed
    if not fixed:
        return Outcome(path, diagnostics, problem=result.problem)
    if diff:
        changes = unified_diff(shown, result.original, document.text)
        return Outcome(path, diagnostics, problem=result.problem, fixed=fixed, diff=changes)
    if not may_write(path):
        problem = f"{shown}: read-only, not fixed ({count(fixed, 'fix')} available)"
        return Outcome(path, lint(shown, content, settings, archive), problem=problem)
    try:
        write_atomically(path, encode_like(content, document.text), expected=content)
    except ToolError as error:  # this file stays as it was; go on with the others
        return Outcome(
            path, lint(shown, content, settings, archive), problem=f"{error} (not fixed)"
        )
    return Outcome(path, diagnostics, problem=result.problem, fixed=fixed)
