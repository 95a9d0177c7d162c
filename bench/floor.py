"""The least a check of every brief could cost on this machine.

A lower bound to set wwrlint's cold run against:

    python bench/floor.py STAGE FOLDER

reads every brief below FOLDER (not the archive's roster and catalogue, by their usual
names) in one worker process per core, as `wwrlint check --no-cache` spreads them, doing
only STAGE's work for each:

- `read`: read the file;
- `libyaml`: read it and load its data with PyYAML's LibYAML loader (C parsing, no
  positions kept; dates stay text, as JSON Schema wants them, though otherwise it reads
  YAML 1.1, not the 1.2 core schema briefs are read by);
- `layer`: read it and load it with wwrlint's own YAML layer (`wwrlint.yamlio`: LibYAML's
  parser through ruamel.yaml, nodes with their positions, YAML 1.2 data, its problems);
- `libyaml+schema`, `layer+schema`: either, then validate the data against the brief
  schema with jsonschema-rs.

No rules, no archive, no cache, no report: what a run would cost if it did nothing but
that. `bench/run.py --floor` times these beside check-jsonschema and wwrlint in the same
rounds, so a goal stated against check-jsonschema can be set against what even this much
costs. Needs PyYAML (the bench extra).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any

from wwrlint.archive.model import CATALOGUE_NAME, ROSTER_NAME

STAGES = ("read", "libyaml", "libyaml+schema", "layer", "layer+schema")
SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "brief.schema.json"


def _loader() -> Any:
    import yaml

    class Loader(yaml.CSafeLoader):
        """LibYAML's safe loader, dates left as text."""

    Loader.yaml_implicit_resolvers = {
        first: [
            (tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"
        ]
        for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def _prepared(stage: str) -> tuple[Any, Any]:
    """How `stage` loads a brief's bytes (None: it does not), and its validator (None:
    none), made before the workers fork, as wwrlint's workers inherit what their parent
    imported."""
    load = None
    if stage.startswith("libyaml"):
        loader = _loader()

        def load(content: bytes) -> Any:
            try:
                return loader(content).get_single_data()
            except Exception:  # a YAML error: the brief fails
                return _FAILED

    elif stage.startswith("layer"):
        from wwrlint.yamlio.document import load as load_document

        def load(content: bytes) -> Any:
            document = load_document("", content)
            return document.data if document.readable else _FAILED

    validator = None
    if stage.endswith("+schema"):
        import jsonschema_rs

        validator = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return load, validator


_FAILED = object()
_PREPARED: tuple[Any, Any] = (None, None)


def _work(paths: list[str]) -> int:
    """How many of `paths` passed (a brief that does not load or validate fails, as it
    would in a check)."""
    load, validator = _PREPARED
    passed = 0
    for path in paths:
        with open(path, "rb") as file:
            content = file.read()
        data = load(content) if load is not None else None
        if data is not _FAILED and (validator is None or validator.is_valid(data)):
            passed += 1
    return passed


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in STAGES:
        print(f"usage: python bench/floor.py {{{','.join(STAGES)}}} FOLDER", file=sys.stderr)
        sys.exit(2)
    stage, folder = sys.argv[1], sys.argv[2]
    paths = sorted(
        os.path.join(top, name)
        for top, _, names in os.walk(folder)
        for name in names
        if name.endswith((".yaml", ".yml")) and name not in (ROSTER_NAME, CATALOGUE_NAME)
    )
    global _PREPARED
    _PREPARED = _prepared(stage)
    workers = os.cpu_count() or 1
    chunks = [paths[start::workers] for start in range(workers)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        passed = sum(pool.map(_work, chunks))
    print(f"{stage}: {passed} of {len(paths)} briefs passed")


if __name__ == "__main__":
    main()
