"""`extend` in a configuration: a nested configuration inherits from the one it names
(usually its parent's) instead of replacing it.

The base is read first, then the extending file's keys go on top: a key it sets replaces
the base's, but `extend-select`, `ignore` and `exclude` add to the base's lists,
`severity` and `per-file-ignores` are merged entry by entry (the extending file wins), and
`select` replaces the base's whole selection (its `select`, `extend-select` and `ignore`),
as `--select` does on the command line. The base's globs are written relative to its own
folder: when the extending file lies below it they are rewritten to match the same paths
from the extending file's folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import fields, replace
from typing import Any

from wwrlint.config import ConfigError, Settings, _inside, from_table, read_config
from wwrlint.wording import quoted

# The keys whose lists add to the base's, and those merged entry by entry.
_ADDED = ("extend_select", "ignore", "exclude")
_MERGED = ("severity", "per_file_ignores")


def extended(path: str, table: Mapping[str, Any], root: str, chain: tuple[str, ...]) -> Settings:
    """The settings of `path`, whose keys are `table`, on top of the file its `extend`
    names; `chain` holds the files being read that extend it (to refuse a loop)."""
    value = table["extend"]
    where = f"{path}: extend"
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: must be the path of another configuration file")
    base_path = _inside(root, value, where, "file")
    here = os.path.realpath(path)
    if os.path.realpath(base_path) in (*chain, here):
        raise ConfigError(f"{where}: {quoted(value)} extends this file again (a loop)")
    base = read_config(base_path, (*chain, here))
    own = {key: item for key, item in table.items() if key != "extend"}
    return merge(base, from_table(own, path, root), own)


def merge(base: Settings, own: Settings, table: Mapping[str, Any]) -> Settings:
    """`own`'s settings for the keys `table` sets, on top of `base` (see the module)."""
    rebased = _rebased(base, own.root)
    if "select" in table:
        rebased = replace(rebased, extend_select=(), ignore=())
    changes: dict[str, Any] = {"path": own.path, "root": own.root}
    for key in table:
        name = key.replace("-", "_")
        if name not in {f.name for f in fields(Settings)}:  # a rule option
            continue
        mine, theirs = getattr(own, name), getattr(rebased, name)
        if name in _ADDED:
            changes[name] = theirs + tuple(item for item in mine if item not in theirs)
        elif name in _MERGED:
            changes[name] = tuple({**dict(theirs), **dict(mine)}.items())
        else:
            changes[name] = mine
    options = dict(rebased.rule_options)
    options.update((name, value) for name, value in own.rule_options if name in table)
    changes["rule_options"] = tuple(options.items())
    return replace(rebased, **changes)


def _rebased(base: Settings, root: str) -> Settings:
    """The base's globs rewritten to match, from `root`, what they match from its own
    folder; an anchored glob of a base that is not above `root` cannot be."""
    prefix = os.path.relpath(root, base.root).replace(os.sep, "/")
    if prefix == ".":
        return base
    inside = prefix != ".." and not prefix.startswith("../")

    def moved(pattern: str) -> tuple[str, ...]:
        if "/" not in pattern.rstrip("/"):  # matches a name at any depth: it stays
            return (pattern,)
        if not inside:
            raise ConfigError(
                f"{base.path}: glob {quoted(pattern)} is relative to {base.root}, which is "
                f"not above {root}: write it without a folder, or in the extending file"
            )
        return rebase(pattern, prefix.split("/"))

    return replace(
        base,
        exclude=tuple(p for pattern in base.exclude for p in moved(pattern)),
        per_file_ignores=tuple(
            (p, rules) for pattern, rules in base.per_file_ignores for p in moved(pattern)
        ),
    )


def rebase(pattern: str, prefix: list[str]) -> tuple[str, ...]:
    """An anchored glob made relative to the folder `prefix` (its names, from the glob's
    own folder): the globs that match, below that folder, the paths it matches there.
    `briefs/drafts` from `briefs` is `/drafts`; `**/old` stays `**/old`; `other/x` is
    none; `briefs` or `b*` from `briefs/2022` is `**`, everything."""
    segments = pattern.strip("/").split("/")
    found: dict[str, None] = {}

    def walk(index: int, depth: int) -> None:
        if depth == len(prefix):
            rest = segments[index:]
            found[("/" + "/".join(rest)) if rest and rest != ["**"] else "**"] = None
        elif index == len(segments):  # it matched a folder above: everything below
            found["**"] = None
        elif segments[index] == "**":
            walk(index, depth + 1)  # the `**` takes in one more folder
            walk(index + 1, depth)  # or none
        elif _name_matches(segments[index], prefix[depth]):
            walk(index + 1, depth + 1)

    walk(0, 0)
    return tuple(found)


def _name_matches(segment: str, name: str) -> bool:
    """Whether one folder name matches one segment of a glob (`*` and `?` within it)."""
    pattern = "".join(
        "[^/]*" if c == "*" else "[^/]" if c == "?" else re.escape(c) for c in segment
    )
    return re.fullmatch(pattern, name) is not None
