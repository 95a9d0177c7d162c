"""Hard cases found in review: each once gave a crash, a duplicate, or a wrong place."""

from __future__ import annotations

import pytest

from conftest import VALID, found, messages
from wwrlint.linter import lint


@pytest.mark.parametrize("value", ["[thomas-muller]", "{thomas-muller: 1}"])
def test_analyst_of_the_wrong_type_is_a_schema_error_not_a_crash(value: str) -> None:
    brief = VALID.replace("analyst: thomas-muller", f"analyst: {value}")
    assert ("schema", 16, 14) in found(brief)
    assert "the analyst of quote 'The risk is deemed manageable.' must be text, not a " in " ".join(
        messages(brief)
    )


def test_a_value_reached_through_an_alias_is_placed_on_the_alias() -> None:
    brief = "x-d: &d 2022-13-01\n" + VALID.replace("date: 2022-01-03", "date: *d")
    assert found(brief) == [("invalid-date", 12, 5)]


def test_a_misspelt_key_is_one_diagnostic() -> None:
    brief = VALID.replace("    sources: [dawn-2022-01-03]", "    source: [dawn-2022-01-03]")
    assert found(brief) == [("unused-source", 9, 3), ("schema", 14, 5)]
    brief = VALID.replace("    date: 2022-01-03", "    data: 2022-01-03")
    assert found(brief) == [("schema", 11, 5)]
    assert messages(brief) == [
        "unknown key 'data' in source 'dawn-2022-01-03'; did you mean 'date'?"
    ]


def test_an_invalid_cited_id_is_one_diagnostic() -> None:
    brief = VALID.replace("[dawn-2022-01-03]", "[Dawn]")
    assert found(brief) == [("unused-source", 9, 3), ("unknown-source", 14, 15)]


def test_citations_are_not_all_unknown_when_sources_is_broken() -> None:
    brief = VALID.replace(
        "sources:\n  dawn-2022-01-03:\n    publisher: Dawn\n    date: 2022-01-03\n",
        "sources: [dawn-2022-01-03]\n",
    )
    assert found(brief) == [("schema", 8, 10)]


def test_control_characters_in_values_stay_on_one_line() -> None:
    brief = VALID.replace("date: 2022-01-03", 'date: "2022-01-03\\nWWR000 fake\\u001b[31m"')
    [message] = messages(brief)
    assert "\n" not in message
    assert "\x1b" not in message
    assert "'2022-01-03\\nWWR000 fake\\x1b[31m'" in message


def test_long_values_are_shortened_in_messages() -> None:
    brief = VALID.replace("date: 2022-01-03", "date: " + "9" * 5000)
    assert [len(message) < 200 for message in messages(brief)] == [True, True]


@pytest.mark.parametrize(
    ("content", "line", "column", "message"),
    [
        (b"\xef\xbb\xbfab\xe9cd: 1\n", 1, 3, "the file is not valid UTF-8: byte 0xe9"),
        (b"a: 1\rb: 2\rc: \xff\r", 3, 4, "the file is not valid UTF-8: byte 0xff"),
        (b"a: 1\rb: 2\rc: \x00\r", 3, 4, "the file holds NUL characters"),
        ("a: 1\n".encode("utf-16-le"), 1, 2, "the file looks like UTF-16 without a byte order"),
        ("a: 1\n".encode("utf-16") + b"A", 2, 1, "the file is not valid UTF-16"),
        (b"body:\n\t- claim: x\n", 2, 1, "a tab character is not allowed here"),
        (b"id: *nowhere\n", 1, 5, "the alias '*nowhere' refers to no anchor defined before it"),
        (b"x-a: &a 1\nx-b: &a 2\n", 2, 6, "the anchor '&a' is defined twice (first on line 1)"),
    ],
)
def test_syntax_problems_are_placed_and_worded(
    content: bytes, line: int, column: int, message: str
) -> None:
    [diagnostic] = lint("x.yaml", content)
    assert diagnostic.rule == "yaml-syntax"
    assert (diagnostic.span.line, diagnostic.span.column) == (line, column)
    assert diagnostic.message.startswith(message)


def test_merge_keys_are_one_unsupported_diagnostic() -> None:
    brief = VALID.replace(
        "  dawn-2022-01-03:\n    publisher: Dawn\n    date: 2022-01-03\n",
        "  dawn-2022-01-03:\n    <<: {publisher: Dawn, date: 2022-01-03}\n",
    )
    assert found(brief) == [
        ("schema", 9, 3),
        ("source-missing-date", 9, 3),
        ("yaml-unsupported", 10, 5),
    ]
    assert messages(brief)[2] == (
        "merge keys ('<<') are not supported in briefs; write the keys out"
    )


@pytest.mark.parametrize("value", ["!!bool yes", "!!null foo", "!!int 1.5"])
def test_explicit_tags_must_fit_their_value(value: str) -> None:
    assert found(VALID + f"x-flag: {value}\n") == [("yaml-unsupported", 17, 9)]


def test_tags_on_keys_are_reported() -> None:
    assert found(VALID + "!!python/name:os.system x-k: 1\n") == [("yaml-unsupported", 17, 1)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("  - claim: Border clashes broke out along the Durand line.", "  - claim:"),
            "the text of claim is empty",
        ),
        (("body:\n", "body: hello\nx-body:\n"), "the brief's body must be a list, not text"),
    ],
)
def test_wording_of_empty_and_misplaced_values(change: tuple[str, str], message: str) -> None:
    assert message in messages(VALID.replace(*change))
