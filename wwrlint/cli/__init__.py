"""The `wwrlint` command line: click wiring only; the work happens in the modules it calls."""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

import click

from wwrlint import RARE_COLLECTIONS, __version__
from wwrlint.cli.common import CONTEXT, EXIT_TOOL
from wwrlint.cli.lazy import LazyCommand, LazyGroup
from wwrlint.stopping import SIGNALS

# Every command: where it lives (module:attribute) and its short help for `wwrlint --help`
# (tests/test_imports.py holds each to its command's own). A command's module is imported only
# when that command runs or explains itself, so `wwrlint check` loads none of the others.
COMMANDS: dict[str, LazyCommand] = {
    command.name: command
    for command in (
        LazyCommand(
            "check",
            "wwrlint.cli.check:check",
            "Check briefs against the schema and the editorial rules.",
        ),
        LazyCommand(
            "new",
            "wwrlint.cli.new:new",
            "Write a new brief skeleton at PATH: the editor modeline, today's date, and "
            "comments that explain each part.",
        ),
        LazyCommand(
            "import",
            "wwrlint.cli.prose:import_command",
            "Turn a prose brief (plain text or Markdown) into a structured brief draft.",
        ),
        LazyCommand(
            "render",
            "wwrlint.cli.prose:render",
            "Turn a structured brief back into publishable prose, citing sources in the WWR "
            'style "(Publisher, 15 December 2021)" and introducing quotes as the brief\'s '
            "analysts.",
        ),
        LazyCommand(
            "sources",
            "wwrlint.cli.archive:sources",
            "List the archive's sources: publisher, date, how many briefs cite each.",
        ),
        LazyCommand(
            "report",
            "wwrlint.cli.archive:report",
            "Write one self-contained HTML page on the archive for editors: per brief the "
            "counts of claims, sources, quotes, errors and warnings, the share of claims with "
            "a dated source, and a timeline of source dates against brief dates.",
        ),
        LazyCommand(
            "rules",
            "wwrlint.cli.info:rules",
            "List every rule: code, name, default severity and summary.",
        ),
        LazyCommand(
            "rule",
            "wwrlint.cli.info:rule",
            "Explain one rule, by name or code, with a bad and a good example.",
        ),
        LazyCommand(
            "schema",
            "wwrlint.cli.info:schema",
            "Print the brief JSON Schema (draft 2020-12), or the roster's, or the catalogue's.",
        ),
        LazyCommand(
            "clean",
            "wwrlint.cli.info:clean",
            "Remove the result cache that `wwrlint check` keeps.",
        ),
        # `wwrlint server`, the language server (wwrlint/server/)
        LazyCommand(
            "server",
            "wwrlint.server.command:server",
            "Run the language server for editors, over standard input and output.",
        ),
    )
}


@click.group(cls=LazyGroup, commands_table=COMMANDS, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="wwrlint")
def cli() -> None:
    """Lint analysis briefs: every claim cites a dated source, every quote names an analyst.

    \b
    Examples:
      wwrlint check briefs/                 check every brief below briefs/
      wwrlint check --output-format json .  machine-readable diagnostics
      wwrlint new briefs/my-brief.yaml      start a brief from a valid skeleton
      wwrlint import old/brief.txt          turn a prose brief into a structured draft
      wwrlint render --to html brief.yaml   turn a brief back into prose
      wwrlint rules                         list the rules
      wwrlint rule unknown-source           explain one rule, with examples
      wwrlint schema > brief.schema.json    the JSON Schema, for editors

    Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 wwrlint could not do
    its job (bad option, missing path, unreadable file or config).
    """


class Stopped(BaseException):
    """The run was told to stop by a signal; not an Exception, so that nothing on the way
    out takes it for an error to recover from, while every `finally` still runs."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


# The process that installed the handlers (forked worker processes inherit them), and
# whether it is stopping already.
_MAIN_PROCESS = [0, 0]


def _stop(number: int, frame: object) -> None:
    if os.getpid() != _MAIN_PROCESS[0]:
        # A worker process, before `_in_worker` ran in it. Ctrl-C and a hangup reach the
        # whole process group: the main process stops the run and ends its workers (one
        # that died now could hold the lock of the pool's queue, and the pool would wait
        # for it for ever). The pool ends them by SIGTERM: end at once, quietly.
        if number == signal.SIGTERM:
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)
        return
    if _MAIN_PROCESS[1]:
        return  # one signal stops the run; a second must not cut the cleanup short
    _MAIN_PROCESS[1] = number
    raise Stopped(number)


# The signals `_done` ignores since the run ended (the next `main` in this process takes
# them again).
_DONE: set[int] = set()


def _done() -> None:
    """The run is over, its files written: a signal that comes now, as the interpreter
    shuts down (when Python gives signals their default action back, which would end the
    process as killed), changes nothing and is ignored; the run's exit code stands."""
    if os.getpid() != _MAIN_PROCESS[0]:
        return
    for number in SIGNALS:
        if signal.getsignal(number) is _stop:
            signal.signal(number, signal.SIG_IGN)
            _DONE.add(number)


def _stop_on_signals() -> None:
    """Turn SIGINT (Ctrl-C), SIGTERM and SIGHUP into `Stopped`, except those the caller
    ignores (`nohup` ignores SIGHUP, a shell's background job SIGINT)."""
    _MAIN_PROCESS[:] = [os.getpid(), 0]
    for number in SIGNALS:
        if signal.getsignal(number) is not signal.SIG_IGN or number in _DONE:
            signal.signal(number, _stop)
            _DONE.discard(number)
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_in_worker)


def _in_worker() -> None:
    """In a forked worker process: SIGTERM, by which the pool ends its workers, is left to
    the system again (a handler in Python can miss a signal that comes just as the worker
    blocks on the pool's queue, and the pool would wait for it for ever); Ctrl-C and a
    hangup are the main process's to act on."""
    for number in SIGNALS:
        if signal.getsignal(number) is _stop:
            signal.signal(number, signal.SIG_DFL if number == signal.SIGTERM else signal.SIG_IGN)


def run() -> NoReturn:
    """The installed command (and `python -m wwrlint`): `main`, then out of the process at
    once, as mypy does. What is left to free when a run ends would only be taken apart
    piece by piece: a quarter of the time of checking one brief. Exit handlers still run
    (they remove what the run made) and the output is flushed; a reader gone by then
    makes it exit 2, quietly."""
    try:
        main()
    except SystemExit as stop:
        code = stop.code
    if not isinstance(code, int):
        if code is not None:
            with contextlib.suppress(OSError, ValueError):
                print(code, file=sys.stderr)
        code = 0 if code is None else 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = EXIT_TOOL
    os._exit(code)


def main(argv: Sequence[str] | None = None, prog_name: str = "wwrlint") -> NoReturn:
    """Console entry point: run the command; an unexpected failure is one line, not a
    traceback; a signal to stop ends the run with 128 + its number (130 for Ctrl-C), once
    the files it was writing are cleaned up."""
    _stop_on_signals()
    gc.set_threshold(*RARE_COLLECTIONS)  # see `wwrlint.RARE_COLLECTIONS`
    for stream in (sys.stdout, sys.stderr):  # never fail on a character the console lacks
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name=prog_name)
    except Stopped as stopped:
        from wwrlint.atomic import remove_temporary_files

        remove_temporary_files()  # any left by a signal that came as one was being made
        with contextlib.suppress(OSError, ValueError):
            click.echo(f"wwrlint: stopped by {signal.Signals(stopped.number).name}", err=True)
        sys.exit(128 + stopped.number)
    except BrokenPipeError:  # the reader went away (`wwrlint check | head`): stop quietly
        sys.stderr.close()
        sys.exit(EXIT_TOOL)
    except MemoryError:  # not a bug: what was asked needs more memory than there is
        click.echo("wwrlint: error: ran out of memory; check fewer or smaller files", err=True)
        sys.exit(EXIT_TOOL)
    except Exception as error:  # the last line of defence: never show a traceback
        click.echo(f"wwrlint: internal error: {type(error).__name__}: {error}", err=True)
        click.echo("wwrlint: please report this with the file that caused it", err=True)
        sys.exit(EXIT_TOOL)
    finally:
        _done()
    sys.exit(0)
