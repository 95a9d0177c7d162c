"""`wwrlint render`: WWR-style prose, the round trip from the seed, and an HTML page that a
real browser (headless Chromium) loads cleanly."""

from __future__ import annotations

import difflib
from pathlib import Path

from click.testing import CliRunner
from prose.helpers import similarity

from browser import Page, browser, chromium, console_messages
from conftest import REPO, VALID
from wwrlint.archive.summary import read_roster
from wwrlint.cli import cli
from wwrlint.loading import load
from wwrlint.prose.importer import import_prose
from wwrlint.prose.render import body_text, prose_text, render
from wwrlint.prose.text import read_prose

SEED_BRIEF = REPO / "briefs" / "wwr-pakistan-taliban-2022.yaml"
SEED_PROSE = REPO / "tests" / "golden" / "wwr-pakistan-taliban-2022.txt"


ROSTER = read_roster(str(REPO / "briefs" / "analysts.yaml"))


def seed_data() -> dict:  # type: ignore[type-arg]
    data = load(str(SEED_BRIEF), SEED_BRIEF.read_bytes()).data
    assert isinstance(data, dict)
    return data


def test_text_cites_in_the_wwr_style_and_introduces_the_quote() -> None:
    text = render(seed_data(), "text", ROSTER)
    assert (
        "is a branch of the Islamic Emirate of Afghanistan (WWR, 18 October 2021; Long War "
        "Journal, 15 December 2021)." in text
    )
    assert 'World Watch Research analyst Thomas Muller comments: "While this statement' in text
    assert "fencing off at the moment (Dawn, 3 January 2022). No Afghan government" in text
    # The sentence names International Crisis Group and the date: no second citation.
    assert "International Crisis Group, 4 February 2022)" not in text
    assert text.splitlines()[:2] == [
        "Pakistan and the Taliban: a neighbour's victory turns into a challenge",
        "7 February 2022",
    ]
    assert text.rstrip().endswith("- International Crisis Group, 4 February 2022.")


def test_markdown_escapes_and_lists_sources() -> None:
    data = seed_data()
    data["title"] = "Pakistan *and* the Taliban"
    markdown = render(data, "markdown")
    assert markdown.startswith("# Pakistan \\*and\\* the Taliban\n\n*7 February 2022*\n")
    assert "## Sources\n\n- WWR, 18 October 2021.\n" in markdown


def test_round_trip_gives_back_the_seed() -> None:
    raw = SEED_PROSE.read_text("utf-8")
    assert similarity(raw, SEED_PROSE.name) >= 0.98
    rendered = prose_text(import_prose(raw, SEED_PROSE.name).data, title=False)
    original = " ".join(block.text for block in read_prose(raw).blocks)
    # every citation where it stood, "e.g." included; the quote as it was introduced
    for passage in (
        "As WWR has stated before (e.g. WWR, 18 October 2021), radical Islamic groups",
        "Islamic Emirate of Afghanistan (Long War Journal, 15 December 2021). World Watch",
        'analyst Thomas Muller comments: "While this statement',
    ):
        assert passage in rendered
        assert passage in original
    assert rendered.split() == original.split()


def test_render_puts_citations_and_attributions_back_where_the_prose_had_them() -> None:
    raw = (
        "Harbour fees rise again\n\n"
        "Fees rose (Harbour Gazette 13/2/2031; Quay News, undated) and ships left. Traders "
        "protested. (Harbour Radio, 2 March 2031) Nobody came.[1]\n\n"
        "“It will last,” said Ana Ferreira, Northwind Desk analyst, adding that fees would "
        "rise. “Nobody warned us.”\n\n"
        "Notes\n[1] Quay News, 4 March 2031\n"
    )
    rendered = prose_text(import_prose(raw, "fees.txt").data)
    assert (
        rendered.split()
        == " ".join(
            [
                *raw.replace("\n", " ").split("Notes")[0].split(),
                "Notes",
                "[1]",
                "Quay",
                "News,",
                "4",
                "March",
                "2031",
            ]
        ).split()
    )


def test_hand_encoded_seed_renders_its_sentences_in_order() -> None:
    rendered = " ".join(body_text(seed_data(), ROSTER))
    original = " ".join(block.text for block in read_prose(SEED_PROSE.read_text("utf-8")).blocks)
    assert difflib.SequenceMatcher(None, rendered.split(), original.split()).ratio() > 0.95


def test_render_refuses_a_brief_with_errors(write_brief) -> None:  # type: ignore[no-untyped-def]
    path = write_brief("bad.yaml", VALID.replace("date: 2022-01-03", "date: 2022-13-01"))
    result = CliRunner().invoke(cli, ["render", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"wwrlint: error: {path}:11:11: the date of source")


@browser
def test_html_page_loads_in_chromium_without_console_errors(tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text("<!DOCTYPE html><title>c</title><script>console.error('x')</script>")
    assert console_messages(chromium(control, "--dump-dom", profile=tmp_path / "p0").stderr)

    page = tmp_path / "brief.html"
    result = CliRunner().invoke(cli, ["render", "--to", "html", str(SEED_BRIEF), "-o", str(page)])
    assert result.exit_code == 0
    loaded = chromium(page, "--dump-dom", profile=tmp_path / "p1")
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    assert console_messages(loaded.stderr) == []
    dom = Page()
    dom.feed(loaded.stdout)
    assert "<title>Pakistan and the Taliban" in loaded.stdout
    assert {"h1", "time", "article", "ol", "q"} <= set(dom.tags)
    assert {f"source-{s}" for s in seed_data()["sources"]} <= dom.ids
    assert [link for link in dom.links if not link.startswith("#source-")] == []
    assert "Thomas Muller, World Watch Research analyst" in dom.text
    assert "(Dawn, 3 January 2022)" in dom.text

    shot = tmp_path / "brief.png"
    taken = chromium(
        page, f"--screenshot={shot}", "--window-size=1100,1500", profile=tmp_path / "p2"
    )
    assert taken.returncode == 0, taken.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000  # a page of text, not a blank one
