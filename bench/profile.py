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
    """Exclusive time per stage: time spent in a nested stage is not counted twice."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[list[float]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        self._stack.append([0.0])
        try:
            yield
        finally:
            nested = self._stack.pop()[0]
            spent = time.perf_counter() - start
            self.seconds[name] += spent - nested
            if self._stack:
                self._stack[-1][0] += spent

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        """Time every call of `owner.attribute` as stage `name` (when it exists)."""
        original = getattr(owner, attribute, None)
        if original is None:
            print(f"profile: {owner.__name__}.{attribute} is gone; not timed", file=sys.stderr)
            return
        watch = self

        def timed(*args: Any, **kwargs: Any) -> Any:
            with watch.stage(name):
                return original(*args, **kwargs)

        setattr(owner, attribute, timed)


def instrument(watch: Stopwatch) -> None:
    from wwrlint import cache, checking, discovery, linter, schema_errors
    from wwrlint.archive import summary
    from wwrlint.yamlio import build, document

    stages: list[tuple[Any, str, str]] = [
        (summary, "summary_of", "archive index (a brief's head)"),
        (checking, "read_with_stat", "read"),
        (discovery, "read_brief", "read"),
        (linter, "load", "load (the rest)"),
        (document, "compose", "parse (compose)"),
        (build.Builder, "build", "build (data and positions)"),
        (linter, "validate", "schema"),
        (schema_errors, "explain", "schema (wording errors)"),
        (linter, "_place", "placing findings"),
        (linter, "_diagnostic", "placing findings"),
        (cache.Cache, "record", "cache writes"),
        (cache.Cache, "save", "cache writes"),
    ]
    for owner, attribute, name in stages:
        watch.wrap(owner, attribute, name)
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

    from wwrlint.cache import Cache
    from wwrlint.checking import _check_one, _Task, _use_archives
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
            outcome, seen = _check_one(task)
            with watch.stage("worker hand-off (pickle)"):
                pickle.loads(pickle.dumps((outcome, seen)))
            if outcome is not None and seen is not None:
                cache.record(path, seen, "key", outcome.diagnostics)
        cache.save()
        archives.close()
        total = time.perf_counter() - start
    per = 1e6 / len(paths)
    print(f"{len(paths)} briefs of corpus {args.corpus}, {total * per:.0f} µs each in all:")
    accounted = 0.0
    for name, seconds in sorted(watch.seconds.items(), key=lambda item: -item[1]):
        accounted += seconds
        print(f"  {name:34} {seconds * per:7.0f} µs  {100 * seconds / total:5.1f} %")
    other = total - accounted
    print(f"  {'other':34} {other * per:7.0f} µs  {100 * other / total:5.1f} %")
    print(f"(pid {os.getpid()}, one process; a cold run spreads the briefs over the cores)")


if __name__ == "__main__":
    main()
