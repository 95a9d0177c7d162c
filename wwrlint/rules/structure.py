"""The rules that pipeline stages report: YAML problems while loading, schema violations
while validating, suppression problems while applying suppressions. They are declared here
so that every rule lives in the registry."""

from __future__ import annotations

from wwrlint.rules.base import Fixable, Rule
from wwrlint.rules.examples import CLAIM, DAWN, GOOD, HEAD

YAML_SYNTAX = Rule(
    name="yaml-syntax",
    summary="The file is not well-formed YAML (duplicate keys, tabs and bad encodings included).",
    rationale=(
        "A brief must be read exactly as written before anything else can be checked. YAML "
        "parsers disagree on malformed files, and a duplicate key silently drops one of the "
        "two values, so both are errors. Files must be UTF-8 (or UTF-16 with a byte order "
        "mark) and indented with spaces. Like a syntax error in ruff, this rule cannot be "
        "deselected, ignored, suppressed or downgraded: select, ignore, per-file-ignores, "
        "severity, inline suppression comments and baselines leave it an error, so a file "
        "that is not well-formed YAML never passes."
    ),
    bad=HEAD + DAWN + "    date: 2022-01-04\nbody:\n" + CLAIM,
    good=GOOD,
)

YAML_UNSUPPORTED = Rule(
    name="yaml-unsupported",
    summary="The file uses a YAML feature that briefs do not allow.",
    rationale=(
        "Briefs are plain data: one document of mappings, lists and text. Tags such as "
        "'!!python/object' (never run by wwrlint), several documents in one file, keys that "
        "are lists or mappings, recursive aliases and values nested or repeated beyond "
        "reason are rejected, so that every tool reads a brief the same way."
    ),
    bad=HEAD.replace("title: ", "title: !!python/str ") + DAWN + "body:\n" + CLAIM,
    good=GOOD,
)

SCHEMA = Rule(
    name="schema",
    summary="The brief breaks the brief schema where no more specific rule applies.",
    rationale=(
        "The JSON Schema (`wwrlint schema`) fixes the brief format: the keys a brief, a "
        "source, an analyst and each body item may have, and what their values look like. "
        "Unknown keys are errors, so that typos such as 'pubisher' do not pass unnoticed; "
        "keys starting with 'x-' are free for a desk's own metadata."
    ),
    bad=HEAD + DAWN.replace("publisher", "pubisher") + "body:\n" + CLAIM,
    good=GOOD,
    # Fixes made from where the schema's findings are placed (see fixing.place).
    fix=Fixable("unsafe", False, "renames an unknown key to the known key it is close to"),
)

UNUSED_SUPPRESSION = Rule(
    name="unused-suppression",
    summary="A `# wwrlint: disable=...` comment silences nothing.",
    rationale=(
        "A suppression outlives the problem it silenced: once the brief is fixed, the comment "
        "would hide the next, unrelated problem of the same rule on that line. Remove "
        "suppressions that no longer silence anything."
    ),
    bad=GOOD.replace(
        "Durand line.", "Durand line.  # wwrlint: disable=claim-missing-source -- draft"
    ),
    good=GOOD,
)

INVALID_SUPPRESSION = Rule(
    name="invalid-suppression",
    summary="A `# wwrlint:` comment is malformed, names no rule, or lacks a required reason.",
    rationale=(
        "A suppression must say exactly what it silences: "
        "'# wwrlint: disable=RULE[,RULE] -- reason' on the offending line, or "
        "'# wwrlint: disable-file=RULE[,RULE] -- reason' anywhere in the file. A misspelt "
        "rule would silence nothing while looking as if it did. With "
        "'require-suppression-reason = true' in the config, the reason after ' -- ' is "
        "mandatory."
    ),
    bad=GOOD.replace("Durand line.", "Durand line.  # wwrlint: disable=claim-mising-source"),
    good=GOOD,
)
