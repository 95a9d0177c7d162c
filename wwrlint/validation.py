"""Check brief data against the JSON Schema.

This is the only module that knows about the validators. A brief is first checked by
jsonschema-rs (compiled, about a hundred times faster than jsonschema); only a brief it
finds invalid goes through jsonschema, whose errors carry what a good message needs, and
`schema_errors` words them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from wwrlint.diagnostics import Finding
from wwrlint.schema import brief_schema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator


# Where a `$ref` was put in place, the key that keeps its name (see `_inlined`).
INLINED = "x-wwrlint-ref"


@cache
def _validator(kind: str = "brief") -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    schema = brief_schema(kind)
    Draft202012Validator.check_schema(schema)
    inlined = _inlined(schema, schema.get("$defs", {}))
    return Draft202012Validator(inlined, format_checker=FormatChecker(formats=["date"]))


def _inlined(node: Any, definitions: dict[str, Any]) -> Any:
    """The schema with each `{"$ref": "#/$defs/NAME"}` replaced by that definition (its
    siblings, descriptions, kept), named by `INLINED`. jsonschema looks a `$ref` up through
    `referencing` each time it meets one, about 40 µs: most of the cost of wording a brief
    with thousands of errors. The schemas' references all point into their own `$defs`
    and none is recursive (a test checks), so they are put in place once."""
    if isinstance(node, list):
        return [_inlined(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        name = ref.removeprefix("#/$defs/")
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        return {**_inlined(definitions[name], definitions), **siblings, INLINED: ref}
    return {key: _inlined(value, definitions) for key, value in node.items()}


@cache
def fast_check() -> Callable[[Any], bool] | None:
    """jsonschema-rs's `is_valid` for the brief schema, or None where it is not installed."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    validator = jsonschema_rs.Draft202012Validator(brief_schema(), validate_formats=True)
    is_valid: Callable[[Any], bool] = validator.is_valid
    return is_valid


def validate(data: Any, kind: str = "brief") -> list[Finding]:
    """Schema findings for a brief's (or the roster's) data, each once, in order found."""
    is_valid = fast_check() if kind == "brief" else None
    if is_valid is not None:
        try:
            if is_valid(data):
                return []
        except Exception:  # a value the fast validator cannot take: jsonschema decides
            pass
    from wwrlint.schema_errors import explain

    return explain(_validator(kind).iter_errors(data), data)
