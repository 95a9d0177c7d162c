"""Check brief data against the JSON Schema.

This is the only module that knows about the validators. Data is checked by jsonschema-rs
(compiled, about a hundred times faster than jsonschema), whose errors `schema_errors`
words; jsonschema does the same where jsonschema-rs is not installed or cannot take a
value, and the two give the same findings (tests/performance/test_fast_path.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from wwrlint.diagnostics import Finding, Pointer
from wwrlint.schema import brief_schema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

    from wwrlint.schema_errors import Error


# Where a `$ref` was put in place, the key that keeps its name (see `_inlined`).
INLINED = "x-wwrlint-ref"


@cache
def inlined_schema(kind: str = "brief") -> dict[str, Any]:
    """The schema of a kind of file with its references put in place (see `_inlined`)."""
    schema = brief_schema(kind)
    inlined: dict[str, Any] = _inlined(schema, schema.get("$defs", {}))
    return inlined


@cache
def _validator(kind: str = "brief") -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    Draft202012Validator.check_schema(brief_schema(kind))
    return Draft202012Validator(
        inlined_schema(kind), format_checker=FormatChecker(formats=["date"])
    )


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
def fast_validator(kind: str = "brief", key: str | None = None) -> Any | None:
    """jsonschema-rs's validator for a kind of file (or for the value of one of its
    top-level keys), or None where it is not installed."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    schema = inlined_schema(kind)
    if key is not None:
        schema = schema["properties"][key]
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=True)


def validate(data: Any, kind: str = "brief", quiet: Collection[Pointer] = ()) -> list[Finding]:
    """Schema findings for a brief's (or the roster's) data, each once, in order found;
    none about a value at a `quiet` pointer (another check reports it)."""
    fast = fast_validator(kind)
    try:
        if fast is not None and fast.is_valid(data):
            return []
    except Exception:  # a value the fast validator cannot take: jsonschema words it
        fast = None
    from wwrlint.schema_errors import Error, Unreadable, explain

    if fast is not None:
        try:
            return explain(_fast_errors(fast, data, kind), data, quiet)
        except Unreadable:  # a key of digits written two ways: jsonschema tells them apart
            pass
    return explain(map(Error.of, _validator(kind).iter_errors(data)), data, quiet)


# jsonschema-rs makes every error of a validation at once, about 2.7 KB each: a top-level
# collection with more entries than this is validated a part at a time, so that a brief
# with 100,000 broken sources never holds 100,000 errors.
PART = 512

# The keywords of a collection's schema that each entry meets on its own: where a schema
# has only these, validating the collection a part at a time finds what validating it
# whole does (`minItems` of at most 1 holds for every part, as no part is empty).
_PER_ENTRY = frozenset(
    {"type", "items", "properties", "patternProperties", "additionalProperties"}
    | {"propertyNames", "minItems", "description", "title", "$comment", INLINED}
)


def _fast_errors(fast: Any, data: Any, kind: str) -> Iterator[Error]:
    """jsonschema-rs's errors for the data, a part at a time where it is large."""
    from wwrlint.schema_errors import WHOLE, Error, Paths

    schema = inlined_schema(kind)
    paths = Paths(data)
    properties = schema.get("properties", {})
    large = (
        [key for key, value in data.items() if _splits(properties.get(key), value)]
        if isinstance(data, dict)
        else []
    )
    # The data with each large collection cut to its first part, then the other parts.
    head = {**data, **{key: next(_parts(data[key], 0))[1] for key in large}} if large else data
    for error in fast.iter_errors(head):
        yield Error.of_fast(error, schema, paths, WHOLE)
    for key in large:
        validator = fast_validator(kind, key)
        assert validator is not None  # as `fast` is
        for start, entries in _parts(data[key]):
            part = (("properties", key), (key,), start if isinstance(entries, list) else 0)
            for error in validator.iter_errors(entries):
                yield Error.of_fast(error, schema, paths, part)


def _splits(schema: Any, value: Any) -> bool:
    """Whether a large collection may be validated a part at a time (see `_PER_ENTRY`)."""
    kind = "object" if isinstance(value, dict) else "array" if isinstance(value, list) else None
    return (
        kind is not None
        and len(value) > PART
        and isinstance(schema, dict)
        and schema.get("type") == kind
        and _PER_ENTRY.issuperset(schema)
        and schema.get("minItems", 0) <= 1
    )


def _parts(
    value: dict[str, Any] | list[Any], first: int | None = None
) -> Iterator[tuple[int, Any]]:
    """A collection's parts from the entry `first` on (the second part's, by default),
    each with the index of its first entry."""
    entries = value if isinstance(value, list) else list(value.items())
    for start in range(PART if first is None else first, len(entries), PART):
        part = entries[start : start + PART]
        yield start, part if isinstance(value, list) else dict(part)
