"""Loading: YAML 1.2 core scalars, positions, and every kind of bad input as a diagnostic."""

from __future__ import annotations

import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import VALID, found, messages
from wwrlint.linter import lint
from wwrlint.loading import load


def data(text: str) -> object:
    document = load("x.yaml", text.encode())
    assert document.problems == []
    return document.data


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("no", "no"),
        ("on", "on"),
        ("yes", "yes"),
        ("NO", "NO"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("010", 10),
        ("0o17", 15),
        ("0x1F", 31),
        ("-5", -5),
        ("1e3", 1000.0),
        ("1.5", 1.5),
        (".inf", math.inf),
        ("-.inf", -math.inf),
        ("2021-12-15", "2021-12-15"),
        ("2021-12-15 10:00", "2021-12-15 10:00"),
        ("'2021-12-15'", "2021-12-15"),
        ("!!str 12", "12"),
        ("!!int '12'", 12),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(written: str, value: object) -> None:
    assert data(f"key: {written}\n") == {"key": value}


def test_nan_is_read_as_a_float() -> None:
    result = data("key: .nan\n")
    assert isinstance(result, dict)
    assert math.isnan(result["key"])


def test_keys_are_taken_as_written() -> None:
    assert data("2022: a\ntrue: b\n~: c\n") == {"2022": "a", "true": "b", "~": "c"}


def test_aliases_are_expanded() -> None:
    assert data("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}


def test_utf8_bom_and_utf16_are_read() -> None:
    assert load("x", b"\xef\xbb\xbfa: 1\n").data == {"a": 1}
    assert load("x", "a: é\n".encode("utf-16")).data == {"a": "é"}


def test_columns_count_characters_not_bytes() -> None:
    document = load("x", "é€: [a, bb]\n".encode())
    assert document.locate(("é€", 1)).column == 9


def test_crlf_and_lone_cr_line_ends_count_lines() -> None:
    assert load("x", b"a: 1\r\nb: 2\r\n").locate(("b",)).line == 2
    assert load("x", b"a: 1\rb: 2\r").locate(("b",)).line == 2


BAD_INPUT = [
    # (what, bytes, rule, line, column)
    ("not YAML", b"id: [unclosed\ntitle: x\n", "yaml-syntax", 2, 6),
    ("tab indentation", b"id: x\n\ttitle: y\n", "yaml-syntax", 2, 1),
    ("duplicate key", VALID.encode() + b"id: b\n", "yaml-syntax", 17, 1),
    ("invalid UTF-8", b"id: a\ntitle: caf\xe9\n", "yaml-syntax", 2, 11),
    ("binary file", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "yaml-syntax", 1, 1),
    ("NUL byte in text", b"id: a\x00b\n", "yaml-syntax", 1, 6),
    ("two documents", VALID.encode() + b"---\nid: b\n", "yaml-unsupported", 18, 1),
    (
        "python tag",
        VALID.replace("title: ", "title: !!python/object/apply:os.system ").encode(),
        "yaml-unsupported",
        2,
        8,
    ),
    ("unknown tag", VALID.replace("title: ", "title: !shout ").encode(), "yaml-unsupported", 2, 8),
    ("list as key", VALID.encode() + b"? [a, b]\n: c\n", "yaml-unsupported", 17, 3),
    ("recursive alias", b"id: &a [*a]\n", "yaml-unsupported", 1, 5),
    ("undefined alias", b"id: *nowhere\n", "yaml-syntax", 1, 5),
]


@pytest.mark.parametrize(
    ("content", "rule", "line", "column"),
    [case[1:] for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
def test_bad_input_is_a_diagnostic(content: bytes, rule: str, line: int, column: int) -> None:
    diagnostics = lint("x.yaml", content)
    assert (diagnostics[0].rule, diagnostics[0].span.line, diagnostics[0].span.column) == (
        rule,
        line,
        column,
    )


def test_messages_for_bad_input_are_plain() -> None:
    assert messages("id: a\n\ttitle: y\n") == [
        "a tab character is not allowed here; YAML indents with spaces"
    ]
    assert messages("body:\n\t- claim: x\n") == [
        "a tab character is not allowed here; YAML indents with spaces"
    ]
    assert messages(VALID + "id: b\n") == ["duplicate key 'id' (first given on line 1)"]
    [binary] = lint("x", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff")
    assert binary.message == "the file is binary, not a brief (byte 0x89 is not text)"


def test_duplicate_key_keeps_the_first_value_and_still_checks_the_rest() -> None:
    brief = VALID.replace("    date: 2022-01-03\n", "    date: 2022-01-03\n    date: 2022-09-09\n")
    assert found(brief) == [("yaml-syntax", 12, 5)]


def test_python_tag_is_never_run_and_the_brief_is_still_checked() -> None:
    brief = VALID.replace("title: ", "title: !!python/object/apply:os.system ")
    assert found(brief) == [("yaml-unsupported", 2, 8)]
    assert messages(brief) == [
        "the tag '!!python/object/apply:os.system' is not allowed in a brief; it was "
        "ignored, never run"
    ]


@pytest.mark.parametrize(
    ("content", "line"), [(b"", 1), (b"\n\n", 1), (b"# only a comment\n", 1), (b"---\n", 2)]
)
def test_empty_file_is_one_schema_diagnostic(content: bytes, line: int) -> None:
    [diagnostic] = lint("x.yaml", content)
    assert (diagnostic.rule, diagnostic.span.line, diagnostic.span.column) == ("schema", line, 1)
    assert diagnostic.message == (
        "the file is empty; a brief is a mapping with the keys id, title, date and body"
    )


def test_alias_bomb_is_stopped() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    [diagnostic] = found("\n".join(lines) + "\n")
    assert diagnostic[0] == "yaml-unsupported"


def test_deep_nesting_is_stopped() -> None:
    text = "id: " + "[" * 500 + "]" * 500 + "\n"
    [(rule, line, _)] = found(text)
    assert (rule, line) == ("yaml-unsupported", 1)


# Past libyaml 0.2's limits (more than 1,000 flow levels, 1,000 block levels) the file is a
# syntax error at the collection that goes past them, as it was with PyYAML; libyaml 0.1.7
# (ruamel.yaml.clib) has no limit and its composer recursed in C until the process died.
DEEP = {
    "flow lists": ("[" * 100_000 + "]" * 100_000, "flow", 1, 1001),
    "flow mappings": ("{a: " * 1001 + "}" * 1001, "flow", 1, 4001),
    "block lists, one line": ("- " * 100_000 + "a", "block", 1, 1999),
    "block questions": ("? " * 1000 + "a", "block", 1, 1999),
    "block mappings": ("".join(" " * i + "a:\n" for i in range(1001)), "block", 1000, 1000),
    "lists under keys": (
        "".join(" " * (i // 2 * 2) + ("a:\n" if i % 2 == 0 else "- \n") for i in range(1200)),
        "block",
        1000,
        999,
    ),
    "compact lists of mappings": (
        "".join("  " * i + "- a:\n" for i in range(600)),
        "block",
        500,
        1001,
    ),
}


@pytest.mark.parametrize("case", DEEP)
def test_nesting_past_the_parsers_limit_is_a_syntax_error(case: str) -> None:
    text, kind, line, column = DEEP[case]
    [problem] = load("x.yaml", text.encode()).problems
    assert problem.rule == "yaml-syntax"
    assert problem.message == f"while increasing {kind} level: exceeded maximum nesting depth"
    assert (problem.span.line, problem.span.column) == (line, column)


@pytest.mark.parametrize("depth", [997, 998])
def test_nesting_up_to_the_limit_is_read(depth: int) -> None:
    """Just under the limits the composer builds it (and the brief is too deep to check)."""
    for text in ("[" * 1000 + "]" * 1000, "- " * depth + "a"):
        [problem] = load("x.yaml", text.encode()).problems
        assert problem.rule == "yaml-unsupported"


def test_no_pyyaml_at_run_time(tmp_path: Path) -> None:
    """PyYAML is a test dependency only: checking and fixing a brief never imports it."""
    brief = tmp_path / "brief.yaml"
    brief.write_text('id: x\ntitle: A title with a "straight" quote\n', "utf-8")
    script = (
        "import sys\n"
        "from wwrlint.cli import main\n"
        "try:\n"
        f"    main(['check', '--no-cache', '--fix', {str(brief)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'yaml' not in sys.modules, 'PyYAML imported'\n"
        "assert 'ruamel.yaml' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_only_the_yaml_layer_imports_a_yaml_library() -> None:
    package = Path(__file__).parent.parent / "wwrlint"
    importing = {
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"^\s*(?:import|from) (?:yaml|ruamel)\b", path.read_text("utf-8"), re.M)
    }
    assert importing
    assert all(path.startswith("yamlio/") for path in importing), importing
