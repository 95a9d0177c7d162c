"""`wwrlint import`: a structured brief draft from prose.

Every cited part of a sentence becomes a claim citing its sources, every other sentence an
assessment, every quotation a quote by the analyst who said it; nothing is dropped and
nothing invented. What cannot be resolved stays visible for `wwrlint check`: a citation
without a full date becomes a source without a date (its words in the source's `note`), a
quotation without a named speaker a quote without an analyst, a draft with no dated source a
`date` that is a TODO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from wwrlint.brief import body_items
from wwrlint.prose.claims import LONGEST
from wwrlint.prose.emit import dump
from wwrlint.prose.paragraphs import Reading, paragraph_items
from wwrlint.prose.registry import Registry, glossed_acronyms
from wwrlint.prose.text import read_prose
from wwrlint.skeleton import slug
from wwrlint.wording import count

UNDATED = "TODO"  # the draft's date when no source gives a day


@dataclass
class Summary:
    """What a draft holds, counted from the draft itself."""

    claims: int = 0
    assessments: int = 0
    quotes: int = 0
    unattributed: int = 0
    sources: int = 0
    undated: int = 0
    repairs: int = 0
    unread: int = 0  # sentences too long to read for citations in their words

    def sentence(self) -> str:
        unread = (
            f"; {count(self.unread, 'sentence')} of more than {LONGEST} words read for "
            "parentheses and notes only"
            if self.unread
            else ""
        )
        return (
            f"imported {count(self.claims, 'claim')}, {count(self.assessments, 'assessment')} "
            f"and {count(self.quotes, 'quote')} ({self.unattributed} without a speaker); "
            f"{count(self.sources, 'source')} ({self.undated} without a date); "
            f"{count(self.repairs, 'apostrophe')} repaired{unread}"
        )


@dataclass
class Draft:
    """The brief's data, what the importer guessed, and a summary."""

    data: dict[str, Any]
    guessed: dict[str, str] = field(default_factory=dict)  # key -> why it is a guess
    summary: Summary = field(default_factory=Summary)


def import_prose(raw: str, name: str, roster: dict[str, Any] | None = None) -> Draft:
    """The draft brief for a prose text. `name` (a file name) gives the brief's id and says
    whether it is Markdown; `roster` holds the archive's analysts, whom the draft names by
    their roster ids instead of defining them again."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    markdown = base.lower().endswith((".md", ".markdown"))
    prose = read_prose(raw, markdown)
    aliases = glossed_acronyms(" ".join(block.text for block in prose.blocks))
    reading = Reading(Registry(roster or {}, aliases), prose.notes)
    body: list[dict[str, Any]] = []
    for block in prose.blocks:
        if block.kind == "heading":
            body.append({"heading": block.text})
            reading.last_quote = None
        elif items := paragraph_items(block.text, block.links, reading):
            body.append({"paragraph": items})
    if not body:
        body.append({"assessment": "The imported text held no sentences."})
    registry = reading.registry
    data: dict[str, Any] = {"id": slug(re.sub(r"\.(txt|md|markdown|text)$", "", base, flags=re.I))}
    draft = Draft(data)
    data["title"] = prose.title or f"Imported from {base}"
    if not prose.title:
        draft.guessed["title"] = "the prose has no title line; write one"
    dates = [s["date"] for s in registry.sources.values() if "date" in s]
    data["date"] = max(dates) if dates else UNDATED
    draft.guessed["date"] = (
        "the latest source's date; set the brief's publication date"
        if dates
        else "no source in the text gives a day; set the brief's publication date"
    )
    if registry.analysts:
        data["analysts"] = registry.analysts
    if registry.sources:
        data["sources"] = registry.sources
    if prose.notes:
        data["notes"] = dict(prose.notes)
    data["body"] = body
    draft.summary = _summary(data, prose.repairs)
    draft.summary.unread = registry.unread
    return draft


def _summary(data: dict[str, Any], repairs: int) -> Summary:
    kinds = [item.kind for item in body_items(data)]
    quotes = [item.data for item in body_items(data) if item.kind == "quote"]
    sources = data.get("sources", {})
    return Summary(
        claims=kinds.count("claim"),
        assessments=kinds.count("assessment"),
        quotes=len(quotes),
        unattributed=sum("analyst" not in quote for quote in quotes),
        sources=len(sources),
        undated=sum("date" not in source for source in sources.values()),
        repairs=repairs,
    )


def draft_text(draft: Draft, source_name: str, schema: str) -> str:
    """The draft as a YAML file: the schema modeline, where it came from, the brief."""
    header = [
        f"yaml-language-server: $schema={schema}",
        "",
        f"Imported by wwrlint from {source_name}. Review it, then run `wwrlint check` on it:",
        "it flags what the import left open (undated sources, quotes without a speaker).",
    ]
    return dump(draft.data, header, draft.guessed)
