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


@cache
def _validator(kind: str = "brief") -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    schema = brief_schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker(formats=["date"]))


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
