"""A click group that imports a command's module only when that command is asked for, so
that a run loads its own command and none of the others (click's lazy-loading pattern)."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, NamedTuple

import click


class LazyCommand(NamedTuple):
    """A command by name, where it lives (`module:attribute`), and its short help."""

    name: str
    where: str
    short_help: str

    def load(self) -> click.Command:
        module, attribute = self.where.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command), self.where
        return command


class LazyGroup(click.Group):
    """A group whose commands come from a table and are imported when first asked for;
    `wwrlint --help` lists them from the table, importing none."""

    def __init__(self, *args: Any, commands_table: Mapping[str, LazyCommand], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.table = commands_table

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.table})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.table:
            self.add_command(self.table[cmd_name].load(), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their short help, as click lists them, read from the table."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.table and name not in self.commands:
                # A stand-in with the table's help shortens it as the command itself would.
                stand_in = click.Command(name, help=self.table[name].short_help)
                rows.append((name, stand_in.get_short_help_str(limit)))
            elif (command := self.get_command(ctx, name)) is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)
