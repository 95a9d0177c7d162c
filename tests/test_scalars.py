"""Characters inside texts: every typography finding points at the offending characters in
each style a text can be written in, and every edit a fix makes reads back as meant, on
the whole YAML test suite and on generated texts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from wwrlint.checking import fix_content
from wwrlint.diagnostics import Change, Diagnostic, Finding, Fix, Pointer, Span
from wwrlint.fixing import apply_fixes, place
from wwrlint.linter import DEFAULT_SETTINGS, lint
from wwrlint.loading import Document, load
from wwrlint.scalars import scalar_map

SUITE = Path(__file__).parent / "data" / "yaml-test-suite"
INVALID = set((SUITE / "ERRORS.txt").read_text("utf-8").split())

# An invented brief of the Northwind Desk; the title is written in each style below.
BRIEF = """\
id: harbour-2031-03
title: {title}
date: 2031-03-09
sources:
  gazette-2031-01-20:
    publisher: Harbour Gazette
    date: 2031-01-20
body:
  - claim: Fees at the north harbour rose for the third time this year.
    sources: [gazette-2031-01-20]
"""


def findings(title: str) -> list[tuple[str, Span, str]]:
    """(rule, span, the source text the span covers) of the title's findings."""
    text = BRIEF.format(title=title)
    lines = text.split("\n")
    found = []
    for d in lint("brief.yaml", text.encode()):
        s = d.span
        if s.line == s.end_line:
            covered = lines[s.line - 1][s.column - 1 : s.end_column - 1]
        else:
            covered = (
                lines[s.line - 1][s.column - 1 :] + "\n" + lines[s.end_line - 1][: s.end_column - 1]
            )
        found.append((d.rule, s, covered))
    return found


@pytest.mark.parametrize(
    ("title", "span", "covered"),
    [
        ('The harbour"s fees', Span(2, 19, 2, 20), '"'),
        ("'The harbour\"s fees'", Span(2, 20, 2, 21), '"'),
        ("'It''s the harbour\"s fees'", Span(2, 26, 2, 27), '"'),
        ('"The harbour\\"s fees"', Span(2, 20, 2, 22), '\\"'),
        ('"A\\ttab, then the harbour\\"s fees"', Span(2, 33, 2, 35), '\\"'),
        ("The fees\n  of the harbour\"s", Span(3, 17, 3, 18), '"'),
        ('>-\n  The fees\n  of the harbour"s', Span(4, 17, 4, 18), '"'),
        ('|-\n  The harbour"s fees', Span(3, 14, 3, 15), '"'),
        ('"The fees\n  of the harbour\\"s"', Span(3, 17, 3, 19), '\\"'),
    ],
    ids=["plain", "single", "single-doubled", "double", "double-escape", "plain-lines",
         "folded", "literal", "double-lines"],
)  # fmt: skip
def test_apostrophe_quote_points_at_the_quote_in_every_style(
    title: str, span: Span, covered: str
) -> None:
    assert findings(title) == [("apostrophe-quote", span, covered)]


@pytest.mark.parametrize(
    ("title", "span"),
    [
        ("Fees rise.  Again", Span(2, 18, 2, 20)),
        ("'Fees rise.  Again'", Span(2, 19, 2, 21)),
        ('"Fees rise.  Again"', Span(2, 19, 2, 21)),
        (">-\n  Fees\n  rise.  Again", Span(4, 8, 4, 10)),
        ("|-\n  Fees rise.   Again", Span(3, 13, 3, 16)),
    ],
    ids=["plain", "single", "double", "folded", "literal"],
)
def test_double_space_points_at_the_first_space_to_the_last(title: str, span: Span) -> None:
    assert [(rule, s) for rule, s, _ in findings(title)] == [("double-space", span)]


def test_line_break_points_at_the_break() -> None:
    assert [(rule, s) for rule, s, _ in findings("|-\n  Fees rise\n  again")] == [
        ("line-break-in-text", Span(3, 12, 4, 3))
    ]
    # An escaped \n in a double-quoted text: the escape itself.
    assert findings('"Fees rise\\nagain"') == [("line-break-in-text", Span(2, 18, 2, 20), "\\n")]


def test_a_text_behind_an_anchor_or_tag_keeps_the_whole_text_and_no_fix() -> None:
    [(rule, span, _)] = findings('!!str The harbour"s fees')
    assert (rule, span) == ("apostrophe-quote", Span(2, 8, 2, 32))
    text = BRIEF.format(title='&t The harbour"s fees')
    [diagnostic] = lint("brief.yaml", text.encode())
    assert diagnostic.fix is None


def leaves(data: Any, pointer: Pointer = ()) -> Iterator[tuple[Pointer, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, (*pointer, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from leaves(value, (*pointer, index))
    elif isinstance(data, str):
        yield pointer, data


def changes_of(value: str) -> Iterator[Change]:
    """Insertions, deletions and replacements at every place of the text's start."""
    size = min(len(value), 24)
    for index in range(size + 1):
        yield Change(index, index, "q")
        if index < size:
            for content in ("w", "", " ", "'\"", "x y", ":", "#", "-", "\\", "”", " :", "# "):
                yield Change(index, index + 1, content)
            yield Change(index, min(index + 2, len(value)), "")


def fixed(document: Document, pointer: Pointer, changes: tuple[Change, ...]) -> Diagnostic | None:
    """A finding at `pointer` with a fix making these changes, placed; None without edits."""
    finding = Finding(pointer, "a change", fix=Fix("change", "safe", changes))
    span, fix = place(document, finding, document.locate(pointer))
    if fix is None:
        return None
    return Diagnostic(document.path, span, "r", "c", "warning", "m", pointer, fix=fix)


def suite_texts() -> Iterator[tuple[str, Document, Pointer, str]]:
    for path in sorted(SUITE.glob("*.yaml")):
        document = load(path.name, path.read_bytes())
        if path.stem in INVALID or not document.readable or document.problems:
            continue
        for pointer, value in leaves(document.data):
            scalar = document.scalar_at(pointer)
            if scalar is not None and scalar.value == value:
                yield path.stem, document, pointer, value


def test_every_edit_of_every_text_of_the_yaml_test_suite_reads_back_as_meant() -> None:
    texts = mapped = edits = 0
    wrong = []
    for case, document, pointer, value in suite_texts():
        texts += 1
        scalar = document.scalar_at(pointer)
        assert scalar is not None
        if scalar_map(document.text, scalar) is None:
            continue
        mapped += 1
        for change in changes_of(value):
            diagnostic = fixed(document, pointer, (change,))
            if diagnostic is None:
                continue  # the style cannot hold it there: no fix is offered
            edits += 1
            if apply_fixes(document, [diagnostic]).failed:
                wrong.append((case, pointer, change))
    assert wrong == []
    # Most texts can be read (the rest have tags, anchors and the like), most edits made.
    assert mapped > 0.85 * texts
    assert edits > 15_000


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
gaps = st.sampled_from([" ", " ", " ", "  ", "   ", "\n", " \n ", "\n\n"])
styles = st.sampled_from([None, "'", '"', "|", ">"])


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.tuples(words, st.booleans(), gaps), min_size=1, max_size=12),
    style=styles,
    width=st.integers(20, 80),
)
def test_typography_findings_and_fixes_in_generated_texts(
    parts: list[tuple[str, bool, str]], style: str | None, width: int
) -> None:
    """A text of words, some with a straight quote for an apostrophe, joined by spaces,
    doubled spaces and line breaks, written by PyYAML in any style at any width: each
    finding covers its characters, every one has a fix, and fixing leaves the words joined
    by single spaces, with apostrophes."""
    text = "".join(word + ('"s' if quote else "") + gap for word, quote, gap in parts).strip()
    title = yaml.dump(text, default_style=style, width=width, allow_unicode=True)
    title = title.removesuffix("\n...\n").rstrip("\n").replace("\n", "\n  ")
    brief = BRIEF.format(title=title)
    document = load("brief.yaml", brief.encode())
    if not isinstance(document.data, dict) or document.data.get("title") != text:
        return  # PyYAML wrote something else (a style it cannot use for this text)
    diagnostics = lint("brief.yaml", brief.encode())
    lines = brief.split("\n")
    for d in diagnostics:
        assert d.fix is not None, d
        covered = lines[d.span.line - 1][d.span.column - 1 :]
        if d.rule == "apostrophe-quote":
            assert covered.startswith(('"', '\\"')), (title, d)
        elif d.rule == "double-space" and d.span.line == d.span.end_line:
            assert covered.startswith((" ", "\\")), (title, d)
    applied = apply_fixes(document, diagnostics)
    assert applied.failed == []
    result = fix_content("brief.yaml", brief.encode(), DEFAULT_SETTINGS)
    expected = " ".join(word + ("'s" if quote else "") for word, quote, _ in parts)
    assert result.document.data["title"].strip() == re.sub(r"\s+", " ", expected).strip()
    assert result.problem is None


def suite_keys() -> Iterator[tuple[str, Document, Pointer]]:
    """Every key of the YAML test suite's documents that reads as a string, by pointer."""
    for path in sorted(SUITE.glob("*.yaml")):
        document = load(path.name, path.read_bytes())
        if path.stem in INVALID or not document.readable or document.problems:
            continue
        for pointer, _ in leaves(document.data):
            for depth in range(1, len(pointer) + 1):
                if isinstance(pointer[depth - 1], str):
                    yield path.stem, document, pointer[:depth]


NEW_WORDS = ("publisher", "2031-01-20", "x", "a-b_c9", "1.5.2", "true", "null", "1e3", "1x")
NEW_OTHERS = ("é", "a b", "a:", "-x", "x,", "#x", "")


def test_a_plain_scalar_written_anew_at_once_gets_the_edit_its_scalar_map_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A plain key renamed, or a plain text written anew as a whole, is made at once
    (`fixing._plain_whole`); wherever it is in the YAML test suite, and whatever it
    becomes, the fix is the one the general way makes."""
    from wwrlint import fixing

    quick = fixing._plain_whole
    taken: list[object] = []

    def counted(*args: Any) -> object:
        edit = quick(*args)
        taken.extend([edit] if edit is not None else [])
        return edit

    def compare(document: Document, finding: Finding, located: Span) -> None:
        monkeypatch.setattr(fixing, "_plain_whole", counted)
        at_once = place(document, finding, located)
        monkeypatch.setattr(fixing, "_plain_whole", lambda *_: None)
        assert at_once == place(document, finding, located), (document.path, finding)

    keys: set[tuple[str, Pointer]] = set()
    for case, document, pointer in suite_keys():
        if (case, pointer) not in keys:
            keys.add((case, pointer))
            located = document.locate(pointer, "key")
            for new in (*NEW_WORDS, *NEW_OTHERS):
                finding = Finding(pointer, "m", anchor="key", stands_for=(*pointer[:-1], new))
                compare(document, finding, located)
    texts = 0
    for _, document, pointer, value in suite_texts():
        texts += 1
        for new in (*NEW_WORDS, *NEW_OTHERS):
            fix = Fix("write anew", "safe", (Change(0, len(value), new),))
            compare(document, Finding(pointer, "m", fix=fix), document.locate(pointer))
    assert len(keys) > 200
    assert texts > 300
    assert len(taken) > 2_000  # the quick way was taken that often
