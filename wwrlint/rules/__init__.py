"""The rule registry: every rule wwrlint knows, in one table, looked up by name or code,
with the options the rules declare.

`CATALOGUE` is that table: each rule's identity (name, code, default severity, options,
whether it is always on) and where its implementation lives. Configuration, selection and
the cache key read only the catalogue, so a run whose briefs are all cached never imports
the rules; `RULES` and `BY_NAME`, the rules themselves (documentation, examples, check),
are imported on first use. Each rule reads its identity from here (`Rule.identity`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from wwrlint.diagnostics import Severity
    from wwrlint.rules.base import Rule

    # Imported on first use (see `__getattr__`), in the catalogue's order.
    RULES: tuple[Rule, ...]
    BY_NAME: dict[str, Rule]


def _days(value: Any) -> bool:
    # YAML and TOML read `true` as a bool, which Python counts as the int 1.
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


# Each option type: what a valid value is, and how a message says what is expected.
OPTION_TYPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "days": (_days, "a number of days, 1 or more"),
}


class Option(NamedTuple):
    """A setting a rule reads, with its key in the configuration (kebab-case, at the top
    level of `[tool.wwrlint]` or `.wwrlint.yaml`). A default of None means "not set"."""

    name: str
    type: str  # a key of OPTION_TYPES
    default: Any
    description: str

    def problem(self, value: Any) -> str | None:
        """Why a configured value cannot be used, or None when it can."""
        valid, expected = OPTION_TYPES[self.type]
        return None if valid(value) else f"must be {expected}"


class Identity(NamedTuple):
    """What names a rule and what configuration needs to know of it; `where` is its
    implementation, `module:ATTRIBUTE` in this package."""

    name: str
    code: str
    severity: Severity
    where: str
    options: tuple[Option, ...] = ()
    # Runs, and keeps its severity, whatever selection, ignores, severity overrides,
    # suppressions or baselines say: nothing else can be checked in a file it fires on.
    always_on: bool = False


MAX_SOURCE_AGE = Option(
    name="max-source-age",
    type="days",
    default=None,
    description=(
        "Report a source dated more than this many days before the brief; when it is not "
        "set, source-too-old does not run."
    ),
)

CATALOGUE: tuple[Identity, ...] = (
    Identity("yaml-syntax", "WWR001", "error", "structure:YAML_SYNTAX", always_on=True),
    Identity("yaml-unsupported", "WWR002", "error", "structure:YAML_UNSUPPORTED"),
    Identity("schema", "WWR100", "error", "structure:SCHEMA"),
    Identity("claim-missing-source", "WWR101", "error", "claims:CLAIM_MISSING_SOURCE"),
    Identity("unknown-source", "WWR102", "error", "claims:UNKNOWN_SOURCE"),
    Identity("unused-source", "WWR103", "warning", "claims:UNUSED_SOURCE"),
    Identity("source-missing-date", "WWR201", "error", "dates:SOURCE_MISSING_DATE"),
    Identity("invalid-date", "WWR202", "error", "dates:INVALID_DATE"),
    Identity("source-after-brief", "WWR203", "error", "dates:SOURCE_AFTER_BRIEF"),
    Identity(
        "source-too-old", "WWR204", "warning", "dates:SOURCE_TOO_OLD", options=(MAX_SOURCE_AGE,)
    ),
    Identity("quote-missing-analyst", "WWR301", "error", "quotes:QUOTE_MISSING_ANALYST"),
    Identity("unknown-analyst", "WWR302", "error", "quotes:UNKNOWN_ANALYST"),
    Identity("unused-analyst", "WWR303", "warning", "quotes:UNUSED_ANALYST"),
    Identity("apostrophe-quote", "WWR401", "warning", "typography:APOSTROPHE_QUOTE"),
    Identity("unbalanced-quotes", "WWR402", "warning", "typography:UNBALANCED_QUOTES"),
    Identity("line-break-in-text", "WWR403", "warning", "typography:LINE_BREAK_IN_TEXT"),
    Identity("double-space", "WWR404", "warning", "typography:DOUBLE_SPACE"),
    Identity("analyst-conflict", "WWR501", "error", "archive:ANALYST_CONFLICT"),
    Identity("analyst-inactive", "WWR502", "warning", "archive:ANALYST_INACTIVE"),
    Identity("unknown-brief", "WWR503", "error", "archive:UNKNOWN_BRIEF"),
    Identity("brief-date-mismatch", "WWR504", "error", "archive:BRIEF_DATE_MISMATCH"),
    Identity("duplicate-brief-id", "WWR505", "error", "archive:DUPLICATE_BRIEF_ID"),
    Identity("source-conflict", "WWR506", "warning", "archive:SOURCE_CONFLICT"),
    Identity("unused-suppression", "WWR901", "warning", "structure:UNUSED_SUPPRESSION"),
    Identity("invalid-suppression", "WWR902", "error", "structure:INVALID_SUPPRESSION"),
)

IDENTITIES: dict[str, Identity] = {identity.name: identity for identity in CATALOGUE}
NAMES: tuple[str, ...] = tuple(IDENTITIES)
_BY_KEY: dict[str, Identity] = {
    **IDENTITIES,
    **{identity.code.lower(): identity for identity in CATALOGUE},
}
# Every rule option by its configuration key, in registry order.
OPTIONS: dict[str, Option] = {o.name: o for identity in CATALOGUE for o in identity.options}
# The rules no selection, ignore, severity, suppression or baseline can switch off.
ALWAYS_ON: frozenset[str] = frozenset(i.name for i in CATALOGUE if i.always_on)


def identify(name_or_code: str) -> Identity | None:
    """The identity of the rule with this name (e.g. `unknown-source`) or code (e.g.
    `WWR102`, any case), without importing any rule."""
    return _BY_KEY.get(name_or_code.strip().lower())


def find(name_or_code: str) -> Rule | None:
    """The rule with this name (e.g. `unknown-source`) or code (e.g. `WWR102`, any case)."""
    identity = identify(name_or_code)
    return None if identity is None else _by_name()[identity.name]


def expand(selectors: Iterable[str]) -> set[str]:
    """Rule names for selectors: a name, a code, a code prefix such as `WWR2`, or `ALL`."""
    chosen: set[str] = set()
    for selector in selectors:
        if selector.upper() == "ALL":
            chosen |= set(NAMES)
        elif (identity := identify(selector)) is not None:
            chosen.add(identity.name)
        elif (prefix := selector.strip().upper()).startswith("WWR"):
            chosen |= {i.name for i in CATALOGUE if i.code.startswith(prefix)}
    return chosen


def _implementations() -> tuple[Rule, ...]:
    """The rules themselves, in the catalogue's order: each rule module is imported here."""
    found = []
    for identity in CATALOGUE:
        module, attribute = identity.where.split(":")
        rule = getattr(importlib.import_module(f"wwrlint.rules.{module}"), attribute)
        if rule.name != identity.name:
            raise ImportError(f"{identity.where} is rule {rule.name!r}, not {identity.name!r}")
        found.append(rule)
    return tuple(found)


def _by_name() -> dict[str, Rule]:
    """The rules by name, imported the first time any is asked for."""
    if "BY_NAME" not in globals():
        rules = _implementations()
        globals().update(RULES=rules, BY_NAME={rule.name: rule for rule in rules})
    by_name: dict[str, Rule] = globals()["BY_NAME"]
    return by_name


def __getattr__(name: str) -> Any:
    """`RULES`, `BY_NAME` and `Rule`, imported when first asked for (PEP 562)."""
    if name == "Rule":
        from wwrlint.rules.base import Rule

        return Rule
    if name in ("RULES", "BY_NAME"):
        _by_name()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ALWAYS_ON",
    "BY_NAME",
    "CATALOGUE",
    "IDENTITIES",
    "NAMES",
    "OPTIONS",
    "RULES",
    "Identity",
    "Option",
    "Rule",
    "expand",
    "find",
    "identify",
]
