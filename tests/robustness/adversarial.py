"""Inputs made to find costs that are not linear: each family builds a brief (or a prose
brief, a configuration, a .gitignore) of a given size in bytes from one unit repeated, so
that time and memory can be compared between sizes. tests/robustness/test_linear.py
asserts on them; bench/linear.py prints the figures.

The content is the invented Northwind Desk's (see tests/desk.py): no real source, person or
words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

MB = 1_000_000
SIZES = (1 * MB, 2 * MB, 4 * MB)

HEAD = "id: harbour-fees-2031\ntitle: Harbour fees rise again\ndate: 2031-03-09\n"
SOURCE = "sources:\n  gazette:\n    publisher: Harbour Gazette\n    date: 2031-01-20\n"
BODY = "body:\n  - claim: Fees at the north harbour rose.\n    sources: [gazette]\n"
BRIEF = HEAD + SOURCE + BODY
# The name of the brief each family checks (some families name it themselves).
NAME = "brief.yaml"


@dataclass(frozen=True)
class Input:
    """The files of one input (paths relative to the folder the run starts in), and what
    to run there: the arguments after `wwrlint`."""

    files: dict[str, str]
    args: tuple[str, ...]
    git: bool = False  # the folder is made a git repository first


@dataclass(frozen=True)
class Family:
    """A kind of input, built at any size; `modes` says how it is run (see test_linear)."""

    name: str
    make: Callable[[int], Input]
    modes: tuple[str, ...] = ("check",)


def repeat(size: int, before: str, unit: Callable[[int], str], after: str = "") -> str:
    """`before`, then units 0, 1, 2... until the text is about `size` characters, `after`."""
    parts, length, index = [before], len(before) + len(after), 0
    while length < size:
        piece = unit(index)
        parts.append(piece)
        length += len(piece)
        index += 1
    parts.append(after)
    return "".join(parts)


def brief(text: str, *options: str, name: str = NAME) -> Input:
    return Input({name: text}, ("check", "--no-cache", *options, name))


def uncited_sources(size: int) -> Input:
    def unit(i: int) -> str:
        return f"  gazette-{i:06d}:\n    publisher: Harbour Gazette\n    date: 2031-01-20\n"

    return brief(repeat(size, HEAD + SOURCE, unit, BODY))


def sources_on_one_line(size: int) -> Input:
    # Long enough that 4 MB of them stay below the values a brief may hold (loading.py).
    def unit(i: int) -> str:
        return f", g{i}: {{publisher: Harbour Gazette of the Northern Ports, date: 2031-01-20}}"

    before = "{id: harbour-fees-2031, title: Harbour fees, date: 2031-03-09, sources: {g: {"
    before += "publisher: Harbour Gazette, date: 2031-01-20}"
    return brief(repeat(size, before, unit, "}, body: [{claim: Fees rose., sources: [g]}]}\n"))


def missing_sources(size: int) -> Input:
    def unit(i: int) -> str:
        return (
            "  - claim: Fees at the north harbour rose for the third time this year.\n"
            f"    sources: [gazette-{i:06d}]\n"
        )

    return brief(repeat(size, HEAD + SOURCE + BODY, unit))


def one_text(size: int, unit: Callable[[int], str], start: str = "", end: str = "") -> str:
    """A brief whose one assessment is a text of `size` characters on one line."""
    before = BRIEF + "  - assessment: " + start
    return repeat(size, before, unit, end + "\n")


def doubled_spaces(size: int) -> Input:
    return brief(one_text(size, lambda i: "Fees rose.  ", "Fees ", "rose."))


def apostrophes(size: int) -> Input:
    return brief(one_text(size, lambda i: 'The harbour"s fees rose. ', "", "End."))


def long_word_then_quote(size: int) -> Input:
    """One word as long as the text, then a straight quote standing for an apostrophe."""
    return brief(one_text(size, lambda i: "harbour" * 1000, "", ' harbour"s'))


def spaces_ending_no_line(size: int) -> Input:
    """A quoted text with a line break, then a run of spaces that no line break ends."""
    return brief(one_text(size, lambda i: " " * 1000, '"Fees\\nrose', 'x"'))


def duplicate_keys_on_one_line(size: int) -> Input:
    def unit(i: int) -> str:
        return ", the-same-key-of-the-ledger: the same entry of the ledger"

    return brief(repeat(size, BRIEF + "x-ledger: {a: b", unit, "}\n"))


def suppression_with_spaces(size: int) -> Input:
    return brief(
        repeat(size, BRIEF + "# wwrlint: disable=unused-source", lambda i: " " * 1000, "x\n")
    )


def many_suppressions(size: int) -> Input:
    def unit(i: int) -> str:
        return (
            f"  gazette-{i:06d}:  # wwrlint: disable=unused-source -- kept for the ledger\n"
            "    publisher: Harbour Gazette\n    date: 2031-01-20\n"
        )

    return brief(repeat(size, HEAD + SOURCE, unit, BODY))


def dates_in_words(size: int) -> Input:
    def unit(i: int) -> str:
        return f"  gazette-{i:06d}:\n    publisher: Harbour Gazette\n    date: 20 January 2031\n"

    return brief(repeat(size, HEAD + SOURCE, unit, BODY))


def misspelt_keys(size: int) -> Input:
    def unit(i: int) -> str:
        return f"  gazette-{i:06d}:\n    publsher: Harbour Gazette\n    date: 2031-01-20\n"

    return brief(repeat(size, HEAD + SOURCE, unit, BODY))


LONG_NAME = "a" * 200 + ".yaml"


def glob_of_stars(size: int) -> Input:
    """A per-file-ignores glob of `*a` repeated, against a long name of a's (no b); in
    pyproject.toml, as a YAML key may not be longer than 1024 characters."""
    pattern = repeat(size - 60, "", lambda i: "*a" * 500, "*b")
    config = f'[tool.wwrlint.per-file-ignores]\n"{pattern}" = ["unused-source"]\n'
    files = {"pyproject.toml": config, LONG_NAME: BRIEF}
    return Input(files, ("check", "--no-cache", LONG_NAME))


def glob_of_folders(size: int) -> Input:
    """An exclude glob of `**/` repeated, against a deep path."""
    pattern = repeat(size - 40, "", lambda i: "**/" * 500, "*a*a*a*a*a*a*a*a*a*a*b")
    path = "a/" * 300 + LONG_NAME
    config = f'exclude: ["{pattern}"]\n'
    return Input({".wwrlint.yaml": config, path: BRIEF}, ("check", "--no-cache", path))


def gitignore_of_stars(size: int) -> Input:
    """The same glob as a line of a .gitignore, in a git repository; the brief is found by
    walking its folder, where what git ignores is skipped."""
    pattern = repeat(size, "", lambda i: "*a" * 500, "*b")
    files = {
        ".gitignore": "*a*a*a*a*a*a*a*a*a*a*b\n" + pattern + "\n",
        f"briefs/{LONG_NAME}": BRIEF,
    }
    return Input(files, ("check", "--no-cache", "briefs"), git=True)


# Prose for `wwrlint import`.
PROSE_NAME = "prose.txt"


def prose(text: str) -> Input:
    return Input({PROSE_NAME: text}, ("import", PROSE_NAME))


def according_to(size: int) -> Input:
    """A mention with no date, its words separated by two spaces."""
    return prose(repeat(size, "It was according to ", lambda i: f"Harbour{i % 10}  ", "\n"))


def as_reported(size: int) -> Input:
    return prose(repeat(size, "", lambda i: "As Alpha reported ", "the fees rose.\n"))


def double_space_at_wrap(size: int) -> Input:
    """Paragraphs whose doubled spaces fall at every column, the importer's wrap column
    among them."""

    def unit(i: int) -> str:
        words = " ".join(["fees"] * (i % 23)) + "  rose" + " at the north harbour" * 5
        return words + " (Harbour Gazette, 20 January 2031).\n\n"

    return prose(repeat(size, "", unit))


FAMILIES = (
    Family("sources nothing cites", uncited_sources),
    Family("sources on one line", sources_on_one_line, ("check", "formats")),
    Family("claims citing missing sources", missing_sources),
    Family("doubled spaces in one text", doubled_spaces),
    Family("doubled spaces in one text, fixed", doubled_spaces, ("fix",)),
    Family("apostrophes typed as quotes", apostrophes),
    Family("apostrophes typed as quotes, fixed", apostrophes, ("fix",)),
    Family("a long word, then a quote", long_word_then_quote, ("check", "fix")),
    Family("spaces that end no line", spaces_ending_no_line, ("check", "fix")),
    Family("duplicate keys on one line", duplicate_keys_on_one_line),
    Family("a suppression with a run of spaces", suppression_with_spaces),
    Family("many suppressions", many_suppressions),
    Family("dates written in words", dates_in_words),
    Family("dates written in words, fixed", dates_in_words, ("fix",)),
    Family("misspelt keys", misspelt_keys),
    Family("a glob of stars", glob_of_stars),
    Family("a glob of folders", glob_of_folders),
    Family("a .gitignore of stars", gitignore_of_stars),
    Family("a mention with doubled spaces", according_to, ("import",)),
    Family("'As Alpha reported' repeated", as_reported, ("import",)),
    Family("a doubled space at the wrap column", double_space_at_wrap, ("import",)),
)
