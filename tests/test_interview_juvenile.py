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


def test_the_review_names_the_answers_a_condition_warning_is_about(tmp_path: Path, write_answers) -> None:
    """Issue 16: the facts typed contradict the § 11403 condition; the review's warning names the
    answers to change by number, and changing the facts clears it."""
    data = example_data("placement-727a")
    data["extended_foster_care"] = {"condition": "employment", "facts": "D.R.C. works 10 hours a week at a bakery."}
    first = ScriptedTerminal(["y"])
    conduct(kind=None, terminal=first, cwd=tmp_path, save=tmp_path / "a.json", answers=write_answers(data))
    listed = dict((value, n) for n, value in re.findall(r"^ *(\d+)\. (.*)$", first.text, re.M))
    facts = next(n for line, n in listed.items() if line.endswith("D.R.C. works 10 hours a week at a bakery."))
    condition = next(n for line, n in listed.items() if line.startswith("Section 11403 condition:"))
    warning = next(line for line in first.text.splitlines() if "condition chosen is that the youth is employed" in line)
    assert "about 43 hours a month" in warning
    assert re.search(rf"\(answer {facts}: [^;]+; answer {condition}: [^)]+\)$", warning), warning
    term = ScriptedTerminal([facts, "D.R.C. works 25 hours a week at a bakery.", "", "y"])
    finished = conduct(kind=None, terminal=term, cwd=tmp_path, save=tmp_path / "b.json", answers=write_answers(data))
    assert json.loads(finished.answers_file.read_text(encoding="utf-8"))["extended_foster_care"]["facts"] == \
        "D.R.C. works 25 hours a week at a bakery."
    assert "condition chosen is that the youth is employed" not in term.text.split("works 25 hours")[-1]
