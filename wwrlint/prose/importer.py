"""`wwrlint import`: a structured brief draft from prose.

Every cited sentence becomes a claim citing its sources, every other sentence an
assessment, every attributed quotation a quote by an analyst. What cannot be resolved stays
visible for `wwrlint check`: a citation without a day becomes a source without a date, a
quotation without a speaker a quote without an analyst.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from wwrlint.prose.citations import Citation, cite
from wwrlint.prose.emit import dump
from wwrlint.prose.quotes import Quotation, Speaker, find_quotations, speaker_after, speaker_before
from wwrlint.prose.text import Prose, read_prose, split_sentences
from wwrlint.skeleton import slug
from wwrlint.wording import count

# Publishers that are this desk's own earlier briefs.
OWN_PUBLISHERS = {"wwr", "world watch research"}
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’')\]]*\s*$")


@dataclass
class Summary:
    claims: int = 0
    assessments: int = 0
    quotes: int = 0
    unattributed: int = 0
    sources: int = 0
    undated: int = 0
    repairs: int = 0

    def sentence(self) -> str:
        return (
            f"imported {count(self.claims, 'claim')}, {count(self.assessments, 'assessment')} "
            f"and {count(self.quotes, 'quote')} ({self.unattributed} without a speaker); "
            f"{count(self.sources, 'source')} ({self.undated} without a date); "
            f"{count(self.repairs, 'apostrophe')} repaired"
        )


@dataclass
class Draft:
    """The brief's data, what the importer guessed, and a summary."""

    data: dict[str, Any]
    guessed: dict[str, str] = field(default_factory=dict)  # key -> why it is a guess
    summary: Summary = field(default_factory=Summary)


class _Importer:
    def __init__(self, prose: Prose) -> None:
        self.prose = prose
        self.sources: dict[str, dict[str, Any]] = {}
        self.source_keys: dict[tuple[str, str, str | None], str] = {}
        self.analysts: dict[str, dict[str, Any]] = {}
        self.summary = Summary(repairs=prose.repairs)

    # --- sources and analysts ----------------------------------------------------------

    def source_id(self, citation: Citation) -> str:
        when = citation.date.date.isoformat() if citation.date and citation.date.date else None
        written = citation.date.text if citation.date else "undated"
        key = (citation.publisher.lower(), when or written, citation.title)
        if key in self.source_keys:
            return self.source_keys[key]
        base = f"{slug(citation.publisher)}-{when or slug(written)}"
        source_id, number = base, 1
        while source_id in self.sources:
            number += 1
            source_id = f"{base}-{number}"
        source: dict[str, Any] = {"publisher": citation.publisher}
        if when:
            source["date"] = when
        else:
            self.summary.undated += 1
            source["note"] = (
                f"cited as '{written}', which is not a day: find the publication date"
                if citation.date
                else "cited without a date: find the publication date"
            )
        if citation.publisher.lower() in OWN_PUBLISHERS:
            source["type"] = "brief"
        if citation.title:
            source["title"] = citation.title
        if citation.url:
            source["url"] = citation.url
        self.sources[source_id] = source
        self.source_keys[key] = source_id
        self.summary.sources += 1
        return source_id

    def analyst_id(self, speaker: Speaker) -> str:
        surname = speaker.name.split()[-1].lower()
        for analyst_id, analyst in self.analysts.items():
            known = analyst["name"].lower()
            if known == speaker.name.lower() or (
                " " not in speaker.name and known.split()[-1] == surname
            ):
                if speaker.role and "role" not in analyst:
                    analyst["role"] = speaker.role
                return analyst_id
        analyst_id = slug(speaker.name)
        self.analysts[analyst_id] = {"name": speaker.name}
        if speaker.role:
            self.analysts[analyst_id]["role"] = speaker.role
        return analyst_id

    # --- body ------------------------------------------------------------------------------

    def sentence_items(self, sentences: list[str]) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for sentence in sentences:
            text, citations = cite(sentence, self.prose.notes)
            if not text:
                continue
            if citations:
                ids = list(dict.fromkeys(self.source_id(c) for c in citations))
                items.append({"claim": text, "sources": ids})
                self.summary.claims += 1
            else:
                items.append({"assessment": text})
                self.summary.assessments += 1
        return items

    def quote_item(self, quotation: Quotation, speaker: Speaker | None) -> dict[str, Any]:
        # '"Churches have closed," says ...': the comma belongs to the attribution.
        quoted = re.sub(r",$", ".", quotation.words)
        words = self.sentence_items(split_sentences(quoted))
        self.summary.quotes += 1
        if all("assessment" in item for item in words):
            item: dict[str, Any] = {"quote": " ".join(i["assessment"] for i in words)}
        else:
            item = {"quote": words}
        if speaker is not None:
            item["analyst"] = self.analyst_id(speaker)
        else:
            self.summary.unattributed += 1
        return item

    def paragraph_items(self, text: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        position = 0
        for quotation in find_quotations(text):
            if quotation.start < position:
                continue
            prefix = text[position : quotation.start]
            sentences = split_sentences(prefix)
            ended = not prefix.strip() or bool(_ENDS_SENTENCE.search(prefix))
            lead = "" if ended else (sentences.pop() if sentences else "")
            speaker = speaker_before(lead) if lead else None
            if speaker is not None:
                items += self.sentence_items(sentences)
                items.append(self.quote_item(quotation, speaker))
                position = quotation.end
                continue
            if lead or not _is_sentences(quotation.words):
                continue  # a quotation inside a sentence stays part of that sentence
            after = speaker_after(text[quotation.end :])
            items += self.sentence_items(sentences)
            items.append(self.quote_item(quotation, after[0] if after else None))
            position = quotation.end + (after[1] if after else 0)
        items += self.sentence_items(split_sentences(text[position:]))
        return items


def _is_sentences(words: str) -> bool:
    """Whether quoted words are whole sentences, not a phrase inside a sentence."""
    return bool(words) and words[0].isupper() and bool(re.search(r"[.!?,]$", words))


def draft_text(draft: Draft, source_name: str, schema: str) -> str:
    """The draft as a YAML file: the schema modeline, where it came from, the brief."""
    header = [
        f"yaml-language-server: $schema={schema}",
        "",
        f"Imported by wwrlint from {source_name}. Review it, then run `wwrlint check` on it:",
        "it flags what the import left open (undated sources, quotes without a speaker).",
    ]
    return dump(draft.data, header, draft.guessed)


def import_prose(raw: str, name: str, today: datetime.date | None = None) -> Draft:
    """The draft brief for a prose text; `name` (a file name) gives the brief's id."""
    prose = read_prose(raw)
    importer = _Importer(prose)
    body: list[dict[str, Any]] = []
    for kind, text in prose.blocks:
        if kind == "heading":
            body.append({"heading": text})
        elif items := importer.paragraph_items(text):
            body.append({"paragraph": items})
    if not body:
        body.append({"assessment": "The imported text held no sentences."})
    draft = Draft({}, summary=importer.summary)
    dates = [s["date"] for s in importer.sources.values() if "date" in s]
    stem = re.sub(r"\.(txt|md|markdown)$", "", name.rsplit("/", 1)[-1], flags=re.I)
    draft.data["id"] = slug(stem)
    draft.data["title"] = prose.title or f"Imported from {name.rsplit('/', 1)[-1]}"
    if not prose.title:
        draft.guessed["title"] = "the prose has no title; write one"
    draft.data["date"] = max(dates) if dates else (today or datetime.date.today()).isoformat()
    draft.guessed["date"] = (
        "the latest source's date; set the brief's publication date"
        if dates
        else "today; set the brief's publication date"
    )
    if importer.analysts:
        draft.data["analysts"] = importer.analysts
    if importer.sources:
        draft.data["sources"] = importer.sources
    draft.data["body"] = body
    return draft
