"""`wwrlint render`: a structured brief as publishable prose in the WWR citation style,
"(Publisher, 15 December 2021)", as plain text, Markdown or a standalone HTML page."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from wwrlint.brief import ITEM_KINDS, body_items, kind_of, mapping
from wwrlint.prose.dates import long_form
from wwrlint.rules.dates import parse_date

FORMATS = ("text", "markdown", "html")
_FINAL = re.compile(r"(?P<mark>[.!?])(?P<closing>[\"”’')]*)$")


def _date_words(value: Any) -> str:
    day = parse_date(value)
    return long_form(day) if day else "undated"


class _Renderer:
    """Walks a brief once; subclasses say how runs of text, citations and quotes look."""

    def __init__(self, data: dict[str, Any], roster: dict[str, Any] | None = None) -> None:
        self.data = data
        self.sources = mapping(data, "sources")
        self.analysts = {**(roster or {}), **mapping(data, "analysts")}
        self.cited: list[str] = []

    # --- what each format decides ------------------------------------------------------

    def escape(self, text: str) -> str:
        return text

    def citation(self, source_id: str) -> str:
        source = self.sources.get(source_id, {})
        publisher = str(source.get("publisher", source_id))
        return f"{self.escape(publisher)}, {_date_words(source.get('date'))}"

    def quote(self, intro: str, words: str) -> str:
        return f'{intro} "{words}"'

    # --- shared ---------------------------------------------------------------------------

    def cited_text(self, text: str, source_ids: list[str]) -> str:
        """A claim with its citation before its final punctuation; sources the sentence
        already names with their date ("As Dawn reported on 3 January 2022") are not
        repeated."""
        shown = []
        for source_id in source_ids:
            if source_id not in self.cited:
                self.cited.append(source_id)
            source = self.sources.get(source_id, {})
            named = str(source.get("publisher", "")) in text
            if not (named and _date_words(source.get("date")) in text):
                shown.append(self.citation(source_id))
        escaped = self.escape(text)
        if not shown:
            return escaped
        parenthesis = f" ({'; '.join(shown)})"
        final = _FINAL.search(escaped)
        if final is None:
            return escaped + parenthesis
        return escaped[: final.start()] + parenthesis + final.group(0)

    def item(self, item: dict[str, Any]) -> str:
        kind = kind_of(item)
        if kind == "claim":
            ids = [s for s in item.get("sources") or [] if isinstance(s, str)]
            return self.cited_text(str(item["claim"]), ids)
        if kind == "quote":
            return self.quote(self.intro(item.get("analyst")), self.words(item["quote"]))
        return self.escape(str(item.get(kind or "", "")))

    def words(self, quoted: Any) -> str:
        if isinstance(quoted, list):
            return " ".join(self.item(i) for i in quoted if isinstance(i, dict))
        return self.escape(str(quoted))

    def intro(self, analyst_id: Any) -> str:
        analyst = self.analysts.get(analyst_id) if isinstance(analyst_id, str) else None
        if not isinstance(analyst, dict):
            return "An unnamed speaker says:"
        who = " ".join(str(analyst[k]) for k in ("role", "name") if analyst.get(k))
        return self.escape(f"{who} comments:")

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

    def source_entries(self) -> list[tuple[str, dict[str, Any]]]:
        listed = self.cited + [s for s in self.sources if s not in self.cited]
        return [(s, self.sources[s]) for s in listed if isinstance(self.sources.get(s), dict)]


class _Text(_Renderer):
    def render(self) -> str:
        blocks = self.blocks()
        lines = [str(self.data.get("title", "")), _date_words(self.data.get("date")), ""]
        for kind, text in blocks:
            lines += [text.upper() if kind == "heading" else text, ""]
        lines += ["Sources:"]
        for _, source in self.source_entries():
            lines.append(f"- {_source_line(source, str)}")
        return "\n".join(lines) + "\n"


class _Markdown(_Renderer):
    def escape(self, text: str) -> str:
        return re.sub(r"([\\`*_\[\]<>#])", r"\\\1", text)

    def render(self) -> str:
        blocks = self.blocks()
        lines = [f"# {self.escape(str(self.data.get('title', '')))}", ""]
        lines += [f"*{_date_words(self.data.get('date'))}*", ""]
        for kind, text in blocks:
            lines += [f"## {text}" if kind == "heading" else text, ""]
        lines += ["## Sources", ""]
        for _, source in self.source_entries():
            lines.append(f"- {_source_line(source, self.escape)}")
        return "\n".join(lines) + "\n"


class _Html(_Renderer):
    def escape(self, text: str) -> str:
        return html.escape(text, quote=True)

    def citation(self, source_id: str) -> str:
        return f'<a href="#source-{self.escape(source_id)}">{super().citation(source_id)}</a>'

    def quote(self, intro: str, words: str) -> str:
        return f'{intro} <q class="quote">{words}</q>'

    def render(self) -> str:
        title = self.escape(str(self.data.get("title", "")))
        day = parse_date(self.data.get("date"))
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
    parts.append(_date_words(source.get("date")))
    line = ", ".join(parts) + "."
    url = source.get("url")
    if isinstance(url, str) and re.match(r"https?://", url):
        line += f' <a href="{escape(url)}">{escape(url)}</a>' if link else f" {escape(url)}"
    return line


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


__all__ = ["FORMATS", "body_text", "render"]
