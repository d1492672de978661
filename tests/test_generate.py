"""The vacatur packet end to end (LibreOffice): files, PDF checks (golden text: test_golden.py), manifest."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from pdfcheck import court_ready_problems, page_text

pytestmark = pytest.mark.libreoffice

COUNTIES = ("los-angeles", "san-bernardino")
DOCS = ("01-notice-and-petition", "02-memorandum", "03-declaration-of-petitioner", "04-proposed-order",
        "05-proof-of-service")


def test_one_folder_per_court_with_every_file(generated_example: Path) -> None:
    assert sorted(p.name for p in generated_example.iterdir()) == list(COUNTIES)
    for county in COUNTIES:
        names = {p.name for p in (generated_example / county).iterdir()}
        expected = {f"{d}.{ext}" for d in DOCS for ext in ("docx", "pdf")}
        expected |= {"packet.pdf", "service-packet.pdf", "manifest.json"}
        expected |= {"letter-to-client.docx", "letter-to-client.pdf"}  # outside the court packet
        # the order's confidential identity attachment: lodged with the order, outside packet.pdf
        expected |= {"04a-confidential-identity-attachment.docx", "04a-confidential-identity-attachment.pdf"}
        assert names == expected


def test_no_client_name_in_any_file_or_folder_name(generated_example: Path) -> None:
    for path in generated_example.rglob("*"):
        for part in ("alex", "jordan", "rivera", "lexi"):
            assert part not in path.name.lower()


@pytest.mark.parametrize("county", COUNTIES)
def test_packet_pdf_is_court_ready(generated_example: Path, county: str) -> None:
    packet = generated_example / county / "packet.pdf"
    reader = PdfReader(str(packet))
    # letter size, fonts embedded, numbers 1-28 and text on the grid on every page, labels 1..N
    assert court_ready_problems(packet) == []
    # one bookmark per document, at the page where it starts
    titles = [o.title for o in reader.outline]
    assert titles == [
        "Notice of Petition and Petition to Vacate; Verification",
        "Memorandum of Points and Authorities",
        "Declaration of Petitioner",
        "[Proposed] Order",
        "Proof of Service",
    ]
    meta = reader.metadata
    assert meta.get("/Producer") == "legal-docs" and "/Author" not in meta
    assert "Rivera" not in str(meta) and "/root" not in str(meta) and "/tmp" not in str(meta)


@pytest.mark.parametrize("county", COUNTIES)
def test_service_packet_holds_only_what_is_served(generated_example: Path, county: str) -> None:
    """service-packet.pdf: the five served papers with bookmarks and page labels, never the letter."""
    folder = generated_example / county
    service = folder / "service-packet.pdf"
    reader = PdfReader(str(service))
    assert court_ready_problems(service) == []  # pleading pages, fonts, page labels 1..N
    manifest = json.loads((folder / "manifest.json").read_text())
    served = [d["title"] for d in manifest["documents"] if d["serve"] and d["in_packet"]]
    assert [o.title for o in reader.outline] == served == [o.title for o in PdfReader(str(folder / "packet.pdf")).outline]
    assert {d["docx"]: d["serve"] for d in manifest["documents"]}["letter-to-client.docx"] is False
    starts = [reader.get_destination_page_number(o) for o in reader.outline]
    assert starts[0] == 0 and starts == sorted(starts)
    assert "NOTICE OF PETITION" in reader.pages[0].extract_text().upper()
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Dear Alex" not in text and "Querido" not in text  # the client letter is not served
    assert manifest["service_packet"] == {
        "pdf": "service-packet.pdf",
        "pages": len(reader.pages),
        "sha256": hashlib.sha256(service.read_bytes()).hexdigest(),
    }
    assert manifest["service_packet"]["pages"] == manifest["packet"]["pages"]  # every court paper is served
    meta = reader.metadata
    assert meta.get("/Producer") == "legal-docs" and "/Author" not in meta and "Rivera" not in str(meta)
    assert reader.xmp_metadata is None


@pytest.mark.parametrize("county", COUNTIES)
def test_every_page_has_page_number_and_footer_title(generated_example: Path, county: str) -> None:
    manifest = json.loads((generated_example / county / "manifest.json").read_text())
    footers = {
        "01-notice-and-petition": "Notice of Petition and Petition to Vacate (Pen. Code, § 236.14)",
        "02-memorandum": "Memorandum of Points and Authorities (Pen. Code, § 236.14)",
        "03-declaration-of-petitioner": "Declaration of Petitioner (Pen. Code, § 236.14)",
        "04-proposed-order": "[Proposed] Order (Pen. Code, § 236.14)",
        "05-proof-of-service": "Proof of Service",
    }
    for d in manifest["documents"]:
        if not d["in_packet"]:
            continue  # the client letter is not a court paper
        pdf = generated_example / county / d["pdf"]
        n = len(PdfReader(str(pdf)).pages)
        for i in range(n):
            text = page_text(pdf, i)
            assert footers[d["pdf"][:-4]] in text
            assert re.search(rf"(^|\n)\s*{i + 1}\s*(\n|$)", text), f"{d['pdf']} page {i + 1} number"


def test_first_page_follows_rule_2_111(generated_example: Path) -> None:
    pdf = generated_example / "los-angeles" / "01-notice-and-petition.pdf"
    text = page_text(pdf, 0)
    filer = text.index("Dana M. Counsel (SBN 123456)")
    court = text.index("SUPERIOR COURT OF THE STATE OF CALIFORNIA")
    assert filer < court < text.index("COUNTY OF LOS ANGELES") < text.index("Case No. 9CJ01234")
    assert "Attorney for Petitioner A.J.R." in text
    assert "Date: January 15, 2027" in text and "Dept.: 100" in text


def test_manifest_records_what_the_attorney_needs(generated_example: Path) -> None:
    manifest = json.loads((generated_example / "los-angeles" / "manifest.json").read_text())
    assert manifest["status"] == "complete"
    assert manifest["tool"]["name"] == "legal-docs"
    assert [d["title"] for d in manifest["documents"]][0] == "Notice of Petition and Petition to Vacate; Verification"
    for d in manifest["documents"]:
        assert re.fullmatch(r"[0-9a-f]{64}", d["sha256"]["docx"]) and re.fullmatch(r"[0-9a-f]{64}", d["sha256"]["pdf"])
    assert manifest["packet"]["pages"] == len(PdfReader(str(generated_example / "los-angeles" / "packet.pdf")).pages)
    assert manifest["excluded"][0]["offense"].startswith("Offense 3: PC 211")
    assert "667.5(c)(9)" in manifest["excluded"][0]["reason"]
    assert manifest["deadlines"][0]["date"] == "2027-01-04"
    assert any("rule 2.111" in n for n in manifest["needs_review"])
    assert "pleading.docx" in manifest["inputs"]["templates"]
    assert "petition.yaml" in manifest["inputs"]["clauses"]
    assert "Rivera" not in json.dumps(manifest)


def test_docx_metadata_carries_no_names_or_paths(generated_example: Path) -> None:
    from docx import Document

    for docx_path in generated_example.rglob("*.docx"):
        props = Document(str(docx_path)).core_properties
        assert props.author == "" and props.last_modified_by == ""
        assert props.title  # the paper's title, never a client name
        assert "Rivera" not in props.title
