"""Counts are worded in correct singular and plural everywhere (each fed 0, 1 and 2), and
text output never hands a terminal what it would act on: control characters, ANSI
escapes and bidirectional controls in names and texts are shown escaped."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from robustness.places import invoke

from conftest import REPO
from desk import LONE, make_desk
from wwrlint.diagnostics import Diagnostic, Span
from wwrlint.reporters import Summary
from wwrlint.runner import _FixCount
from wwrlint.wording import count, printable, quoted


def run(*args: str) -> tuple[int, str, str]:
    result = invoke(list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("noun", "plural"),
    [
        ("brief", "briefs"),
        ("error", "errors"),
        ("warning", "warnings"),
        ("problem", "problems"),
        ("finding", "findings"),
        ("file", "files"),
        ("fix", "fixes"),
        ("day", "days"),
        ("match", "matches"),
        ("claim", "claims"),
    ],
)
def test_count_is_singular_for_one_only(noun: str, plural: str) -> None:
    assert [count(n, noun) for n in (0, 1, 2)] == [f"0 {plural}", f"1 {noun}", f"2 {plural}"]


def test_count_takes_an_irregular_plural() -> None:
    assert count(1, "entry", "entries") == "1 entry"
    assert count(2, "entry", "entries") == "2 entries"


def diagnostic(severity: str) -> Diagnostic:
    return Diagnostic("b.yaml", Span(1, 1, 1, 2), "schema", "WWR100", severity, "m")


def summary(errors: int, warnings: int, briefs: int, with_problems: int) -> Summary:
    found = Summary()
    pending = [diagnostic("error")] * errors + [diagnostic("warning")] * warnings
    for number in range(briefs):
        found.add(pending if number == 0 and number < with_problems else [])
    return found


@pytest.mark.parametrize(
    ("errors", "warnings", "briefs", "sentence"),
    [
        (0, 0, 0, "All checks passed (0 briefs)."),
        (0, 0, 1, "All checks passed (1 brief)."),
        (0, 0, 2, "All checks passed (2 briefs)."),
        (1, 0, 1, "Found 1 error in 1 of 1 brief."),
        (2, 0, 2, "Found 2 errors in 1 of 2 briefs."),
        (0, 1, 1, "Found 1 warning in 1 of 1 brief."),
        (0, 2, 2, "Found 2 warnings in 1 of 2 briefs."),
        (1, 1, 2, "Found 1 error and 1 warning in 1 of 2 briefs."),
        (2, 2, 1, "Found 2 errors and 2 warnings in 1 of 1 brief."),
    ],
)
def test_the_summary_names_only_what_was_found(
    errors: int, warnings: int, briefs: int, sentence: str
) -> None:
    assert summary(errors, warnings, briefs, 1).sentence() == sentence


@pytest.mark.parametrize(
    ("errors", "unchecked", "sentence"),
    [
        (0, 1, "Found no errors or warnings in 1 brief; 1 problem kept wwrlint from checking "),
        (1, 1, "Found 1 error in 1 brief; 1 problem kept wwrlint from checking "),
        (2, 2, "Found 2 errors in 1 brief; 2 problems kept wwrlint from checking "),
    ],
)
def test_the_summary_of_a_run_that_missed_files(errors: int, unchecked: int, sentence: str) -> None:
    found = summary(errors, 0, 1, 1).sentence(unchecked=unchecked)
    assert found == sentence + "everything."


@pytest.mark.parametrize(
    ("others", "briefs", "sentence"),
    [
        (1, 0, "Found 1 error in 1 file that is not a brief."),
        (1, 1, "Found 1 error in 1 file that is not a brief (1 brief passed)."),
        (2, 2, "Found 2 errors in 2 files that are not briefs (2 briefs passed)."),
    ],
)
def test_the_summary_of_problems_in_the_roster_or_catalogue(
    others: int, briefs: int, sentence: str
) -> None:
    found = Summary()
    for _ in range(others):
        found.add([diagnostic("error")], brief=False)
    for _ in range(briefs):
        found.add([])
    assert found.sentence() == sentence


def test_the_summary_of_problems_in_briefs_and_elsewhere() -> None:
    found = Summary()
    found.add([diagnostic("error")], brief=False)
    found.add([diagnostic("warning")])
    found.add([])
    assert found.sentence() == (
        "Found 1 error and 1 warning in 1 of 2 briefs and 1 file that is not a brief."
    )


@pytest.mark.parametrize(
    ("fixes", "files", "fixed", "would"),
    [
        ((), 0, "Fixed 0 problems in 0 briefs.", "Would fix 0 problems in 0 briefs."),
        ((1,), 1, "Fixed 1 problem in 1 brief.", "Would fix 1 problem in 1 brief."),
        ((1, 1), 2, "Fixed 2 problems in 2 briefs.", "Would fix 2 problems in 2 briefs."),
    ],
)
def test_the_fix_sentence(fixes: tuple[int, ...], files: int, fixed: str, would: str) -> None:
    tally = _FixCount()
    for number in fixes:
        tally.add(number)
    assert tally.files == files
    assert (tally.sentence(diff=False), tally.sentence(diff=True)) == (fixed, would)


@pytest.mark.parametrize(
    ("findings", "words"), [(0, "0 findings"), (1, "1 finding"), (2, "2 findings")]
)
def test_the_baseline_sentence(findings: int, words: str, tmp_path: Path) -> None:
    path = tmp_path / "harbour.yaml"
    unused = "  unused-{}:\n    publisher: Harbour Gazette\n    date: 2031-01-2{}\n"
    extra = "".join(unused.format(n, n) for n in range(findings))
    path.write_text(LONE.replace("body:\n", extra + "body:\n"))
    baseline = tmp_path / "baseline.json"
    code, _, err = run("check", "--no-cache", "--generate-baseline", str(baseline), str(path))
    assert code == 0
    assert f"wwrlint: wrote {words} to {baseline}\n" in err
    assert len(json.loads(baseline.read_text())["findings"]) == findings


@pytest.mark.parametrize(("fixes", "words"), [(1, "1 fix"), (2, "2 fixes")])
def test_the_read_only_sentence(fixes: int, words: str, tmp_path: Path) -> None:
    path = tmp_path / "harbour.yaml"
    brief = LONE.replace("date: 2031-01-20", "date: 20 January 2031")
    if fixes == 2:
        brief = brief.replace("date: 2031-04-02", "date: 2 April 2031")
    path.write_text(brief)
    path.chmod(0o444)
    code, _, err = run("check", "--fix", "--no-cache", str(path))
    assert code == 2
    assert f"{path}: read-only, not fixed ({words} available)" in err


@pytest.mark.parametrize(("briefs", "words"), [(1, "1 brief"), (2, "2 briefs")])
def test_the_report_sentences(briefs: int, words: str, tmp_path: Path) -> None:
    folder = make_desk(tmp_path, git=False)
    if briefs == 1:
        (folder / "2031" / "earlier.yaml").unlink()
        (folder / "citing.yaml").write_text(LONE)
    page = tmp_path / "report.html"
    code, _, err = run("report", str(folder), "-o", str(page))
    assert code == 0, err
    assert err == f"wwrlint: wrote {page} ({words})\n"
    assert f"<p>{words}. A claim counts as dated" in page.read_text()


@pytest.mark.parametrize(("days", "words"), [(1, "1 day"), (2, "2 days")])
def test_the_source_age_message(days: int, words: str, tmp_path: Path) -> None:
    (tmp_path / ".wwrlint.yaml").write_text(f"max-source-age: {days}\n")
    path = tmp_path / "harbour.yaml"
    path.write_text(LONE)
    code, out, _ = run("check", "--no-cache", "--output-format", "text", str(path))
    assert code == 0
    assert f"(max-source-age is {words})" in out


def test_clean_counts_the_files_it_removed(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "cache.sqlite").write_bytes(b"")
    assert run("clean", "--cache-dir", str(cache))[2] == f"wwrlint: removed {cache} (1 file)\n"
    cache.mkdir()
    (cache / "cache.sqlite").write_bytes(b"")
    (cache / "cache.sqlite-wal").write_bytes(b"")
    assert run("clean", "--cache-dir", str(cache))[2] == f"wwrlint: removed {cache} (2 files)\n"


# Counts written into messages by hand, as in "{n} errors": each must go through count().
HAND_WORDED = re.compile(
    r"\{[^{}]*\} (briefs|errors|warnings|problems|findings|files|fixes|days|claims|sources)\b"
)


def test_no_message_words_a_count_by_hand() -> None:
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in sorted((REPO / "wwrlint").rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if HAND_WORDED.search(line) and path.name != "wording.py"
    ]
    assert found == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, ‘quoted’, café", "plain text, ‘quoted’, café"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("bell\x07 and delete\x7f and C1\x9b", "bell\\x07 and delete\\x7f and C1\\x9b"),
        ("evil\u202etxt.yaml", "evil\\u202etxt.yaml"),
        ("\u2066isolate\u2069 \u200fmark", "\\u2066isolate\\u2069 \\u200fmark"),
        ("line\u2028separator", "line\\u2028separator"),
    ],
)
def test_printable_escapes_what_a_terminal_would_act_on(text: str, shown: str) -> None:
    assert printable(text) == shown
    assert printable(shown) == shown  # escaping twice changes nothing
    assert quoted(text, limit=200) == f"'{shown}'"


def lines_are_safe(output: str) -> None:
    for line in output.splitlines():
        assert "\x1b" not in line
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", line)


@pytest.mark.parametrize("output_format", ["text", "full", "github"])
def test_names_and_texts_from_briefs_are_escaped_in_text_output(
    output_format: str, tmp_path: Path
) -> None:
    # A name that would colour the terminal and a text that would reorder the line.
    name = "harbour\x1b[31m\u202e.yaml"
    path = tmp_path / name
    path.write_text(
        LONE.replace("sources: [gazette-2031-01-20]", "sources: []").replace(
            "Fees at the north harbour", "Fees \u202eat the north harbour"
        )
    )
    code, out, err = run("check", "--no-cache", "--output-format", output_format, str(path))
    assert code == 1
    lines_are_safe(out)
    lines_are_safe(err)
    assert "harbour\\x1b[31m\\u202e.yaml" in out
    assert "Fees \\u202eat the north harbour" in out


@pytest.mark.parametrize(
    ("publisher", "marked"),
    [
        ("\u202eHarbour Gazette", "2031-13-20"),  # invalid-date, after a bidi control
        ("\u202eHarbour \x1b[1mGazette", "\\x1b"),  # yaml-syntax, at the escape itself
    ],
)
def test_the_caret_stays_under_the_column_after_escapes(
    publisher: str, marked: str, tmp_path: Path
) -> None:
    path = tmp_path / "harbour.yaml"
    one_line = f'sources: {{gazette-2031-01-20: {{publisher: "{publisher}", date: 2031-13-20}}}}\n'
    path.write_text(
        LONE.replace(
            "sources:\n  gazette-2031-01-20:\n    publisher: Harbour Gazette\n"
            "    date: 2031-01-20\n",
            one_line,
        )
    )
    code, out, _ = run("check", "--no-cache", "--output-format", "full", str(path))
    assert code == 1
    lines = out.splitlines()
    shown, carets = next(
        (line, below) for line, below in itertools.pairwise(lines) if line.startswith("4 | ")
    )
    lines_are_safe(out)
    column = carets.index("^")
    assert shown[column:].startswith(marked)
    assert carets[column:].strip() == "^" * len(marked)


def test_a_file_name_with_a_newline_stays_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.yaml"
    path.write_text(LONE.replace("sources: [gazette-2031-01-20]", "sources: []"))
    code, out, _ = run("check", "--no-cache", "--output-format", "text", str(path))
    assert code == 1
    assert len(out.splitlines()) == 2  # claim-missing-source and unused-source
    assert all("two\\nlines.yaml:" in line for line in out.splitlines())


def test_an_error_naming_a_file_is_escaped(tmp_path: Path) -> None:
    code, _, err = run("check", "--no-cache", str(tmp_path / "gone\x1b[2J.yaml"))
    assert code == 2
    assert "\x1b" not in err
    assert "gone\\x1b[2J.yaml" in err


def test_a_printable_text_has_nothing_to_escape() -> None:
    # `printable` returns a text that str.isprintable() accepts as it is: that holds only
    # while every character it escapes is one isprintable() rejects.
    from wwrlint.wording import _UNSAFE

    unsafe = [chr(code) for code in range(0x110000) if _UNSAFE.match(chr(code))]
    assert len(unsafe) == 32 + 33 + 1 + 2 + 7 + 4
    assert not any(character.isprintable() for character in unsafe)
