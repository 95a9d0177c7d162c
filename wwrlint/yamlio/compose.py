"""A file's text composed into ruamel.yaml's node tree, through libyaml where it is there.

Plain scalars get a tag of their own (`PLAIN`) and are resolved by the YAML 1.2 core
schema while data is built (`build`); the composer settles no tag, so it costs one call
per node and no regular expression. Tags are handed to ruamel as ready `Tag` objects:
given a string, a ruamel node makes a new `Tag` for every node (a fifth of its time).
"""

from __future__ import annotations

import _thread
import operator
import sys
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from wwrlint.yamlio.core import MAP, PLAIN, SEQ, STR, TAG
from wwrlint.yamlio.nesting import check_nesting, may_nest_too_deep

__all__ = [
    "MAP",
    "MAP_TAG",
    "OFFSETS_IN_BYTES",
    "PARSER",
    "PLAIN",
    "PLAIN_TAG",
    "SEQ",
    "SEQ_TAG",
    "STR",
    "STR_TAG",
    "TAG",
    "MappingNode",
    "MarkedYAMLError",
    "Node",
    "ScalarNode",
    "SequenceNode",
    "YAMLError",
    "compose",
]

# The composer's tags for untagged nodes, one object each: the builder tells them apart by
# identity (a node's `tag` makes a new string each time it is read).
PLAIN_TAG, STR_TAG, SEQ_TAG, MAP_TAG = (Tag(suffix=name) for name in (PLAIN, STR, SEQ, MAP))

_CParser: Any
try:  # ruamel.yaml.clib's libyaml (or ruamel.yaml.clibz's): ruamel's C parser
    from ruamel.yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]
    from ruamel.yaml.cyaml import __yaml_lib as _LIBRARY

    # libyaml counts a reader error's position in UTF-8 bytes, ruamel's reader in characters.
    OFFSETS_IN_BYTES = True
    PARSER = f"libyaml (ruamel.yaml.{_LIBRARY})"
except ImportError:  # no compiled parser for this Python: ruamel's pure-Python one
    _CParser = None
    OFFSETS_IN_BYTES = False
    PARSER = "ruamel.yaml (pure Python)"

# What libyaml rejects, ruamel's pure-Python parser reads again, up to this size (a file
# that does not parse is rare, and the pure parser takes about 3 ms per KB).
SECOND_READING = 256 * 1024
# libyaml 0.1.7's errors where libyaml 0.2 and ruamel's parser read the text (a quote
# after a `?` inside a flow collection, `[a?'b]`, is taken for the start of a quoted scalar).
_FLOW_ERRORS = frozenset(
    (
        "while scanning a plain scalar",
        "while parsing a flow sequence",
        "while parsing a flow mapping",
        "while scanning a quoted scalar",
    )
)


def _resolve(kind: type[Node], implicit: tuple[bool, bool]) -> Tag:
    if kind is ScalarNode:
        return PLAIN_TAG if implicit[0] else STR_TAG
    return SEQ_TAG if kind is SequenceNode else MAP_TAG


class _PureResolver(VersionedResolver):
    """Tags left to the builder in ruamel's pure-Python parser."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Tag:
        return _resolve(kind, implicit)


def _scalar(
    tag: Any,
    value: Any,
    start_mark: Any = None,
    end_mark: Any = None,
    style: Any = None,
    comment: Any = None,
    anchor: Any = None,
) -> ScalarNode:
    """ruamel's `ScalarNode(...)`, made with one Python call where ruamel's constructors
    make two or three (libyaml's composer makes a node for every value, and this saves a
    seventh of composing a brief)."""
    node = _new(ScalarNode)
    node.ctag = tag if isinstance(tag, Tag) else Tag(suffix=tag)
    node.value, node.start_mark, node.end_mark = value, start_mark, end_mark
    node.style, node.comment, node.anchor = style, comment, anchor
    return node


def _collection(kind: type[SequenceNode | MappingNode]) -> Any:
    """What makes ruamel's `SequenceNode(...)` or `MappingNode(...)`, as `_scalar` does."""
    mapping = kind is MappingNode

    def make(
        tag: Any,
        value: Any,
        start_mark: Any = None,
        end_mark: Any = None,
        flow_style: Any = None,
        comment: Any = None,
        anchor: Any = None,
    ) -> Any:
        node: Any = _new(kind)
        node.ctag = tag if isinstance(tag, Tag) else Tag(suffix=tag)
        node.value, node.start_mark, node.end_mark = value, start_mark, end_mark
        node.flow_style, node.comment, node.anchor = flow_style, comment, anchor
        if mapping:
            node.merge = None
        return node

    return make


_sequence, _mapping = _collection(SequenceNode), _collection(MappingNode)
_new = object.__new__

if _CParser is not None:
    # The names libyaml's composer (ruamel's Cython module) makes its nodes by, and what
    # they are while wwrlint composes: set for each text and put back after, so that a use
    # of ruamel's C parser or C emitter after (both tell nodes by those names) gets ruamel's
    # own. One text is composed at a time (`_COMPOSING`). Code of another thread loading
    # or dumping YAML with ruamel's C classes at that very moment would see these names and
    # fail; wwrlint itself composes on one thread (the server's work runs on one) and dumps
    # nothing with ruamel (it writes YAML with its own writer). Where the module is not
    # found under its name, or lacks the names, nothing is set and ruamel's classes are
    # used.
    _COMPOSER_NAMES: dict[str, Any] = getattr(sys.modules.get(_CParser.__module__), "__dict__", {})
    _COMPOSING = _thread.allocate_lock()
    _OURS = {"ScalarNode": _scalar, "SequenceNode": _sequence, "MappingNode": _mapping}
    if not all(name in _COMPOSER_NAMES for name in _OURS):
        _OURS = {}
    _THEIRS = {name: _COMPOSER_NAMES[name] for name in _OURS}

    class _Composer(_CParser):  # type: ignore[misc]
        """libyaml's composer with tags left to the builder."""

        def __init__(self, text: str) -> None:
            _CParser.__init__(self, text)
            self._parser = self._composer = self

        def resolve(self, kind: Any, value: Any, implicit: tuple[bool, bool]) -> Tag:
            # `kind` is the name the composer makes the node by: ours while `_documents`
            # composes, ruamel's class otherwise
            if kind is _scalar or kind is ScalarNode:
                return PLAIN_TAG if implicit[0] else STR_TAG
            return SEQ_TAG if kind is _sequence or kind is SequenceNode else MAP_TAG

        # No path resolvers, so nothing to track; the composer calls these for every node,
        # and a C function that takes the same arguments and does nothing costs a third of
        # a Python method's call.
        descend_resolver = staticmethod(operator.is_)
        ascend_resolver = staticmethod(tuple)


def _documents(composer: Any) -> tuple[Node | None, Node | None]:
    """The first document's root and the next document's, if there is one."""
    with _COMPOSING:
        try:
            _COMPOSER_NAMES.update(_OURS)
            root = composer.get_node() if composer.check_node() else None
            extra = composer.get_node() if composer.check_node() else None
            return root, extra
        finally:
            _COMPOSER_NAMES.update(_THEIRS)
            # The composer refers to itself (ruamel's code asks it for its `_parser`): freed
            # now, not at a collection of reference cycles, which a run makes rarely (see
            # wwrlint.cli), each composer kept libyaml's buffers, 60 KB a brief.
            composer._parser = composer._composer = None


def _pure_compose(text: str) -> tuple[Node | None, Node | None]:
    reader = YAML(typ="base", pure=True)
    reader.Resolver = _PureResolver
    documents = reader.compose_all(text)
    root = next(documents, None)
    return root, next(documents, None)


def compose(text: str) -> tuple[Node | None, Node | None]:
    """The first document's root node (None for a file with none) and the second
    document's, if the file holds another. Raises ruamel's `MarkedYAMLError` for a syntax
    error and its `YAMLError` (a reader error) for a character YAML forbids."""
    if _CParser is None:
        return _pure_compose(text)
    if may_nest_too_deep(text):
        check_nesting(_CParser(text))
    try:
        return _documents(_Composer(text))
    except MarkedYAMLError as error:
        # The libyaml that ruamel.yaml.clib and clibz build is 0.1.7, which rejects flow
        # scalars that YAML 1.2 (and libyaml 0.2) reads: `{url: http://example.org}`,
        # `[a?b]`. ruamel's own parser reads them; where it gives up too, libyaml's reason
        # is the one shown. Other errors of libyaml stand as they are.
        if error.context not in _FLOW_ERRORS or len(text) > SECOND_READING:
            raise
        try:
            return _pure_compose(text)
        except Exception:  # ruamel's parser has asserts too: any failure leaves libyaml's
            pass
        raise
