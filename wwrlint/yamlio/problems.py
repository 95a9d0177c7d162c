"""Bytes that are not YAML: decoding a file, and saying where and why the parser gave up
(ruamel.yaml's errors, in plain words, at the place they point to)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from wwrlint.diagnostics import Span
from wwrlint.wording import quoted
from wwrlint.yamlio.core import BREAKS as _BREAKS

if TYPE_CHECKING:  # the parser is imported where text is parsed, not to word its errors
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

_BOM_UTF8, _BOMS_UTF16 = b"\xef\xbb\xbf", (b"\xff\xfe", b"\xfe\xff")


class YamlProblem(NamedTuple):
    """A problem found while reading YAML: the linter makes it a diagnostic."""

    rule: str  # "yaml-syntax" or "yaml-unsupported"
    message: str
    span: Span


def position_after(text: str) -> tuple[int, int]:
    """The 1-based line and column of the character that follows `text`."""
    breaks = list(_BREAKS.finditer(text))
    start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, len(text) - start + 1


def line_of(text: str, number: int) -> str:
    """Line `number` (1-based) of a text, split where YAML splits lines."""
    lines = _BREAKS.split(text, maxsplit=number)
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _at(text: str, line: int, column: int, message: str) -> YamlProblem:
    return YamlProblem("yaml-syntax", message, Span(line, column, line, column + 1))


def decode(content: bytes) -> tuple[str, YamlProblem | None]:
    """The file's text (UTF-8, or UTF-16 with a byte order mark), or why it has none."""
    if content.startswith(_BOMS_UTF16):
        encoding, body = "utf-16", content
    else:
        encoding, body = "utf-8", content.removeprefix(_BOM_UTF8)
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        line, column = position_after(body[: error.start].decode(encoding, "replace"))
        byte = f"byte 0x{body[error.start]:02x}"
        if encoding == "utf-8" and _looks_like_utf16(body):
            message = _UTF16_WITHOUT_BOM
        elif encoding == "utf-8" and b"\x00" in body[:8192]:
            message = f"the file is binary, not a brief ({byte} is not text)"
        else:
            label = "UTF-8" if encoding == "utf-8" else "UTF-16"
            message = f"the file is not valid {label}: {byte} cannot be decoded; save it as UTF-8"
        return "", _at("", line, column, message)
    if "\x00" in text:  # valid UTF-8 that YAML still cannot hold
        line, column = position_after(text[: text.index("\x00")])
        message = (
            _UTF16_WITHOUT_BOM
            if _looks_like_utf16(body)
            else "the file holds NUL characters: it is binary, not a brief"
        )
        return "", _at(text, line, column, message)
    return text, None


def encode_like(original: bytes, text: str) -> bytes:
    """`text` in the encoding (and byte order mark) of the bytes it was read from."""
    if original.startswith(b"\xff\xfe"):
        return b"\xff\xfe" + text.encode("utf-16-le")
    if original.startswith(b"\xfe\xff"):
        return b"\xfe\xff" + text.encode("utf-16-be")
    bom = _BOM_UTF8 if original.startswith(_BOM_UTF8) else b""
    return bom + text.encode("utf-8")


_UTF16_WITHOUT_BOM = "the file looks like UTF-16 without a byte order mark; save the brief as UTF-8"


def _looks_like_utf16(body: bytes) -> bool:
    sample = body[:200]
    return len(sample) >= 4 and (not any(sample[1::2]) or not any(sample[0::2]))


def syntax_problem(error: MarkedYAMLError | Any, text: str) -> YamlProblem:
    """The parser's complaint, in plain words, at the place it points to (ruamel's error,
    or PyYAML's while loading still composes with it: the same attributes)."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    here = line_of(text, line)[column - 1 :]
    problem = error.problem or "the file is not well-formed YAML"
    if here.startswith("\t") or "tab" in problem:
        message = "a tab character is not allowed here; YAML indents with spaces"
    elif problem == "found undefined alias":
        name = re.match(r"\*?([^\s,\[\]{}]*)", here)
        alias = name.group(1) if name else ""
        message = f"the alias {quoted('*' + alias)} refers to no anchor defined before it"
    elif error.context and error.context.startswith("found duplicate anchor"):
        first = error.context_mark.line + 1 if error.context_mark is not None else line
        name = re.match(r"&?([^\s,\[\]{}]*)", here)
        anchor = name.group(1) if name else ""
        message = f"the anchor {quoted('&' + anchor)} is defined twice (first on line {first})"
    elif problem == "could not find expected ':'" and len(line_of(text, line)) > 1024:
        message = "a key longer than 1024 characters is not allowed in YAML"
    else:
        message = f"{error.context}: {problem}" if error.context else problem
    return _at(text, line, column, message)


def reader_problem(error: YAMLError | Any, text: str, offsets_in_bytes: bool) -> YamlProblem:
    """A character YAML forbids; libyaml counts its offset in UTF-8 bytes."""
    offset = getattr(error, "position", 0) or 0
    before = (
        text.encode("utf-8")[:offset].decode("utf-8", "replace")
        if offsets_in_bytes
        else text[:offset]
    )
    line, column = position_after(before)
    character = text[len(before) : len(before) + 1]
    message = (
        f"character U+{ord(character):04X} is not allowed in YAML"
        if character
        else str(getattr(error, "reason", None) or error)
    )
    return _at(text, line, column, message)
