"""The juvenile kinds' interview scripts carry a whole case: prefilled from the sample answers
with one required answer missing, the interview asks only for it and the result validates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import example_data
from legal_docs.answers import load_answers
from legal_docs.interview.flow import conduct
from legal_docs.interview.terminal import ScriptedTerminal


@pytest.mark.parametrize(
    ("kind", "group", "typed"),
    [("reunification-denial", "child", "6/9/2011"), ("placement-727a", "youth", "2009-05-03")],
)
def test_interview_asks_for_what_is_missing_and_keeps_the_rest(tmp_path: Path, write_answers, kind, group, typed) -> None:
    data = example_data(kind)
    del data[group]["date_of_birth"]
    term = ScriptedTerminal([typed, "y"])
    finished = conduct(kind=None, terminal=term, cwd=tmp_path, save=tmp_path / "s.json", answers=write_answers(data))
    assert len(term.prompts) == 2, term.prompts  # the date of birth, then "make the packet"
    spec, model = load_answers(finished.answers_file)
    assert spec.name == kind
    assert json.loads(finished.answers_file.read_text(encoding="utf-8")) == json.loads(
        json.dumps(example_data(kind), default=str))
    if kind == "placement-727a":  # the review screen shows the planner's warnings before generating
        assert "must be in the FIRST order that removes the youth" in term.text



@pytest.mark.parametrize(("kind", "filer", "asked"), [
    ("reunification-denial", "minors_counsel", True),
    ("reunification-denial", "county_counsel", False),  # no letter: the child is not county counsel's client
    ("placement-727a", None, True),
])
def test_the_letter_language_is_the_last_question(tmp_path: Path, write_answers, kind, filer, asked) -> None:
    data = example_data(kind)
    del data["client"]
    if filer:
        data["filer_role"] = filer
    first = ScriptedTerminal(["y"])
    conduct(kind=None, terminal=first, cwd=tmp_path, save=tmp_path / "a.json", answers=write_answers(data))
    last = re.findall(r"^ *(\d+)\. (.*)$", first.text, re.M)[-1]
    if not asked:
        assert "Client letter language" not in first.text
        assert "No letter to the client was made: county counsel represents the agency" in first.text
        return
    assert last[1] == "Client letter language: (skipped)"  # optional: English unless changed
    term = ScriptedTerminal([last[0], "es", "y"])
    finished = conduct(kind=None, terminal=term, cwd=tmp_path, save=tmp_path / "b.json", answers=write_answers(data))
    assert "letter to the client be written?" in term.text
    assert json.loads(finished.answers_file.read_text(encoding="utf-8"))["client"] == {"language": "es"}
