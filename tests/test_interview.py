"""Scripted interview sessions through the injected terminal: the happy path, going back, a
refused then accepted answer, editing from the review screen, resuming after an interrupt,
prefilling from an answers file, and no terminal at all."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from helpers import example_data, make_pdf, one_county
from legal_docs.answers import load_answers
from legal_docs.errors import InputError
from legal_docs.interview.flow import Stopped, conduct
from legal_docs.interview.session import Session
from legal_docs.interview.terminal import ConsoleTerminal, ScriptedTerminal, colour_wanted
from legal_docs_cli.main import main

PETITIONER = ["Alex Jordan Rivera", "Lexi Rivera", "", "4/17/2001", "", "", "n", ""]  # ..., address?, CII number


def offense(*, kind: str = "conv", county: str = "los", agency: str = "", more: str = "n",
            section: str = "PC 647(b)", level: str = "mis") -> list[str]:
    """One offense of the standard case (type..direct result, then "another?")."""
    answers = [kind, section, level, "Engaging in an act of prostitution", "2019-06-02", county]
    answers.append("" if kind.startswith("arr") else "9CJ01234")  # optional for an arrest
    answers += ["Airport Courthouse", "Los Angeles Police Department", "", agency, "", ]
    if not kind.startswith("arr"):
        answers.append("")  # disposition
    if level.startswith("fel"):
        answers.append("")  # enhancements
    answers += ["I was arrested where Dre sent me.", ""]
    answers.append("")  # why it was while a victim: within the period
    return answers + ([more] if more else [])


TRAFFICKING = ["2017-05-01", "2020-02-15", "When I was sixteen, Dre forced me.", "He kept my ID.", "",
               "I escaped to a shelter in 2020.", "", "", "", "", "", "1, 2"]  # ..., means, means_facts, evidence
ATTORNEY = ["Dana M. Counsel", "123456", "", "200 Sample Avenue", "Los Angeles", "", "90013", "(213) 555-0100", ""]
FILING = ["n", "n", "n", "", "", "", "n", ""]  # hearing?, courts?, service?, proof of service form, signing, exhibits, letter language


def standard() -> list[str]:
    return PETITIONER + offense() + TRAFFICKING + ATTORNEY + FILING


def run(tmp_path: Path, inputs: list[Any], **kwargs: Any) -> tuple[Any, ScriptedTerminal]:
    term = ScriptedTerminal(inputs)
    kwargs.setdefault("save", tmp_path / "session.json")
    finished = conduct(kind=kwargs.pop("kind", "vacatur"), terminal=term, cwd=tmp_path, **kwargs)
    return finished, term


def answers_of(finished: Any) -> dict[str, Any]:
    return json.loads(finished.answers_file.read_text(encoding="utf-8"))


def test_happy_path_gives_valid_answers_private_files_and_a_review(tmp_path: Path) -> None:
    finished, term = run(tmp_path, standard() + ["y"])
    data = answers_of(finished)
    spec, model = load_answers(finished.answers_file)
    assert spec.name == "vacatur"
    assert model.petitioner.name == "Alex Jordan Rivera" and model.petitioner.initials == "A.J.R."
    assert model.offenses[0].county == "Los Angeles"
    assert model.offenses[0].prosecuting_agency == "Los Angeles County District Attorney"  # the default
    assert model.trafficking.evidence == ["Declaration of the petitioner", "Letter from the petitioner's case manager"]
    assert model.signing.city == "Los Angeles"  # defaulted from the attorney's city
    assert "address" not in data["petitioner"] and "hearing" not in data
    assert model.client.language == "en"
    for path in (finished.answers_file, finished.session_file):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = term.text
    assert "Section 2 of 5: Offenses" in text and "Section 5 of 5:" in text
    assert "Review your answers" in text and "13. County: Los Angeles" in text
    assert "Date of birth: April 17, 2001" in text
    assert "\x1b[" not in text  # no colour on a scripted terminal without colour


def test_session_is_versioned_json_saved_after_every_answer(tmp_path: Path) -> None:
    save = tmp_path / "private" / "s.json"
    with pytest.raises(Stopped):
        run(tmp_path, PETITIONER[:4], save=save)  # input ends after the date of birth
    data = json.loads(save.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1 and data["kind"] == "vacatur"
    assert data["answers"]["petitioner"] == {"name": "Alex Jordan Rivera", "other_names": ["Lexi Rivera"],
                                             "date_of_birth": "2001-04-17"}
    assert stat.S_IMODE(save.stat().st_mode) == 0o600
    assert stat.S_IMODE(save.parent.stat().st_mode) == 0o700


def test_going_back_changes_an_answer_and_keeps_the_next(tmp_path: Path) -> None:
    inputs = PETITIONER[:4] + ["<", "<", "<", "Alex J. Rivera", "", "", "", ""] + PETITIONER[5:]
    inputs += offense() + TRAFFICKING + ATTORNEY + FILING + ["y"]
    finished, term = run(tmp_path, inputs)
    data = answers_of(finished)
    assert data["petitioner"]["name"] == "Alex J. Rivera"
    assert data["petitioner"]["other_names"] == ["Lexi Rivera"]  # Enter kept it
    assert data["petitioner"]["date_of_birth"] == "2001-04-17"
    assert data["petitioner"]["initials"] == "A.J.R."
    assert "[now: Alex Jordan Rivera]" in term.text


def test_back_at_the_first_question_says_so(tmp_path: Path) -> None:
    with pytest.raises(Stopped):
        run(tmp_path, ["<"])
    with pytest.raises(Stopped) as stop:
        run(tmp_path, [":back", ":quit"], save=tmp_path / "b.json")
    assert stop.value.session_file == tmp_path / "b.json"


def test_invalid_answers_are_explained_and_asked_again(tmp_path: Path) -> None:
    inputs = ["", "Alex Jordan Rivera", "",
              "2/30/2001", "next tuesday", "1/1/2099", "4/17/2001", "maybe", "y", "", "n", "",
              "robbery", "conv", "PC 647(b)", "mis", "Engaging", "2019-06-02", "san", "gotham", "san bern",
              "", "9CJ01234"]
    inputs += ["", "", "", "", "", "", "I was arrested where Dre sent me.", "", "", "n"]
    inputs += TRAFFICKING + ["Dana M. Counsel", "12-34", "123456", "", "200 Sample Avenue", "Los Angeles", "", "9001",
                             "90013", "(213) 555-0100", "not an email", ""] + FILING + ["y"]
    finished, term = run(tmp_path, inputs)
    text = term.text
    assert "An answer is needed here." in text
    assert "is not a real calendar date" in text
    assert "is not a date we can read; write it as 2019-03-02, 3/2/2019 or March 2, 2019" in text
    assert "Petitioner's date of birth is in the future." in text
    assert "Please answer yes or no" in text
    assert "That is not one of the choices." in text  # "robbery" as a type of record
    assert "That matches more than one: San Benito, San Bernardino, San Diego" in text
    assert "  = San Bernardino" in text
    assert "  = April 17, 2001" in text  # a typed date is said back in words (month first)
    assert "Offense 1, case number" not in text  # asked as required, never refused after the fact
    # each "not in the expected form" says the form
    assert "State Bar number is not in the expected form: digits only, without letters (e.g. 287401" in text
    assert "ZIP code is not in the expected form: 5 digits, or 5 digits, a hyphen and 4 more" in text
    assert "Attorney's email is not in the expected form: an email address such as name@example.org" in text
    data = answers_of(finished)
    assert data["offenses"][0]["county"] == "San Bernardino"
    assert data["offenses"][0]["prosecuting_agency"] == "San Bernardino County District Attorney"
    assert "email" not in data["attorney"]


def test_no_input_crashes_it(tmp_path: Path) -> None:
    huge = "x" * 200_000
    inputs = [huge, "\x1b[31mAlex\x07 Rivera\x00", "", "\x04", "4/17/2001", "", "", "n"]
    with pytest.raises(Stopped):
        run(tmp_path, inputs + ["conv", KeyboardInterrupt])
    saved = Session.load(tmp_path / "session.json")
    assert saved.answers["petitioner"]["name"] == "[31mAlex Rivera"  # control characters dropped
    assert saved.answers["petitioner"]["date_of_birth"] == "2001-04-17"


def test_huge_paste_is_refused_in_plain_words(tmp_path: Path) -> None:
    term = ScriptedTerminal(["y" * 600, "Alex Rivera"])
    with pytest.raises(Stopped):
        conduct(kind="vacatur", terminal=term, cwd=tmp_path, save=tmp_path / "h.json")
    assert "Petitioner's full legal name is too long" in term.text


def test_editing_from_the_review_screen(tmp_path: Path) -> None:
    # 13 = county of offense 1; 18 = its prosecuting agency (no longer the default's county)
    inputs = standard() + ["13", "sacr", "18", "", "y"]
    finished, term = run(tmp_path, inputs)
    data = answers_of(finished)
    assert data["offenses"][0]["county"] == "Sacramento"
    assert data["offenses"][0]["prosecuting_agency"] == "Los Angeles County District Attorney"  # Enter kept it
    assert term.text.count("Review your answers") == 3
    assert "13. County: Sacramento" in term.text


def test_review_adds_an_offense_and_shows_the_violent_felony_warning(tmp_path: Path) -> None:
    # 23 = "another offense after this one": yes; then a robbery in Los Angeles
    robbery = ["conv", "PC 211", "fel", "Second degree robbery", "2019-10-01", "", "BA456789", "", "LAPD", "",
               "", "", "", "", "Dre ordered me to take a wallet.", "", "", "n", "n"]
    finished, term = run(tmp_path, standard() + ["23", "y"] + robbery + ["y"])
    data = answers_of(finished)
    assert [o["code_section"] for o in data["offenses"]] == ["PC 647(b)", "PC 211"]
    assert data["offenses"][1]["county"] == "Los Angeles"  # defaulted from the offense before
    text = term.text
    assert "PC 211 looks like a violent felony under PC 667.5(c)" in text
    assert "left out of the petition: a violent felony under PC 667.5(c)" in text.split("Review your answers")[-1]


def test_saying_no_to_another_item_removes_the_later_ones_after_confirmation(tmp_path: Path) -> None:
    two = PETITIONER + offense(more="y") + offense(county="sac")
    # back from the trafficking section's first question to "another offense after offense 2",
    # then back through offense 2 to "another offense after offense 1" and answer no
    steps_back = ["<"] * 17
    inputs = two + steps_back + ["n", "n", "n", "y"] + TRAFFICKING + ATTORNEY + FILING + ["y"]
    finished, term = run(tmp_path, inputs)
    assert len(answers_of(finished)["offenses"]) == 1
    assert "This removes Offense 2 and their answers." in term.text


def test_juvenile_questions_only_for_juvenile_adjudications(tmp_path: Path) -> None:
    inputs = PETITIONER + offense(kind="juv", more="y") + offense(kind="arr") + TRAFFICKING + ATTORNEY + FILING
    finished, term = run(tmp_path, inputs + ["y"])
    text = term.text
    assert text.count("Which juvenile court or division") == 1
    assert text.count("Which courthouse") == 1
    assert text.count("Disposition or sentence") == 1  # not for the arrest
    assert [o["type"] for o in answers_of(finished)["offenses"]] == ["juvenile_adjudication", "arrest"]


def test_a_whole_group_is_checked_when_complete(tmp_path: Path) -> None:
    # began after ended: refused when the trafficking facts are complete, at "ended" (recheck)
    trafficking = ["2020-02-15", "2017-05-01"] + TRAFFICKING[2:] + ["2021-03-01"]
    finished, term = run(tmp_path, PETITIONER + offense() + trafficking + ATTORNEY + FILING + ["y"])
    text = term.text
    assert "The exploitation cannot end before it began; check both dates" in text
    after = text.split("check both dates")[1]
    assert after.lstrip().startswith("> 2021-03-01")
    assert answers_of(finished)["trafficking"]["ended"] == "2021-03-01"


def test_exhibits_must_exist_and_be_pdfs(tmp_path: Path) -> None:
    make_pdf(tmp_path / "letter.pdf")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "fake.pdf").write_text("not a pdf")
    filing = ["n", "n", "n", "", "", "", "y", "missing.pdf", "notes.txt", "fake.pdf", str(tmp_path), "letter.pdf",
              "Letter from case manager", "n", "es"]
    finished, term = run(tmp_path, PETITIONER + offense() + TRAFFICKING + ATTORNEY + filing + ["y"])
    text = term.text
    assert "There is no file at that path" in text
    assert "That file is not a PDF" in text
    assert "ends in .pdf but is not a PDF inside" in text
    assert "That is a folder" in text
    assert answers_of(finished)["client"] == {"language": "es"}
    assert answers_of(finished)["exhibits"] == [
        {"file": str((tmp_path / "letter.pdf").resolve()), "description": "Letter from case manager"}
    ]


def test_help_and_multiline_editor(tmp_path: Path) -> None:
    inputs = PETITIONER + ["conv", "?", "PC 647(b)", "mis", "Engaging", "2019-06-02", "?", "los", "9CJ01234"]
    inputs += ["", "", "", "", "", "", ":edit", "n"]
    term = ScriptedTerminal(inputs, edits=["First paragraph.\n\nSecond paragraph.\n"])
    with pytest.raises(Stopped):
        conduct(kind="vacatur", terminal=term, cwd=tmp_path, save=tmp_path / "s.json")
    text = term.text
    assert "Write the code and section with its subdivision" in text
    assert "Commands: < or :back goes back" in text
    assert "Enter keeps the answer shown (on the line, or in [brackets])" in text  # either terminal
    assert " 19) Los Angeles" in text  # ? lists the 58 counties
    saved = Session.load(tmp_path / "s.json")
    assert saved.answers["offenses"][0]["direct_result"] == "First paragraph.\n\nSecond paragraph."


def test_resume_after_an_interrupt_continues_at_the_first_unanswered(tmp_path: Path) -> None:
    save = tmp_path / "s.json"
    inputs = PETITIONER + offense()[:5] + [KeyboardInterrupt]
    with pytest.raises(Stopped) as stop:
        run(tmp_path, inputs, save=save)
    assert stop.value.session_file == save
    before = save.read_bytes()
    assert json.loads(before)["answers"]["offenses"][0]["date"] == "2019-06-02"
    rest = offense()[5:] + TRAFFICKING + ATTORNEY + FILING + ["y"]
    term = ScriptedTerminal(rest)
    finished = conduct(kind=None, terminal=term, cwd=tmp_path, resume=save)
    assert "Continuing the session started" in term.text
    first_question = term.text.split("Offense 1")[1]
    assert first_question.strip().startswith("In which county's court")
    assert load_answers(finished.answers_file)[1].offenses[0].case_number == "9CJ01234"


def test_resume_refuses_other_kinds_and_broken_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(InputError, match="cannot be read"):
        conduct(kind=None, terminal=ScriptedTerminal([]), cwd=tmp_path, resume=bad)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"schema_version": 99, "kind": "vacatur", "answers": {}}))
    with pytest.raises(InputError, match="newer or unknown version"):
        conduct(kind=None, terminal=ScriptedTerminal([]), cwd=tmp_path, resume=newer)
    existing = tmp_path / "exists.json"
    existing.write_text("{}")
    with pytest.raises(InputError, match="already exists"):
        conduct(kind="vacatur", terminal=ScriptedTerminal([]), cwd=tmp_path, save=existing)


def test_answers_prefill_asks_only_what_is_missing_or_invalid(tmp_path: Path, write_answers) -> None:
    data = one_county(example_data())
    del data["petitioner"]["date_of_birth"]
    data["attorney"]["bar_number"] = "SBN 12"
    data["offenses"][0]["county"] = "Gotham"
    data["petitioner"]["nickname"] = "Lex"
    path = write_answers(data)
    finished, term = run(tmp_path, ["4/17/2001", "los", "123456", "y"], answers=path)
    text = term.text
    assert len(term.prompts) == 4, term.prompts
    assert "From the answers file: Offense 1, county is not one of California's 58 counties" in text
    assert "Not used from the answers file" in text and "petitioner.nickname" in text
    out = answers_of(finished)
    assert out["attorney"]["bar_number"] == "123456"
    assert out["offenses"][1]["booking_number"] == "5512345"  # kept from the file
    assert out["courts"][0]["hearing"]["department"] == "100"


def test_without_a_terminal_missing_answers_fail_at_once_with_exit_2(tmp_path: Path, write_answers) -> None:
    data = one_county(example_data())
    del data["petitioner"]["date_of_birth"]
    del data["trafficking"]["summary"]
    path = write_answers(data)
    result = CliRunner().invoke(main, ["interview", "--answers", str(path), "--save", str(tmp_path / "s.json")])
    assert result.exit_code == 2, result.output
    assert "no terminal to ask on" in result.output
    assert "petitioner.date_of_birth" in result.output and "trafficking.summary" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "s.json").exists()
    bare = CliRunner().invoke(main, ["interview", "vacatur", "--save", str(tmp_path / "t.json")], input="")
    assert bare.exit_code == 2 and "petitioner.name" in bare.output


def test_cli_interrupt_exits_130_and_says_how_to_resume(tmp_path: Path, monkeypatch) -> None:
    import legal_docs_cli.interview as command

    monkeypatch.setattr(command, "terminal_factory", lambda: ScriptedTerminal(PETITIONER[:3] + [KeyboardInterrupt]))
    save = tmp_path / "s.json"
    result = CliRunner().invoke(main, ["interview", "vacatur", "--save", str(save)])
    assert result.exit_code == 130
    assert Session.load(save).answers["petitioner"]["name"] == "Alex Jordan Rivera"


def test_colour_only_on_a_tty_and_never_with_no_color() -> None:
    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    assert colour_wanted(Stream(True), {"TERM": "xterm"})
    assert not colour_wanted(Stream(True), {"TERM": "xterm", "NO_COLOR": "1"})
    assert not colour_wanted(Stream(False), {"TERM": "xterm"})
    assert not ConsoleTerminal(stdin=Stream(False), stdout=Stream(True), environ={}).colour  # type: ignore[arg-type]
    coloured = ScriptedTerminal([], colour=True)
    assert coloured.style("x", "error") != "x"


@pytest.mark.parametrize("kind", sorted(__import__("legal_docs.kinds", fromlist=["KINDS"]).KINDS))
def test_every_kinds_example_prefills_the_interview_and_round_trips(tmp_path: Path, kind: str) -> None:
    """Each registered kind's example answers, given with --answers, need no question but the
    review's, and come out as the same validated answers (nested lists and groups included)."""
    from legal_docs.resources import templates_root

    source = tmp_path / "example.yaml"
    source.write_text((templates_root() / kind / "example.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    finished, term = run(tmp_path, ["y"], kind=None, answers=source)
    assert term.prompts == ["> "], term.text[-2000:]
    assert "Not used from the answers file" not in term.text
    _, given = load_answers(source)
    _, produced = load_answers(finished.answers_file)
    assert produced.model_dump() == given.model_dump()


def test_an_encrypted_session_stays_encrypted_through_an_interrupt_and_resume(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LEGAL_DOCS_PASSPHRASE", "long enough passphrase")
    save = tmp_path / "s.json"
    with pytest.raises(Stopped):
        conduct(kind="vacatur", terminal=ScriptedTerminal(PETITIONER + offense()[:5] + [KeyboardInterrupt]),
                cwd=tmp_path, save=save, encrypt=True)
    blob = save.read_bytes()
    assert blob.startswith(b"legal-docs encrypted file v1") and b"9CJ01234" not in blob
    assert stat.S_IMODE(save.stat().st_mode) == 0o600
    rest = offense()[5:] + TRAFFICKING + ATTORNEY + FILING + ["y"]
    finished = conduct(kind=None, terminal=ScriptedTerminal(rest), cwd=tmp_path, resume=save)
    assert save.read_bytes().startswith(b"legal-docs encrypted file v1")
    assert finished.answers_file.read_bytes().startswith(b"legal-docs encrypted file v1")
    # generate reads the encrypted answers transparently
    assert load_answers(finished.answers_file)[1].offenses[0].case_number == "9CJ01234"
    monkeypatch.setenv("LEGAL_DOCS_PASSPHRASE", "wrong")
    with pytest.raises(InputError, match="wrong passphrase"):
        conduct(kind=None, terminal=ScriptedTerminal([]), cwd=tmp_path, resume=save)


def test_the_interview_in_spanish_end_to_end(tmp_path: Path) -> None:
    from legal_docs import i18n

    i18n.set_language("es")
    try:
        inputs = standard()
        assert inputs[4] == ""  # "file with initials?" (yes by default)
        inputs[4] = "sí"  # Spanish speakers answer sí
        inputs[-1] = "es"  # the client letter in Spanish too
        finished, term = run(tmp_path, inputs + ["abc", "sí"])  # a wrong answer at review, then sí
    finally:
        i18n.set_language("en")
    text = term.text
    assert "Sección 2 de 5" in text
    assert i18n_es("What is the petitioner's full legal name?") in text
    assert i18n_es("Review your answers") in text
    assert "What is the petitioner's full legal name?" not in text  # nothing left in English
    model = load_answers(finished.answers_file)[1]
    assert model.petitioner.name == "Alex Jordan Rivera" and model.client.language == "es"
    assert model.petitioner.file_with_initials is True
    assert model.trafficking.evidence == ["Declaration of the petitioner", "Letter from the petitioner's case manager"]


def i18n_es(message: str) -> str:
    from legal_docs import i18n

    i18n.set_language("es")
    try:
        translated = i18n._(message)
    finally:
        i18n.set_language("en")
    assert translated != message
    return translated


def test_multichoice_numbers_and_an_entry_of_its_own_in_one_answer(tmp_path: Path) -> None:
    inputs = standard()
    assert inputs[inputs.index("1, 2")] == "1, 2"  # the evidence question
    inputs[inputs.index("1, 2")] = "1, 3, 5; Letter from the advocate"
    finished, _term = run(tmp_path, inputs + ["y"])
    evidence = answers_of(finished)["trafficking"]["evidence"]
    assert evidence == ["Declaration of the petitioner", "Letter from a counselor or therapist", "Court records",
                        "Letter from the advocate"]


def test_a_county_written_with_county_and_a_misspelling_gets_did_you_mean(tmp_path: Path) -> None:
    inputs = standard()
    at = PETITIONER.__len__() + 5  # the offense's county
    assert inputs[at] == "los"
    inputs[at:at + 1] = ["Los Angelos", "Los Angeles County"]
    finished, term = run(tmp_path, inputs + ["y"])
    assert "That is not one of the choices. Did you mean Los Angeles?" in term.text
    assert answers_of(finished)["offenses"][0]["county"] == "Los Angeles"


def test_a_misspelled_county_in_an_answers_file_gets_did_you_mean(write_answers) -> None:
    data = example_data("vacatur")
    data["offenses"][0]["county"] = "San Bernadino"
    with pytest.raises(InputError) as err:
        load_answers(write_answers(data))
    assert any("did you mean San Bernardino?" in line for line in err.value.details)


def test_spanish_labels_of_choices_are_accepted() -> None:
    from legal_docs import i18n
    from legal_docs.interview.inputs import match_choice

    routes = {"juvenile": "juvenile court", "dvro": "domestic violence", "civil-harassment": "civil harassment"}
    i18n.set_language("es")
    try:
        assert match_choice("acoso civil", routes) == "civil-harassment"
        assert match_choice("Violencia doméstica", routes) == "dvro"
        assert match_choice("corte", routes) == "juvenile"  # a beginning of the Spanish label
    finally:
        i18n.set_language("en")


def test_resume_comes_back_in_the_sessions_language_and_options(tmp_path: Path) -> None:
    from legal_docs import i18n

    save = tmp_path / "s.json"
    with pytest.raises(Stopped):
        run(tmp_path, PETITIONER[:2] + [KeyboardInterrupt], save=save, lang="es", out=tmp_path / "papers")
    i18n.set_language("en")  # a new command starts in English
    stored = json.loads(save.read_text(encoding="utf-8"))
    assert stored["language"] == "es" and stored["out_dir"] == str(tmp_path / "papers")
    term = ScriptedTerminal([KeyboardInterrupt])
    try:
        with pytest.raises(Stopped):
            conduct(kind=None, terminal=term, cwd=tmp_path, resume=save)
    finally:
        i18n.set_language("en")
    assert i18n_es("Your answers are saved after each one, in:") in term.text


def test_an_output_folder_that_cannot_be_written_stops_before_the_first_question(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file", encoding="utf-8")
    term = ScriptedTerminal([])
    with pytest.raises(InputError, match="is a file, not a folder"):
        conduct(kind="vacatur", terminal=term, cwd=tmp_path, save=tmp_path / "s.json", out=blocker)
    assert term.prompts == []


def test_a_forms_folder_that_does_not_exist_stops_before_the_first_question(tmp_path: Path) -> None:
    from legal_docs.forms import set_forms_dir

    set_forms_dir(tmp_path / "no-such-folder")
    term = ScriptedTerminal([])
    with pytest.raises(InputError, match="official forms that cannot be found"):
        conduct(kind="protective-order", terminal=term, cwd=tmp_path, save=tmp_path / "s.json")
    assert term.prompts == []
    assert not (tmp_path / "s.json").exists()  # nothing saved for a session that never started


def test_without_a_kind_the_interview_asks_which_packet(tmp_path: Path) -> None:
    from legal_docs.kinds import KINDS

    second = list(KINDS)[1]
    term = ScriptedTerminal(["nonsense", "2", KeyboardInterrupt])
    with pytest.raises(Stopped) as stop:
        conduct(kind=None, terminal=term, cwd=tmp_path, save=tmp_path / "s.json")
    assert "Which packet is the interview for?" in term.text and f"2) {second}:" in term.text
    assert "That is not one of the choices." in term.text
    assert json.loads(stop.value.session_file.read_text(encoding="utf-8"))["kind"] == second


def test_a_spanish_speakers_s_is_yes() -> None:
    from legal_docs.interview.inputs import read_yesno

    assert read_yesno("s") is True and read_yesno("Sí") is True and read_yesno("n") is False


@pytest.mark.parametrize("typed, stored", [("ca", "CA"), ("Calif.", "CA"), ("nv", "NV")])
def test_a_state_is_its_two_letter_code(write_answers, typed: str, stored: str) -> None:
    data = example_data("vacatur")
    data["attorney"]["address"]["state"] = typed
    _spec, model = load_answers(write_answers(data))
    assert model.attorney.address.state == stored


def test_a_default_typed_over_is_not_a_state(write_answers) -> None:
    """'CA' already on the line and 'CA' typed after it gives 'CACA': refused, not printed on a form."""
    data = example_data("vacatur")
    data["attorney"]["address"]["state"] = "CACA"
    with pytest.raises(InputError) as err:
        load_answers(write_answers(data))
    assert any("state" in line and "two-letter postal code" in line for line in err.value.details)
