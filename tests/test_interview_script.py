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
    problems = check_script(Script.model_validate(raw), KINDS["vacatur"].model)
    assert "petitioner.date_of_birth: required by the model, but no question asks for it" in problems
    assert "offenses.direct_result: required by the model, but no question asks for it" in problems


def test_the_check_catches_a_field_the_model_lacks_and_bad_choices() -> None:
    raw = _vacatur_raw()
    raw["sections"][0]["items"].append({"field": "petitioner.shoe_size", "prompt": "Shoe size?"})
    offense_items = raw["sections"][1]["items"][0]["items"]
    offense_items[0]["choices"] = {"arrest": "arrest", "citation": "citation"}
    offense_items.append({"field": "description", "prompt": "Again?", "when": "type == 'arrest'"})
    problems = check_script(Script.model_validate(raw), KINDS["vacatur"].model)
    assert "petitioner.shoe_size: the answers model has no such field" in problems
    assert "offenses.type: choices ['citation'] are not allowed by the model" in problems
    assert "offenses.description: a required field must not depend on a condition (when)" in problems


def test_optional_groups_need_a_question_that_opens_them() -> None:
    raw = _vacatur_raw()
    for section in raw["sections"]:
        for item in section["items"]:
            if item["field"] == "hearing":
                del item["ask"]
    problems = check_script(Script.model_validate(raw), KINDS["vacatur"].model)
    assert problems == ["hearing: an optional group needs `ask` (the question that opens it)"]
