"""Score `wwrlint import` against the corpus (corpus/, its manifest written by hand before
the importer ran on it): dated-citation recall, invented sources and analysts, undated
citations kept undated, quotes attributed, and the round trip's word-sequence similarity.

Run it to print the figures the README quotes: `.venv/bin/python tests/prose/score.py`."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from prose.helpers import similarity

from wwrlint.brief import body_items
from wwrlint.prose.importer import import_prose

CORPUS = Path(__file__).parent / "corpus"
MANIFEST: dict[str, dict[str, Any]] = json.loads((CORPUS / "manifest.json").read_text("utf-8"))


@dataclass
class Score:
    """Counts over one text or the whole corpus."""

    dated: int = 0  # dated sources the manifest expects
    dated_found: int = 0  # of them, in the draft with that date
    undated: int = 0
    undated_kept: int = 0  # in the draft, without a date
    invented_sources: list[str] = field(default_factory=list)
    duplicated_sources: list[str] = field(default_factory=list)  # a second name for one source
    named_quotes: int = 0  # quotes the manifest gives a speaker
    attributed: int = 0  # of them, with that speaker in the draft
    unnamed_quotes: int = 0
    unnamed_kept: int = 0  # without an analyst in the draft
    invented_analysts: list[str] = field(default_factory=list)
    similarities: dict[str, float] = field(default_factory=dict)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, int):
                setattr(self, name, mine + value)
            elif isinstance(value, list):
                mine.extend(value)
            else:
                mine.update(value)


def score(name: str) -> Score:
    expected = MANIFEST[name]
    raw = (CORPUS / name).read_text("utf-8")
    data = import_prose(raw, name).data
    found = Score(similarities={name: similarity(raw, name)})
    drafted = [
        (s["publisher"], s.get("date"), s.get("title")) for s in data.get("sources", {}).values()
    ]
    left = list(drafted)
    for source in expected["sources"]:
        wanted = (source["publisher"], source["date"], source.get("title"))
        match = next((d for d in left if _same(d, wanted, "title" in source)), None)
        if source["date"] is None:
            found.undated += 1
            found.undated_kept += match is not None
        else:
            found.dated += 1
            found.dated_found += match is not None
        if match is not None:
            left.remove(match)
    aliases = {a for s in expected["sources"] for a in s.get("aliases", [])}
    for publisher, date, _ in left:
        where = found.duplicated_sources if publisher in aliases else found.invented_sources
        where.append(f"{name}: {publisher} {date or 'undated'}")
    names = {k: v["name"] for k, v in data.get("analysts", {}).items()}
    said = [names.get(i.data.get("analyst"), i.data.get("analyst")) for i in _quotes(data)]
    for index, quote in enumerate(expected.get("quoted", [])):
        got = said[index] if index < len(said) else "(missing)"
        if quote["speaker"] is None:
            found.unnamed_quotes += 1
            found.unnamed_kept += got is None
        else:
            found.named_quotes += 1
            found.attributed += got == quote["speaker"]
    wanted_names = {a["name"] for a in expected["analysts"]}
    found.invented_analysts += [f"{name}: {n}" for n in names.values() if n not in wanted_names]
    return found


def _same(drafted: tuple[Any, ...], wanted: tuple[Any, ...], titled: bool) -> bool:
    return drafted[:2] == wanted[:2] and (not titled or drafted[2] == wanted[2])


def _quotes(data: Any) -> list[Any]:
    return [item for item in body_items(data) if item.kind == "quote"]


def corpus_score() -> Score:
    total = Score()
    for name in MANIFEST:
        total.add(score(name))
    return total


def report(total: Score) -> str:
    def share(part: int, whole: int) -> str:
        return f"{part}/{whole} ({100 * part / whole:.1f} %)" if whole else "none"

    worst = min(total.similarities.items(), key=lambda kv: kv[1])
    lines = [
        f"texts: {len(MANIFEST)}",
        f"dated citations found with their date: {share(total.dated_found, total.dated)}",
        f"undated citations kept undated: {share(total.undated_kept, total.undated)}",
        f"invented sources: {len(total.invented_sources)} {total.invented_sources or ''}",
        f"sources under a second name: {len(total.duplicated_sources)} "
        f"{total.duplicated_sources or ''}",
        f"quotes attributed to their speaker: {share(total.attributed, total.named_quotes)}",
        f"quotes without a named speaker left without an analyst: "
        f"{share(total.unnamed_kept, total.unnamed_quotes)}",
        f"invented analysts: {len(total.invented_analysts)} {total.invented_analysts or ''}",
        f"round trip, word-sequence similarity: lowest {worst[1]:.3f} ({worst[0]}), mean "
        f"{sum(total.similarities.values()) / len(total.similarities):.3f}",
    ]
    return "\n".join(line.rstrip() for line in lines)


if __name__ == "__main__":
    print(report(corpus_score()))
