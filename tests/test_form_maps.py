"""Form maps are checked, not trusted (issue 13): each map names the typed form answers it reads,
every `answer:` path is checked against that model when the maps load and by `templates check`
(a clinic's maps too), and the fields a map marks as the court's are never filled."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pydantic import ValidationError
from pypdf import PdfReader

from pdfcheck import field_values
from legal_docs.errors import InputError
from legal_docs.form_paths import check_path
from legal_docs.forms import field_name, fill_form, form_specs, get_form
from legal_docs.kinds.protective_order.form_answers import DV130Answers, FormAnswers
from legal_docs.resources import set_override, templates_root
from legal_docs_cli.main import main
from test_forms import SAMPLE


def _clinic_map(tmp_path: Path, form: str, edit) -> Path:  # type: ignore[no-untyped-def]
    """A clinic template folder holding an edited copy of one built-in map."""
    clinic = tmp_path / "clinic"
    (clinic / "form_templates" / "forms").mkdir(parents=True)
    text = (templates_root() / "forms" / f"{form}.yaml").read_text(encoding="utf-8")
    (clinic / "form_templates" / "forms" / f"{form}.yaml").write_text(edit(text), encoding="utf-8")
    return clinic


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_every_built_in_map_names_its_answers_and_its_paths_are_answers() -> None:
    specs = form_specs()  # raises on any problem
    assert {s.answers for s in specs.values()} == {"protective-order", "dv-130", "pos-040", "attachment"}
    assert get_form("MC-025").answers == "attachment"  # filled by form_attachment, not a planner
    assert get_form("DV-130").answers == "dv-130"


def test_a_misspelled_path_names_the_map_the_line_and_the_path(tmp_path: Path) -> None:
    def typo(text: str) -> str:
        return text.replace("answer: court.address_block,", "answer: court.address_block_typo,", 1)

    clinic = _clinic_map(tmp_path, "dv-109", typo)
    text = (clinic / "form_templates" / "forms" / "dv-109.yaml").read_text(encoding="utf-8")
    line = _line_of(text, "court.address_block_typo")
    result = CliRunner().invoke(main, ["templates", "check", str(clinic)])
    assert result.exit_code == 1
    assert (f"clinic/form_templates/forms/dv-109.yaml, line {line}: 'court.address_block_typo' is not an answer "
            "(Court has no 'address_block_typo'") in result.output
    # when the maps load: every command that needs them stops with exit 2, naming the same
    set_override(clinic)
    with pytest.raises(InputError) as info:
        fill_form("DV-109", SAMPLE, out=tmp_path / "f.pdf")
    assert any(f"dv-109.yaml, line {line}: 'court.address_block_typo'" in d for d in info.value.details)
    assert not (tmp_path / "f.pdf").exists()
    set_override(None)
    listed = CliRunner().invoke(main, ["--templates", str(clinic), "forms"])
    assert listed.exit_code == 2 and "court.address_block_typo" in listed.output and "Traceback" not in listed.output


def test_every_problem_of_every_map_is_a_problem_with_its_file_line_and_path(tmp_path: Path) -> None:
    """Two misspelled paths in one map and a malformed second map: all three are reported, each a
    Problem read by its parts (file, line, the path), not text to parse; `templates check` prints them."""
    def two_typos(text: str) -> str:
        text = text.replace("answer: court.address_block,", "answer: court.address_blok,", 1)
        return text.replace("answer: protected.name,", "answer: protected.nmae,", 1)

    clinic = _clinic_map(tmp_path, "dv-109", two_typos)
    text = (clinic / "form_templates" / "forms" / "dv-109.yaml").read_text(encoding="utf-8")
    (clinic / "form_templates" / "forms" / "dv-110.yaml").write_text(
        (templates_root() / "forms" / "dv-110.yaml").read_text(encoding="utf-8").replace("title:", "titel:", 1),
        encoding="utf-8")
    set_override(clinic)
    try:
        with pytest.raises(InputError) as info:
            form_specs()
    finally:
        set_override(None)
    found = {(Path(p.label).name, p.line, p.name) for p in info.value.problems}
    assert {("dv-109.yaml", _line_of(text, "court.address_blok"), "court.address_blok"),
            ("dv-109.yaml", _line_of(text, "protected.nmae"), "protected.nmae")} <= found
    assert any(Path(p.label).name == "dv-110.yaml" and "title" in p.message for p in info.value.problems)
    assert info.value.message.startswith(f"{len(info.value.problems)} problems")
    result = CliRunner().invoke(main, ["templates", "check", str(clinic)])
    assert result.exit_code == 1
    assert all(str(p).split(". Fix:")[0] in result.output for p in info.value.problems)


@pytest.mark.parametrize(("path", "kind", "equals", "says"), [
    ("protected.nmae", "text", None, "Protected has no 'nmae'"),
    ("abuse.incidents.first.date", "text", None, "must be a number"),
    ("protected.name.first", "text", None, "is a single value"),
    ("restrained.vehicle", "text", None, "whole section"),
    ("restrained.firearms", "checkbox", "maybe", "never 'maybe'"),
    ("order_after_hearing.expires", "text", None, "FormAnswers has no 'order_after_hearing'"),
])
def test_path_problems_are_explained(path: str, kind: str, equals: object, says: str) -> None:
    why = check_path(FormAnswers, path, kind=kind, equals=equals)
    assert why is not None and says in why, why


@pytest.mark.parametrize("path", ["abuse.incidents.4.details", "others.0", "restrained.vehicle.plate",
                                  "other_cases.custody", "hearing.ampm"])
def test_good_paths_pass(path: str) -> None:
    assert check_path(FormAnswers, path, kind="checkbox") is None
    assert check_path(DV130Answers, "order_after_hearing.expires", kind="text") is None


def test_a_map_without_answers_or_with_an_unknown_one_is_an_error(tmp_path: Path) -> None:
    clinic = _clinic_map(tmp_path, "dv-101", lambda t: t.replace("answers: protective-order\n", ""))
    result = CliRunner().invoke(main, ["templates", "check", str(clinic)])
    assert result.exit_code == 1 and "dv-101.yaml" in result.output and "no `answers:` line" in result.output
    clinic = _clinic_map(tmp_path / "b", "dv-101", lambda t: t.replace("answers: protective-order", "answers: vacatur"))
    result = CliRunner().invoke(main, ["templates", "check", str(clinic)])
    assert "answers: vacatur" in result.output and "protective-order" in result.output


def test_a_map_entry_on_a_court_field_is_refused_and_court_fields_stay_blank(tmp_path: Path) -> None:
    spec = get_form("DV-109")
    (rev,) = spec.revisions
    assert rev.is_court_field("DV-109[0].Page1[0].List3[0].Li1[0].HearingDate_dt[0]")
    assert not rev.is_court_field("DV-109[0].Page1[0].List1[0].Li1[0].YourName_tf[0]")
    # filled with answers that have a hearing and a minor: the court's items are untouched
    answers = {**SAMPLE, "hearing": {"date": "04/15/2025", "time": "9:00", "department": "3"}}
    filled = fill_form("DV-109", answers, out=tmp_path / "f.pdf")
    written = {name.split(".", 1)[1]: v for name, v in field_values(filled.path).items() if v not in (None, "", "/Off")}
    assert written and not [n for n in written if rev.is_court_field(n)], written

    def fill_hearing(text: str) -> str:
        return text.replace(
            "    fields:\n",
            '    fields:\n      - {answer: hearing.date, text: "DV-109[0].Page1[0].List3[0].Li1[0].HearingDate_dt[0]"}\n', 1)

    clinic = _clinic_map(tmp_path, "dv-109", fill_hearing)
    result = CliRunner().invoke(main, ["templates", "check", str(clinic)])
    assert result.exit_code == 1 and "HearingDate_dt[0] is completed by the court" in result.output


def test_a_packet_must_hand_a_form_the_answers_its_map_reads(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    (clinic / "form_templates" / "protective-order").mkdir(parents=True)
    packet = yaml.safe_load((templates_root() / "protective-order" / "packet.yaml").read_text(encoding="utf-8"))
    doc = next(d for d in packet["documents"] if d.get("form") == "dv-130")
    doc["answers"] = "protective-order"
    (clinic / "form_templates" / "protective-order" / "packet.yaml").write_text(yaml.safe_dump(packet),
                                                                                  encoding="utf-8")
    result = CliRunner().invoke(main, ["templates", "check", str(clinic)])
    assert result.exit_code == 1
    assert "hands DV-130 the answers 'protective-order', its map reads 'dv-130'" in result.output


def test_the_planner_answers_are_typed() -> None:
    with pytest.raises(ValidationError):
        FormAnswers.model_validate({"protected": {"nmae": "x"}})
    with pytest.raises(ValidationError):
        FormAnswers.model_validate({"restrained": {"firearms": "maybe"}})


@pytest.mark.parametrize(("form_id", "pdf", "answers_key", "court", "own"), [
    # DV-110: "The person asking ... must complete 1, 2, and 3 only. The court will complete the rest"
    ("DV-110", "dv110.pdf", "protective-order",
     ["DV-110[0].Page1[0].OrigAmen_cb[0]", "DV-110[0].Page1[0].List4[0].", "DV-110[0].Page2[0].List6[0].",
      "DV-110[0].Page6[0].SignatureSub[0].", "DV-110[0].Page9[0].ClertSub[0]."],
     "DV-110[0].Page1[0].List2[0].Li1[0].ParentRel[0]"),
    # DV-130: the judge's orders (5, 7-34), the signature and the clerk's certificate; items 1-4 and 6
    # are the person preparing it's
    ("DV-130", "dv130-2026.pdf", "dv-130",
     ["DV-130[0].Page2[0].List5[0].", "DV-130[0].Page6[0].List16[0].", "DV-130[0].Page9[0].List34[0].",
      "DV-130[0].Page9[0].SignatureSub[0].", "DV-130[0].page11[0].ClerkSub[0]."],
     "DV-130[0].Page1[0].List2[0].Li1[0].ParentRel[0]"),
    ("DV-130", "dv130.pdf", "dv-130",
     ["DV-130[0].Page2[0].List5[0].", "DV-130[0].Page4[0].List9[0].", "DV-130[0].Page9[0].List32[0].",
      "DV-130[0].Page9[0].SignatureSub[0].", "DV-130[0].Page11[0].ClerkCert[0]."],
     "DV-130[0].Page1[0].List2[0].Item2[0].ParentRel[0]"),
])
def test_the_dv_orders_mark_the_courts_items_and_the_filler_leaves_them_blank(
        form_id: str, pdf: str, answers_key: str, court: list[str], own: str, tmp_path: Path) -> None:
    """DV-110 and DV-130 list the items the court completes (`court:`): each is in the PDF (checked
    when filling), none is written, and the person asking's items still are."""
    import shutil

    from helpers import example_data
    from legal_docs.answers import validate_answers
    from legal_docs.resources import shipped_forms_root

    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(shipped_forms_root() / pdf, folder / pdf)  # this revision, and only it
    data = example_data("protective-order", "dvro")
    data["hearing"] = {"date": "2026-12-10", "time": "08:30", "department": "505", "judge": "Hon. R. Example"}
    spec, model = validate_answers(data, base_dir=tmp_path)
    (plan,) = spec.planner(model)
    answers = plan.facts["form_answers"][answers_key]
    filled = fill_form(form_id, answers, out=tmp_path / "f.pdf", folder=folder, instance="x")
    rev = next(r for r in get_form(form_id).revisions if r.revision == filled.revision)
    assert rev.file == pdf
    for name in court:
        assert name in rev.court, name
    reader = PdfReader(filled.path)
    values = {n.removeprefix("x."): v for n, v in field_values(filled.path).items()}
    assert values[own] == "Trevon Lamar Hayes"  # item 2, the person asking's
    assert [n for n in values if rev.is_court_field(n)], "the court's fields are in the form"
    written = [n for n, v in values.items() if v not in (None, "", "/Off") and rev.is_court_field(n)]
    assert written == []
    ticked = [field_name(a).removeprefix("x.") for p in reader.pages
              for a in (r.get_object() for r in p.get("/Annots") or []) if str(a.get("/AS", "/Off")) != "/Off"]
    assert ticked and not [n for n in ticked if rev.is_court_field(n)]  # no box of the court's shows ticked
