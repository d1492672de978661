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

# For each kind, the answers the papers print verbatim (paths into the answers mapping) and
# whether each is a multi-line narrative (which may be very long) or a one-line answer, come from
# the kind itself (Kind.printed), with the answers set first so that each is printed (printed_setup).
PRINTED: dict[str, list[tuple[tuple[Any, ...], bool]]] = {name: list(kind.printed) for name, kind in KINDS.items()}


def _setup(kind: str, data: dict) -> None:
    for path, value in KINDS[kind].printed_setup.items():
        _set(data, path, value)


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
    assert all(PRINTED.values()), "a kind lists the answers its papers print (Kind.printed)"


@pytest.mark.slow  # 25 rendered packets a kind: most of the fast tier's time; `make test` runs it
@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_arbitrary_answers_render_verbatim_or_fail_cleanly(kind: str, data: st.DataObject) -> None:
    answers = copy.deepcopy(example_data(kind))
    _setup(kind, answers)
    paths = [path for path, _ in PRINTED[kind]]
    for path, multiline in PRINTED[kind]:
        _set(answers, path, data.draw(TEXT if multiline else SHORT, label=".".join(map(str, path))))
    with tempfile.TemporaryDirectory() as folder:  # per example: pytest's tmp_path is per test
        _render_checked(kind, answers, paths, Path(folder))


def _render_checked(kind: str, answers: dict, paths: list, base: Path) -> None:
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


# Identifiers in the written forms a reader still reads as the number (issue #17): Unicode dashes
# and spaces between the groups, invisible characters inside, full-width or spaced-out digits.
_SEPARATORS = st.sampled_from(["-", "\u2010", "\u2011", "\u2013", "\u2014", "\u2212", "\uff0d", " ", "\u00a0",
                               "\u2007", "\u202f", "\u3000", ".", "/"])
_INVISIBLE = st.sampled_from(["", "\u200b", "\u200c", "\u200d", "\u00ad", "\u200e", "\u200f", "\u2060", "\ufeff"])


@st.composite
def _unicode_identifier(draw: st.DrawFn) -> str:
    if draw(st.booleans()):  # a Social Security number, 3-2-4
        digits, groups = draw(st.text("0123456789", min_size=9, max_size=9)), (3, 2, 4)
    else:  # a card number, 4-4-4-4
        digits, groups = draw(st.text("0123456789", min_size=16, max_size=16)), (4, 4, 4, 4)
    if draw(st.booleans()):
        digits = "".join(chr(0xFF10 + int(d)) for d in digits)  # full-width
    if draw(st.booleans()):  # spaced out one digit at a time
        return draw(_SEPARATORS).join(digits)
    sep, parts, at = draw(_SEPARATORS), [], 0
    for size in groups:
        group = digits[at:at + size]
        hide = draw(st.integers(0, size))
        parts.append(group[:hide] + draw(_INVISIBLE) + group[hide:])
        at += size
    return sep.join(parts)


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_identifiers_in_unicode_forms_are_refused_naming_the_field(kind: str, data: st.DataObject) -> None:
    answers = copy.deepcopy(example_data(kind))
    _setup(kind, answers)
    path, _multiline = data.draw(st.sampled_from(PRINTED[kind]), label="field")
    number = data.draw(_unicode_identifier(), label="identifier")
    _set(answers, path, f"Ref {number} end")
    with pytest.raises(InputError) as caught:
        with tempfile.TemporaryDirectory() as folder:
            validate_answers(answers, base_dir=Path(folder))
    dotted = ".".join(str(p + 1) if isinstance(p, int) else p for p in path)
    assert any(f"({dotted})" in line and "last four digits" in line for line in caught.value.details), (
        caught.value.details)
    assert not any(number in line for line in caught.value.details)
