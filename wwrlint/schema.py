"""The brief JSON Schema that ships inside the package (schema/brief.schema.json)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMAS = {"brief": "brief.schema.json", "roster": "roster.schema.json"}


def schema_file(kind: str = "brief") -> Path:
    """Where a schema is: inside the installed package, or in a source checkout's
    top-level schema/ folder (the one copy; the wheel carries it into the package)."""
    here = Path(__file__).resolve().parent
    packaged = here / "schema" / SCHEMAS[kind]
    return packaged if packaged.is_file() else here.parent / "schema" / SCHEMAS[kind]


def schema_text(kind: str = "brief") -> str:
    """A schema as published: the file's exact text."""
    return schema_file(kind).read_text(encoding="utf-8")


@cache
def brief_schema(kind: str = "brief") -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(kind))
    return schema
