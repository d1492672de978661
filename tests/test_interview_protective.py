"""The protective-order interview: each of the three samples (one per route) prefills it and comes
back unchanged; the route's own questions are asked only on that route; and a civil harassment
interview typed from scratch for a minor gives answers that validate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from legal_docs.answers import load_answers
from legal_docs.interview.script import load_script
from legal_docs.interview.session import Session
from legal_docs.interview.steps import build_steps, condition
from legal_docs.kinds import get_kind
from legal_docs.resources import templates_root
from test_interview import answers_of, run

KIND = "protective-order"
SAMPLES = ["example.yaml", "example-dvro.yaml", "example-civil-harassment.yaml"]

# Prompts only one route may show (substrings of the script's wording).
JUVENILE_ONLY = ["The juvenile case number?", "Which petition was filed in the juvenile case?"]
DVRO_ONLY = ["What is or was their relationship?", "Do they live together now?"]
# Asked on the two routes that file official forms (DV and CH), never on the juvenile route.
FORM_ROUTES_ONLY = ["The courthouse's name and street address?", "An email address that is safe to use",
                    "Give a safe mailing address", "Do you know who will serve the papers?"]
NOT_CIVIL_HARASSMENT = ["Order the restrained person to move out"]


@pytest.mark.parametrize("sample", SAMPLES)
def test_each_sample_prefills_the_interview_and_round_trips(tmp_path: Path, sample: str) -> None:
    source = tmp_path / sample
    source.write_text((templates_root() / KIND / sample).read_text(encoding="utf-8"), encoding="utf-8")
    finished, term = run(tmp_path, ["y"], kind=None, answers=source)
    assert term.prompts == ["> "], term.text[-2000:]  # only the review's question
    assert "Not used from the answers file" not in term.text
    assert "From the answers file" not in term.text
    _, given = load_answers(source)
    _, produced = load_answers(finished.answers_file)
    assert produced.model_dump() == given.model_dump()


def _visible(answers: dict) -> set[str]:
    session = Session(kind=KIND, path=Path("unused.json"), answers=answers)
    steps = build_steps(load_script(KIND), get_kind(KIND).model, session)
    return {s.key for s in steps}


def _born(years_ago: int) -> str:
    today = dt.date.today()
    return today.replace(year=today.year - years_ago, day=1).isoformat()


@pytest.mark.parametrize("route", ["juvenile", "dvro", "civil-harassment"])
def test_route_questions_are_asked_only_on_their_route(route: str) -> None:
    minor = _visible({"route": route, "protected": {"date_of_birth": _born(15)}})
    adult = _visible({"route": route, "protected": {"date_of_birth": _born(30)}})
    assert ("case.petition" in minor) == (route == "juvenile")
    assert ("dv_relationship" in minor) == ("living_together_now" in minor) == (route == "dvro")
    assert ("case.courthouse" in minor) == ("server?" in minor) == (route != "juvenile")
    assert ("protected.email" in minor) == ("protected.mailing_address?" in minor) == (route != "juvenile")
    assert ("orders.move_out?" in minor) == (route != "civil-harassment")
    assert ("declarant?" in minor) == (route != "dvro")
    assert "incidents.0.emergency_order" not in minor  # asked only once the police came
    police = _visible({"route": route, "protected": {"date_of_birth": _born(15)}, "incidents": [{"police": "yes"}]})
    assert ("incidents.0.emergency_order" in police) == (route != "juvenile")  # CH-100 7a(6) asks it too
    assert ("orders.property_control?" in minor) == ("orders.record_communications" in minor) == (route == "dvro")
    assert ("incidents.0.source" in minor) == (route != "dvro")
    # a guardian ad litem only for a minor outside juvenile court; initials only where papers use them
    assert ("protected.guardian?" in minor) == (route != "juvenile")
    assert "protected.guardian?" not in adult
    assert ("protected.initials" in minor) == (route != "dvro")
    assert "protected.initials" not in adult


def test_minor_counts_the_age_on_the_signing_date_when_given() -> None:
    answers = {"protected": {"date_of_birth": "2008-12-01"}, "signing": {"date": "2026-11-20"}}
    assert condition("minor(protected.date_of_birth, signing.date)", answers, ())
    answers["signing"]["date"] = "2026-12-01"  # the 18th birthday
    assert not condition("minor(protected.date_of_birth, signing.date)", answers, ())
    assert not condition("minor(protected.date_of_birth)", {}, ())  # not known yet: not a minor
    assert condition("minor(protected.date_of_birth, signing.date)", {"protected": {"date_of_birth": _born(15)}}, ())


def test_a_civil_harassment_interview_from_scratch_for_a_minor(tmp_path: Path) -> None:
    inputs = [
        # the court and the case: route, county, case number (none yet), courthouse
        "civil", "san diego", "", "",
        # the protected person: name, birth date, initials (Enter: derived), sex, race, phone, email,
        # safe mailing address?, speaks English?, language, guardian? (Enter: yes), guardian's name and
        # relationship
        "Ana Lucía Ferreira", _born(15), "", "female", "", "", "", "", "n", "Spanish", "", "Beatriz Ferreira",
        "mother",
        # the restrained person: name, other names, relationship, birth date, age, address?, phone,
        # employer, interpreter, firearms
        "Victor Manuel Salas", "", "a man who sold her for sex", "", "about 40", "", "", "", "", "no",
        # the description: sex, race, height, weight, hair, eyes, marks, license, vehicle?
        "male", "", "", "", "", "", "", "", "",
        # one incident: date, what happened (a blank line ends it), source, witnesses, weapon,
        # harm, police, emergency order (the police came), how often, another?; then other abuse
        "2026-05-02", "He waited outside her school and told her to come back.", "",
        "A.L.F.'s statement to her mother", "", "", "", "yes", "", "", "n", "",
        # other people to protect?
        "",
        # the orders: no abuse, no contact, stay away? (yards, places, other places), firearms, other, years
        "", "", "", "200", "", "", "", "", "",
        # the temporary order: asked?, why now, date decided, hearing set?
        "", "He knows where her school is.", "", "", "",
        # other orders?, other cases?
        "", "",
        # declarant?, a lawyer? (Enter: yes), attorney (name, bar, firm, street, city, state, ZIP, phone,
        # email), server?, signing, letter
        "", "", "Miguel Santos", "276543", "", "1100 Example Avenue", "San Diego", "", "92101", "(619) 555-0111", "",
        "", "", "", "es",
        # the review: make the packet
        "y",
    ]
    finished, term = run(tmp_path, inputs, kind=KIND)
    text = term.text
    for prompt in JUVENILE_ONLY + DVRO_ONLY + NOT_CIVIL_HARASSMENT:
        assert prompt not in text, prompt
    for prompt in FORM_ROUTES_ONLY:
        assert prompt in text, prompt
    assert "Will an adult (usually a parent) ask for the order on their behalf" in text
    assert "Review your answers" in text and "To fix before the packet can be made" not in text
    _, model = load_answers(finished.answers_file)
    assert model.route == "civil-harassment" and model.case.county == "San Diego" and model.case.number is None
    assert model.case.petition is None and model.dv_relationship == [] and model.orders.move_out is None
    assert model.protected.initials == "A.L.F." and model.protected.language == "Spanish"
    assert model.protected.guardian is not None and model.protected.guardian.relationship == "mother"
    assert model.restrained.firearms == "no" and model.restrained.age == "about 40"
    assert model.orders.stay_away is not None and model.orders.stay_away.yards == 200
    assert model.orders.stay_away.places == ["home", "school"]
    assert [i.police for i in model.incidents] == ["yes"] and model.incidents[0].emergency_order is None
    # the sworn yes/no questions left with Enter stay unanswered: never "unknown", "no" or "once"
    first = model.incidents[0]
    assert (first.witnesses, first.weapon_used, first.harm, first.how_often) == (None, None, None, None)
    assert model.restrained.interpreter is None
    assert model.temporary_order.requested and model.temporary_order.why_now == "He knows where her school is."
    assert model.signing.city == "San Diego" and model.client.language == "es"
    data = answers_of(finished)
    assert "guardian" in data["protected"] and "server" not in data and "declarant" not in data
    # "no" to other orders and other cases is an answer (CH-100 item 6's sworn "No"), kept as an empty list
    assert data["prior_orders"] == [] and data["other_cases"] == []


def test_the_interview_speaks_spanish(tmp_path: Path) -> None:
    from legal_docs import i18n
    from legal_docs.interview.flow import Stopped, conduct
    from legal_docs.interview.terminal import ScriptedTerminal

    term = ScriptedTerminal(["?", "3", KeyboardInterrupt])
    i18n.set_language("es")
    try:
        with pytest.raises(Stopped):
            conduct(kind=KIND, terminal=term, cwd=tmp_path, save=tmp_path / "s.json")
        title = i18n._(get_kind(KIND).title)
        route_labels = [i18n._(label) for label in ("juvenile court", "domestic violence", "civil harassment")]
    finally:
        i18n.set_language("en")
    text = term.text
    assert title != get_kind(KIND).title and title in text  # the banner, translated
    assert "Which kind of restraining order fits?" not in text
    assert all(label in text for label in route_labels)
    assert "1) juvenile court" not in text  # nor the choices listed by ? (help)


def test_the_review_in_spanish_shows_choices_translated(tmp_path: Path) -> None:
    from legal_docs import i18n

    source = tmp_path / "ch.yaml"
    source.write_text((templates_root() / KIND / "example-civil-harassment.yaml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    i18n.set_language("es")
    try:
        _finished, term = run(tmp_path, ["sí"], kind=None, answers=source)
        kind_line = f"1. {i18n._('Kind of restraining order')}: {i18n._('civil harassment')}"
        interpreter_line = f"{i18n._('Needs an interpreter')}: {i18n._('yes')}"
    finally:
        i18n.set_language("en")
    assert kind_line in term.text and interpreter_line in term.text
    assert "civil harassment" not in term.text
    assert "23 de agosto de 2010" in term.text and "August 23, 2010" not in term.text  # dates in Spanish too
