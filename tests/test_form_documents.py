"""Official forms as packet documents (issue 5): a packet.yaml document with `form:` instead of a
template is filled from the planner's answers mapping, merged in order with the pleading papers,
recorded in the manifest with its form id and revision, and left out of the service packet when
its map says it is never served (CLETS-001).

The official PDFs are the copies shipped inside the package.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from pypdf import PdfReader

from helpers import example_data
from pdfcheck import field_values
from legal_docs.errors import TemplateError
from legal_docs.facts import Facts
from legal_docs.pipeline import assemble, generate_planned, plan_mapping
from legal_docs.plan import DocumentDef, PacketDef, build_documents
from test_batch import fake_soffice  # noqa: F401 (fixture)
from test_forms import SAMPLE

# A test-only packet definition: three official forms, no templates.
FORMS_PACKET = """
schema_version: 1
kind: test-forms
parties: []
documents:
  - key: request
    filename: 02-dv-100
    title: "Request for Domestic Violence Restraining Order (DV-100)"
    footer_title: DV-100
    form: dv-100
  - key: clets
    filename: 03-clets-001
    title: Confidential CLETS Information (CLETS-001)
    footer_title: CLETS-001
    form: clets-001
  - key: notice
    filename: 04-dv-109
    title: "Notice of Court Hearing (DV-109)"
    footer_title: DV-109
    form: DV-109
    answers: hearing-notice
    when: "hearing_set"
"""


class _FormsFacts(Facts):
    """The facts of the test-only packet: a planner hands build_documents a typed model."""

    hearing_set: bool
    form_answers: dict[str, dict[str, Any]]


def _form_documents(facts: dict) -> list:
    definition = PacketDef.model_validate(yaml.safe_load(FORMS_PACKET))
    docs, _auths = build_documents(definition, _FormsFacts.model_validate(facts), caption={}, hearing_lines=[])
    return docs


def test_form_documents_are_planned_with_their_answers_and_serve_flag() -> None:
    facts = {"hearing_set": True, "form_answers": {"dv-100": SAMPLE, "clets-001": SAMPLE, "hearing-notice": SAMPLE}}
    docs = _form_documents(facts)
    assert [(d.key, d.form, d.serve) for d in docs] == [
        ("request", "DV-100", True), ("clets", "CLETS-001", False), ("notice", "DV-109", True)]
    assert docs[0].context == {"form_answers": SAMPLE} and docs[0].template == ""
    assert [d.key for d in _form_documents(dict(facts, hearing_set=False))] == ["request", "clets"]


def test_a_form_document_without_answers_or_with_an_unknown_form_is_a_packet_error() -> None:
    with pytest.raises(TemplateError, match=r"form_answers\.hearing-notice"):
        _form_documents({"hearing_set": True, "form_answers": {"dv-100": SAMPLE, "clets-001": SAMPLE}})
    bad = yaml.safe_load(FORMS_PACKET)
    bad["documents"][0]["form"] = "jv-999"
    with pytest.raises(TemplateError, match="No field map for form 'jv-999'"):
        build_documents(PacketDef.model_validate(bad), _FormsFacts(hearing_set=False, form_answers={}), caption={},
                        hearing_lines=[])
    with pytest.raises(ValidationError, match="takes no clauses"):
        DocumentDef(key="x", filename="x", title="x", footer_title="x", form="dv-100", clauses=["a"])
    with pytest.raises(ValidationError, match="needs clauses"):
        DocumentDef(key="x", filename="x", title="x", footer_title="x")


@pytest.mark.libreoffice
def test_forms_are_filled_merged_in_order_and_recorded(tmp_path: Path) -> None:
    data = example_data()
    planned = plan_mapping(data, base_dir=tmp_path)
    plan = planned.plans[0]
    petition = plan.documents[0]  # a pleading paper from a template, converted by LibreOffice
    forms = _form_documents({"hearing_set": True,
                             "form_answers": {"dv-100": SAMPLE, "clets-001": SAMPLE, "hearing-notice": SAMPLE}})
    planned = dataclasses.replace(planned, plans=[dataclasses.replace(plan, documents=[petition, *forms])])
    result = generate_planned(planned, tmp_path / "out")
    folder = result.packets[0].folder
    assert folder is not None

    names = {p.name for p in folder.iterdir()}
    assert {"02-dv-100.pdf", "03-clets-001.pdf", "04-dv-109.pdf", "packet.pdf", "service-packet.pdf"} <= names
    assert not {"02-dv-100.docx", "03-clets-001.docx", "04-dv-109.docx"} & names  # no Word file, no LibreOffice

    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["status"] == "complete"
    docs = {d["key"]: d for d in manifest["documents"]}
    assert docs["request"]["form"]["id"] == "DV-100" and docs["request"]["form"]["revision"]
    assert docs["clets"]["form"]["id"] == "CLETS-001" and docs["clets"]["serve"] is False
    assert docs["notice"]["form"]["id"] == "DV-109" and docs["notice"]["docx"] is None
    assert "form" not in docs[petition.key] and docs[petition.key]["docx"].endswith(".docx")

    packet = PdfReader(str(folder / "packet.pdf"))
    titles = [petition.title, *(f.title for f in forms)]
    # CLETS-001 is handed to the court on its own (its map says confidential): in neither packet PDF
    assert [o.title for o in packet.outline] == [titles[0], titles[1], titles[3]]
    starts = [packet.get_destination_page_number(o) for o in packet.outline]
    assert starts == sorted(starts) and starts[1] == len(PdfReader(str(folder / f"{petition.filename}.pdf")).pages)
    assert "/XFA" not in packet.trailer["/Root"]["/AcroForm"] and "/Perms" not in packet.trailer["/Root"]
    values = field_values(folder / "packet.pdf")
    assert values["02-dv-100.DV-100[0].Page1[0].List1[0].Li1[0].YourName_tf[0]"] == "Jane Roe"
    assert not [n for n in values if n.startswith("03-clets-001")]
    clets = field_values(folder / "03-clets-001.pdf")
    assert clets["03-clets-001.CLETS-001[0].Page1[0].List1[0].Li1[0].nametf[0]"] == "John Doe"
    assert values["04-dv-109.DV-109[0].Page1[0].List2[0].Li1[0].YourName_tf[0]"] == "John Doe"
    assert values.get("04-dv-109.DV-109[0].Page1[0].List3[0].Li1[0].HearingDate_dt[0]") is None  # the court's

    # CLETS-001 is filed, never served
    service = PdfReader(str(folder / "service-packet.pdf"))
    assert [o.title for o in service.outline] == [titles[0], titles[1], titles[3]]
    served_fields = set(field_values(folder / "service-packet.pdf"))
    assert not [n for n in served_fields if n.startswith("03-clets-001")]
    assert "02-dv-100.DV-100[0].Page1[0].List1[0].Li1[0].YourName_tf[0]" in served_fields
    assert manifest["service_packet"]["pages"] == len(service.pages) == len(packet.pages)

    # assemble keeps the filled forms (no Word file to rebuild them from) and remakes both packets
    before = (folder / "02-dv-100.pdf").read_bytes()
    (folder / "service-packet.pdf").unlink()
    [again] = assemble(folder)
    rebuilt = json.loads((folder / "manifest.json").read_text())
    assert again.folder == folder and again.manifest.status == rebuilt["status"] == "complete"
    assert (folder / "02-dv-100.pdf").read_bytes() == before
    assert rebuilt["documents"][1]["sha256"]["pdf"] == docs["request"]["sha256"]["pdf"]
    assert [o.title for o in PdfReader(str(folder / "service-packet.pdf")).outline] == [titles[0], titles[1], titles[3]]


def test_a_full_ssn_in_a_filled_form_stops_the_packet(tmp_path: Path) -> None:
    """The rule 1.201 output scan reads the forms' field values too (no LibreOffice: forms only)."""
    from legal_docs.errors import LegalDocsError
    from legal_docs.pipeline import make_packet

    planned = plan_mapping(example_data(), base_dir=tmp_path)
    clets = dict(SAMPLE, restrained=dict(SAMPLE["restrained"], ssn="123-45-6789"))
    forms = _form_documents({"hearing_set": False, "form_answers": {"dv-100": SAMPLE, "clets-001": clets}})
    plan = dataclasses.replace(planned.plans[0], documents=forms, exhibits=[])
    with pytest.raises(LegalDocsError, match="full Social Security"):
        make_packet(plan, tmp_path, planned=planned)
    assert not list(tmp_path.iterdir())  # nothing half-made is left
    clean = dataclasses.replace(plan, documents=_form_documents(
        {"hearing_set": False, "form_answers": {"dv-100": SAMPLE, "clets-001": SAMPLE}}))
    final, manifest, failure = make_packet(clean, tmp_path, planned=planned)
    assert failure is None and manifest.status == "complete"
    assert PdfReader(str(final / "02-dv-100.pdf")).metadata["/Producer"] == "legal-docs"
    assert [o.title for o in PdfReader(str(final / "service-packet.pdf")).outline] == [forms[0].title]


def test_two_copies_of_a_form_need_their_own_file_names() -> None:
    """A filled form's fields are named under its file name in packet.pdf, so two documents with one
    file name (two copies of DV-101, say) are a packet.yaml error, not silently shared values."""
    twice = yaml.safe_load(FORMS_PACKET)
    twice["documents"][2]["filename"] = "02-dv-100"
    definition = PacketDef.model_validate(twice)
    facts = {"hearing_set": True, "form_answers": {"dv-100": SAMPLE, "clets-001": SAMPLE, "hearing-notice": SAMPLE}}
    with pytest.raises(TemplateError, match="share the file name 02-dv-100"):
        build_documents(definition, _FormsFacts.model_validate(facts), caption={}, hearing_lines=[])
    assert build_documents(definition, _FormsFacts.model_validate(dict(facts, hearing_set=False)), caption={},
                           hearing_lines=[])[0]


def test_the_command_prints_no_pdf_library_noise(tmp_path: Path, fake_soffice: Path) -> None:  # noqa: F811
    """The PDF libraries' notes (pypdf's on repairing the forms' encryption padding, say) stay out of a
    user's terminal. The whole `generate` of the DVRO sample runs as a user runs it, in its own process,
    with the fake soffice for the one Word paper (the letter): the forms are filled for real."""
    import subprocess
    import sys

    answers = tmp_path / "client.yaml"
    answers.write_text(yaml.safe_dump(example_data("protective-order", "dvro"), allow_unicode=True), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "legal_docs_cli.main", "generate", str(answers), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert fake_soffice.read_text().count(".docx") == 1  # only the letter went to "LibreOffice"
    assert "padding" not in done.stderr + done.stdout and "Traceback" not in done.stderr
    assert (tmp_path / "out" / "alameda" / "packet.pdf").is_file()


def test_the_conversion_thread_starts_before_the_foreground_work() -> None:
    """The conversion is started first: LibreOffice never waits for Python's imports or form filling."""
    import threading

    from legal_docs.pipeline import _alongside

    entered, release = threading.Event(), threading.Event()
    seen: list[bool] = []

    def foreground() -> None:
        seen.append(entered.wait(10))  # the background already runs while the foreground starts
        release.set()

    _alongside(lambda: (entered.set(), release.wait(10)), foreground)
    assert seen == [True]


def test_first_imports_of_the_pdf_libraries_go_through_one_lock(tmp_path: Path) -> None:
    """pypdf's modules import one another: a first import of it in the conversion thread while the form
    filler imported it stopped a DVRO packet with Python's _DeadlockError (CI, once in a few runs).
    Both threads import through convert.import_first, which holds one lock: while another thread holds
    it, the conversion thread's PDF check waits, and it goes on once the lock is free."""
    import threading

    import pikepdf

    from legal_docs import convert

    pdf = tmp_path / "one.pdf"
    with pikepdf.new() as doc:
        doc.add_blank_page()
        doc.save(pdf)
    done = threading.Event()
    with convert._FIRST_IMPORTS:
        checker = threading.Thread(target=lambda: (convert._check_pdf(pdf, source_name="one.docx"), done.set()))
        checker.start()
        assert not done.wait(0.5)  # held up by the lock
    checker.join(10)
    assert done.is_set()
