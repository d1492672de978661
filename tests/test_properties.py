"""Property tests: arbitrary Unicode answers never break a packet (DOCX level, no LibreOffice).

For every packet kind, answers that a person prints in the papers are replaced by generated
text (control characters, lone surrogates, very long strings, Jinja and XML syntax). Either the
answers are refused with a clear validation error, or every paper renders, opens, and shows each
answer exactly as the model holds it after cleaning; no template code in an answer ever runs.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from helpers import docx_text, example_data
from legal_docs.answers import validate_answers
from legal_docs.errors import InputError
from legal_docs.kinds import KINDS
from legal_docs.render import render_docx, template_path

# For each kind: answers (as paths into the answers mapping) that the papers print verbatim.
# For each kind: answers (paths into the answers mapping) that the papers print verbatim, and
# whether each is a multi-line narrative (which may be very long) or a one-line answer.
PRINTED: dict[str, list[tuple[tuple[Any, ...], bool]]] = {
    "vacatur": [
        (("attorney", "name"), False),
        (("attorney", "firm"), False),
        (("offenses", 0, "description"), False),
        (("offenses", 0, "direct_result"), True),
        (("trafficking", "summary"), True),
        (("trafficking", "how_it_ended"), True),
        (("signing", "city"), False),
        (("petitioner", "name"), False),  # printed because the test files without initials
    ],
    "reunification-denial": [
        (("child", "initials"), False),
        (("agency", "name"), False),
        (("attorney", "firm"), False),
        (("parents", 0, "name"), False),
        (("parents", 0, "facts", 0, "fact"), True),
        (("parents", 0, "coercion", "claim"), True),
        (("exploitation", "facts", 0, "fact"), True),
        (("exploitation", "facts", 0, "source"), False),
        (("best_interest", "child_wishes"), True),
        (("declarant", "name"), False),
        (("signing", "city"), False),
    ],
    "placement-727a": [
        (("youth", "name"), False),  # in the confidential attachment
        (("youth", "initials"), False),
        (("attorney", "firm"), False),
        (("placement", "name"), False),
        (("placement", "why"), True),
        (("current_order", "terms"), True),
        (("changed_circumstances", 0, "fact"), True),
        (("case", "sustained_offenses", 0), False),
        (("parents", 0, "name"), False),
        (("best_interest",), True),
        (("declarant", "name"), False),
        (("signing", "city"), False),
    ],
    "protective-order": [  # the juvenile route's papers; the official forms are tested in test_forms.py
        (("protected", "initials"), False),
        (("restrained", "name"), False),
        (("restrained", "relationship"), False),
        (("incidents", 0, "details"), True),
        (("incidents", 0, "source"), False),
        (("temporary_order", "why_now"), True),
        (("others", 1, "relationship"), False),
        (("declarant", "name"), False),
        (("attorney", "firm"), False),
        (("signing", "city"), False),
    ],
}
SETUP = {"vacatur": lambda d: d["petitioner"].update(file_with_initials=False)}

PAYLOADS = st.sampled_from(
    ["{{ 7*7 }}", "{% for x in y %}", "{{ ''.__class__ }}", "<w:p>", "]]>", "&amp;", "{_{ z }_}", "\x0b", "\x07"]
)
ANY_CHAR = st.characters(codec=None, exclude_categories=())  # every code point, surrogates included
_BODY = st.one_of(
    st.text(ANY_CHAR, max_size=40),
    st.builds(lambda a, p, b: a + p + b, st.text(ANY_CHAR, max_size=15), PAYLOADS, st.text(ANY_CHAR, max_size=15)),
)
# A printable start keeps most examples valid (an answer of only control characters is refused,
# which other tests cover); long answers repeat a short piece so they cost little entropy.
SHORT = st.builds(lambda lead, body: lead + body, st.sampled_from(["A", "Zoë ", "李", "ש", "{{"]), _BODY)
LONG = st.builds(lambda piece, n: ("Z" + piece) * n, _BODY, st.integers(min_value=50, max_value=300))
TEXT = st.one_of(SHORT, SHORT, SHORT, LONG)

def _set(data: dict, path: tuple[Any, ...], value: str) -> None:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def _get(model: Any, path: tuple[Any, ...]) -> str:
    target = model
    for key in path:
        target = target[key] if isinstance(key, int) else getattr(target, key)
    return target


def test_every_kind_has_printed_fields_listed() -> None:
    assert set(PRINTED) == set(KINDS), "add the new kind's printed answers to PRINTED"


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_arbitrary_answers_render_verbatim_or_fail_cleanly(kind: str, data: st.DataObject) -> None:
    answers = copy.deepcopy(example_data(kind))
    SETUP.get(kind, lambda d: None)(answers)
    paths = [path for path, _ in PRINTED[kind]]
    for path, multiline in PRINTED[kind]:
        _set(answers, path, data.draw(TEXT if multiline else SHORT, label=".".join(map(str, path))))
    base = Path(tempfile.mkdtemp())
    try:
        spec, model = validate_answers(answers, base_dir=base)
    except InputError as exc:
        assert exc.details or exc.message  # refused with a plain message, not a crash
        event("refused")
        return
    event("rendered")
    texts = []
    for plan in spec.planner(model):
        for doc in plan.documents:
            if doc.form:  # an official form, filled from its map: tests/test_forms.py
                continue
            out = base / f"{plan.folder}-{doc.filename}.docx"
            render_docx(template_path(doc.template, kind=plan.kind), doc.context, out, title=doc.title)
            texts.append("\n".join(docx_text(out)))  # opens with python-docx
    everything = "\n".join(texts)
    for path in paths:
        value = _get(model, path)
        if value:
            assert value in everything, path
    assert "__class__" not in everything or any("__class__" in _get(model, p) for p in paths)
