"""The cache key holds every setting that can change a file's diagnostics, by construction:
a setting left out of it would hand back a result that a fresh run would not give."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from wwrlint.cache import settings_key
from wwrlint.config import REPORTING_ONLY, Settings

BASE = Settings(root="/archive")
PATH = "/archive/briefs/a.yaml"

# A value other than the default for every setting that can change a diagnostic. A new
# field of Settings makes test_every_field_has_a_changed_value fail until it is listed here
# (or marked as only affecting reporting), so it cannot silently stay out of the key.
CHANGED: dict[str, Any] = {
    "select": ("WWR1",),
    "extend_select": ("WWR2",),
    "ignore": ("unused-source",),
    "per_file_ignores": (("other/*.yaml", ("unused-source",)),),
    "severity": (("unused-source", "error"),),
    "require_suppression_reason": True,
    "archive": "/archive/briefs",
    "roster": "/archive/briefs/analysts.yaml",
    "rule_options": (("max-source-age", 365),),
}
REPORTING: dict[str, Any] = {
    "exclude": ("drafts",),
    "output_format": "json",
    "fail_level": "warning",
    "unsafe_fixes": True,
    "force_exclude": True,
    "path": "/archive/.wwrlint.yaml",
    "root": "/elsewhere",
}


def diagnostic_fields() -> list[str]:
    return [f.name for f in dataclasses.fields(Settings) if not f.metadata.get(REPORTING_ONLY)]


def test_every_field_has_a_changed_value() -> None:
    assert sorted(diagnostic_fields()) == sorted(CHANGED)
    reporting = [f.name for f in dataclasses.fields(Settings) if f.metadata.get(REPORTING_ONLY)]
    assert sorted(reporting) == sorted(REPORTING)


@pytest.mark.parametrize("name", diagnostic_fields())
def test_changing_a_setting_that_affects_diagnostics_changes_the_key(name: str) -> None:
    changed = dataclasses.replace(BASE, **{name: CHANGED[name]})
    assert getattr(changed, name) != getattr(BASE, name)
    assert settings_key(changed, PATH) != settings_key(BASE, PATH)


@pytest.mark.parametrize("name", sorted(REPORTING))
def test_changing_a_reporting_setting_keeps_the_key(name: str) -> None:
    changed = dataclasses.replace(BASE, **{name: REPORTING[name]})
    if name == "root":  # the root only matters through the rules it enables for the path
        assert changed.enabled_for(PATH) == BASE.enabled_for(PATH)
    assert settings_key(changed, PATH) == settings_key(BASE, PATH)


def test_a_per_file_ignore_changes_the_key_of_the_files_it_matches() -> None:
    ignoring = dataclasses.replace(BASE, per_file_ignores=(("briefs/*.yaml", ("WWR2",)),))
    moved = dataclasses.replace(ignoring, root="/elsewhere")  # the glob now matches nothing
    assert settings_key(ignoring, PATH) != settings_key(moved, PATH)


def test_every_option_value_changes_the_key() -> None:
    keys = {
        settings_key(dataclasses.replace(BASE, rule_options=(("max-source-age", days),)), PATH)
        for days in (None, 1, 365, 3650)
    }
    assert len(keys) == 4
