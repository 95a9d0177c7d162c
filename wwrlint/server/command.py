"""`wwrlint server`: the click command. pygls is loaded only when the server starts, so
that every other command starts as fast as before."""

from __future__ import annotations

import click

from wwrlint.cli.common import CONTEXT, cache_dir_option


@click.command(context_settings=CONTEXT)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the cache (the archive index is built for the session).",
)
@cache_dir_option("The cache of `wwrlint check` to share (also $WWRLINT_CACHE_DIR).")
def server(no_cache: bool, cache_dir: str) -> None:
    """Run the language server for editors, over standard input and output.

    It checks each open brief as it is typed, with the rules, settings, archive and
    cache of `wwrlint check`, and completes, explains, follows and renames the brief's
    ids. Editors start it themselves; see the README for VS Code, Neovim, Helix and Zed.

    \b
    Example (what an editor runs):
      wwrlint server
    """
    from wwrlint.server.app import build

    running = build(None if no_cache else cache_dir)
    try:
        running.start_io()
    finally:  # also when the editor ends the server without asking it to shut down
        running.cleanup()
