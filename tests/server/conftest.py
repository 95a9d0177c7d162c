"""The language server's tests: each test's server and check share one cache, in the
test's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_stray_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test's server and check share one cache, in the test's own folder."""
    monkeypatch.setenv("WWRLINT_CACHE_DIR", str(tmp_path / "cache"))
