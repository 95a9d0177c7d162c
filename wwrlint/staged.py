"""The files a commit being made deletes, as git's index has them (or, when pre-commit
runs between two refs, as the commits between them do): pre-commit names only files that
still exist, so a commit that removes a brief others cite, or the roster, would otherwise
run no check at all."""

from __future__ import annotations

import os
import subprocess

from wwrlint.archive.locate import repository
from wwrlint.errors import ToolError


def staged_deletions(folder: str = ".") -> list[str]:
    """The paths (absolute) that the index deletes against HEAD, a renamed file's old name
    among them; none outside a git repository. When pre-commit runs between two refs (a
    pre-push hook, `pre-commit run --from-ref A --to-ref B`, a CI job), it says which in
    PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF: then those the commits between delete, as
    pre-commit lists the files they change (`A...B`)."""
    top = repository(folder)
    if top is None:
        return []
    start, end = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    changes = [f"{start}...{end}"] if start and end else ["--cached"]
    try:
        listed = subprocess.run(
            ["git", "diff", *changes, "--name-only", "--no-renames", "--diff-filter=D", "-z"],
            cwd=top,
            capture_output=True,
            check=True,
        ).stdout
    except FileNotFoundError:
        raise ToolError("--staged-deletions asks git, which is not installed") from None
    except subprocess.CalledProcessError as error:
        said = error.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[-1] if said else str(error)
        message = f"--staged-deletions: git could not list the deleted files ({reason})"
        raise ToolError(message) from None
    names = [os.fsdecode(name) for name in listed.split(b"\0") if name]
    return [os.path.join(top, *name.split("/")) for name in names]
