"""Prose as written: a title line, headings, paragraphs, numbered notes, and the repairs the
importer documents (hard line wraps undone, runs of spaces made one, apostrophes typed as
double quotes repaired, Markdown links and emphasis turned into plain text).

Every step is one pass over the text: no pattern here can take more than linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wwrlint.textforms import TYPED_APOSTROPHE

_FOOTNOTE_DEFINITION = re.compile(r"\[\^?(?P<number>\d{1,4})\]:? +(?P<text>\S.*)")
_HEADING = re.compile(r"(?P<marks>#{1,6}) +(?P<text>.*\S)")
_NOTES_HEADING = re.compile(
    r"(?:#{1,6} *)?(?:notes|footnotes|endnotes|references|sources) *:?", re.I
)
_LINK = re.compile(r"\[(?P<text>[^\[\]\n]{1,300})\]\((?P<url>https?://[^\s()<>]{1,2000})\)")
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|\*|__|_)(?=\S)(?P<text>[^*_\n]{1,500}?)(?<=\S)\1(?![\w*])")
_SPACES = re.compile(r"[ \t\u00a0]+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’')\]]$")


@dataclass(frozen=True)
class Link:
    """A Markdown link in a paragraph: where its text stands, and where it points."""

    start: int
    end: int
    url: str


@dataclass
class Block:
    kind: str  # "heading" or "paragraph"
    text: str
    links: list[Link] = field(default_factory=list)


@dataclass
class Prose:
    """A prose document split into its parts."""

    title: str | None = None
    blocks: list[Block] = field(default_factory=list)
    # Numbered notes ("[1] ACLED, 2 February 2021") by number, in the order they are defined.
    notes: dict[str, str] = field(default_factory=dict)
    repairs: int = 0


def read_prose(raw: str, markdown: bool = False) -> Prose:
    """The document's parts, repaired. Markdown headings become headings (the first level-one
    heading, or a short first line standing alone, is the title); note definitions in `[1] ...`
    or `[^1]: ...` form become notes; `markdown` also drops emphasis marks."""
    prose = Prose()
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    chunks = _chunks(raw.split("\n"))
    lines = [(number, line) for number, chunk in enumerate(chunks) for line in chunk]
    paragraph: list[str] = []
    in_note = False  # the line before defined a note, or continued one
    for index, (number, line) in enumerate(lines):
        if index and lines[index - 1][0] != number:
            _flush(prose, paragraph, markdown)
            paragraph = []
            in_note = False
        if (note := _FOOTNOTE_DEFINITION.fullmatch(line)) is not None:
            _flush(prose, paragraph, markdown)
            paragraph = []
            prose.notes[note["number"]] = note["text"].strip()
            in_note = True
            continue
        if in_note:
            last = next(reversed(prose.notes))
            prose.notes[last] += " " + line  # a note that wraps onto a second line
            continue
        if _NOTES_HEADING.fullmatch(line) and not paragraph and _notes_follow(lines, index):
            continue  # the notes' own heading: render writes it again
        if (heading := _HEADING.fullmatch(line)) is not None:
            _flush(prose, paragraph, markdown)
            paragraph = []
            text = _plain(heading["text"].rstrip("# "), markdown)[0]
            if heading["marks"] == "#" and prose.title is None and not prose.blocks:
                prose.title = text
            else:
                prose.blocks.append(Block("heading", text))
        else:
            paragraph.append(line)
    _flush(prose, paragraph, markdown)
    _take_title(prose, chunks)
    for block in prose.blocks:
        block.text, count = TYPED_APOSTROPHE.subn("'", block.text)
        prose.repairs += count
    return prose


def _chunks(lines: list[str]) -> list[list[str]]:
    """Paragraphs as lists of stripped lines: blank lines separate them, and so does every
    line break in a text written one paragraph a line (most of its lines end a sentence)."""
    chunks: list[list[str]] = [[]]
    for line in lines:
        line = line.strip()
        if line:
            chunks[-1].append(line)
        elif chunks[-1]:
            chunks.append([])
    chunks = [chunk for chunk in chunks if chunk]
    if len(chunks) == 1 and _one_paragraph_a_line(chunks[0]):
        return [[line] for line in chunks[0]]
    return chunks


def _one_paragraph_a_line(lines: list[str]) -> bool:
    ends = [bool(_ENDS_SENTENCE.search(line)) for line in lines[1:-1]]
    return len(lines) >= 3 and sum(ends) >= 0.7 * len(ends)


def _is_note(line: str) -> bool:
    return _FOOTNOTE_DEFINITION.fullmatch(line) is not None


def _notes_follow(lines: list[tuple[int, str]], index: int) -> bool:
    """Whether the line after a "Notes" heading defines a note."""
    return index + 1 < len(lines) and _is_note(lines[index + 1][1])


def _flush(prose: Prose, lines: list[str], markdown: bool) -> None:
    if not lines:
        return
    # A hard wrap inside a word ("take-\nover") keeps the hyphen and joins directly.
    text = ""
    for line in lines:
        joined_word = text.endswith("-") and not text.endswith(" -")
        text += line if joined_word else (" " if text else "") + line
    plain, links = _plain(text, markdown)
    prose.blocks.append(Block("paragraph", plain, links))


def _plain(text: str, markdown: bool) -> tuple[str, list[Link]]:
    """One space for every run of spaces; emphasis marks dropped (Markdown only); Markdown
    links turned into their text, with where each stood."""
    text = _SPACES.sub(" ", text).strip()
    if markdown:
        text = _EMPHASIS.sub(lambda match: match["text"], text)
    links: list[Link] = []
    out: list[str] = []
    position = length = 0
    for match in _LINK.finditer(text):
        out.append(text[position : match.start()])
        length += match.start() - position
        links.append(Link(length, length + len(match["text"]), match["url"]))
        out.append(match["text"])
        length += len(match["text"])
        position = match.end()
    out.append(text[position:])
    return "".join(out), links


def _take_title(prose: Prose, chunks: list[list[str]]) -> None:
    """A short first line standing alone, not ending like a sentence, is the title."""
    if prose.title is not None or len(prose.blocks) < 2 or len(chunks[0]) != 1:
        return
    first = prose.blocks[0]
    words = first.text.split()
    if first.kind == "paragraph" and 2 <= len(words) <= 25 and not _ends_like_sentence(first.text):
        prose.title = first.text
        del prose.blocks[0]


def _ends_like_sentence(text: str) -> bool:
    """Whether a line reads as a sentence, not a headline: it ends like one, holds the end
    of one, or closes with a parenthesis (a citation)."""
    stripped = text.rstrip("\"”’']")
    return stripped.endswith((".", ":", ";", ",", ")")) or ". " in text
