"""The answers model: cleaning, dates, and plain-language errors naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from legal_docs.answers import load_answers, validate_answers
from legal_docs.errors import ExitCode, InputError

from helpers import example_data


def errors_for(data: dict, tmp_path: Path) -> list[str]:
    with pytest.raises(InputError) as info:
        validate_answers(data, base_dir=tmp_path)
    assert info.value.exit_code == ExitCode.INVALID_INPUT
    return info.value.details


def test_example_is_valid(tmp_path: Path) -> None:
    spec, model = validate_answers(example_data(), base_dir=tmp_path)
    assert spec.name == "vacatur"
    assert model.petitioner.public_name == "A.J.R."
    assert len(model.offenses) == 4


def test_alias_ab1762_is_accepted(tmp_path: Path) -> None:
    data = example_data()
    data["kind"] = "ab1762"
    spec, _ = validate_answers(data, base_dir=tmp_path)
    assert spec.name == "vacatur"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["attorney"].pop("bar_number"), "State Bar number (attorney.bar_number): is required"),
        (lambda d: d["offenses"][0].update(date="2019-02-30"), "Offense 1, date of the offense or arrest (offenses.1.date): is not a real calendar date"),
        (lambda d: d["offenses"][1].update(date="next tuesday"), "Offense 2, date of the offense or arrest (offenses.2.date): is not a date we can read"),
        (lambda d: d["petitioner"].update(date_of_birth="2099-01-01"), "petitioner's date of birth (petitioner.date_of_birth): is in the future"),
        (lambda d: d["offenses"][0].update(county="Los Angelos"), "Offense 1, county (offenses.1.county): is not one of California's 58 counties"),
        (lambda d: d.update(offenses=[]), "offenses (offenses): needs at least one entry"),
        (lambda d: d["petitioner"].update(nmae="x"), "(petitioner.nmae): is not a field this packet knows"),
        (lambda d: d["service"].update(method="fax"), "how it was served (service.method): must be one of: personal, mail or electronic"),
        (lambda d: d["offenses"][0].update(type="conviction", case_number=""), "Offense 1 (offenses.1): a conviction needs its case number"),
        (lambda d: d["trafficking"].update(ended="2010-01-01"), "the exploitation cannot end before it began"),
        (lambda d: d["petitioner"].update(name="   "), "petitioner's full legal name (petitioner.name): must not be empty"),
    ],
)
def test_invalid_answers_name_the_field(tmp_path: Path, mutate, expected: str) -> None:
    data = example_data()
    mutate(data)
    details = errors_for(data, tmp_path)
    assert any(expected in line for line in details), details


def test_errors_never_echo_the_value(tmp_path: Path) -> None:
    data = example_data()
    data["offenses"][0]["date"] = "Secretname 99, 2019"
    data["offenses"][0]["county"] = "Secretcounty"
    details = errors_for(data, tmp_path)
    assert not any("Secret" in line for line in details)


def test_missing_kind_and_unknown_kind(tmp_path: Path) -> None:
    data = example_data()
    data.pop("kind")
    with pytest.raises(InputError, match="kind:"):
        validate_answers(data, base_dir=tmp_path)
    data["kind"] = "divorce"
    with pytest.raises(InputError, match="Unknown packet kind"):
        validate_answers(data, base_dir=tmp_path)


def test_dates_in_the_forms_people_type(tmp_path: Path) -> None:
    data = example_data()
    data["offenses"][0]["date"] = "6/2/2019"
    data["offenses"][1]["date"] = "September 14, 2019"
    _, model = validate_answers(data, base_dir=tmp_path)
    assert str(model.offenses[0].date) == "2019-06-02"
    assert str(model.offenses[1].date) == "2019-09-14"


def test_control_characters_are_cleaned_at_the_boundary(tmp_path: Path) -> None:
    data = example_data()
    data["trafficking"]["summary"] = "one\x0btwo\x0cthree\x07four\r\nfive"
    data["petitioner"]["name"] = "Ana\nMaria\x00 Doe"
    _, model = validate_answers(data, base_dir=tmp_path)
    assert model.trafficking.summary == "one\ntwo\nthreefour\nfive"
    assert model.petitioner.name == "Ana Maria Doe"


def test_exhibit_must_exist_and_be_pdf(tmp_path: Path) -> None:
    data = example_data()
    data["exhibits"] = [{"file": "nope.pdf", "description": "Letter"}]
    assert any("exhibits.1.file" in d and "no such file" in d for d in errors_for(data, tmp_path))
    (tmp_path / "letter.txt").write_text("x")
    data["exhibits"] = [{"file": "letter.txt", "description": "Letter"}]
    assert any("must be a PDF" in d for d in errors_for(data, tmp_path))


def test_unreadable_answers_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: vacatur\npetitioner: [unclosed\n")
    with pytest.raises(InputError, match="not valid YAML"):
        load_answers(bad)
    with pytest.raises(InputError, match="not found"):
        load_answers(tmp_path / "missing.yaml")
    listy = tmp_path / "list.json"
    listy.write_text("[1, 2]")
    with pytest.raises(InputError, match="must be a mapping"):
        load_answers(listy)


def test_an_impossible_unquoted_yaml_date_names_the_field(tmp_path: Path) -> None:
    from legal_docs.resources import templates_root

    text = (templates_root() / "vacatur" / "example.yaml").read_text(encoding="utf-8")
    path = tmp_path / "client.yaml"
    path.write_text(text.replace("date_of_birth: 2001-04-17", "date_of_birth: 2001-02-30"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_answers(path)
    assert "petitioner's date of birth (petitioner.date_of_birth): is not a real calendar date" in err.value.details


def test_every_problem_is_typed_and_its_text_is_for_people(tmp_path: Path) -> None:
    """Code reads a problem's parts (batch puts them in errors.csv columns); the line shown is
    made from them, never parsed back."""
    from legal_docs.errors import Problem

    data = example_data()
    data["offenses"][1]["date"] = "not a date"
    data["petitioner"]["zip"] = "ABCDE"
    with pytest.raises(InputError) as err:
        validate_answers(data, base_dir=tmp_path)
    problems = err.value.problems
    assert {p.location for p in problems} >= {("offenses", 1, "date"), ("petitioner", "zip")}
    date = next(p for p in problems if p.location == ("offenses", 1, "date"))
    assert isinstance(date, Problem) and date.dotted == "offenses.2.date"
    assert date.label.startswith("Offense 2, ")
    assert err.value.details == [str(p) for p in problems]
    assert str(date) == f"{date.label} (offenses.2.date): {date.message}"


def test_a_data_file_lists_every_problem_not_the_first() -> None:
    from pydantic import ValidationError

    from legal_docs.answers import invalid_data
    from legal_docs.plan import PacketDef

    with pytest.raises(ValidationError) as caught:
        PacketDef.model_validate({"schema_version": 1, "documents": [], "extra": 1})
    error = invalid_data("vacatur/packet.yaml", caught.value, PacketDef)
    assert {p.location for p in error.problems} >= {("kind",), ("parties",), ("extra",)}
    assert "at kind: is required" in error.message and "at extra: " in error.message


@pytest.mark.parametrize(("typed", "read"), [("8:30 AM", (8, 30)), ("13:30", (13, 30)), ("08:30:00", (8, 30))])
def test_a_hearing_time_reads_as_typed_or_as_a_saved_file_writes_it(tmp_path: Path, typed: str,
                                                                     read: tuple[int, int]) -> None:
    """A time saved from the answers model is written '08:30:00' (JSON form): reading it back must work."""
    data = example_data()
    data["courts"][0]["hearing"]["time"] = typed
    _spec, model = validate_answers(data, base_dir=tmp_path)
    time = model.courts[0].hearing.time
    assert (time.hour, time.minute) == read


def test_a_time_with_seconds_other_than_zero_is_refused(tmp_path: Path) -> None:
    data = example_data()
    data["courts"][0]["hearing"]["time"] = "08:30:15"
    assert any("is not a time we can read" in e for e in errors_for(data, tmp_path))
