"""The brief JSON Schema that ships inside the package (schema/brief.schema.json)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

_NAME = "brief.schema.json"


def schema_text() -> str:
    """The schema as published: the file's exact text."""
    packaged = resources.files("wwrlint") / "schema" / _NAME
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    # Running from a source checkout: the one copy lives in the top-level schema/ folder.
    return (Path(__file__).resolve().parent.parent / "schema" / _NAME).read_text(encoding="utf-8")


@cache
def brief_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text())
    return schema
