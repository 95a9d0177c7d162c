"""A deterministic synthetic archive of briefs, shaped like real ones, a few percent broken.

Each brief has 2-5 analysts, 4-12 dated sources, and 3-8 paragraphs of claims, assessments
and quotes (some quoting claims with sources), about 5 KB in all, with the seed brief's
layout: comments at the top, folded texts, flow lists of source ids.
"""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

_WORDS_TEXT = (
    "the government army church community pastor village province police attack authorities "
    "converts believers minority security report court law pressure violence region local "
    "militants border displaced families leaders officials rights freedom religious schools "
    "property arrests charges prison release sentence threat worship services gathering "
    "members district capital northern southern eastern western recent weeks months year"
)
WORDS = _WORDS_TEXT.split()
PUBLISHERS = (
    "Dawn",
    "Long War Journal",
    "Jamestown Foundation",
    "International Crisis Group",
    "Reuters",
    "Al Jazeera",
    "BBC News",
    "Human Rights Watch",
    "Daily NK",
    "ACLED",
    "Article18",
    "Mohabat News",
    "Morning Star News",
    "UCA News",
    "Christian Daily",
)
# Invented analysts: the generated quotes are random words, never anyone's.
NAMES = (
    "Ana Ferreira",
    "Tomas Lindqvist",
    "Mira Osei",
    "Jonah Keller",
    "Sana Qureshi",
    "Ilse Brandt",
)
BROKEN_SHARE = 0.04


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _text(key: str, text: str, indent: int) -> list[str]:
    lines = textwrap.wrap(text, 88 - indent)
    return [f"{key} >-", *(" " * indent + line for line in lines)]


def brief(number: int, rng: random.Random) -> str:
    year = rng.randint(2012, 2025)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lines = [
        "# yaml-language-server: $schema=../schema/brief.schema.json",
        f"# Synthetic brief {number} for the wwrlint benchmark.",
        f"id: brief-{number:05d}",
        f'title: "{_sentence(rng, 8)[:-1]}"',
        f"date: {date}",
        "",
        "analysts:",
    ]
    analysts = rng.sample(NAMES, rng.randint(2, 5))
    for name in analysts:
        lines += [
            f"  {name.lower().replace(' ', '-')}:",
            f"    name: {name}",
            "    role: World Watch Research analyst",
        ]
    lines += ["", "sources:"]
    sources = []
    for index in range(rng.randint(4, 12)):
        publisher = rng.choice(PUBLISHERS)
        day = f"{year - rng.randint(0, 1)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        day = min(day, date)
        source_id = f"{publisher.lower().replace(' ', '-')}-{index}"
        sources.append(source_id)
        lines += [
            f"  {source_id}:",
            f"    publisher: {publisher}",
            f"    date: {day}",
            f"    title: {_sentence(rng, 6)[:-1]}",
            "    type: news",
        ]
    lines += ["", "body:"]
    cited = set()
    for _ in range(rng.randint(3, 8)):
        lines.append("  - paragraph:")
        for _ in range(rng.randint(2, 4)):
            kind = rng.random()
            if kind < 0.5:
                picked = rng.sample(sources, rng.randint(1, 2))
                cited.update(picked)
                lines += _text("      - claim:", _sentence(rng, rng.randint(12, 30)), 10)
                lines.append(f"        sources: [{', '.join(picked)}]")
            elif kind < 0.85:
                lines += _text("      - assessment:", _sentence(rng, rng.randint(12, 30)), 10)
            else:
                one = rng.choice(sources)
                cited.add(one)
                lines += ["      - quote:"]
                lines += _text("          - assessment:", _sentence(rng, 20), 14)
                lines += _text("          - claim:", _sentence(rng, 20), 14)
                lines += [
                    f"            sources: [{one}]",
                    f"        analyst: {rng.choice(analysts).lower().replace(' ', '-')}",
                ]
    for source_id in sources:
        if source_id not in cited:  # every source is cited somewhere
            lines += [
                "  - claim: A further statement backed by this source.",
                f"    sources: [{source_id}]",
            ]
    for name in analysts:
        analyst_id = name.lower().replace(" ", "-")
        lines += [
            "  - quote: The situation remains difficult for the community.",
            f"    analyst: {analyst_id}",
        ]
    text = "\n".join(lines) + "\n"
    if rng.random() < BROKEN_SHARE:
        text = _break(text, rng)
    return text


def _break(text: str, rng: random.Random) -> str:
    """One realistic mistake: a missing date, an unknown source, bad YAML, a typo'd key."""
    mistakes = [
        lambda t: t.replace("    date: ", "    # date: ", 1),
        lambda t: t.replace("sources: [", "sources: [unknown-source, ", 1),
        lambda t: t.replace("body:", "body:\n\t- claim: tab", 1),
        lambda t: t.replace("    publisher:", "    pubisher:", 1),
        lambda t: t.replace("date: 20", "date: 30", 1),
    ]
    broken: str = rng.choice(mistakes)(text)
    return broken


SEED = Path(__file__).resolve().parent.parent / "briefs" / "wwr-pakistan-taliban-2022.yaml"


def seed_variant(number: int, rng: random.Random, seed_text: str) -> str:
    """A distinct variant of the seed brief, of its size: its own id, title and date, and a
    sentence of its own in the first assessment; a few percent broken like the others."""
    day = f"2022-{rng.randint(2, 12):02d}-{rng.randint(10, 28):02d}"
    text = seed_text.replace("id: wwr-pakistan-taliban-2022", f"id: seed-variant-{number:05d}")
    text = text.replace("date: 2022-02-07", f"date: {day}", 1)
    title = _sentence(rng, 8)[:-1]
    text = text.replace(
        'title: "Pakistan and the Taliban: a neighbour\'s victory turns into a challenge"',
        f'title: "{title}"',
    )
    text = text.replace(
        "rulers will pose serious challenges.",
        f"rulers will pose serious challenges. {_sentence(rng, 10)}",
        1,
    )
    if rng.random() < BROKEN_SHARE / 4:  # 1 %, as in the desk's archive the issue describes
        text = _break(text, rng)
    return text


CORPORA = ("seed", "large")


def generate(folder: Path, count: int, seed: int = 2022, corpus: str = "large") -> list[Path]:
    """Write `count` briefs under folder/briefs/ (100 per sub-folder); return their paths.
    `large`: synthetic briefs of about 6.7 KB; `seed`: variants of the seed brief (4 KB),
    with the project's roster and catalogue beside them, as in briefs/."""
    rng = random.Random(seed)
    seed_text = SEED.read_text(encoding="utf-8")
    if corpus == "seed":
        (folder / "briefs").mkdir(parents=True, exist_ok=True)
        for name in ("analysts.yaml", "catalogue.yaml"):
            (folder / "briefs" / name).write_bytes((SEED.parent / name).read_bytes())
    paths = []
    for number in range(count):
        path = folder / "briefs" / f"{number // 100:03d}" / f"brief-{number:05d}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = seed_variant(number, rng, seed_text) if corpus == "seed" else brief(number, rng)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
