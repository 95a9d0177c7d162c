"""The JSON Schemas that ship inside the package (schema/): the brief's, the roster's and
the catalogue's."""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any

SCHEMAS = {
    "brief": "brief.schema.json",
    "roster": "roster.schema.json",
    "catalogue": "catalogue.schema.json",
}


def schema_file(kind: str = "brief") -> str:
    """Where a schema is: inside the installed package, or in a source checkout's
    top-level schema/ folder (the one copy; the wheel carries it into the package)."""
    here = os.path.dirname(os.path.realpath(__file__))
    packaged = os.path.join(here, "schema", SCHEMAS[kind])
    if os.path.isfile(packaged):
        return packaged
    return os.path.join(os.path.dirname(here), "schema", SCHEMAS[kind])


def schema_text(kind: str = "brief") -> str:
    """A schema as published: the file's exact text."""
    with open(schema_file(kind), encoding="utf-8", newline="") as handle:
        return handle.read()


@cache
def brief_schema(kind: str = "brief") -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(kind))
    return schema
