"""The JSON Schema itself: draft 2020-12, documented everywhere, closed deliberately."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator

from conftest import REPO
from wwrlint.schema import brief_schema, schema_text

SCHEMA_FILE = REPO / "schema" / "brief.schema.json"


def objects(schema: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every subschema that describes a mapping, with where it is."""
    if isinstance(schema, dict):
        if schema.get("type") == "object":
            yield where, schema
        for key, value in schema.items():
            yield from objects(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from objects(value, f"{where}/{index}")


def test_schema_is_a_valid_draft_2020_12_schema_with_an_id() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]
    Draft202012Validator.check_schema(schema)


def test_the_packaged_schema_is_the_file_in_schema_folder() -> None:
    assert schema_text() == SCHEMA_FILE.read_text(encoding="utf-8")


def test_every_property_is_described() -> None:
    undocumented = [
        f"{where}/properties/{name}"
        for where, schema in objects(brief_schema())
        for name, prop in schema.get("properties", {}).items()
        if not prop.get("description")
    ]
    assert undocumented == []


def test_every_definition_is_described() -> None:
    assert [name for name, d in brief_schema()["$defs"].items() if not d.get("description")] == []


def test_additional_properties_is_decided_at_every_level() -> None:
    undecided = [
        where for where, schema in objects(brief_schema()) if "additionalProperties" not in schema
    ]
    assert undecided == []


def test_the_seed_brief_validates_against_the_schema_alone() -> None:
    from wwrlint.loading import load

    path = REPO / "briefs" / "wwr-pakistan-taliban-2022.yaml"
    document = load(str(path), path.read_bytes())
    validator = Draft202012Validator(brief_schema())
    assert list(validator.iter_errors(document.data)) == []


def test_every_property_has_a_type_for_editors() -> None:
    """yaml-language-server completes a property without a `type` (only `oneOf` or `enum`)
    as a bare word, without its colon: every property states its type, or refers to a
    definition that does."""
    untyped = [
        f"{where}/properties/{name}"
        for where, schema in objects(brief_schema())
        for name, prop in schema.get("properties", {}).items()
        if "type" not in prop and "$ref" not in prop
    ]
    assert untyped == []
