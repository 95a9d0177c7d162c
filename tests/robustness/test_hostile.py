"""Hostile input: every case ends with a diagnostic (exit 1) or a one-line error (exit 2),
within bounded time and memory, and never with a traceback. The inputs are generated here.

Each case runs the real command in a child process limited to 1 GiB of memory and 60
seconds, so a hang or a memory blow-up fails the test instead of the machine."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import VALID

MEMORY_LIMIT = 1 << 30
TIME_LIMIT = 60


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "wwrlint",
            "check",
            "--no-cache",
            "--output-format",
            "json",
            *args,
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limits,
        check=False,
    )


def alias_bomb() -> bytes:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


def alias_chain() -> bytes:
    lines = ["x-0: &a0 value"]
    lines += [f"x-{i}: &a{i} [*a{i - 1}]" for i in range(1, 2000)]
    return (VALID + "\n".join(lines) + "\n").encode()


def deep_flow() -> bytes:
    return b"id: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"


def deep_block() -> bytes:
    return b"- " * 10_000 + b"x\n"  # block lists inside block lists, on one line


def fifty_megabytes() -> bytes:
    return VALID.encode() + b"x-filler: " + b"a" * (50 << 20) + b"\n"


def one_long_line() -> bytes:
    return b"id: " + b"x" * (10 << 20)


def three_megabyte_line() -> bytes:
    return VALID.replace("title: Pakistan's", "title: " + "word " * 600_000 + "Pakistan's").encode()


CASES: dict[str, tuple[Callable[[], bytes], int, str | None]] = {
    # name: (content, exit code, a rule that must fire, or None)
    "billion laughs": (alias_bomb, 1, "yaml-unsupported"),
    "deep alias chain": (alias_chain, 1, "yaml-unsupported"),
    "nesting 10,000 deep (flow)": (deep_flow, 1, "yaml-syntax"),
    "nesting 10,000 deep (block)": (deep_block, 1, "yaml-syntax"),
    "50 MB file": (fifty_megabytes, 2, None),
    "one 10 MB line": (one_long_line, 2, None),
    "a 3 MB line in a brief": (three_megabyte_line, 0, None),
    "NUL bytes": (lambda: VALID.encode().replace(b"Dawn", b"Da\x00wn"), 1, "yaml-syntax"),
    "invalid UTF-8": (lambda: VALID.encode().replace(b"Dawn", b"Da\xffwn"), 1, "yaml-syntax"),
    "UTF-16 with BOM": (lambda: VALID.encode("utf-16"), 0, None),
    "UTF-16 without BOM": (lambda: VALID.encode("utf-16-le"), 1, "yaml-syntax"),
    "UTF-8 with BOM": (lambda: b"\xef\xbb\xbf" + VALID.encode(), 0, None),
    "CRLF line ends": (lambda: VALID.replace("\n", "\r\n").encode(), 0, None),
    "lone CR line ends": (lambda: VALID.replace("\n", "\r").encode(), 0, None),
    "tab indentation": (lambda: VALID.replace("    name:", "\tname:").encode(), 1, "yaml-syntax"),
    "python tag": (
        lambda: VALID.replace("title: ", "title: !!python/object/apply:os.system ").encode(),
        1,
        "yaml-unsupported",
    ),
    "python tag on a list": (
        lambda: (VALID + "x-run: !!python/object/apply:os.system [touch /tmp/pwned]\n").encode(),
        1,
        "yaml-unsupported",
    ),
    "unknown tag": (
        lambda: VALID.replace("title: ", "title: !secret ").encode(),
        1,
        "yaml-unsupported",
    ),
    "several documents": (lambda: (VALID + "---\n" + VALID).encode(), 1, "yaml-unsupported"),
    "an empty document": (lambda: b"---\n...\n", 1, "schema"),
    "keys that are not text": (lambda: (VALID + "? [a, b]\n: c\n").encode(), 1, "yaml-unsupported"),
    # A key 2022 is read as the id "2022"; in a list, 2022 is a number, not an id.
    "ids that are numbers": (
        lambda: VALID.replace("dawn-2022-01-03", "2022").encode(),
        1,
        "schema",
    ),
    "binary noise": (lambda: bytes(range(256)) * 64, 1, "yaml-syntax"),
}


@pytest.mark.parametrize("name", CASES)
def test_hostile_input(name: str, tmp_path: Path) -> None:
    make, code, rule = CASES[name]
    path = tmp_path / "hostile.yaml"
    path.write_bytes(make())
    result = run(path)
    assert "Traceback" not in result.stderr
    assert result.returncode == code, result.stderr
    if code == 2:
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(f"wwrlint: error: {path}: ")
    else:
        rules = [d["rule"] for d in json.loads(result.stdout)]
        assert rule in rules if rule else rules == []


def test_the_python_tag_is_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "hostile.yaml"
    path.write_text(VALID + f"x-run: !!python/object/apply:os.system [touch {marker}]\n")
    run(path)
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


@pytest.mark.parametrize("trap", VALUE_TRAPS)
def test_values_that_are_not_text_in_every_field(trap: str) -> None:
    from wwrlint.linter import lint

    for field in FIELDS:
        key = field.split(":", 1)[0]
        brief = VALID.replace(field, f"{key}: {trap}", 1)
        diagnostics = lint("x.yaml", brief.encode())
        line = VALID.splitlines().index(field) + 1
        assert any(d.span.line in (line, line - 1) for d in diagnostics), (field, trap)


@pytest.mark.parametrize("trap", TEXT_TRAPS)
def test_yaml_1_1_traps_stay_text_in_every_field(trap: str) -> None:
    from wwrlint.linter import lint
    from wwrlint.loading import load

    for field in FIELDS:
        key = field.split(":", 1)[0]
        brief = VALID.replace(field, f"{key}: {trap}", 1)
        assert trap in json.dumps(load("x.yaml", brief.encode()).data)
        lint("x.yaml", brief.encode())  # whatever it finds, it does not crash


def test_file_system_faults(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (briefs / "good.yaml").write_text(VALID)
    (briefs / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (briefs / "loop.yaml").symlink_to(briefs / "loop.yaml")
    (briefs / "sub").mkdir()
    (briefs / "sub" / "back").symlink_to(briefs)  # a folder loop: not followed
    os.mkfifo(briefs / "pipe.yaml")
    result = run(briefs)
    assert result.returncode == 2
    assert json.loads(result.stdout) == []
    errors = sorted(result.stderr.splitlines())
    assert errors == sorted(
        [
            f"wwrlint: error: {briefs / 'dangling.yaml'}: cannot read: No such file or directory",
            f"wwrlint: error: {briefs / 'loop.yaml'}: cannot read: "
            "Too many levels of symbolic links",
            f"wwrlint: error: {briefs / 'pipe.yaml'}: cannot read: not a regular file",
        ]
    )


def test_named_device_and_dangling_link(tmp_path: Path) -> None:
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "nowhere")
    device = run(Path("/dev/null"))
    assert (device.returncode, device.stderr) == (
        2,
        "wwrlint: error: /dev/null: not a regular file or folder\n",
    )
    dangling = run(link)
    assert (dangling.returncode, dangling.stderr) == (
        2,
        f"wwrlint: error: {link}: a symbolic link to nothing that exists\n",
    )


def test_many_thousands_of_files(tmp_path: Path) -> None:
    for number in range(3000):
        folder = tmp_path / f"{number // 500}"
        folder.mkdir(exist_ok=True)
        (folder / f"b{number}.yaml").write_text(VALID if number % 100 else "id: [\n")
    result = run(tmp_path)
    assert result.returncode == 1
    assert len(json.loads(result.stdout)) == 30
