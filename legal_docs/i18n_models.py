"""Babel extractor for the answers models: the `title=` and `description=` of every Field(...),
the plain messages of `ValueError("...")` raised by validators, and `_("... {x} ...")` messages
with placeholders (translated where they are raised).

Error messages and the interview's review screen name fields by these titles and show those
messages, translated with _() when shown; this extractor puts them in the catalog without
marking each one in the code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any, BinaryIO


def extract_field_titles(
    fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    tree = ast.parse(fileobj.read().decode("utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_" and node.args:
            first = node.args[0]  # a message with placeholders, translated where it is raised
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield first.lineno, "_", first.value, ["validation message"]
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ValueError" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield first.lineno, None, first.value, ["validation message"]
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Field":
            for kw in node.keywords:
                if kw.arg in ("title", "description") and isinstance(kw.value, ast.Constant) \
                        and isinstance(kw.value.value, str) and kw.value.value.strip():
                    yield kw.value.lineno, None, kw.value.value, [f"answers field {kw.arg}"]
