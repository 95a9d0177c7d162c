"""Say what is wrong with a brief the schema rejects, in the brief's own words.

Each jsonschema error becomes a finding at the data pointer of the value it is about, so
the linter can place it on the YAML node. `oneOf` failures are narrowed to the branch the
author meant (the body item kind whose key is present), instead of a dump of every branch.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wwrlint.brief import ITEM_KINDS, kind_of
from wwrlint.diagnostics import Finding, Pointer
from wwrlint.schema import brief_schema
from wwrlint.validation import INLINED
from wwrlint.wording import closest_free, did_you_mean, excerpt, quoted, what_is

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


def explain(errors: Iterator[Error], data: Any, quiet: Collection[Pointer] = ()) -> list[Finding]:
    """Findings for a validator's errors, each once, in the order they were found; none
    about the value at a `quiet` pointer."""
    findings: dict[tuple[Pointer, str], Finding] = {}
    for error in errors:
        for finding in _findings(error, data, quiet):
            findings.setdefault((finding.pointer, finding.message), finding)
    return list(findings.values())


# A part of the data validated on its own: the schema path of the schema it was validated
# against, the pointer to the collection it was taken from, and, for a list, the index of
# its first item there.
Part = tuple[Pointer, Pointer, int]
WHOLE: Part = ((), (), 0)


@dataclass(frozen=True)
class Error:
    """A validator error as plain data: what failed, where, and the alternatives tried.
    Made from jsonschema-rs's errors (`of_fast`) or jsonschema's (`of`); the two give the
    same findings (tests/performance/test_fast_path.py)."""

    keyword: str
    value: Any  # the keyword's value in the schema, e.g. the list of required keys
    schema: dict[str, Any]
    instance: Any
    path: Pointer
    schema_path: tuple[str | int, ...]
    message: str
    branch: int | None  # inside a oneOf/anyOf: the index of the alternative
    context: tuple[Error, ...]
    missing: str | None = None  # for `required`: the key the validator found missing

    @classmethod
    def of(cls, error: ValidationError) -> Error:
        """From jsonschema's error."""
        relative = tuple(error.relative_schema_path)
        keyword = str(error.validator)
        missing = None
        if keyword == "required":  # jsonschema names it only in its message
            required: Any = error.validator_value
            instance: Any = error.instance
            absent = [name for name in required if name not in instance]
            named = (name for name in absent if error.message.startswith(repr(name)))
            missing = str(next(named, absent[0]))
        return cls(
            keyword=keyword,
            value=error.validator_value,
            schema=error.schema if isinstance(error.schema, dict) else {},
            instance=error.instance,
            path=tuple(error.absolute_path),
            schema_path=tuple(error.absolute_schema_path),
            message=error.message,
            branch=relative[0] if relative and isinstance(relative[0], int) else None,
            context=tuple(cls.of(sub_error) for sub_error in error.context or ()),
            missing=missing,
        )

    @classmethod
    def of_fast(
        cls,
        error: Any,
        schema: dict[str, Any],
        paths: Paths,
        part: Part = WHOLE,
        branch: int | None = None,
    ) -> Error:
        """From jsonschema-rs's error, against the schema it validated (references in
        place) and the data, or a part of them (see `Part`): the keyword's value and its
        schema are looked up along the error's schema path, and its instance path is read
        against the data (see `Paths`)."""
        kind = error.kind
        inner = getattr(kind, "error", None)
        if inner is not None:  # propertyNames: the error is about the key it wraps
            return cls.of_fast(inner, schema, paths, part, branch)
        schema_prefix, prefix, offset = part
        schema_path = (*schema_prefix, *error.schema_path)
        owner: Any = schema
        for step in schema_path[:-1]:
            owner = owner[step]
        keyword = str(schema_path[-1]) if schema_path else ""
        path = tuple(error.instance_path)
        if offset and path:  # the list's items are numbered within the part
            path = (path[0] + offset, *path[1:])
        path = paths.read((*prefix, *path))
        branches = getattr(kind, "context", None) or ()
        return cls(
            keyword=keyword,
            value=owner.get(keyword) if isinstance(owner, dict) else None,
            schema=owner if isinstance(owner, dict) else {},
            instance=error.instance,
            path=path,
            schema_path=schema_path,
            message=error.message,
            branch=branch,
            context=tuple(
                cls.of_fast(sub_error, schema, paths, part, index)
                for index, errors in enumerate(branches)
                for sub_error in errors
            ),
            missing=str(kind.property) if keyword == "required" else None,
        )


class Unreadable(Exception):
    """An error's path names a key of digits that the data holds in more than one way."""


# The keys jsonschema-rs gives as numbers (what Rust reads as an unsigned integer).
_NUMBER_KEY = re.compile(r"\+?[0-9]+")


class Paths:
    """Instance paths of jsonschema-rs's errors as the data is indexed: jsonschema-rs gives
    a key made of digits ("0", "00", "+1") as the number it reads, so such a step is
    matched to the one key of that mapping that reads as that number, or `Unreadable`."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self._numbered: dict[int, dict[int, list[str]]] = {}  # by the mapping's id

    def read(self, path: Pointer) -> Pointer:
        if int not in map(type, path):
            return path
        value, steps = self.data, []
        for step in path:
            if isinstance(value, dict):
                step = self._key(value, step) if isinstance(step, int) else step
                value = value.get(step)
            elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
                value = value[step]
            else:
                value = None
            steps.append(step)
        return tuple(steps)

    def _key(self, mapping: dict[str, Any], number: int) -> str:
        numbered = self._numbered.get(id(mapping))
        if numbered is None:  # once per mapping: thousands of errors may name its keys
            numbered = {}
            for key in mapping:
                if _NUMBER_KEY.fullmatch(key):
                    numbered.setdefault(int(key), []).append(key)
            self._numbered[id(mapping)] = numbered
        keys = numbered.get(number, [])
        if len(keys) != 1:
            raise Unreadable(number)
        return keys[0]


def _findings(error: Error, data: Any, quiet: Collection[Pointer]) -> Iterator[Finding]:
    if error.keyword in ("oneOf", "anyOf"):
        chosen = _chosen_branch(error)
        if chosen is not None:
            for sub_error in chosen:
                yield from _findings(sub_error, data, quiet)
            return
    if error.path in quiet and _about_the_value(error):
        return
    yield from _explain(error, data)


def _branch_kinds(branches: Sequence[Any]) -> list[str | None]:
    """For each oneOf branch, the body item kind it stands for (its $defs name), if any."""
    kinds: list[str | None] = []
    for branch in branches:
        ref = (
            str(branch.get("$ref") or branch.get(INLINED) or "") if isinstance(branch, dict) else ""
        )
        name = ref.rsplit("/", 1)[-1]
        kinds.append(name if name in ITEM_KINDS else None)
    return kinds


def _chosen_branch(error: Error) -> list[Error] | None:
    """The errors of the one branch the author evidently meant, or None if unclear."""
    by_branch: dict[int, list[Error]] = {}
    for sub_error in error.context:
        if sub_error.branch is not None:
            by_branch.setdefault(sub_error.branch, []).append(sub_error)
    kinds = _branch_kinds(error.value)
    if all(kinds):
        if not isinstance(error.instance, dict):
            return None
        present = [index for index, kind in enumerate(kinds) if kind in error.instance]
        return by_branch.get(present[0]) if len(present) == 1 else None
    plausible = [
        index
        for index, errors in by_branch.items()
        if not any(e.keyword == "type" and e.path == error.path for e in errors)
    ]
    return by_branch[plausible[0]] if len(plausible) == 1 else None


def _about_the_value(error: Error) -> bool:
    """Whether the finding for an error is about the value at its path (not about a key
    of it, or an item: see `_explain`)."""
    return error.keyword not in ("required", "additionalProperties", "uniqueItems") and (
        "propertyNames" not in error.schema_path
    )


def _explain(error: Error, data: Any) -> Iterator[Finding]:
    path = error.path
    where = _where(path, data)
    keyword = error.keyword
    instance = error.instance
    if "propertyNames" in error.schema_path:
        what = {"sources": "source", "analysts": "analyst"}.get(str(path[-1]) if path else "")
        yield Finding(
            (*path, instance),
            f"{quoted(instance)} is not a valid {what or ''} id: {_ID_ADVICE}".replace("  ", " "),
            anchor="key",
        )
    elif keyword == "required":
        missing = _missing_property(error)
        allowed = list(error.schema.get("properties", {}))
        # A misspelt key is reported once, as an unknown key with a "did you mean" (below).
        misspelt = [closest_free(key, allowed, instance)[0] for key in _unexpected_keys(error)]
        if missing not in misspelt:
            yield Finding((*path, missing), f"{where} has no '{missing}'")
    elif keyword == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        given = instance if isinstance(instance, dict) else {}
        extension = "^x-" in error.schema.get("patternProperties", {})
        free = "; keys starting with 'x-' are free for a desk's own data" if extension else ""
        renamed: set[str] = set()
        for key in _unexpected_keys(error):
            # A key the mapping has already is not the one meant: 'dat' beside 'date' would
            # give 'date' twice.
            meant, nearest = closest_free(key, allowed, given)
            if meant is not None:
                hint = f"; did you mean {quoted(meant)}?"
            elif nearest is not None:
                hint = f" ({quoted(nearest)} is given too){free}"
            else:
                hint = free
            # Of two slips for one key ('dat' and 'dtae', no 'date'), the first stands for
            # it: renaming both would give it twice.
            yield Finding(
                (*path, key),
                f"unknown key {quoted(key)} in {where}{hint}",
                anchor="key",
                stands_for=(*path, meant) if meant is not None and meant not in renamed else None,
            )
            if meant is not None:
                renamed.add(meant)
    elif keyword == "type":
        yield Finding(path, _type_message(path, where, error))
    elif keyword == "pattern":
        yield Finding(path, _pattern_message(where, error))
    elif keyword == "format":
        yield Finding(path, f"{where} is {quoted(instance)}, which is not a real {error.value}")
    elif keyword == "minItems":
        yield Finding(path, f"{where} is empty; it needs at least one item")
    elif keyword == "uniqueItems":
        seen: set[Any] = set()
        for index, value in enumerate(instance):
            if repr(value) in seen:
                yield Finding((*path, index), f"{quoted(value)} appears twice in {where}")
            seen.add(repr(value))
    elif keyword == "enum":
        choices = ", ".join(str(choice) for choice in error.value)
        yield Finding(
            path,
            f"{where} is '{instance}', which is not one of: {choices}"
            + did_you_mean(str(instance), error.value),
        )
    elif keyword in ("oneOf", "anyOf"):
        yield Finding(path, _alternatives_message(where, error))
    else:
        yield Finding(path, f"{where}: {error.message}")


_ID_ADVICE = (
    "use lowercase letters and digits, joined by single hyphens, dots or underscores "
    "(e.g. 'dawn-2022-01-03')"
)


def _missing_property(error: Error) -> str:
    if error.missing is not None:
        return error.missing
    return str(next(name for name in error.value if name not in error.instance))


def _unexpected_keys(error: Error) -> list[str]:
    known = error.schema.get("properties", {})
    patterns = error.schema.get("patternProperties", {})
    return [
        key
        for key in error.instance
        if key not in known and not any(key.startswith(p.lstrip("^")) for p in patterns)
    ]


_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a mapping",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _type_message(path: Pointer, where: str, error: Error) -> str:
    expected = error.value
    wanted = " or ".join(
        _TYPE_WORDS.get(name, name)
        for name in ([expected] if isinstance(expected, str) else expected)
    )
    if not path:
        if error.instance is None:
            return "the file is empty; a brief is a mapping with the keys id, title, date and body"
        return (
            "a brief must be a mapping with the keys id, title, date and body, "
            f"not {what_is(error.instance)}"
        )
    if error.schema.get("format") == "date":
        return f"{where} must be a date written as YYYY-MM-DD, not {what_is(error.instance)}"
    if error.instance is None and expected == "string":
        return f"{where} is empty"
    message = f"{where} must be {wanted}, not {what_is(error.instance)}"
    if path[-1] == "sources" and path[0] == "body" and isinstance(error.instance, str):
        message += f"; write [{error.instance}]"
    return message


def _pattern_message(where: str, error: Error) -> str:
    definitions = brief_schema()["$defs"]
    pattern, value = error.value, error.instance
    if pattern == definitions["text"]["pattern"]:
        return f"{where} is empty"
    if pattern == definitions["id"]["pattern"]:
        return f"{where} is {quoted(value)}, which is not a valid id: {_ID_ADVICE}"
    if pattern == definitions["date"]["pattern"]:
        return f"{where} is {quoted(value)}, which is not a date written as YYYY-MM-DD"
    if pattern.startswith("^https?"):
        return f"{where} is {quoted(value)}, which is not a web address starting with http:// or https://"
    return f"{where} is {quoted(value)}, which does not match the pattern {pattern}"


def _alternatives_message(where: str, error: Error) -> str:
    instance = error.instance
    kinds = [kind for kind in _branch_kinds(error.value) if kind]
    if not kinds:
        if instance is None:
            return f"{where} is empty"
        description = str(error.schema.get("description", "")).rstrip(".")
        return f"{where} does not fit the format: {description[:1].lower()}{description[1:]}"
    listed = ", ".join(kinds[:-1]) + f" or {kinds[-1]}"
    if len(error.path) >= 2 and isinstance(error.path[-1], int):
        where = f"{error.path[-2]} item {error.path[-1] + 1}"
    if not isinstance(instance, dict):
        return f"{where} must be a mapping that starts with {listed}, not {what_is(instance)}"
    present = [kind for kind in kinds if kind in instance]
    if present:
        return f"{where} mixes {' and '.join(present)}; an item is exactly one of {listed}"
    hints = [did_you_mean(str(key), kinds) for key in instance]
    hint = next((h for h in hints if h), "")
    keys = ", ".join(quoted(key) for key in instance) or "no keys"
    return f"{where} has {keys} but none of {listed}{hint}"


def _where(path: Pointer, data: Any) -> str:
    """How a message names the value at `path`: "source 'x'", "the text of claim '…'"."""
    if not path:
        return "the brief"
    head = path[0]
    if head in ("sources", "analysts") and len(path) >= 2:
        entry = f"{'source' if head == 'sources' else 'analyst'} {quoted(path[1])}"
        return entry if len(path) == 2 else f"the {path[2]} of {entry}"
    if head == "body" and len(path) >= 2:
        return _where_in_body(path, data)
    return f"the brief's {head}" if len(path) == 1 else "'" + "/".join(map(str, path)) + "'"


def _where_in_body(path: Pointer, data: Any) -> str:
    """Name a place in the body after the innermost item that contains it."""
    item_end, node, value = 0, data, data
    for depth, step in enumerate(path):
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(step, int) and path[depth - 1] in _ITEM_LISTS:
            item_end, node = depth + 1, value
    if not item_end:
        return "the brief's body"
    kind = kind_of(node) if isinstance(node, dict) else None
    opening = excerpt(node.get(kind)) if kind and isinstance(node, dict) else ""
    item = (
        f"{kind} '{opening}'"
        if opening
        else (kind or f"{path[item_end - 2]} item {int(path[item_end - 1]) + 1}")
    )
    rest = path[item_end:]
    if not rest:
        return item
    if rest[0] == kind:
        return {"paragraph": item, "quote": f"the words of {item}"}.get(kind, f"the text of {item}")
    if rest[0] == "sources" and len(rest) == 2:
        return f"source reference {int(rest[1]) + 1} of {item}"
    return f"the {rest[0]} of {item}"


# The keys whose lists hold body items.
_ITEM_LISTS = ("body", "paragraph", "quote")
