"""Typed facts: each planner returns its kind's Facts model, and a fact name a clause or packet.yaml
misspells is an error from `legal-docs templates check` naming the file, the line and the name,
even in a branch no example takes (a render of the examples cannot see it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel, ValidationError

from helpers import example_data
from legal_docs.answers import validate_answers
from legal_docs.clauses import ENV
from legal_docs.errors import ExitCode, UndeclaredFact
from legal_docs.fact_names import check_text
from legal_docs.facts import Facts
from legal_docs.kinds import KINDS, get_kind
from legal_docs.resources import set_override, templates_root
from legal_docs_cli.main import main


@pytest.fixture(autouse=True)
def _builtins_after() -> None:
    yield
    set_override(None)


def _export(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    result = CliRunner().invoke(main, ["templates", "export", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in a file; the 1-based line where `new` now stands."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if new.splitlines()[0] in line)


def _check(folder: Path) -> list[str]:
    result = CliRunner().invoke(main, ["templates", "check", str(folder)])
    assert result.exit_code == 1, result.output
    return result.output.splitlines()


KINDS_WITH_FACTS = list(KINDS)  # every kind declares its facts (Kind.facts_ref is required)


@pytest.mark.parametrize("kind", KINDS_WITH_FACTS)
def test_the_planner_returns_the_kinds_typed_facts(kind: str) -> None:
    spec = get_kind(kind)
    data = example_data(kind)
    data.pop("exhibits", None)  # files beside the sample: not needed for the facts
    _, model = validate_answers(data, base_dir=templates_root() / kind)
    plan = next(p for p in spec.planner(model) if p.documents)
    assert type(plan.facts) is spec.facts
    # a fact the model does not declare is refused: the planner and the model cannot drift apart
    with pytest.raises(UndeclaredFact, match="not_a_fact"):
        spec.facts.model_validate(plan.facts.model_dump() | {"not_a_fact": "x"})
    # read as the mapping it replaces, and a name it lacks is a KeyError, never a blank
    first = next(iter(spec.facts.model_fields))
    assert plan.facts[first] == getattr(plan.facts, first)
    with pytest.raises(KeyError):
        plan.facts["not_a_fact"]


def test_an_undeclared_fact_a_planner_adds_is_a_developer_error_naming_kind_name_and_declared(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Not pydantic's extra_forbidden: the kind, the model and its file, the name, a "did you mean"."""
    import legal_docs.kinds.placement_727a.plan as planner
    from legal_docs.plan import signing_context

    _, model = validate_answers(example_data("placement-727a"), base_dir=templates_root() / "placement-727a")
    monkeypatch.setattr(planner, "service_list_context", lambda *a: {"service": None, "served_on": [],
                                                                     "service_method": []})
    with pytest.raises(UndeclaredFact) as caught:
        planner.build_plans(model)
    error = caught.value
    assert error.exit_code == ExitCode.FAILURE and not isinstance(error, ValidationError)
    assert error.message.startswith("The placement-727a planner hands over 1 fact that PlacementFacts does not "
                                    "declare (service_method)")
    assert "legal_docs/kinds/placement_727a/facts.py" in error.message
    [problem] = error.problems
    assert problem.name == "service_method" and "did you mean 'service_methods'" in problem.message
    # in a group built by a shared helper: the group's model and what it has
    monkeypatch.undo()
    monkeypatch.setattr(planner, "signing_context", lambda s: signing_context(s).model_dump() | {"citty": "x"})
    with pytest.raises(UndeclaredFact, match="SigningFacts does not declare \\(citty\\)") as caught:
        planner.build_plans(model)
    assert "did you mean 'city'?" in caught.value.problems[0].message


def test_a_misspelled_fact_in_a_clinics_clause_names_file_line_and_name(tmp_path: Path) -> None:
    folder = _export(tmp_path)
    clause = folder / "clauses" / "placement-727a" / "request.yaml"
    # the branch for a request without a hearing: the sample has one, so no render reaches it
    line = _edit(clause, "{% else %}{{ youth.name }}", "{% else %}{{ youth.nmae }}")
    out = _check(folder)
    hit = [x for x in out if "youth.nmae" in x]
    assert hit and hit[0].startswith(f"clauses/placement-727a/request.yaml (template folder), line {line} at "), out
    assert "has no 'nmae'; did you mean 'name'" in hit[0] and "clause placement.request.opening" in hit[0]
    assert "Fix:" in hit[0]


def test_the_render_of_the_examples_alone_would_not_see_it(tmp_path: Path) -> None:
    """Why the names are checked statically: the sample's packet never takes that branch."""
    from legal_docs.template_lint import check_facts, check_render

    folder = _export(tmp_path)
    _edit(folder / "clauses" / "placement-727a" / "request.yaml", "{% else %}{{ youth.name }}",
          "{% else %}{{ youth.nmae }}")
    set_override(folder)
    assert not [p for p in check_render() if "placement" in p.label]
    assert [p for p in check_facts("placement-727a") if "youth.nmae" in p.message]


def test_a_misspelled_fact_in_packet_yaml_names_file_line_and_name(tmp_path: Path) -> None:
    folder = _export(tmp_path)
    packet = folder / "form_templates" / "placement-727a" / "packet.yaml"
    line = _edit(packet, 'paper_title: "Declaration of {{ declarant.name }}',
                 'paper_title: "Declaration of {{ declarent.name }}')
    out = _check(folder)
    hit = [x for x in out if "'declarent'" in x]
    assert hit and hit[0].startswith(f"form_templates/placement-727a/packet.yaml (template folder), line {line} at "), out
    assert "document declaration" in hit[0]


class _Item(Facts):
    name: str


class _Sample(Facts):
    items: list[_Item]
    group: _Item
    words: list[str]


@pytest.mark.parametrize(("text", "bad"), [
    ("{{ group.name }}", []),
    ("{{ group.nmae }}", ["group.nmae"]),
    ("{{ grup.name }}", ["grup"]),
    ("{% for i in items %}{{ i.name }}{{ loop.index }}{% endfor %}", []),
    ("{% for i in items %}{{ i.nam }}{% endfor %}", ["i.nam"]),
    ("{% for i in items if i.nme %}{% endfor %}", ["i.nme"]),
    ("{% set g = group %}{{ g.name }} {{ g.x }}", ["g.x"]),
    ("{{ items[0].name }} {{ items[0].nme }} {{ (items | first).nm }}", ["items[].nme", "items[].nm"]),
    ("{{ group['name'] }} {{ group['nme'] }}", ["group.nme"]),
    ("{{ words | join(', ') }} {{ group.name.upper() }} {{ cite['pc-236.14'] }} {{ range(3) | list }}", []),
    ("{% for d in packet_documents %}{{ d.title }}{{ d.titel }}{% endfor %}", ["d.titel"]),
    ("{{ (group if items else group).nme }}", ["group.nme"]),
])
def test_names_resolve_through_groups_lists_and_local_names(text: str, bad: list[str]) -> None:
    assert [name for _line, name, _msg in check_text(text, _Sample, ENV)] == bad


def test_a_problem_gives_the_line_within_the_text() -> None:
    found = check_text("first line\n{% if group %}\n{{ group.nmae }}{% endif %}", _Sample, ENV)
    assert [(line, name) for line, name, _ in found] == [(3, "group.nmae")]


def test_every_facts_model_is_frozen_and_closed() -> None:
    for name in KINDS_WITH_FACTS:
        model = get_kind(name).facts
        assert issubclass(model, Facts) and issubclass(model, BaseModel)
        assert model.model_config.get("extra") == "forbid" and model.model_config.get("frozen")


def test_a_fact_the_vacatur_facts_lack_is_named_before_any_render(tmp_path: Path) -> None:
    folder = _export(tmp_path)
    packet = folder / "form_templates" / "vacatur" / "packet.yaml"
    line = _edit(packet, "footer_title: Proof of Service", 'footer_title: "Proof of Service {{ petitioner.nickname }}"')
    out = _check(folder)
    hit = [x for x in out if "petitioner.nickname" in x]
    assert hit and hit[0].startswith(f"form_templates/vacatur/packet.yaml (template folder), line {line} at "), out
    assert "Petitioner has no 'nickname'" in hit[0]


def test_a_misspelled_name_in_a_clinics_word_template_is_named_with_its_paragraph(tmp_path: Path) -> None:
    from test_templates import _rewrite

    folder = _export(tmp_path)
    _rewrite(folder / "form_templates" / "pleading.docx", "word/document.xml", "{{ doc.caption.paper_title }}",
             "{{ doc.caption.paper_titel }}")
    out = _check(folder)
    hit = [x for x in out if "doc.caption.paper_titel" in x]
    assert hit and hit[0].startswith("form_templates/pleading.docx at "), out
    assert "Caption has no 'paper_titel'; did you mean 'paper_title'" in hit[0]


@pytest.mark.parametrize("kind", KINDS_WITH_FACTS)
def test_every_template_context_is_what_the_templates_are_checked_against(kind: str) -> None:
    """The model `templates check` reads DOCX templates against (facts.TemplateContext) is the
    context every paper and exhibit cover of the samples is rendered with."""
    from legal_docs.facts import TemplateContext
    from legal_docs.kinds import example_names
    from legal_docs.answers import read_answers_file

    spec = get_kind(kind)
    for name in example_names(spec):
        data = read_answers_file(templates_root() / name)
        _, model = validate_answers(data, base_dir=templates_root() / kind)
        for plan in spec.planner(model):
            contexts = [d.context for d in plan.documents if not d.form] + [e.cover.context for e in plan.exhibits]
            for context in contexts:
                TemplateContext.model_validate(context)


def test_a_fact_a_forms_fill_reads_is_checked_too(tmp_path: Path) -> None:
    """packet.yaml's `fill:` (the POS-040's list of papers served) is read like any other template."""
    folder = _export(tmp_path)
    packet = folder / "form_templates" / "vacatur" / "packet.yaml"
    line = _edit(packet, "{% if exhibits %}• Exhibits", "{% if exhibitz %}• Exhibits")
    out = _check(folder)
    hit = [x for x in out if "'exhibitz'" in x]
    assert hit and hit[0].startswith(f"form_templates/vacatur/packet.yaml (template folder), line {line} at "), out
