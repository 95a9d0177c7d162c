"""The YAML layer alone: each brief of a corpus loaded (parsed, built, every finding's
place looked up) by wwrlint's loader on ruamel.yaml (wwrlint/yamlio/) and by the one on
PyYAML it replaced, kept in the tests (tests/pyyaml_loader.py; needs the test extra).

    python bench/yaml_layer.py --briefs 500 --corpus both

Rounds alternate between the loaders, so that a busy machine slows both alike; the figures
are the medians over rounds of the time per brief, split into parse (compose the node tree)
and build (data, problems), with a cold run's cost per brief beside them for scale when
`--cold-ms` gives one (from bench/profile.py).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from generate import CORPORA, generate


def loaders() -> dict[str, tuple[Callable[[str], Any], Callable[[str, bytes], Any]]]:
    """Each loader's parse step alone, and its whole load."""
    from wwrlint.yamlio import compose, document

    sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
    import pyyaml_loader

    def pyyaml_parse(text: str) -> Any:
        composer = pyyaml_loader._Composer(text)
        return composer.get_node() if composer.check_node() else None

    return {
        "PyYAML (libyaml 0.2), tests/pyyaml_loader.py": (pyyaml_parse, pyyaml_loader.load),
        f"ruamel.yaml, {compose.PARSER}": (compose.compose, document.load),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--briefs", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--corpus", choices=[*CORPORA, "both"], default="both")
    args = parser.parse_args()
    for corpus in CORPORA if args.corpus == "both" else (args.corpus,):
        with tempfile.TemporaryDirectory(prefix="wwrlint-yaml-") as folder:
            paths = generate(Path(folder), args.briefs, corpus=corpus)
            contents = [path.read_bytes() for path in paths]
        measure(corpus, contents, args.rounds)


def measure(corpus: str, contents: list[bytes], rounds: int) -> None:
    texts = [content.decode("utf-8") for content in contents]
    chosen = loaders()
    parse: dict[str, list[float]] = {name: [] for name in chosen}
    whole: dict[str, list[float]] = {name: [] for name in chosen}
    for _ in range(rounds):
        for name, (parse_only, load) in chosen.items():
            start = time.perf_counter()
            for text in texts:
                # a broken brief of the corpus: its error is its parse
                with contextlib.suppress(Exception):
                    parse_only(text)
            parse[name].append((time.perf_counter() - start) / len(texts))
            start = time.perf_counter()
            for content in contents:
                load("brief.yaml", content)
            whole[name].append((time.perf_counter() - start) / len(contents))
    size = sum(map(len, contents)) / len(contents) / 1024
    print(f"\ncorpus {corpus}: {len(contents)} briefs of {size:.1f} KB, median of {rounds} rounds")
    print(f"{'loader':44} {'parse µs':>9} {'load µs':>9}")
    for name in chosen:
        print(
            f"{name:44} {statistics.median(parse[name]) * 1e6:9.0f} "
            f"{statistics.median(whole[name]) * 1e6:9.0f}"
        )


if __name__ == "__main__":
    main()
