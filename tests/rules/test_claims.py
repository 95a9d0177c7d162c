"""claim-missing-source, unknown-source, unused-source: exact diagnostics."""

from conftest import VALID, diagnose, found, messages


def test_valid_brief_has_no_diagnostics() -> None:
    assert found(VALID) == []


def test_claim_without_sources_key() -> None:
    brief = VALID.replace("    sources: [dawn-2022-01-03]\n", "") + (
        "  - claim: Pakistan is fencing off the border.\n    sources: [dawn-2022-01-03]\n"
    )
    assert found(brief) == [("claim-missing-source", 13, 5)]
    assert messages(brief) == [
        "claim 'Border clashes broke out along the…' cites no source; add the ids of the "
        "sources that back it under 'sources', or make it an assessment"
    ]


def test_claim_with_empty_sources_points_at_the_list() -> None:
    brief = VALID.replace("[dawn-2022-01-03]", "[]")
    assert found(brief) == [("unused-source", 9, 3), ("claim-missing-source", 14, 14)]


def test_claim_with_null_sources_is_reported_once_not_also_by_the_schema() -> None:
    brief = VALID.replace("sources: [dawn-2022-01-03]", "sources:")
    assert found(brief) == [("unused-source", 9, 3), ("claim-missing-source", 14, 13)]


def test_claim_inside_a_quote_needs_a_source_too() -> None:
    brief = VALID.replace(
        "  - quote: The risk is deemed manageable.\n",
        "  - quote:\n      - claim: The border was closed.\n",
    )
    assert found(brief) == [("claim-missing-source", 16, 9)]


def test_claim_inside_a_paragraph_needs_a_source() -> None:
    brief = VALID + "  - paragraph:\n      - assessment: Fine.\n      - claim: Not fine.\n"
    assert found(brief) == [("claim-missing-source", 19, 9)]


def test_unknown_source_points_at_the_cited_id_and_suggests() -> None:
    brief = VALID.replace("[dawn-2022-01-03]", "[dawn-2022-01-03, dawn-2022-01-30]")
    assert found(brief) == [("unknown-source", 14, 32)]
    assert messages(brief) == [
        "claim 'Border clashes broke out along the…' cites source 'dawn-2022-01-30', which "
        "the brief does not define under 'sources'; did you mean 'dawn-2022-01-03'?"
    ]


def test_unknown_source_in_block_list() -> None:
    brief = VALID.replace("[dawn-2022-01-03]", "\n      - dawn-2022-01-03\n      - reuters")
    assert found(brief) == [("unknown-source", 16, 9)]


def test_unused_source_is_a_warning_at_the_source_key() -> None:
    brief = VALID.replace(
        "body:", "  lwj-2021-12-15:\n    publisher: Long War Journal\n    date: 2021-12-15\nbody:"
    )
    diagnostics = diagnose(brief)
    assert [(d.rule, d.severity, d.span.line, d.span.column) for d in diagnostics] == [
        ("unused-source", "warning", 12, 3)
    ]
    assert diagnostics[0].message == "source 'lwj-2021-12-15' is defined but no claim cites it"


def test_a_source_cited_only_inside_a_quote_is_used() -> None:
    cited_outside = (
        "  - claim: Border clashes broke out along the Durand line.\n"
        "    sources: [dawn-2022-01-03]\n"
    )
    brief = VALID.replace(cited_outside, "").replace(
        "  - quote: The risk is deemed manageable.\n",
        "  - quote:\n      - claim: The border was closed.\n        sources: [dawn-2022-01-03]\n",
    )
    assert found(brief) == []
