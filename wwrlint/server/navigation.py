"""Hover, go to definition, find references and rename, for the ids of a brief: its
sources, its analysts (its own and the roster's) and the earlier briefs it names."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from lsprotocol import types
from pygls.uris import from_fs_path

from wwrlint.archive.model import Archive
from wwrlint.diagnostics import Pointer
from wwrlint.loading import Document, load
from wwrlint.server.ids import Ref, defined, ref_at, refs
from wwrlint.server.positions import Text
from wwrlint.server.publish import lsp_range
from wwrlint.server.session import Buffer, Session

# The ids of the schema: what a new name must look like.
ID = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)*")
# What hover shows of an entry, in this order.
_SOURCE_KEYS = ("publisher", "date", "title", "author", "type", "brief", "url", "accessed")
_ANALYST_KEYS = ("name", "role", "active-from", "active-until")


@dataclass
class At:
    """A request's place: the buffer, its loaded brief and text, and the id there."""

    buffer: Buffer
    document: Document
    text: Text
    ref: Ref | None


def at(session: Session, uri: str, position: types.Position, encoding: str) -> At | None:
    found = session.document(uri)
    if found is None:
        return None
    buffer, document = found
    text = Text(buffer.text, encoding)
    offset = text.offset_at(position.line, position.character)
    line, column = text.yaml_place(offset)
    return At(buffer, document, text, ref_at(document, line, column))


def _range(text: Text, ref: Ref) -> types.Range:
    return lsp_range(text, *text.span_offsets(ref.span))


def _location(session: Session, path: str, pointer: Pointer, encoding: str) -> types.Location:
    """Where a value is in another file (an open buffer's text, else the file's)."""
    content = session.text_of(path) or ""
    document = load(path, content.encode("utf-8", "replace"))
    text = Text(content, encoding)
    span = document.locate(pointer, "key" if pointer[-1:] != ("id",) else "value")
    uri = from_fs_path(os.path.abspath(path)) or path
    return types.Location(uri, lsp_range(text, *text.span_offsets(span)))


def hover(session: Session, place: At) -> types.Hover | None:
    ref = place.ref
    if ref is None:
        return None
    words = _describe(session, place, ref)
    content = types.MarkupContent(types.MarkupKind.Markdown, words)
    return types.Hover(content, _range(place.text, ref))


def _fields(entry: dict[str, object], keys: tuple[str, ...]) -> str:
    return "\n".join(f"- {key}: {entry[key]}" for key in keys if entry.get(key) is not None)


def _describe(session: Session, place: At, ref: Ref) -> str:
    title = f"**{ref.kind} `{ref.id}`**"
    if ref.kind == "source":
        entry = defined(place.document, "source").get(ref.id)
        if entry is None:
            return f"{title}\n\nnot defined under `sources` in this brief"
        return f"{title}\n\n{_fields(entry, _SOURCE_KEYS)}"
    archive = session.archive_for(place.buffer)
    if ref.kind == "analyst":
        entry = defined(place.document, "analyst").get(ref.id)
        where = "defined in this brief"
        roster = archive.roster if archive is not None else {}
        if entry is None and ref.id in roster:
            entry, where = roster[ref.id], "from the archive's roster"
        if entry is None:
            return f"{title}\n\nneither in this brief nor in the roster"
        return f"{title} ({where})\n\n{_fields(entry, _ANALYST_KEYS)}"
    return f"{title}\n\n{_brief_words(archive, ref.id)}"


def _brief_words(archive: Archive | None, brief_id: str) -> str:
    if archive is None:
        return "not in an archive"
    held = archive.by_id(brief_id)
    if held:
        return "\n".join(
            f"- dated {entry.date or 'no date'}, in `{os.path.relpath(entry.path, archive.folder)}`"
            for entry in held
        )
    listed = archive.published(brief_id, None)
    if listed:
        return "\n".join(
            f"- published elsewhere (in the catalogue): {p.title or 'no title known'}, "
            f"dated {p.date or 'no date'}"
            for p in listed
        )
    return "neither in the archive nor in its catalogue"


def definition(session: Session, place: At) -> list[types.Location]:
    ref = place.ref
    if ref is None:
        return []
    encoding = place.text.encoding
    if ref.kind in ("source", "analyst"):
        own = [r for r in refs(place.document, ref.kind, ref.id) if r.definition]
        if own:
            return [types.Location(place.buffer.uri, _range(place.text, own[0]))]
        archive = session.archive_for(place.buffer) if ref.kind == "analyst" else None
        if archive is None or archive.roster_path is None or ref.id not in archive.roster:
            return []
        return [_location(session, archive.roster_path, ("analysts", ref.id), encoding)]
    archive = session.archive_for(place.buffer)
    if archive is None:
        return []
    found = [_location(session, entry.path, ("id",), encoding) for entry in archive.by_id(ref.id)]
    if archive.catalogue_path is not None:
        found += _in_catalogue(session, archive.catalogue_path, ref.id, encoding)
    return found


def _in_catalogue(
    session: Session, path: str, brief_id: str, encoding: str
) -> list[types.Location]:
    content = session.text_of(path) or ""
    data = load(path, content.encode("utf-8", "replace")).data
    listed = data.get("briefs") if isinstance(data, dict) else None
    return [
        _location(session, path, ("briefs", index, "id"), encoding)
        for index, item in enumerate(listed if isinstance(listed, list) else [])
        if isinstance(item, dict) and item.get("id") == brief_id
    ]


def references(place: At, include_declaration: bool) -> list[types.Location]:
    ref = place.ref
    if ref is None or ref.kind == "brief":
        return []
    return [
        types.Location(place.buffer.uri, _range(place.text, found))
        for found in refs(place.document, ref.kind, ref.id)
        if include_declaration or not found.definition
    ]


class RenameError(Exception):
    """Why an id cannot be renamed; the message is for the user."""


def prepare_rename(place: At) -> types.Range:
    ref = _renamable(place)
    return _range(place.text, ref)


def _renamable(place: At) -> Ref:
    ref = place.ref
    if ref is None or ref.kind == "brief":
        raise RenameError("only the id of a source or of an analyst of this brief can be renamed")
    if not any(found.definition for found in refs(place.document, ref.kind, ref.id)):
        where = "the roster" if ref.kind == "analyst" else "no entry of this brief"
        raise RenameError(f"{ref.kind} '{ref.id}' is defined in {where}; rename it there")
    return ref


def rename(place: At, new_name: str) -> types.WorkspaceEdit:
    ref = _renamable(place)
    if not ID.fullmatch(new_name):
        raise RenameError(
            f"'{new_name}' is not an id: lowercase letters and digits, with single hyphens, "
            "dots or underscores between them"
        )
    if new_name != ref.id and new_name in defined(place.document, ref.kind):
        raise RenameError(f"this brief already has a {ref.kind} '{new_name}'")
    edits = []
    for found in refs(place.document, ref.kind, ref.id):
        start, end = place.text.span_offsets(found.span)
        written = place.text.text[start:end]
        quote = written[0] if written[:1] in ("'", '"') else ""
        edits.append(types.TextEdit(lsp_range(place.text, start, end), quote + new_name + quote))
    return types.WorkspaceEdit(changes={place.buffer.uri: edits})
