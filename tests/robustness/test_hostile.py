"""Hostile input: every case ends with a diagnostic (exit 1) or a one-line error (exit 2),
within bounded time and memory, and never with a traceback, in a plain folder and as briefs
of an archive in a git repository (see `places`). The inputs are generated here.

The cases of each place run the real command together, in one child process limited to
1 GiB of memory and 60 seconds, so a hang or a memory blow-up fails the test instead of the
machine; each case is then asserted on by itself, from the JSON output."""

from __future__ import annotations

import json
import os
import re
import resource
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import VALID
from robustness.places import (
    ARCHIVE,
    BESIDE_NAME,
    PLACES,
    Batch,
    assert_no_crash,
    check_batch,
    make_place,
)

MEMORY_LIMIT = 1 << 30
TIME_LIMIT = 60


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(folder: Path, names: list[str]) -> Batch:
    return check_batch(folder, names, timeout=TIME_LIMIT, preexec_fn=_limits)


def with_id(brief_id: str) -> str:
    """VALID with another id: briefs of one archive each have their own."""
    return VALID.replace("id: pakistan-border-2022", f"id: {brief_id}")


def alias_bomb(brief: str) -> bytes:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


def alias_chain(brief: str) -> bytes:
    lines = ["x-0: &a0 value"]
    lines += [f"x-{i}: &a{i} [*a{i - 1}]" for i in range(1, 2000)]
    return (brief + "\n".join(lines) + "\n").encode()


def deep_flow(brief: str) -> bytes:
    return b"id: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"


def deep_block(brief: str) -> bytes:
    return b"- " * 10_000 + b"x\n"  # block lists inside block lists, on one line


def fifty_megabytes(brief: str) -> bytes:
    return brief.encode() + b"x-filler: " + b"a" * (50 << 20) + b"\n"


def one_long_line(brief: str) -> bytes:
    return b"id: " + b"x" * (10 << 20)


def three_megabyte_line(brief: str) -> bytes:
    return brief.replace("title: Pakistan's", "title: " + "word " * 600_000 + "Pakistan's").encode()


# Each case's content is made from a valid brief with an id of its own.
CASES: dict[str, tuple[Callable[[str], bytes], int, str | None]] = {
    # name: (content, exit code alone, a rule that must fire, or None)
    "billion laughs": (alias_bomb, 1, "yaml-unsupported"),
    "deep alias chain": (alias_chain, 1, "yaml-unsupported"),
    "nesting 10,000 deep (flow)": (deep_flow, 1, "yaml-syntax"),
    "nesting 10,000 deep (block)": (deep_block, 1, "yaml-syntax"),
    "50 MB file": (fifty_megabytes, 2, None),
    "one 10 MB line": (one_long_line, 2, None),
    "a 3 MB line in a brief": (three_megabyte_line, 0, None),
    "NUL bytes": (lambda b: b.encode().replace(b"Dawn", b"Da\x00wn"), 1, "yaml-syntax"),
    "invalid UTF-8": (lambda b: b.encode().replace(b"Dawn", b"Da\xffwn"), 1, "yaml-syntax"),
    "UTF-16 with BOM": (lambda b: b.encode("utf-16"), 0, None),
    "UTF-16 without BOM": (lambda b: b.encode("utf-16-le"), 1, "yaml-syntax"),
    "UTF-8 with BOM": (lambda b: b"\xef\xbb\xbf" + b.encode(), 0, None),
    "CRLF line ends": (lambda b: b.replace("\n", "\r\n").encode(), 0, None),
    "lone CR line ends": (lambda b: b.replace("\n", "\r").encode(), 0, None),
    "tab indentation": (lambda b: b.replace("    name:", "\tname:").encode(), 1, "yaml-syntax"),
    "python tag": (
        lambda b: b.replace("title: ", "title: !!python/object/apply:os.system ").encode(),
        1,
        "yaml-unsupported",
    ),
    "python tag on a list": (
        lambda b: (b + "x-run: !!python/object/apply:os.system [touch /tmp/pwned]\n").encode(),
        1,
        "yaml-unsupported",
    ),
    "unknown tag": (
        lambda b: b.replace("title: ", "title: !secret ").encode(),
        1,
        "yaml-unsupported",
    ),
    "several documents": (lambda b: (b + "---\n" + b).encode(), 1, "yaml-unsupported"),
    "an empty document": (lambda b: b"---\n...\n", 1, "schema"),
    "a comment alone": (lambda b: b"# nothing here yet\n", 1, "schema"),
    "an empty file": (lambda b: b"", 1, "schema"),
    "a list at the top": (lambda b: b"- id: a-list\n- title: not a brief\n", 1, "schema"),
    "text at the top": (lambda b: b"a brief, someday\n", 1, "schema"),
    "keys that are not text": (lambda b: (b + "? [a, b]\n: c\n").encode(), 1, "yaml-unsupported"),
    # A key 2022 is read as the id "2022"; in a list, 2022 is a number, not an id.
    "ids that are numbers": (
        lambda b: b.replace("dawn-2022-01-03", "2022").encode(),
        1,
        "schema",
    ),
    "binary noise": (lambda b: bytes(range(256)) * 64, 1, "yaml-syntax"),
}


def file_name(case: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", case.lower()).strip("-") + ".yaml"


@pytest.fixture(scope="module", params=PLACES)
def hostile_run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """Every case checked in one run, in one of the places."""
    folder = make_place(tmp_path_factory.mktemp("hostile"), request.param)
    for case, (make, _, _) in CASES.items():
        name = file_name(case)
        (folder / name).write_bytes(make(with_id(f"hostile-{name.removesuffix('.yaml')}")))
    beside = [BESIDE_NAME] if request.param == ARCHIVE else []
    return run(folder, [file_name(case) for case in CASES] + beside)


def test_the_run_ends_in_diagnostics_and_one_line_errors(hostile_run: Batch) -> None:
    assert_no_crash(hostile_run.stdout, hostile_run.stderr)
    assert hostile_run.returncode == 2  # some cases are refused
    assert BESIDE_NAME not in hostile_run.diagnostics
    expected = {file_name(case) for case, (_, code, _) in CASES.items() if code == 2}
    assert set(hostile_run.errors) == expected
    # What could not be checked is in the report too, and the summary line says so.
    assert hostile_run.unchecked == expected
    assert hostile_run.summary.endswith("kept wwrlint from checking everything.")


@pytest.mark.parametrize("case", CASES)
def test_hostile_input(case: str, hostile_run: Batch) -> None:
    """What the run gives this case is what its exit code alone would say: 2 one error
    line, 1 diagnostics with an error among them, 0 none."""
    _, code, rule = CASES[case]
    name = file_name(case)
    if code == 2:
        assert hostile_run.rules(name) == []
        assert len(hostile_run.errors[name]) == 1
        assert hostile_run.errors[name][0].startswith(f"wwrlint: error: {name}: ")
        return
    assert hostile_run.errors.get(name) is None
    if code == 1:
        assert rule in hostile_run.rules(name)
        assert "error" in hostile_run.severities(name)
    else:
        assert hostile_run.rules(name) == []


EMPTY = "the file is empty; a brief is a mapping with the keys id, title, date and body"
NOT_A_MAPPING = {
    # case: (line, message) of the one diagnostic
    "an empty document": (2, EMPTY),  # at the `...` that ends it
    "a comment alone": (1, EMPTY),
    "an empty file": (1, EMPTY),
    "a list at the top": (
        1,
        "a brief must be a mapping with the keys id, title, date and body, not a list",
    ),
    "text at the top": (
        1,
        "a brief must be a mapping with the keys id, title, date and body, not text",
    ),
}


@pytest.mark.parametrize("case", NOT_A_MAPPING)
def test_a_top_level_that_is_not_a_mapping_is_one_schema_error(
    case: str, hostile_run: Batch
) -> None:
    """In an archive too, where the archive rules run on it (they once crashed there)."""
    line, message = NOT_A_MAPPING[case]
    found = hostile_run.diagnostics[file_name(case)]
    assert [(d["rule"], d["line"], d["column"], d["message"]) for d in found] == [
        ("schema", line, 1, message)
    ]


@pytest.mark.parametrize("place", PLACES)
def test_the_python_tag_is_never_run(place: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    folder = make_place(tmp_path, place)
    tagged = with_id("hostile-tag") + f"x-run: !!python/object/apply:os.system [touch {marker}]\n"
    (folder / "hostile.yaml").write_text(tagged)
    result = run(folder, ["hostile.yaml"])
    assert_no_crash(result.stdout, result.stderr)
    assert result.rules("hostile.yaml") == ["yaml-unsupported"]
    assert not marker.exists()


# YAML 1.1 reads these as booleans, numbers and dates; YAML 1.2 (and wwrlint) as text.
TEXT_TRAPS = ["no", "on", "yes", "2021-12-15 10:00"]
# Not text in YAML 1.2 either: wherever a brief wants text, a diagnostic.
VALUE_TRAPS = ["0o17", "1e3", ".nan", "~", "true", "[a]", "{a: b}"]
FIELDS = [
    "id: pakistan-border-2022",
    "title: Pakistan's border with Taliban-ruled Afghanistan",
    "date: 2022-02-07",
    "    name: Thomas Muller",
    "    role: World Watch Research analyst",
    "    publisher: Dawn",
    "    date: 2022-01-03",
    "  - claim: Border clashes broke out along the Durand line.",
    "    sources: [dawn-2022-01-03]",
    "  - quote: The risk is deemed manageable.",
    "    analyst: thomas-muller",
]
TRAPS = TEXT_TRAPS + VALUE_TRAPS


def trapped(trap: str, field: str) -> str:
    """VALID with `trap` as the value of `field`, and an id of its own (unless the id is
    the field)."""
    key = field.split(":", 1)[0]
    name = trap_file(trap, field).removesuffix(".yaml")
    return VALID.replace(field, f"{key}: {trap}", 1).replace(
        "id: pakistan-border-2022", f"id: {name}"
    )


def trap_file(trap: str, field: str) -> str:
    return f"trap-{TRAPS.index(trap)}-{FIELDS.index(field)}.yaml"


@pytest.fixture(scope="module", params=PLACES)
def traps_run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Batch:
    """Every trap in every field, checked in one run in one of the places."""
    folder = make_place(tmp_path_factory.mktemp("traps"), request.param)
    names = []
    for trap in TRAPS:
        for field in FIELDS:
            names.append(trap_file(trap, field))
            (folder / names[-1]).write_text(trapped(trap, field), encoding="utf-8")
    return run(folder, names)


def test_no_trap_crashes(traps_run: Batch) -> None:
    assert_no_crash(traps_run.stdout, traps_run.stderr)
    assert traps_run.errors == {}
    assert traps_run.returncode == 1


@pytest.mark.parametrize("trap", VALUE_TRAPS)
def test_values_that_are_not_text_in_every_field(trap: str, traps_run: Batch) -> None:
    for field in FIELDS:
        line = VALID.splitlines().index(field) + 1
        lines = {d["line"] for d in traps_run.diagnostics.get(trap_file(trap, field), [])}
        assert lines & {line, line - 1}, (field, trap)


@pytest.mark.parametrize("trap", TEXT_TRAPS)
def test_yaml_1_1_traps_stay_text_in_every_field(trap: str, traps_run: Batch) -> None:
    from wwrlint.loading import load

    for field in FIELDS:
        brief = trapped(trap, field)
        assert trap in json.dumps(load("x.yaml", brief.encode()).data)
        # Whatever it finds, it does not crash.
        assert traps_run.errors.get(trap_file(trap, field)) is None


@pytest.mark.parametrize("place", PLACES)
def test_file_system_faults(place: str, tmp_path: Path) -> None:
    briefs = make_place(tmp_path, place)
    (briefs / "good.yaml").write_text(with_id("good"))
    (briefs / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (briefs / "loop.yaml").symlink_to(briefs / "loop.yaml")
    (briefs / "sub").mkdir()
    (briefs / "sub" / "back").symlink_to(briefs)  # a folder loop: not followed
    os.mkfifo(briefs / "pipe.yaml")
    result = run(briefs, [str(briefs)])
    assert_no_crash(result.stdout, result.stderr)
    assert result.returncode == 2
    # The report names what could not be read (no rule, no place), as stderr does.
    unread = {Path(item["path"]).name: item["message"] for item in json.loads(result.stdout)}
    assert [item["rule"] for item in json.loads(result.stdout)] == [None] * 3
    assert unread == {
        "dangling.yaml": "cannot read: No such file or directory",
        "loop.yaml": "cannot read: Too many levels of symbolic links",
        "pipe.yaml": "cannot read: not a regular file",
    }
    *errors, summary = result.stderr.splitlines()
    assert sorted(errors) == sorted(
        [
            f"wwrlint: error: {briefs / 'dangling.yaml'}: cannot read: No such file or directory",
            f"wwrlint: error: {briefs / 'loop.yaml'}: cannot read: "
            "Too many levels of symbolic links",
            f"wwrlint: error: {briefs / 'pipe.yaml'}: cannot read: not a regular file",
        ]
    )
    assert summary.endswith("; 3 problems kept wwrlint from checking everything.")


@pytest.mark.parametrize("place", PLACES)
def test_named_device_and_dangling_link(place: str, tmp_path: Path) -> None:
    folder = make_place(tmp_path, place)
    link = folder / "gone.yaml"
    link.symlink_to(tmp_path / "nowhere")
    device = run(folder, ["/dev/null"])
    # Then the summary line, which says that something could not be checked.
    unchecked = "; 1 problem kept wwrlint from checking everything."
    error, summary = device.stderr.splitlines()
    assert (device.returncode, error) == (
        2,
        "wwrlint: error: /dev/null: not a regular file or folder",
    )
    assert summary.endswith(unchecked)
    dangling = run(folder, [str(link)])
    error, summary = dangling.stderr.splitlines()
    assert (dangling.returncode, error) == (
        2,
        f"wwrlint: error: {link}: a symbolic link to nothing that exists",
    )
    assert summary.endswith(unchecked)


@pytest.mark.parametrize("place", PLACES)
def test_many_thousands_of_files(place: str, tmp_path: Path) -> None:
    top = make_place(tmp_path, place)
    for number in range(3000):
        folder = top / f"{number // 500}"
        folder.mkdir(exist_ok=True)
        brief = with_id(f"b{number}") if number % 100 else "id: [\n"
        (folder / f"b{number}.yaml").write_text(brief)
    result = run(top, [str(top)])
    assert_no_crash(result.stdout, result.stderr)
    assert result.returncode == 1
    assert [d["rule"] for d in json.loads(result.stdout)] == ["yaml-syntax"] * 30
