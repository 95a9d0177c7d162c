"""The brief JSON Schema that ships inside the package (schema/brief.schema.json)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_NAME = "brief.schema.json"


def schema_file() -> Path:
    """Where the schema is: inside the installed package, or in a source checkout's
    top-level schema/ folder (the one copy; the wheel carries it into the package)."""
    here = Path(__file__).resolve().parent
    packaged = here / "schema" / _NAME
    return packaged if packaged.is_file() else here.parent / "schema" / _NAME


def schema_text() -> str:
    """The schema as published: the file's exact text."""
    return schema_file().read_text(encoding="utf-8")


@cache
def brief_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text())
    return schema
