"""Where a cold brief's time goes: each stage of `wwrlint check --no-cache`, in process.

    python bench/profile.py --briefs 1000 --corpus seed

Generates a corpus as bench/run.py does, then checks every brief through the same code a
cold run uses (archive index, then each brief read, parsed, built, validated, checked by the
rules, its result stored and handed back as a worker would) with a stopwatch around each
stage. Times are exclusive (a stage's own time, not the stages it calls) and per brief;
"other" is the rest of the run (settings, placing findings, sorting).
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from generate import CORPORA, generate


class Stopwatch:
    """Exclusive time per stage of a phase: time spent in a nested stage is not counted
    twice, and a stage is counted in the phase it runs in (the archive index, or the check
    of a brief)."""

    def __init__(self) -> None:
        self.seconds: dict[tuple[str, str], float] = defaultdict(float)
        self._stack: list[list[float]] = []
        self.phase = CHECK

    @contextmanager
    def stage(self, name: str, phase: str | None = None) -> Iterator[None]:
        """Time `name`; with `phase`, what runs inside counts in that phase, and the
        phase's own time (what no stage inside took) as its "other"."""
        outer, self.phase = self.phase, phase or self.phase
        start = time.perf_counter()
        self._stack.append([0.0])
        try:
            yield
        finally:
            nested = self._stack.pop()[0]
            spent = time.perf_counter() - start
            self.seconds[(self.phase, name)] += spent - nested
            if self._stack:
                self._stack[-1][0] += spent
            self.phase = outer

    def wrap(self, owner: Any, attribute: str, name: str, phase: str | None = None) -> None:
        """Time every call of `owner.attribute` as stage `name` (when it exists)."""
        original = getattr(owner, attribute, None)
        if original is None:
            print(f"profile: {owner.__name__}.{attribute} is gone; not timed", file=sys.stderr)
            return
        watch = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            with watch.stage(name, phase):
                return original(*args, **kwargs)

        setattr(owner, attribute, timed)


INDEX, CHECK = "archive index", "check"
OTHER = "other"


def instrument(watch: Stopwatch) -> None:
    """Stages called once a brief (or once a run), never a function the builder calls for
    every node: a stopwatch around each would cost more than the work it times."""
    from wwrlint import cache, checking, linter, schema_errors
    from wwrlint.archive import index, summary, update
    from wwrlint.yamlio import document

    stages: list[tuple[Any, str, str, str | None]] = [
        (update, "open_archive", OTHER, INDEX),  # its survey of the listing, and the rest
        (summary, "read_brief", "read", None),
        (summary, "summary_of", "load a head: decode, build", None),
        (summary, "rows_of", "rows and their checksums", None),
        (index, "store_rows", "storing rows", None),
        (checking, "_check_one", OTHER, CHECK),  # hashing, the task, the outcome
        (checking, "read_with_stat", "read", None),
        (linter, "load", "load: decode, build", None),
        (document, "compose", "parse (compose)", None),
        (linter, "validate", "schema", None),
        (schema_errors, "explain", "schema (wording errors)", None),
        (linter, "_place", "placing findings", None),
        (linter, "_diagnostic", "placing findings", None),
        (cache.Cache, "record", "cache writes", CHECK),
        (cache.Cache, "save", "cache writes", CHECK),
    ]
    for owner, attribute, name, phase in stages:
        watch.wrap(owner, attribute, name, phase)
    from wwrlint.rules import RULES

    for rule in RULES:
        if rule.check is not None:
            object.__setattr__(rule, "check", _timed_check(watch, rule.check))


def _timed_check(watch: Stopwatch, check: Callable[..., Any]) -> Callable[..., Any]:
    def timed(brief: Any) -> list[Any]:
        with watch.stage("rules"):
            return list(check(brief))

    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--corpus", choices=CORPORA, default="seed")
    args = parser.parse_args()

    from wwrlint import checking
    from wwrlint.cache import Cache
    from wwrlint.checking import _Task, _use_archives
    from wwrlint.config import ConfigFinder
    from wwrlint.scope import Finder

    watch = Stopwatch()
    instrument(watch)
    with tempfile.TemporaryDirectory(prefix="wwrlint-profile-") as folder:
        root = Path(folder)
        paths = [str(p) for p in generate(root, args.briefs, corpus=args.corpus)]
        (root / ".git").mkdir()
        finder = ConfigFinder()
        cache = Cache(str(root / "cache"))
        start = time.perf_counter()
        archives = Finder(finder).archives(cache.path, 1)
        archive = archives.of(paths[0])
        assert archive is not None
        _use_archives({archive.folder: archive})
        for path in paths:
            task = _Task(path, finder.for_path(path), "key", None, archive.folder)
            outcome, seen = checking._check_one(task)  # as instrumented
            with watch.stage("worker hand-off (pickle)", CHECK):
                pickle.loads(pickle.dumps((outcome, seen)))
            if outcome is not None and seen is not None:
                cache.record(path, seen, "key", outcome.diagnostics)
        cache.save()
        archives.close()
        total = time.perf_counter() - start
    per = 1e6 / len(paths)
    print(f"{len(paths)} briefs of corpus {args.corpus}, {total * per:.0f} µs each in all:")
    accounted = 0.0
    for phase in (INDEX, CHECK):
        stages = {name: t for (where, name), t in watch.seconds.items() if where == phase}
        spent = sum(stages.values())
        accounted += spent
        print(f"  {phase:36} {spent * per:7.0f} µs  {100 * spent / total:5.1f} %")
        for name, seconds in sorted(stages.items(), key=lambda item: -item[1]):
            print(f"    {name:34} {seconds * per:7.0f} µs  {100 * seconds / total:5.1f} %")
    rest = total - accounted
    label = "the rest (settings, the main loop)"
    print(f"  {label:36} {rest * per:7.0f} µs  {100 * rest / total:5.1f} %")
    print(f"(pid {os.getpid()}, one process; a cold run spreads the briefs over the cores)")


if __name__ == "__main__":
    main()
