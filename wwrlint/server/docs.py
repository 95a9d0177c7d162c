"""The rules' documentation as pages the editor can open from a diagnostic's code: the text
of `wwrlint rule NAME`, written when first linked into a folder the server made for itself
(and removes when it stops)."""

from __future__ import annotations

import contextlib
import os

from wwrlint.errors import ToolError

PREFIX = "rule-"


class RuleDocs:
    """Links to the pages of the rules, in `folder`."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def href(self, rule_name: str) -> str | None:
        """The page's file URI; None when it cannot be written."""
        from pygls.uris import from_fs_path

        from wwrlint.rules import BY_NAME

        rule = BY_NAME.get(rule_name)
        if rule is None:
            return None
        path = os.path.abspath(os.path.join(self.folder, f"{PREFIX}{rule.name}.md"))
        if not os.path.isfile(path):
            from wwrlint.atomic import write_atomically
            from wwrlint.rules.docs import rule_text

            with contextlib.suppress(OSError, ToolError):  # the folder gone: no link
                write_atomically(path, f"# {rule_text(rule)}".encode())
            if not os.path.isfile(path):
                return None
        uri: str | None = from_fs_path(path)
        return uri
