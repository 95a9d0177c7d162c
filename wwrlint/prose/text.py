"""Prose as written: paragraphs, hard line wraps, apostrophes typed as quotes, sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wwrlint.rules.typography import APOSTROPHE

_FOOTNOTE_DEFINITION = re.compile(r"^\s*\[\^?(?P<number>\d+)\]:?\s+(?P<text>\S.*)$")
_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_NOTES_HEADING = re.compile(r"^(?:#{1,6}\s*)?(?:notes|footnotes|references|sources)\s*:?\s*$", re.I)

# Words that end with a period without ending a sentence.
ABBREVIATIONS = {
    "e.g",
    "i.e",
    "etc",
    "cf",
    "vs",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "no",
    "gen",
    "col",
    "lt",
    "capt",
    "rev",
    "sen",
    "rep",
    "gov",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "approx",
    "fig",
    "vol",
    "pp",
    "p",
    "ed",
    "eds",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "al",
}


@dataclass
class Prose:
    """A prose document split into its parts."""

    title: str | None = None
    # Each block is ("heading", text) or ("paragraph", text), in order.
    blocks: list[tuple[str, str]] = field(default_factory=list)
    # Numbered notes ("[1] ACLED, 2 February 2021") by number.
    notes: dict[str, str] = field(default_factory=dict)
    repairs: int = 0


def read_prose(raw: str) -> Prose:
    """Paragraphs with hard line wraps undone and typed-quote apostrophes repaired.

    Markdown headings become headings (the first level-one heading is the title); numbered
    note definitions, in `[1] ...` or Markdown `[^1]: ...` form, become notes."""
    prose = Prose()
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    for chunk in re.split(r"\n\s*\n", raw):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        paragraph: list[str] = []
        for line in lines:
            if (note := _FOOTNOTE_DEFINITION.match(line)) is not None:
                prose.notes[note["number"]] = note["text"].strip()
            elif _NOTES_HEADING.match(line) and not paragraph:
                continue
            elif (heading := _HEADING.match(line)) is not None:
                _flush(prose, paragraph)
                paragraph = []
                if heading["marks"] == "#" and prose.title is None and not prose.blocks:
                    prose.title = heading["text"]
                else:
                    prose.blocks.append(("heading", heading["text"]))
            elif prose.notes and not paragraph and _FOOTNOTE_DEFINITION.match(f"[0] {line}"):
                last = max(prose.notes, key=int)
                prose.notes[last] += " " + line  # a note that wraps onto a second line
            else:
                paragraph.append(line)
        _flush(prose, paragraph)
    for index, (kind, text) in enumerate(prose.blocks):
        repaired, count = APOSTROPHE.subn("'", text)
        prose.blocks[index] = (kind, repaired)
        prose.repairs += count
    return prose


def _flush(prose: Prose, lines: list[str]) -> None:
    if lines:
        # A hard wrap inside a word ("take-\nover") keeps the hyphen and joins directly.
        text = ""
        for line in lines:
            joined_word = text.endswith("-") and not text.endswith(" -")
            text += line if joined_word else (" " if text else "") + line
        prose.blocks.append(("paragraph", text))


# A sentence ends at . ! or ?, after any closing marks and note numbers ("killed.[1]").
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?:\[\^?\d+\])*(?=\s+[\"“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, not split after abbreviations, initials or inside brackets."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        before = text[start : match.start()]
        word = re.search(r"([A-Za-z.]+)$", before)
        last = word.group(1) if word else ""
        if match.group(0).startswith(".") and (
            last.lower().rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[A-Z]", last)
        ):
            continue
        if _depth(text[start:end]) > 0:
            continue
        sentences.append(text[start:end].strip())
        start = end
    if text[start:].strip():
        sentences.append(text[start:].strip())
    return sentences


def _depth(text: str) -> int:
    """How many brackets are still open at the end of `text`."""
    return text.count("(") - text.count(")") + text.count("[") - text.count("]")
