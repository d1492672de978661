"""Every registered packet kind has an interview script that reaches every required field of its
model and names no field the model lacks; and the check itself catches both mistakes."""

from __future__ import annotations

import pytest
import yaml

from legal_docs.interview.script import Script, check_script, load_script
from legal_docs.kinds import KINDS
from legal_docs.resources import templates_root


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_script_reaching_every_required_field(kind: str) -> None:
    spec = KINDS[kind]
    script = load_script(spec.name)
    assert script.kind == spec.name
    assert check_script(script, spec.model) == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_script_field_is_a_model_field_and_fixed_values_validate(kind: str) -> None:
    spec = KINDS[kind]
    script = load_script(spec.name)
    for key in script.fixed:
        assert key in spec.model.model_fields
    assert script.fixed.get("kind") == spec.name


def _vacatur_raw() -> dict:
    return yaml.safe_load((templates_root() / "vacatur" / "interview.yaml").read_text(encoding="utf-8"))


def _drop(items: list, field: str) -> list:
    out = []
    for item in items:
        if item["field"] == field:
            continue
        if "items" in item:
            item = dict(item, items=_drop(item["items"], field))
        out.append(item)
    return out


def test_the_check_catches_an_unreached_required_field() -> None:
    raw = _vacatur_raw()
    for section in raw["sections"]:
        section["items"] = _drop(section["items"], "petitioner.date_of_birth")
        section["items"] = _drop(section["items"], "direct_result")
    problems = [str(p) for p in check_script(Script.model_validate(raw), KINDS["vacatur"].model)]
    assert "petitioner.date_of_birth: required by the model, but no question asks for it" in problems
    assert "offenses.direct_result: required by the model, but no question asks for it" in problems


def test_the_check_catches_a_field_the_model_lacks_and_bad_choices() -> None:
    raw = _vacatur_raw()
    raw["sections"][0]["items"].append({"field": "petitioner.shoe_size", "prompt": "Shoe size?"})
    offense_items = raw["sections"][1]["items"][0]["items"]
    offense_items[0]["choices"] = {"arrest": "arrest", "citation": "citation"}
    offense_items.append({"field": "description", "prompt": "Again?", "when": "type == 'arrest'"})
    problems = [str(p) for p in check_script(Script.model_validate(raw), KINDS["vacatur"].model)]
    assert "petitioner.shoe_size: the answers model has no such field" in problems
    assert "offenses.type: choices ['citation'] are not allowed by the model" in problems
    assert "offenses.description: a required field must not depend on a condition (when)" in problems


def test_optional_groups_need_a_question_that_opens_them() -> None:
    raw = _vacatur_raw()
    for section in raw["sections"]:
        for item in section["items"]:
            if item["field"] == "hearing":
                del item["ask"]
    problems = [str(p) for p in check_script(Script.model_validate(raw), KINDS["vacatur"].model)]
    assert problems == ["hearing: an optional group needs `ask` (the question that opens it)"]


# -- conditions are checked against the model; a clinic's script is the one asked --------------


def _clinic_script(tmp_path, edit):  # type: ignore[no-untyped-def]
    """A clinic's template folder holding an edited copy of the vacatur interview script."""
    from legal_docs.resources import set_override

    source = (templates_root() / "vacatur" / "interview.yaml").read_text(encoding="utf-8")
    target = tmp_path / "clinic" / "form_templates" / "vacatur" / "interview.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(edit(source), encoding="utf-8")
    set_override(tmp_path / "clinic")
    return target


def test_a_misspelled_condition_is_an_error_naming_file_line_and_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from legal_docs.errors import TemplateError

    target = _clinic_script(tmp_path, lambda s: s.replace("when: petitioner.file_with_initials",
                                                          "when: petitioner.file_with_initals"))
    line = next(n for n, text in enumerate(target.read_text(encoding="utf-8").splitlines(), 1)
                if "file_with_initals" in text)
    with pytest.raises(TemplateError) as caught:
        load_script("vacatur")
    [problem] = caught.value.problems  # a Problem read by its parts: file, line, the name, what is wrong
    assert (problem.label, problem.line, problem.name, problem.where) == (
        "form_templates/vacatur/interview.yaml (template folder)", line, "petitioner.file_with_initals",
        "when: petitioner.file_with_initals")
    assert problem.message == "'petitioner.file_with_initals' is not an answer (Petitioner has no field 'file_with_initals')"
    assert caught.value.details == [str(problem)] and f"interview.yaml (template folder), line {line}" in str(problem)


def test_templates_check_reports_a_misspelled_condition(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from legal_docs.resources import set_override
    from legal_docs_cli.main import main

    _clinic_script(tmp_path, lambda s: s.replace("when: level == 'felony'", "when: levle == 'felony'"))
    set_override(None)
    result = CliRunner().invoke(main, ["templates", "check", str(tmp_path / "clinic")])
    assert result.exit_code == 1
    assert "interview.yaml (template folder), line " in result.output
    assert "'levle' is not an answer nor a function" in result.output


def test_every_misspelled_condition_is_reported_not_the_first(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from legal_docs.errors import TemplateError
    from legal_docs.resources import set_override
    from legal_docs_cli.main import main

    _clinic_script(tmp_path, lambda s: s.replace("when: level == 'felony'", "when: levle == 'felony'").replace(
        "when: petitioner.file_with_initials", "when: petitioner.file_with_initals"))
    with pytest.raises(TemplateError) as caught:
        load_script("vacatur")
    assert sorted(p.name for p in caught.value.problems) == ["levle", "petitioner.file_with_initals"]
    assert all(p.line > 0 and p.label.endswith("interview.yaml (template folder)") for p in caught.value.problems)
    assert "2 conditions name something the answers do not have" in caught.value.message
    set_override(None)
    result = CliRunner().invoke(main, ["templates", "check", str(tmp_path / "clinic")])
    assert result.exit_code == 1
    assert all(f"line {p.line}" in result.output and p.message in result.output for p in caught.value.problems)


@pytest.mark.parametrize("expr, problem", [
    ("screen(code_section, level, enhancements) == 'excluded'", None),  # the kind's own function
    ("previous.county == county and number > 1", None),  # the list item before, its position
    ("petitioner.file_with_initials and hearing.date", None),
    ("offenses[0].level == 'felony'", None),
    ("offenses[0].levels == 'felony'", "'offenses[].levels' is not an answer"),
    ("hearing.dat", "'hearing.dat' is not an answer"),
    ("minors(code_section)", "'minors' is not an answer nor a function"),
    ("level ==", "cannot be read"),
    ("level | nosuchfilter", "cannot be read"),
])
def test_every_name_in_a_condition_is_resolved(expr: str, problem: str | None) -> None:
    raw = yaml.safe_load((templates_root() / "vacatur" / "interview.yaml").read_text(encoding="utf-8"))
    offenses = next(i for s in raw["sections"] for i in s["items"] if i["field"] == "offenses")
    conditional = next(i for i in offenses["items"] if i.get("when"))
    conditional["when"] = expr  # inside the list: the item's fields by name
    problems = check_script(Script.model_validate(raw), KINDS["vacatur"].model)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1 and problem in problems[0].message, problems


def test_a_clinics_interview_wording_is_the_one_asked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from legal_docs.interview.flow import Stopped, conduct
    from legal_docs.interview.terminal import ScriptedTerminal

    _clinic_script(tmp_path, lambda s: s.replace("prompt: What is the petitioner's full legal name?",
                                                 "prompt: Nombre legal completo de la persona (clinic wording)?"))
    assert load_script("vacatur").sections[0].items[0].prompt.endswith("(clinic wording)?")
    term = ScriptedTerminal([":q"])  # the first question, then quit
    with pytest.raises(Stopped):
        conduct(kind="vacatur", terminal=term, cwd=tmp_path, save=tmp_path / "session.json")
    assert "(clinic wording)?" in term.text
    assert "What is the petitioner's full legal name?" not in term.text
