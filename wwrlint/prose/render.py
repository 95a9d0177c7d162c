"""`wwrlint render`: a structured brief as publishable prose in the WWR citation style,
"(Publisher, 15 December 2021)", as plain text, Markdown or a standalone HTML page.

Where a claim or a quote records how the prose printed it (a citation's place and words, a
quote's attribution and quotation marks, numbered notes), render prints it that way, so that
rendering the import of a prose text gives back that text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from wwrlint.brief import ITEM_KINDS, body_items, kind_of, mapping
from wwrlint.prose.quotes import printed_with_comma
from wwrlint.prose.style import (
    citation_point,
    cite_words,
    date_words,
    default_intro,
)
from wwrlint.textforms import iso_date, long_form

FORMATS = ("text", "markdown", "html")
_NOTE_NUMBER = re.compile(r"\[\^?(\d{1,4})\]")


class _Renderer:
    """Walks a brief once; subclasses say how runs of text, citations and quotes look."""

    def __init__(self, data: dict[str, Any], roster: dict[str, Any] | None = None) -> None:
        self.data = data
        self.sources = mapping(data, "sources")
        self.analysts = {**(roster or {}), **mapping(data, "analysts")}
        self.cited: list[str] = []
        self.notes: dict[str, str] = {}  # note number -> source id, as the claims print them

    # --- what each format decides ------------------------------------------------------

    def escape(self, text: str) -> str:
        return text

    def citation(self, source_id: str) -> str:
        return self.escape(cite_words(self.sources.get(source_id, {}), source_id))

    def printed(self, written: str, source_ids: list[str]) -> str:
        """A citation as the prose printed it."""
        return self.escape(written)

    def quote(self, intro: str, words: str, marks: str) -> str:
        return f"{intro} {marks[0]}{words}{marks[1:]}".lstrip()

    # --- shared ---------------------------------------------------------------------------

    def cited_text(self, item: dict[str, Any]) -> str:
        """A claim with its citation where the prose had it (before the final punctuation,
        unless the claim records another place); sources the claim's own words name are not
        cited again."""
        text = str(item["claim"])
        source_ids = [s for s in item.get("sources") or [] if isinstance(s, str)]
        for source_id in source_ids:
            if source_id not in self.cited:
                self.cited.append(source_id)
        citation = item.get("citation")
        printed = self._printed(text, source_ids, citation if isinstance(citation, dict) else None)
        if not printed:
            return self.escape(text)
        place = citation if isinstance(citation, dict) else {}
        after = place.get("after")
        if isinstance(after, str) and text.startswith(after):
            point = len(after)
        elif place.get("after-stop") is True:
            point = len(text)
        else:
            point = citation_point(text)
        if point == 0:  # a byline: "(by Daniel Uria, UPI) — Militants killed…"
            return printed + " " + self.escape(text)
        space = "" if printed.startswith("[") else " "
        return self.escape(text[:point]) + space + printed + self.escape(text[point:])

    def _printed(self, text: str, source_ids: list[str], citation: dict[str, Any] | None) -> str:
        if citation is None:
            # A brief written by hand: a source its words name with its date ("As Dawn
            # reported on 3 January 2022") is not cited again.
            shown = [
                s
                for s in source_ids
                if not (
                    str(self.sources.get(s, {}).get("publisher", "")) in text
                    and date_words(self.sources.get(s, {}).get("date")) in text
                )
            ]
        else:
            named = citation.get("in-words") or []
            shown = [s for s in source_ids if s not in named]
        written = citation.get("written") if citation else None
        if isinstance(written, str) and written:
            numbers = _NOTE_NUMBER.findall(written)
            for number, source_id in zip(numbers, shown, strict=False):
                self.notes.setdefault(number, source_id)
            return self.printed(written, shown)
        if not shown:
            return ""
        return "(" + "; ".join(self.citation(s) for s in shown) + ")"

    def item(self, item: dict[str, Any]) -> str:
        kind = kind_of(item)
        if kind == "claim":
            return self.cited_text(item)
        if kind == "quote":
            return self.quote_item(item)
        return self.escape(str(item.get(kind or "", "")))

    def quote_item(self, item: dict[str, Any]) -> str:
        words = self.words(item["quote"])
        recorded = item.get("marks")
        marks = recorded if isinstance(recorded, str) and len(recorded) == 2 else '""'
        attribution = item.get("attribution")
        if not isinstance(attribution, dict):
            return self.quote(self.intro(item.get("analyst")), words, marks)
        before, after = (str(attribution.get(k) or "") for k in ("before", "after"))
        words = printed_with_comma(words, attributed_after=bool(after))
        out = self.quote(self.escape(before), words, marks)
        if after:
            out += ("" if after[0] in ".,;:!?" else " ") + self.escape(after)
        return out

    def words(self, quoted: Any) -> str:
        if isinstance(quoted, list):
            return " ".join(self.item(i) for i in quoted if isinstance(i, dict))
        return self.escape(str(quoted))

    def intro(self, analyst_id: Any) -> str:
        analyst = self.analysts.get(analyst_id) if isinstance(analyst_id, str) else None
        return self.escape(default_intro(analyst if isinstance(analyst, dict) else None))

    def blocks(self) -> list[tuple[str, str]]:
        """("heading", text) and ("paragraph", text) in reading order."""
        out: list[tuple[str, str]] = []
        for item in self.data.get("body") or []:
            if not isinstance(item, dict) or kind_of(item) not in ITEM_KINDS:
                continue
            if "heading" in item:
                out.append(("heading", self.escape(str(item["heading"]))))
            elif isinstance(item.get("paragraph"), list):
                parts = [self.item(i) for i in item["paragraph"] if isinstance(i, dict)]
                out.append(("paragraph", " ".join(parts)))
            else:
                out.append(("paragraph", self.item(item)))
        return out

    def note_lines(self) -> list[str]:
        """The numbered notes, as "[1] ACLED, 2 February 2021": as the brief records them,
        else as the claims print them, from their sources."""
        written = mapping(self.data, "notes")
        if written:
            numbered = sorted(
                written.items(), key=lambda kv: int(kv[0]) if str(kv[0]).isdigit() else 0
            )
            return [f"[{number}] {self.escape(str(text))}" for number, text in numbered]
        return [
            f"[{number}] {_note_line(self.sources.get(source_id, {}), self.escape)}"
            for number, source_id in sorted(self.notes.items(), key=lambda kv: int(kv[0]))
        ]

    def source_entries(self) -> list[tuple[str, dict[str, Any]]]:
        listed = self.cited + [s for s in self.sources if s not in self.cited]
        return [(s, self.sources[s]) for s in listed if isinstance(self.sources.get(s), dict)]


class _Text(_Renderer):
    def render(self) -> str:
        lines = [str(self.data.get("title", "")), date_words(self.data.get("date")), ""]
        lines += prose_lines(self)
        lines += ["Sources:"]
        for _, source in self.source_entries():
            lines.append(f"- {_source_line(source, str)}")
        return "\n".join(lines) + "\n"


def prose_lines(renderer: _Renderer) -> list[str]:
    """The body as paragraphs and headings, then its numbered notes, with blank lines."""
    lines: list[str] = []
    for _, text in renderer.blocks():
        lines += [text, ""]
    notes = renderer.note_lines()
    if notes:
        lines += ["Notes", *notes, ""]
    return lines


class _Markdown(_Renderer):
    def escape(self, text: str) -> str:
        return re.sub(r"([\\`*_\[\]<>#])", r"\\\1", text)

    def render(self) -> str:
        blocks = self.blocks()
        lines = [f"# {self.escape(str(self.data.get('title', '')))}", ""]
        lines += [f"*{date_words(self.data.get('date'))}*", ""]
        for kind, text in blocks:
            lines += [f"## {text}" if kind == "heading" else text, ""]
        notes = self.note_lines()
        if notes:
            lines += ["## Notes", "", *(f"- {line}" for line in notes), ""]
        lines += ["## Sources", ""]
        for _, source in self.source_entries():
            lines.append(f"- {_source_line(source, self.escape)}")
        return "\n".join(lines) + "\n"


class _Html(_Renderer):
    def escape(self, text: str) -> str:
        return html.escape(text, quote=True)

    def citation(self, source_id: str) -> str:
        return f'<a href="#source-{self.escape(source_id)}">{super().citation(source_id)}</a>'

    def printed(self, written: str, source_ids: list[str]) -> str:
        target = f' href="#source-{self.escape(source_ids[0])}"' if source_ids else ""
        return f"<a{target}>{self.escape(written)}</a>" if target else self.escape(written)

    def quote(self, intro: str, words: str, marks: str) -> str:
        return f'{intro} <q class="quote">{words}</q>'.lstrip()

    def render(self) -> str:
        title = self.escape(str(self.data.get("title", "")))
        day = iso_date(self.data.get("date"))
        when = f'<time datetime="{day.isoformat()}">{long_form(day)}</time>' if day else "undated"
        quoted = {
            item.data.get("analyst") for item in body_items(self.data) if item.kind == "quote"
        }
        analysts = "; ".join(
            self.escape(", ".join(str(a[k]) for k in ("name", "role") if a.get(k)))
            for analyst_id, a in self.analysts.items()
            if isinstance(a, dict) and analyst_id in quoted
        )
        body = "\n".join(
            f"<h2>{text}</h2>" if kind == "heading" else f"<p>{text}</p>"
            for kind, text in self.blocks()
        )
        notes = self.note_lines()
        if notes:
            body += "\n<h2>Notes</h2>\n" + "\n".join(f"<p>{line}</p>" for line in notes)
        sources = "\n".join(
            f'<li id="source-{self.escape(source_id)}">'
            f"{_source_line(source, self.escape, link=True)}</li>"
            for source_id, source in self.source_entries()
        )
        byline = f' · <span class="analysts">With {analysts}</span>' if analysts else ""
        return _PAGE.format(title=title, when=when, byline=byline, body=body, sources=sources)


def _source_line(source: dict[str, Any], escape: Callable[[str], str], link: bool = False) -> str:
    parts = [escape(str(source.get("publisher", "")))]
    if source.get("title"):
        title = escape(str(source["title"]))
        parts.append(f"<cite>{title}</cite>" if link else title)
    parts.append(date_words(source.get("date")))
    line = ", ".join(parts) + "."
    url = source.get("url")
    if isinstance(url, str) and re.match(r"https?://", url):
        line += f' <a href="{escape(url)}">{escape(url)}</a>' if link else f" {escape(url)}"
    return line


def _note_line(source: dict[str, Any], escape: Callable[[str], str]) -> str:
    """A note as notes print a source: "Reuters, 3 March 2021, “Title”, https://…"."""
    parts = [str(source.get("publisher", "")), date_words(source.get("date"))]
    if source.get("title"):
        parts.append(f"“{source['title']}”")
    if isinstance(source.get("url"), str):
        parts.append(str(source["url"]))
    return escape(", ".join(parts))


# The start of every standalone page wwrlint writes (render --to html, report).
PAGE_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
"""

_PAGE = (
    PAGE_HEAD
    + """<style>
  body {{ margin: 0; background: #f6f5f2; color: #1d1d1f;
         font: 18px/1.6 Georgia, "Times New Roman", serif; }}
  article {{ max-width: 42rem; margin: 3rem auto; padding: 2rem 2.5rem; background: #fff;
            box-shadow: 0 1px 3px rgba(0, 0, 0, .12); }}
  h1 {{ font-size: 2rem; line-height: 1.25; margin: 0 0 .5rem; }}
  .meta {{ color: #5b5b60; font: 15px/1.4 system-ui, sans-serif; margin: 0 0 2rem; }}
  q.quote {{ font-style: italic; }}
  a {{ color: #0b5394; }}
  #sources {{ border-top: 1px solid #ddd; margin-top: 2.5rem; font-size: 15px; }}
  #sources li {{ margin: .3rem 0; }}
</style>
</head>
<body>
<article>
<header>
<h1>{title}</h1>
<p class="meta">{when}{byline}</p>
</header>
{body}
<section id="sources">
<h2>Sources</h2>
<ol>
{sources}
</ol>
</section>
</article>
</body>
</html>
"""
)

_RENDERERS: dict[str, type[_Text] | type[_Markdown] | type[_Html]] = {
    "text": _Text,
    "markdown": _Markdown,
    "html": _Html,
}


def render(data: Any, to: str, roster: dict[str, Any] | None = None) -> str:
    """The brief as prose in one of FORMATS; `roster` holds the archive's analysts."""
    return _RENDERERS[to](data if isinstance(data, dict) else {}, roster).render()


def body_text(data: Any, roster: dict[str, Any] | None = None) -> list[str]:
    """The body's paragraphs as plain text, in reading order (for comparisons)."""
    return [text for _, text in _Text(data if isinstance(data, dict) else {}, roster).blocks()]


def prose_text(data: Any, roster: dict[str, Any] | None = None, title: bool = True) -> str:
    """The brief as the prose it came from: its title (unless not `title`), body and notes,
    in plain text."""
    renderer = _Text(data if isinstance(data, dict) else {}, roster)
    head = [str(renderer.data.get("title", "")), ""] if title else []
    return "\n".join([*head, *prose_lines(renderer)])


__all__ = ["FORMATS", "body_text", "prose_text", "render"]
