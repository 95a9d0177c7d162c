"""A new brief: a valid skeleton with the editor modeline, today's date and guidance."""

from __future__ import annotations

import datetime
import os
import re
import unicodedata

from wwrlint.errors import ToolError
from wwrlint.yamlio.write import scalar

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# A new brief, started on {today}. `wwrlint check {name}` says what is missing;
# `wwrlint rules` lists the rules and `wwrlint rule NAME` explains one.
id: {brief_id}
title: {title}
date: {today}  # the publication date, YYYY-MM-DD; no source may be newer

# The analysts this brief quotes, by id: name and role, e.g.
#   thomas-muller:
#     name: Thomas Muller
#     role: World Watch Research analyst
analysts: {{}}

# The sources that claims cite, by id. Each needs a publisher and a date (YYYY-MM-DD);
# title, url, type, author, accessed and note are optional, e.g.
#   dawn-2022-01-03:
#     publisher: Dawn
#     date: 2022-01-03
#     type: news
sources: {{}}

# The brief in reading order. Each item is exactly one of: heading, paragraph (a list of
# the items below), claim (a factual statement, with the ids of its sources), assessment
# (the brief's own analysis), quote (an analyst's words, with the analyst's id), e.g.
#   - claim: Border clashes broke out along the Durand line.
#     sources: [dawn-2022-01-03]
#   - quote: The risk is deemed manageable, at least for the time being.
#     analyst: thomas-muller
body:
  - assessment: Replace this with the brief's first sentence.
"""


def slug(text: str) -> str:
    """A valid id from a name: lowercase letters and digits joined by hyphens ("Björklund"
    gives "bjorklund")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())) or "new-brief"


def schema_reference(folder: str) -> str:
    """How a brief in `folder` names the schema: the repository's schema/brief.schema.json
    relative to it when there is one above, else the schema inside the installed package."""
    current = os.path.abspath(folder)
    while True:
        for candidate in ("schema/brief.schema.json", "brief.schema.json"):
            path = os.path.join(current, candidate)
            if os.path.isfile(path):
                return os.path.relpath(path, os.path.abspath(folder)).replace(os.sep, "/")
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    from wwrlint.schema import schema_file

    return schema_file()


def write_skeleton(path: str, title: str | None, today: datetime.date) -> None:
    """Create the brief at `path`; never overwrite an existing file."""
    folder = os.path.dirname(path) or "."
    name = os.path.basename(path)
    stem = name.rsplit(".", 1)[0] if name.endswith((".yaml", ".yml")) else name
    text = _TEMPLATE.format(
        schema=schema_reference(folder),
        today=today.isoformat(),
        name=path,
        brief_id=slug(stem),
        title=scalar(title or "Working title of the brief"),
    )
    try:
        os.makedirs(folder, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ToolError(f"{path}: already exists; wwrlint new never overwrites a file") from None
    except OSError as error:
        raise ToolError(f"{path}: cannot write: {error.strerror or error}") from None
