"""Configuration: `[tool.wwrlint]` in pyproject.toml or `.wwrlint.yaml`, found by walking up
from each checked file, resolved once into a typed `Settings` object.

Every key has a command-line twin; the command line wins. A config problem (unknown key,
unknown rule, wrong type) is a `ConfigError` naming the file and the key, and the CLI turns it
into exit code 2.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, NamedTuple

from wwrlint.diagnostics import Severity
from wwrlint.errors import ToolError
from wwrlint.reporters import FORMAT_NAMES
from wwrlint.rules import ALWAYS_ON, NAMES, OPTIONS, expand
from wwrlint.wording import did_you_mean, quoted, what_is

CONFIG_NAMES = (".wwrlint.yaml", ".wwrlint.yml", "pyproject.toml")
SEVERITIES: tuple[Severity, ...] = ("error", "warning")


class ConfigError(ToolError):
    """A configuration that cannot be used; the message names the file and the key."""


# Marks the Settings fields that decide which files are found or how results are reported,
# never what a file's diagnostics are. Every other field keys the result cache
# (`cache.settings_key`), so a new setting is part of the key unless marked here.
REPORTING_ONLY = "reporting-only"
_REPORTING = {REPORTING_ONLY: True}


def _default_options() -> tuple[tuple[str, Any], ...]:
    return tuple((name, option.default) for name, option in OPTIONS.items())


@dataclass(frozen=True)
class Settings:
    """Everything that decides how one file is checked and reported."""

    # The rules that run, by name. Selection: `select` (default: every rule), plus
    # `extend-select`, minus `ignore`.
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    exclude: tuple[str, ...] = field(default=(), metadata=_REPORTING)
    require_suppression_reason: bool = False
    output_format: str | None = field(default=None, metadata=_REPORTING)
    fail_level: Severity = field(default="error", metadata=_REPORTING)
    # Whether `exclude` holds for files named on the command line too, as pre-commit
    # names them (without it, a file named is checked even when excluded, as in ruff).
    force_exclude: bool = field(default=False, metadata=_REPORTING)
    unsafe_fixes: bool = field(default=False, metadata=_REPORTING)
    archive: str | None = None
    roster: str | None = None
    # Every option the rules declare (see `rules.OPTIONS`), by config key, in registry order.
    rule_options: tuple[tuple[str, Any], ...] = field(default_factory=_default_options)
    # Where the settings came from: the config file, or None for the defaults. The root
    # only matters through the rules it enables for a path (`enabled_for`).
    path: str | None = field(default=None, metadata=_REPORTING)
    root: str = field(default=".", metadata=_REPORTING)

    @cached_property
    def enabled(self) -> frozenset[str]:
        chosen = expand(self.select) | expand(self.extend_select)
        return frozenset(chosen - expand(self.ignore)) | ALWAYS_ON

    def enabled_for(self, path: str) -> frozenset[str]:
        """The rules that run on one file, after `per-file-ignores`."""
        if not self.per_file_ignores:
            return self.enabled  # the same set for every file (it holds ALWAYS_ON)
        from wwrlint.globs import glob_matches  # settings without globs never load it

        relative = self.relative(path)
        ignored: set[str] = set()
        for pattern, rules in self.per_file_ignores:
            if glob_matches(pattern, relative):
                ignored |= expand(rules)
        return (self.enabled - ignored) | ALWAYS_ON

    def severity_of(self, rule: str, default: Severity) -> Severity:
        if rule in ALWAYS_ON:
            return default
        return dict(self.severity).get(rule, default)

    @cached_property
    def options(self) -> dict[str, Any]:
        """The rule options by config key, defaults included."""
        return {**dict(_default_options()), **dict(self.rule_options)}

    def is_excluded(self, path: str) -> bool:
        if not self.exclude:
            return False
        from wwrlint.globs import glob_matches  # settings without globs never load it

        relative = self.relative(path)
        return any(glob_matches(pattern, relative) for pattern in self.exclude)

    def relative(self, path: str) -> str:
        """The path relative to the config's folder, with forward slashes."""
        try:
            relative = os.path.relpath(os.path.abspath(path), self.root)
        except ValueError:  # another drive on Windows
            relative = path
        return relative.replace(os.sep, "/")

    def as_dict(self) -> dict[str, Any]:
        """The resolved settings as the config file would spell them."""
        return {
            "config-file": self.path,
            "select": list(self.select),
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "per-file-ignores": {pattern: list(rules) for pattern, rules in self.per_file_ignores},
            "severity": dict(self.severity),
            "exclude": list(self.exclude),
            "require-suppression-reason": self.require_suppression_reason,
            "output-format": self.output_format,
            "fail-level": self.fail_level,
            "force-exclude": self.force_exclude,
            "unsafe-fixes": self.unsafe_fixes,
            "archive": self.archive,
            "roster": self.roster,
            **self.options,
            "enabled-rules": [name for name in NAMES if name in self.enabled],
        }


def check_selector(selector: Any, where: str) -> str:
    """A selector as written, or a ConfigError saying why it names no rule."""
    if not isinstance(selector, str) or not expand([selector]):
        hint = did_you_mean(str(selector), list(NAMES))
        raise ConfigError(f"{where}: unknown rule {quoted(selector)}{hint}")
    return selector


# --- reading config files -----------------------------------------------------------------

_KEYS = {
    "select": "rules",
    "extend-select": "rules",
    "ignore": "rules",
    "per-file-ignores": "per-file",
    "severity": "severity",
    "exclude": "globs",
    "require-suppression-reason": "bool",
    "output-format": "format",
    "fail-level": "level",
    "force-exclude": "bool",
    "unsafe-fixes": "bool",
    "archive": "folder",
    "roster": "file",
}

OUTPUT_FORMATS = FORMAT_NAMES


def read_config(path: str, extending: tuple[str, ...] = ()) -> Settings:
    """Settings from one config file; a ConfigError when it cannot be used. A file with
    `extend` starts from the settings of the file it names (`extends.py`); `extending`
    holds the files being read that extend this one."""
    table = _read_table(path)
    root = os.path.dirname(os.path.abspath(path))
    if "extend" in table:
        from wwrlint.extends import extended

        return extended(path, table, root, extending)
    return from_table(table, path, root=root)


def _read_table(path: str) -> Mapping[str, Any]:
    try:
        with open(path, "rb") as handle:
            content = handle.read()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    if path.endswith(".toml"):
        import tomllib

        try:
            document = tomllib.loads(content.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from None
        table = document.get("tool", {}).get("wwrlint", {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.wwrlint] must be a table")
        return table
    from wwrlint.loading import load

    loaded = load(path, content)
    if loaded.problems:
        problem = loaded.problems[0]
        raise ConfigError(f"{path}:{problem.span.line}:{problem.span.column}: {problem.message}")
    if loaded.data is None:
        return {}
    if not isinstance(loaded.data, dict):
        raise ConfigError(f"{path}: a config file is a mapping of settings")
    return loaded.data


def has_wwrlint_table(path: str) -> bool:
    """Whether a pyproject.toml configures wwrlint (others are skipped while searching)."""
    try:
        with open(path, "rb") as handle:
            return b"[tool.wwrlint" in handle.read()
    except OSError:
        return False


def from_table(table: Mapping[str, Any], path: str, root: str) -> Settings:
    """Settings from a configuration's keys as written; `path` names it in errors, and
    paths it holds are relative to `root`."""
    values: dict[str, Any] = {}
    options: dict[str, Any] = {}
    for key, value in table.items():
        where = f"{path}: {key}"
        # Rule options stay top-level keys, as they were before rules declared them.
        if (option := OPTIONS.get(key)) is not None:
            if (problem := option.problem(value)) is not None:
                raise ConfigError(f"{where}: {problem}")
            options[key] = value
            continue
        kind = _KEYS.get(key)
        if kind is None:
            hint = did_you_mean(str(key), [*_KEYS, "extend", *OPTIONS])
            raise ConfigError(f"{path}: unknown key {quoted(key)}{hint}")
        parsed = _parse(kind, value, where)
        if kind in ("folder", "file"):
            parsed = _inside(root, parsed, where, kind)
        values[key.replace("-", "_")] = parsed
    resolved = tuple((name, options.get(name, o.default)) for name, o in OPTIONS.items())
    return Settings(**values, rule_options=resolved, path=path, root=root)


def _inside(root: str, relative: str, where: str, kind: str) -> str:
    """A folder or file the config names, relative to the config's folder, which must
    exist and may not leave (by `..` or a symbolic link) the repository root."""
    if "\x00" in relative:  # no file system takes it, and os.path raises on it
        raise ConfigError(f"{where}: {quoted(relative)} is not a path: it holds a NUL character")
    resolved = os.path.normpath(os.path.join(root, relative))
    boundary = os.path.realpath(repository_root(root))
    if os.path.commonpath([boundary, os.path.realpath(resolved)]) != boundary:
        raise ConfigError(f"{where}: {quoted(relative)} leads outside the repository {boundary}")
    # A missing archive or roster would silently switch the archive rules off.
    if kind == "folder" and os.path.isfile(resolved):
        raise ConfigError(f"{where}: {quoted(relative)} is a file, not a folder")
    if kind == "file" and os.path.isdir(resolved):
        raise ConfigError(f"{where}: {quoted(relative)} is a folder, not a file")
    if not os.path.exists(resolved):
        raise ConfigError(f"{where}: {quoted(relative)}: no such {kind}")
    return resolved


def _parse(kind: str, value: Any, where: str) -> Any:
    if kind == "rules":
        return tuple(check_selector(item, where) for item in _string_list(value, where))
    if kind == "globs":
        return tuple(_string_list(value, where))
    if kind == "bool":
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: must be true or false")
        return value
    if kind == "per-file":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: must map file globs to lists of rules")
        return tuple(
            (
                str(pattern),
                tuple(check_selector(r, f"{where}.{pattern}") for r in _string_list(rules, where)),
            )
            for pattern, rules in value.items()
        )
    if kind == "severity":
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: must map rules to 'error' or 'warning'")
        pairs = []
        for selector, level in value.items():
            check_selector(selector, where)
            chosen = _level(level, f"{where}.{selector}")
            pairs += [(name, chosen) for name in sorted(expand([selector]) - ALWAYS_ON)]
        return tuple(pairs)
    if kind == "level":
        return _level(value, where)
    if kind in ("folder", "file"):
        if not isinstance(value, str) or not value.strip():
            blank = "empty text" if isinstance(value, str) else what_is(value)
            raise ConfigError(f"{where}: must be a path, not {blank}")
        return value
    if kind == "format":
        if value not in OUTPUT_FORMATS:
            raise ConfigError(f"{where}: must be one of {', '.join(OUTPUT_FORMATS)}")
        return value
    raise AssertionError(kind)


def _level(value: Any, where: str) -> Severity:
    if value not in SEVERITIES:
        raise ConfigError(f"{where}: must be 'error' or 'warning', not {value!r}")
    level: Severity = value
    return level


def _string_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: must be a list of text")
    return value


# --- command-line overrides and finding config files -------------------------------------


class Overrides(NamedTuple):
    """What the command line says; it wins over every config file.

    `--select` replaces the file's whole selection (its select, extend-select and ignore);
    `--extend-select`, `--ignore` and `--exclude` add to what the file says."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    output_format: str | None = None
    fail_level: Severity | None = None
    force_exclude: bool = False
    unsafe_fixes: bool | None = None

    def apply(self, settings: Settings) -> Settings:
        if self.select is not None:
            settings = replace(settings, select=self.select, extend_select=(), ignore=())
        return replace(
            settings,
            extend_select=settings.extend_select + self.extend_select,
            ignore=settings.ignore + self.ignore,
            exclude=settings.exclude + self.exclude,
            output_format=self.output_format or settings.output_format,
            fail_level=self.fail_level or settings.fail_level,
            force_exclude=self.force_exclude or settings.force_exclude,
            unsafe_fixes=(
                settings.unsafe_fixes if self.unsafe_fixes is None else self.unsafe_fixes
            ),
        )


def repository_root(folder: str) -> str:
    """The nearest folder at or above `folder` holding `.git`, or `folder` itself."""
    current = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return os.path.abspath(folder)
        current = parent


def _check_inside_repository(path: str) -> None:
    """A configuration found by searching must not lead out of its repository by a
    symbolic link; one named with --config may be anywhere."""
    root = os.path.realpath(repository_root(os.path.dirname(os.path.abspath(path))))
    target = os.path.realpath(path)
    if os.path.commonpath([root, target]) != root:
        raise ConfigError(
            f"{path}: links to {target}, outside the repository {root}; "
            "name it with --config if it is meant"
        )


@dataclass(eq=False, repr=False)
class ConfigFinder:
    """The settings for each checked path: from `--config` if given, else from the nearest
    config file, searched from the path's folder up to the repository root (the folder
    holding `.git`) or the file system's root. Each folder is resolved once."""

    overrides: Overrides = field(default_factory=Overrides)
    explicit: str | None = None
    _by_folder: dict[str, Settings] = field(default_factory=dict)
    # Paths made absolute, each with its folder, by the path as given; and absolute
    # folders (each with a separator after it), by the folder part of a path as given. The
    # current folder stays the same while a finder is in use.
    _paths: dict[str, tuple[str, str]] = field(default_factory=dict)
    _folders: dict[str, tuple[str, str]] = field(default_factory=dict)

    def absolute(self, path: str) -> str:
        """`os.path.abspath(path)`, each path and folder worked out once: the same paths
        are asked for at each step of a run, and abspath was a fifth of a warm run."""
        known = self._paths.get(path)  # looked up here, not in a call: 7 times a file
        return (known or self._located(path))[0]

    def folder_of(self, path: str) -> str:
        """`os.path.dirname(os.path.abspath(path))`, as quickly."""
        known = self._paths.get(path)
        return (known or self._located(path))[1]

    def _located(self, path: str) -> tuple[str, str]:
        (folder, inside), name = self._parts(path)
        known = self._paths[path] = (inside + name, folder)
        return known

    def _parts(self, path: str) -> tuple[tuple[str, str], str]:
        if os.altsep is None:
            cut = path.rfind(os.sep) + 1
            head, name = path[:cut], path[cut:]
        else:  # drives and two separators: leave them to the library
            head, name = os.path.split(path)
        if name in ("", os.curdir, os.pardir):
            absolute = os.path.abspath(path)
            folder = os.path.dirname(absolute)
            return (folder, os.path.join(folder, "")), os.path.basename(absolute)
        known = self._folders.get(head)
        if known is None:
            folder = os.path.abspath(head or os.curdir)
            known = self._folders[head] = (folder, os.path.join(folder, ""))
        return known, name

    def for_path(self, path: str, is_folder: bool | None = None) -> Settings:
        """The settings of a file or folder (`is_folder` when the caller knows which, which
        saves a `stat` a file of a folder's walk)."""
        if is_folder is None:
            is_folder = os.path.isdir(path)
        folder = self.absolute(path) if is_folder else self.folder_of(path)
        if self.explicit is not None:
            folder = ""  # one config for every path
        if folder not in self._by_folder:
            self._by_folder[folder] = self.overrides.apply(self._find(folder))
        return self._by_folder[folder]

    def _find(self, folder: str) -> Settings:
        if self.explicit is not None:
            return read_config(self.explicit)
        while True:
            for name in CONFIG_NAMES:
                candidate = os.path.join(folder, name)
                if os.path.isfile(candidate) and (
                    name != "pyproject.toml" or has_wwrlint_table(candidate)
                ):
                    _check_inside_repository(candidate)
                    return read_config(candidate)
            parent = os.path.dirname(folder)
            if parent == folder or os.path.exists(os.path.join(folder, ".git")):
                return Settings(root=os.getcwd())
            folder = parent
