"""Babel extractors for data files: the interview scripts (form_templates/<kind>/interview.yaml)
and the law tables whose lines the command prints (deadlines, the notes of authorities to check).

Every string a person reads in an interview (titles, intros, prompts, labels, help, the yes/no
questions that open groups and lists, nouns and choice labels) becomes a catalog message, with
its line number, so translators see it in context.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import yaml

TEXT_KEYS = {"title", "intro", "prompt", "label", "help", "ask", "more", "noun"}  # recheck names a field


def extract_interview(
    fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if root is not None:
        yield from _walk(root, parent_key="")


def _walk(node: yaml.Node, *, parent_key: str) -> Iterator[tuple[int, str | None, str, list[str]]]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            key = key_node.value
            if key in TEXT_KEYS and isinstance(value, yaml.ScalarNode) and value.value.strip():
                yield value.start_mark.line + 1, None, value.value, [f"interview {key}"]
            elif key == "choices":
                yield from _choices(value)
            elif key != "fixed":
                yield from _walk(value, parent_key=key)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, parent_key=parent_key)


def _choices(node: yaml.Node) -> Iterator[tuple[int, str | None, str, list[str]]]:
    if isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            if isinstance(value, yaml.ScalarNode):
                yield value.start_mark.line + 1, None, value.value, ["interview choice"]
    elif isinstance(node, yaml.SequenceNode):
        for value in node.value:
            if isinstance(value, yaml.ScalarNode):
                yield value.start_mark.line + 1, None, value.value, ["interview choice"]


LAW_KEYS = {"label", "note"}  # what the command prints from a law table (deadlines, authorities' notes)


def extract_law(
    fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """The lines a law table gives the terminal: a deadline's label and note, an authority's note
    (shown as "check before filing"). The message is the value as YAML reads it (a folded block
    becomes one line), which is what the code passes to _()."""
    root = yaml.compose(fileobj.read().decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if root is not None:
        yield from _law_walk(root)


def _law_walk(node: yaml.Node) -> Iterator[tuple[int, str | None, str, list[str]]]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value in LAW_KEYS and isinstance(value, yaml.ScalarNode) and value.value.strip():
                # a scalar node's value is already folded and unescaped as the loader reads it
                yield value.start_mark.line + 1, None, value.value, [f"law {key_node.value}"]
            else:
                yield from _law_walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _law_walk(item)
