"""The one error type that means "wwrlint cannot do its job" (exit code 2)."""


class ToolError(Exception):
    """A problem with the run itself, not with a brief; the message is one line naming the
    file or option at fault."""
