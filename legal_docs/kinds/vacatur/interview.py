"""Functions the vacatur interview's conditions may call (registered by the kind's ``KIND``)."""

from __future__ import annotations

from typing import Any


def screen(code_section: Any = None, level: Any = None, enhancements: Any = ()) -> str:
    """'eligible', 'excluded' or 'check' under PC 667.5(c) (for `when` conditions)."""
    if not code_section or not level:
        return "eligible"
    from ...screening import screen_offense

    enh = [str(e) for e in enhancements] if isinstance(enhancements, list) else []
    return screen_offense(code_section=str(code_section), level=str(level), enhancements=enh).status
