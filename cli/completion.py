"""Shell completion of kinds and variants (click's own completion: see the README, "Shell completion").

Each function is handed to click as ``shell_complete=``; it runs only when the shell asks, so
the kinds registry is imported then, never when a command starts.
"""

from __future__ import annotations

from typing import Any

from click.shell_completion import CompletionItem


def complete_kind(ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
    """Packet kinds and their aliases, with the kind's title as help."""
    from legal_docs.kinds import KINDS

    out = []
    for spec in KINDS.values():
        for name in (spec.name, *spec.aliases):
            if name.startswith(incomplete.lower()):
                out.append(CompletionItem(name, help=spec.title))
    return out


def complete_variant(ctx: Any, param: Any, incomplete: str) -> list[CompletionItem]:
    """The variants of the kind already typed (`example protective-order --variant d<Tab>`)."""
    from legal_docs.errors import InputError
    from legal_docs.kinds import get_kind

    # while the option's value is being typed, click has not placed the kind yet: it is left in args
    kind = ctx.params.get("kind") or next((a for a in ctx.args if not a.startswith("-")), None)
    if not kind:
        return []
    try:
        spec = get_kind(kind)
    except InputError:
        return []
    return [CompletionItem(v) for v in spec.variants if v.startswith(incomplete.lower())]
