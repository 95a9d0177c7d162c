"""Schema violations: placed on the offending node, worded in the brief's language."""

from __future__ import annotations

import json

import pytest

from conftest import VALID, diagnose, found, messages


def schema_only(text: str) -> list[tuple[int, int, str]]:
    return [(d.span.line, d.span.column, d.message) for d in diagnose(text) if d.rule == "schema"]


def test_unknown_key_with_a_typo_is_one_diagnostic_at_the_key() -> None:
    brief = VALID.replace("    publisher: Dawn", "    pubisher: Dawn")
    assert schema_only(brief) == [
        (10, 5, "unknown key 'pubisher' in source 'dawn-2022-01-03'; did you mean 'publisher'?")
    ]


def test_unknown_top_level_key_mentions_extension_keys() -> None:
    assert schema_only(VALID + "country: Pakistan\n") == [
        (
            17,
            1,
            "unknown key 'country' in the brief; keys starting with 'x-' are free for a "
            "desk's own data",
        )
    ]
    assert found(VALID + "x-country: Pakistan\n") == []


def test_missing_required_key_points_at_the_entry() -> None:
    brief = VALID.replace("    publisher: Dawn\n", "")
    assert schema_only(brief) == [(9, 3, "source 'dawn-2022-01-03' has no 'publisher'")]


def test_missing_title_points_at_the_top() -> None:
    brief = "# a comment\n" + VALID.replace(
        "title: Pakistan's border with Taliban-ruled Afghanistan\n", ""
    )
    assert schema_only(brief) == [(2, 1, "the brief has no 'title'")]


def test_wrong_type_says_what_was_expected_and_found() -> None:
    brief = VALID.replace("title: Pakistan's border with Taliban-ruled Afghanistan", "title: 2022")
    assert schema_only(brief) == [(2, 8, "the brief's title must be text, not the number 2022")]


def test_sources_written_as_text_suggests_a_list() -> None:
    brief = VALID.replace("sources: [dawn-2022-01-03]", "sources: dawn-2022-01-03")
    assert schema_only(brief) == [
        (
            14,
            14,
            "the sources of claim 'Border clashes broke out along the…' must be a list, "
            "not text; write [dawn-2022-01-03]",
        )
    ]


def test_invalid_ids() -> None:
    brief = VALID.replace("dawn-2022-01-03:", "Dawn 2022:").replace(
        "[dawn-2022-01-03]", "['Dawn 2022']"
    )
    assert schema_only(brief) == [
        (
            9,
            3,
            "'Dawn 2022' is not a valid source id: use lowercase letters and digits, joined "
            "by single hyphens, dots or underscores (e.g. 'dawn-2022-01-03')",
        ),
        (
            14,
            15,
            "source reference 1 of claim 'Border clashes broke out along the…' is 'Dawn 2022', "
            "which is not a valid id: use lowercase letters and digits, joined by single "
            "hyphens, dots or underscores (e.g. 'dawn-2022-01-03')",
        ),
    ]


def test_empty_text_is_reported() -> None:
    brief = VALID.replace(
        "  - claim: Border clashes broke out along the Durand line.", '  - claim: " "'
    )
    assert schema_only(brief) == [(13, 12, "the text of claim is empty")]


def test_body_item_with_no_kind_suggests_the_closest() -> None:
    brief = VALID.replace("  - claim: Border", "  - clam: Border")
    assert found(brief) == [("unused-source", 9, 3), ("schema", 13, 5)]
    assert messages(brief)[1] == (
        "body item 1 has 'clam', 'sources' but none of heading, paragraph, claim, assessment "
        "or quote; did you mean 'claim'?"
    )


def test_body_item_mixing_kinds() -> None:
    brief = VALID.replace(
        "  - quote: The risk is deemed manageable.\n",
        "  - quote: The risk is deemed manageable.\n    assessment: And more.\n",
    )
    assert schema_only(brief) == [
        (
            15,
            5,
            "body item 2 mixes assessment and quote; an item is exactly one of heading, "
            "paragraph, claim, assessment or quote",
        )
    ]


def test_one_of_failure_reports_the_meant_branch_only() -> None:
    brief = VALID.replace(
        "    sources: [dawn-2022-01-03]\n", "    sources: [dawn-2022-01-03]\n    source: x\n"
    )
    assert schema_only(brief) == [
        (
            15,
            5,
            # not "did you mean 'sources'?": the claim has one, and renaming the key
            # would give it twice
            "unknown key 'source' in claim 'Border clashes broke out along the…' "
            "('sources' is given too)",
        )
    ]


def test_nested_errors_inside_a_quote_inside_a_paragraph() -> None:
    brief = VALID.replace(
        "  - quote: The risk is deemed manageable.\n    analyst: thomas-muller\n",
        "  - paragraph:\n"
        "      - quote:\n"
        "          - assessment: The risk is deemed manageable.\n"
        "            sources: [dawn-2022-01-03]\n"
        "        analyst: thomas-muller\n",
    )
    assert schema_only(brief) == [
        (
            18,
            13,
            "unknown key 'sources' in assessment 'The risk is deemed manageable.'",
        )
    ]


def test_quote_of_the_wrong_type() -> None:
    brief = VALID.replace("  - quote: The risk is deemed manageable.", "  - quote: 42")
    assert schema_only(brief) == [
        (
            15,
            12,
            "the words of quote must be text or a list, not the number 42",
        )
    ]


def test_body_must_not_be_empty() -> None:
    brief = VALID.split("body:")[0] + "body: []\n"
    found_rules = {rule for rule, _, _ in found(brief)}
    assert "schema" in found_rules
    assert (12, 7, "the brief's body is empty; it needs at least one item") in schema_only(brief)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "- a\n- b\n",
            "a brief must be a mapping with the keys id, title, date and body, not a list",
        ),
        (
            "just text\n",
            "a brief must be a mapping with the keys id, title, date and body, not text",
        ),
    ],
)
def test_top_level_not_a_mapping(content: str, message: str) -> None:
    assert schema_only(content) == [(1, 1, message)]


def test_unknown_source_type_suggests() -> None:
    brief = VALID.replace("    date: 2022-01-03\n", "    date: 2022-01-03\n    type: newz\n")
    assert schema_only(brief) == [
        (
            12,
            11,
            "the type of source 'dawn-2022-01-03' is 'newz', which is not one of: news, report, "
            "analysis, academic, government, ngo, statement, interview, social-media, dataset, "
            "book, brief, other; did you mean 'news'?",
        )
    ]


def test_url_must_be_a_web_address() -> None:
    brief = VALID.replace("    date: 2022-01-03\n", "    date: 2022-01-03\n    url: www.dawn.com\n")
    assert schema_only(brief) == [
        (
            12,
            10,
            "the url of source 'dawn-2022-01-03' is 'www.dawn.com', which is not a web "
            "address starting with http:// or https://",
        )
    ]


def test_claim_citing_the_same_source_twice() -> None:
    brief = VALID.replace("[dawn-2022-01-03]", "[dawn-2022-01-03, dawn-2022-01-03]")
    assert schema_only(brief) == [
        (
            14,
            32,
            "'dawn-2022-01-03' appears twice in the sources of claim 'Border clashes broke "
            "out along the…'",
        )
    ]


@pytest.mark.parametrize("kind", ["brief", "roster", "catalogue"])
def test_every_reference_is_put_in_place(kind: str) -> None:
    """jsonschema, which words the errors, gets each schema with its `$ref`s put in place
    (a recursive or outside reference would make that impossible: this fails first)."""
    from wwrlint.schema import brief_schema
    from wwrlint.validation import INLINED, _inlined

    schema = brief_schema(kind)
    inlined = _inlined({k: v for k, v in schema.items() if k != "$defs"}, schema["$defs"])
    text = json.dumps(inlined)
    assert '"$ref"' not in text
    assert INLINED in text


def test_a_key_like_one_given_beside_it_is_unknown_not_a_misspelling() -> None:
    # 'dat' beside 'date' is not a misspelt 'date' (renaming it would give 'date' twice):
    # the schema says it is unknown without a "did you mean", and invalid-date keeps its
    # finding about the date, where a misspelt key would take the place from it.
    brief = VALID.replace(
        "    date: 2022-01-03\n", "    date: 3 January 2022\n    dat: 2022-01-03\n", 1
    )
    source = "source 'dawn-2022-01-03'"
    assert [(d.rule, d.span.line, d.span.column, d.message) for d in diagnose(brief)] == [
        (
            "invalid-date",
            11,
            11,
            f"the date of {source} is '3 January 2022', which is not an ISO 8601 date; "
            "write it as YYYY-MM-DD",
        ),
        (
            "schema",
            12,
            5,
            f"unknown key 'dat' in {source} ('date' is given too); keys starting with 'x-' "
            "are free for a desk's own data",
        ),
    ]
    # nor is it renamed to 'date' by --fix, which would give the source two dates
    assert [d.fix for d in diagnose(brief) if d.rule == "schema"] == [None]


def test_a_key_more_like_one_given_than_one_missing_is_no_misspelling_of_the_missing_one() -> None:
    # 'dates' is more like 'date', which the brief has, than 'notes', which it has not: no
    # "did you mean 'notes'?", whose rename would make the date the brief's notes.
    brief = VALID.replace("date: 2022-02-07\n", "date: 2022-02-07\ndates: 2022-02-08\n", 1)
    assert brief != VALID
    assert [(d.rule, d.span.line, d.message, d.fix) for d in diagnose(brief)] == [
        (
            "schema",
            4,
            "unknown key 'dates' in the brief ('date' is given too); keys starting with 'x-' "
            "are free for a desk's own data",
            None,
        )
    ]


def test_a_key_like_one_given_and_like_one_missing_is_taken_for_the_missing_one() -> None:
    # 'dote' is as close to 'note', which the source has, as to 'date', which it lacks:
    # it is a misspelt 'date', reported once (not also "has no 'date'").
    brief = VALID.replace("    date: 2022-01-03\n", "    note: seen\n    dote: 2022-01-03\n", 1)
    source = "source 'dawn-2022-01-03'"
    assert schema_only(brief) == [(12, 5, f"unknown key 'dote' in {source}; did you mean 'date'?")]


def test_two_slips_for_one_missing_key_are_not_both_renamed_to_it() -> None:
    # 'dat' and 'dtae', no 'date': both are like it, but renaming both would give the
    # source two dates; the first is the one renamed, and once it is, the other is a key
    # like one given.
    brief = VALID.replace(
        "    date: 2022-01-03\n", "    dat: 2022-01-03\n    dtae: 2022-01-04\n", 1
    )
    source = "source 'dawn-2022-01-03'"
    found_here = [(d.span.line, d.message, d.fix is not None) for d in diagnose(brief)]
    assert [f for f in found_here if "unknown key" in f[1]] == [
        (11, f"unknown key 'dat' in {source}; did you mean 'date'?", True),
        (12, f"unknown key 'dtae' in {source}; did you mean 'date'?", False),
    ]
