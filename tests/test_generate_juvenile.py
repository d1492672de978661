"""The juvenile packets end to end (LibreOffice): files, the same PDF checks as the
vacatur packet, the confidentiality legend, and the manifest's warnings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import docx_text
from pdfcheck import court_ready_problems, page_text

pytestmark = pytest.mark.libreoffice

LEGEND = "CONFIDENTIAL: juvenile case record (Welf. & Inst. Code, § 827)"

PACKETS = {
    "reunification-denial": {
        "docs": {
            "01-memorandum": ("Memorandum of Points and Authorities",
                              "Memorandum of Points and Authorities (Welf. & Inst. Code, § 361.5)"),
            "02-declaration": ("Declaration in Support", "Declaration in Support of Denial of Reunification Services"),
            "03-request-for-judicial-notice": ("Request for Judicial Notice",
                                               "Request for Judicial Notice (Evid. Code, §§ 452, 453)"),
            "04-proposed-findings-and-orders": ("[Proposed] Findings and Orders",
                                                "[Proposed] Findings and Orders (Welf. & Inst. Code, § 361.5)"),
            "05-proof-of-service": ("Proof of Service", "Proof of Service"),
        },
        "child": ("Taylor Marie Okafor", "T.M.O."),
        "case": "Case No. DK-04417-26",
    },
    "placement-727a": {
        "docs": {
            "00-notice-of-hearing": ("Notice of Hearing on Request to Change Court Order",
                                     "Notice of Hearing on Request to Change Court Order (Welf. & Inst. Code, § 778)"),
            "01-request-to-change-court-order": ("Request to Change Court Order (Foster Care Placement); Verification",
                                                 "Request to Change Court Order (Welf. & Inst. Code, § 778)"),
            "02-declaration": ("Declaration in Support", "Declaration in Support of Request to Change Court Order"),
            "03-request-for-judicial-notice": ("Request for Judicial Notice",
                                               "Request for Judicial Notice (Evid. Code, §§ 452, 453)"),
            "04-proposed-order": ("[Proposed] Order for Foster Care Placement",
                                  "[Proposed] Order for Foster Care Placement (Welf. & Inst. Code, §§ 726, 727)"),
            "05-confidential-attachment": ("Confidential Attachment (Youth's Identity and Address)",
                                           "Confidential Attachment to Request to Change Court Order"),
            "06-proof-of-service": ("Proof of Service", "Proof of Service"),
        },
        "child": ("Dominique Ray Castillo", "D.R.C."),
        "case": "Case No. JJ-23456",
    },
}
DOC_CASES = [(kind, doc) for kind, spec in PACKETS.items() for doc in spec["docs"]]


def folder(generate_example, kind: str) -> Path:
    return generate_example(kind) / "los-angeles"


@pytest.mark.parametrize("kind", PACKETS)
def test_one_folder_with_every_file_and_no_client_name(generate_example, kind: str) -> None:
    out = generate_example(kind)
    assert [p.name for p in out.iterdir()] == ["los-angeles"]
    names = {p.name for p in (out / "los-angeles").iterdir()}
    assert names == {f"{d}.{ext}" for d in PACKETS[kind]["docs"] for ext in ("docx", "pdf")} | {
        "packet.pdf", "service-packet.pdf", "manifest.json",
        "letter-to-client.docx", "letter-to-client.pdf"}  # the letter: outside the packet
    for part in PACKETS[kind]["child"][0].lower().split():
        assert not [p for p in out.rglob("*") if part in p.name.lower()]


@pytest.mark.parametrize("kind", PACKETS)
def test_packet_pdf_is_court_ready(generate_example, kind: str) -> None:
    packet = folder(generate_example, kind) / "packet.pdf"
    reader = PdfReader(str(packet))
    # letter size, fonts embedded, numbers 1-28 and text on the grid on every page, labels 1..N
    assert court_ready_problems(packet) == []
    for i in range(len(reader.pages)):
        assert LEGEND in page_text(packet, i), f"page {i + 1} lacks the confidentiality legend"
    assert [o.title for o in reader.outline] == [t for t, _ in PACKETS[kind]["docs"].values()]
    meta = reader.metadata
    assert meta.get("/Producer") == "legal-docs" and "/Author" not in meta
    full_name = PACKETS[kind]["child"][0]
    assert full_name not in str(meta) and "/tmp" not in str(meta)


@pytest.mark.parametrize("kind", PACKETS)
def test_service_packet_leaves_out_what_is_not_served(generate_example, kind: str) -> None:
    """service-packet.pdf: the served papers only, in packet order, with bookmarks and page labels;
    the confidential attachment is filed (packet.pdf) but never served."""
    out = folder(generate_example, kind)
    service = out / "service-packet.pdf"
    reader = PdfReader(str(service))
    assert court_ready_problems(service) == []
    manifest = json.loads((out / "manifest.json").read_text())
    titles = [t for d, (t, _f) in PACKETS[kind]["docs"].items() if not d.endswith("confidential-attachment")]
    assert [o.title for o in reader.outline] == titles
    assert [d["title"] for d in manifest["documents"] if d["serve"]] == titles
    assert manifest["service_packet"]["pdf"] == "service-packet.pdf"
    assert manifest["service_packet"]["pages"] == len(reader.pages)
    for i in range(len(reader.pages)):
        assert LEGEND in page_text(service, i), f"service packet page {i + 1} lacks the legend"
    full_name = PACKETS[kind]["child"][0]
    served_text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    filed_text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(out / "packet.pdf")).pages).split())
    assert "Full name:" not in served_text and "Date of birth:" not in served_text
    if kind == "reunification-denial":
        assert full_name.split()[0] not in served_text
    else:  # rule 5.570(a)(3): the request names the youth; address and telephone stay confidential
        assert "1400 Example Road, Apt. 2 Pomona" not in served_text.split("Mother: Angela Castillo")[0]
    if kind == "placement-727a":
        assert f"Full name: {full_name}" in filed_text  # filed with the court, confidential
        assert manifest["service_packet"]["pages"] < manifest["packet"]["pages"]
    else:
        assert manifest["service_packet"]["pages"] == manifest["packet"]["pages"]


@pytest.mark.parametrize(("kind", "doc"), DOC_CASES)
def test_every_page_has_number_footer_title_and_legend(generate_example, kind: str, doc: str) -> None:
    pdf = folder(generate_example, kind) / f"{doc}.pdf"
    footer = PACKETS[kind]["docs"][doc][1]
    for i in range(len(PdfReader(str(pdf)).pages)):
        text = page_text(pdf, i)
        assert footer in text and LEGEND in text, f"{doc} page {i + 1}"
        assert re.search(rf"(^|\n)\s*{i + 1}\s*(\n|$)", text), f"{doc} page {i + 1} number"


@pytest.mark.parametrize("kind", PACKETS)
def test_first_page_follows_rule_2_111_with_the_juvenile_court(generate_example, kind: str) -> None:
    first = next(iter(PACKETS[kind]["docs"]))
    text = page_text(folder(generate_example, kind) / f"{first}.pdf", 0)
    initials = PACKETS[kind]["child"][1]
    order = [text.index(s) for s in (f"Attorney for Minor {initials}", "SUPERIOR COURT OF THE STATE OF CALIFORNIA",
                                     "COUNTY OF LOS ANGELES", "JUVENILE DIVISION", f"In re {initials},",
                                     PACKETS[kind]["case"])]
    assert order == sorted(order)


@pytest.mark.parametrize("kind", PACKETS)
def test_the_child_is_shown_by_initials(generate_example, kind: str) -> None:
    full_name, initials = PACKETS[kind]["child"]
    out = folder(generate_example, kind)
    for doc in PACKETS[kind]["docs"]:
        text = " ".join(" ".join(docx_text(out / f"{doc}.docx")).split())
        if doc.endswith("confidential-attachment"):
            assert f"Full name: {full_name}" in text
        elif doc.endswith("request-to-change-court-order"):
            assert f'The youth: {full_name} ("{initials}")' in text  # rule 5.570(a)(3)
        else:
            assert full_name.split()[0] not in text, doc
            assert initials in text, doc
    assert full_name not in (out / "manifest.json").read_text(encoding="utf-8")


def test_reunification_manifest_flags_the_unverified_paragraph(generate_example) -> None:
    manifest = json.loads((folder(generate_example, "reunification-denial") / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["kind"] == "reunification-denial"
    assert any(n.startswith("Welf. & Inst. Code, § 361.5, subd. (b)(17):") for n in manifest["needs_review"])
    cited = {a["id"]: a for a in manifest["authorities"]}
    assert cited["wic-361.5-b-exploitation"]["needs_review"] is True
    assert {"wic-361.5-c-2", "in-re-ethan-n", "in-re-william-b", "wic-827"} <= set(cited)
    assert "memorandum.yaml" in manifest["inputs"]["clauses"] and "common.yaml" in manifest["inputs"]["clauses"]


def test_placement_manifest_warns_about_the_first_removal_order(generate_example) -> None:
    manifest = json.loads((folder(generate_example, "placement-727a") / "manifest.json").read_text())
    assert manifest["status"] == "complete" and manifest["kind"] == "placement-727a"
    assert "must be in the FIRST order that removes the youth" in manifest["warnings"][0]
    assert any(n.startswith("Welf. & Inst. Code, § 450 (Assem. Bill No. 604") for n in manifest["needs_review"])
    serve = {d["docx"]: d["serve"] for d in manifest["documents"]}
    assert serve["05-confidential-attachment.docx"] is False
    assert sum(serve.values()) == 6  # notice, request, declaration, judicial notice, proposed order, proof
