"""Configuration globs: the matcher that cannot backtrack says what the regular expressions
it replaced said, for every pattern and path. (That patterns which made those backtrack for
tens of seconds now take time linear in the input: robustness/test_linear.py.)"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from wwrlint.globs import ANY, FOLDERS, glob_matches, tokens


def reference(pattern: str) -> re.Pattern[str]:
    """How wwrlint matched globs before: a regular expression (which backtracks). Kept
    here as the definition the matcher must agree with."""
    anchored = "/" in pattern.rstrip("/")
    parts = []
    index = 0
    text = pattern.strip("/")
    while index < len(text):
        if text.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif text.startswith("**", index):
            parts.append(".*")
            index += 2
        elif text[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif text[index] == "?":
            parts.append("[^/]")
            index += 1
        else:
            parts.append(re.escape(text[index]))
            index += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"{prefix}{''.join(parts)}(?:/.*)?")


patterns = st.text(alphabet="ab/*?.", max_size=10)
paths = st.text(alphabet="ab/.", max_size=12)


@settings(max_examples=3000, deadline=None)
@given(patterns, paths)
@example("**/**/a", "b/a")
@example("*/**", "a")
@example("a/**/", "a/")
@example("**/*", "a/b")
@example("*a**/b", "xa/y/b")
def test_the_matcher_agrees_with_the_regular_expressions(pattern: str, path: str) -> None:
    assert glob_matches(pattern, path) == (reference(pattern).fullmatch(path) is not None)


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("briefs/2015/**", "briefs/2015/a.yaml", True),
        ("briefs/2015/**", "briefs/2016/a.yaml", False),
        ("**/bad.yaml", "briefs/deep/er/bad.yaml", True),
        ("**/bad.yaml", "bad.yaml", True),
        ("drafts", "briefs/drafts/wip.yaml", True),  # no slash: a name at any depth
        ("drafts", "briefs/drafts-old/wip.yaml", False),
        ("/drafts", "briefs/drafts/wip.yaml", False),  # a leading slash anchors it
        ("*.yaml", "briefs/a.yaml", True),
        ("briefs/*.yaml", "briefs/2015/a.yaml", False),  # `*` stays within a folder name
        ("briefs/?.yaml", "briefs/a.yaml", True),
        ("briefs/?.yaml", "briefs/ab.yaml", False),
        ("briefs/**.yaml", "briefs/2015/a.yaml", True),
        ("briefs/", "briefs/a.yaml", True),
    ],
)
def test_what_the_readme_promises(pattern: str, path: str, matches: bool) -> None:
    assert glob_matches(pattern, path) is matches


def test_runs_of_wildcards_collapse() -> None:
    assert tokens("a/" + "**/" * 10 + "b") == ("a", "/", FOLDERS, "b")
    assert tokens("*" * 9 + "/x") == (ANY, "/", "x")  # `**` then `**`... is anything at all
