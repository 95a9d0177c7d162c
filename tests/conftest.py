"""Shared helpers: lint YAML text and compare diagnostics as (rule, line, column) triples."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from wwrlint.diagnostics import Diagnostic
from wwrlint.linter import lint

REPO = Path(__file__).resolve().parent.parent

# A complete, valid brief that tests change one thing in.
VALID = """\
id: pakistan-border-2022
title: Pakistan's border with Taliban-ruled Afghanistan
date: 2022-02-07
analysts:
  thomas-muller:
    name: Thomas Muller
    role: World Watch Research analyst
sources:
  dawn-2022-01-03:
    publisher: Dawn
    date: 2022-01-03
body:
  - claim: Border clashes broke out along the Durand line.
    sources: [dawn-2022-01-03]
  - quote: The risk is deemed manageable.
    analyst: thomas-muller
"""


def diagnose(text: str) -> list[Diagnostic]:
    return lint("brief.yaml", textwrap.dedent(text).encode("utf-8"))


def found(text: str) -> list[tuple[str, int, int]]:
    """(rule, line, column) of every diagnostic for a brief's text, in order."""
    return [(d.rule, d.span.line, d.span.column) for d in diagnose(text)]


def messages(text: str) -> list[str]:
    return [d.message for d in diagnose(text)]


@pytest.fixture(autouse=True)
def _cache_outside_the_checkout(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs in tests keep their result cache out of the repository."""
    monkeypatch.setenv("WWRLINT_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The children this process forks during a test (see `wwrlint.beside`); none is left
    unreaped after it."""
    children: list[int] = []
    fork = os.fork

    def counted() -> int:
        child = fork()
        if child:
            children.append(child)
        return child

    monkeypatch.setattr(os, "fork", counted)
    yield children
    for child in children:
        with pytest.raises(ChildProcessError):
            os.waitpid(child, os.WNOHANG)


@pytest.fixture
def write_brief(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a file under tmp_path and return its path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return write
