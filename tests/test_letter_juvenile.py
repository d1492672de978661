"""The letter to the child (reunification-denial, from minor's counsel) and to the youth
(placement-727a): plain words, English or Spanish, dates by Babel, outside the court packet.

The planner tests need no LibreOffice; the ones marked libreoffice read the made DOCX and PDF back."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from helpers import docx_text, example_data, reading_grade, spanish_reading_ease
from legal_docs.dates import long_date
from legal_docs.pipeline import plan_mapping
from legal_docs.plan import DocumentPlan, PacketPlan
from legal_docs_cli.main import main

RD, PL = "reunification-denial", "placement-727a"
NO_LETTER = "No letter to the client was made: county counsel represents the agency, not the child."

# What each example's letter must say, in each language: the dates by Babel, the hearing, what the
# judge decides, confidentiality (§ 827), the lawyer's contact.
SAYS = {
    (RD, "en"): [
        "Dear Taylor,",
        "They ask the judge not to order reunification services for your mother.",
        "Welfare and Institutions Code section 361.5",
        "What happened to you was not your fault.",
        "The papers were sent to the others in the case on November 20, 2026.",  # counsel and the unrepresented father
        "The court hearing is on December 14, 2026 at 8:30 AM, in Department 415.",
        "The judge will decide if your mother will get reunification services.",
        "You have the right to come to the hearing and to tell the judge what you want.",
        "Welfare and Institutions Code section 827, keeps juvenile court records private.",
        "The papers use your initials, T.M.O., not your name.",
        "Call me at (323) 555-0142, or write to sadvocate@example.org.",
        "Sam T. Advocate",
    ],
    (RD, "es"): [
        "Hola, Taylor:",
        "Le piden al juez que no ordene servicios de reunificación familiar para su madre.",
        "la sección 361.5 del Código de Bienestar e Instituciones",
        "Lo que le pasó no fue su culpa.",
        "Los documentos se enviaron a las demás personas del caso el 20 de noviembre de 2026.",
        "La audiencia en la corte es el 14 de diciembre de 2026 a las 8:30, en la sala 415 (Department 415).",
        "El juez decidirá si su madre recibirá servicios de reunificación familiar.",
        "Usted tiene derecho a ir a la audiencia y a decirle al juez lo que quiere.",
        "la sección 827 del Código de Bienestar e Instituciones, protege la privacidad",
        "Los documentos usan sus iniciales, T.M.O., y no su nombre.",
        "Llámeme al (323) 555-0142 o escríbame a sadvocate@example.org.",
    ],
    (PL, "en"): [
        "Dear Dominique,",
        "so that you can live in a foster family home instead of with your mother.",
        "Welfare and Institutions Code section 727",
        "What happened to you was not your fault.",
        "The court hearing is on December 10, 2026 at 8:30 AM, in Department 250.",
        "The judge will decide if you should live in a foster family home.",
        "You turn 18 on May 3, 2027.",
        "Welfare and Institutions Code section 827, keeps juvenile court records private.",
        "The papers use your initials, D.R.C., not your name.",
        "Call me at (213) 555-0177, or write to rcounsel@example.org.",
        "Robin A. Counsel",
    ],
    (PL, "es"): [
        "Hola, Dominique:",
        "para que usted pueda vivir en un hogar de crianza en lugar de con su madre.",
        "la sección 727 del Código de Bienestar e Instituciones",
        "Lo que le pasó no fue su culpa.",
        "La audiencia en la corte es el 10 de diciembre de 2026 a las 8:30, en la sala 250 (Department 250).",
        "El juez decidirá si usted debe vivir en un hogar de crianza.",
        "Usted cumple 18 años el 3 de mayo de 2027.",
        "la sección 827 del Código de Bienestar e Instituciones, protege la privacidad",
        "Los documentos usan sus iniciales, D.R.C., y no su nombre.",
        "Llámeme al (213) 555-0177 o escríbame a rcounsel@example.org.",
    ],
}
FILE = {"en": "letter-to-client", "es": "carta-al-cliente"}
FIRST_NAME = {RD: "Taylor", PL: "Dominique"}


def plan_of(data: dict[str, Any], lang: str | None = None) -> PacketPlan:
    (plan,) = plan_mapping(data, base_dir=Path("."), lang=lang).plans
    return plan


def letter_of(plan: PacketPlan) -> DocumentPlan | None:
    return next((d for d in plan.documents if d.key == "client-letter"), None)


def letter_text(plan: PacketPlan) -> str:
    letter = letter_of(plan)
    assert letter is not None
    return "\n".join(b["text"] for b in letter.context["doc"]["blocks"])


# -- the planners (no LibreOffice) -------------------------------------------------------------


@pytest.mark.parametrize(("kind", "lang"), list(SAYS))
def test_each_kind_writes_its_letter_in_the_clients_language(kind: str, lang: str) -> None:
    plan = plan_of(example_data(kind), lang)
    letter = letter_of(plan)
    assert letter is not None and letter.filename == FILE[lang]
    assert letter.serve is False and letter.in_packet is False and letter.template == "letter.docx"
    assert [d.key for d in plan.documents].count("client-letter") == 1
    text = letter_text(plan)
    for sentence in SAYS[(kind, lang)]:
        assert sentence in text, sentence
    doc = letter.context["doc"]
    assert doc["letter"]["head_lines"][0].startswith("Example ")
    assert doc["letter"]["date"] == long_date(dt.date.today(), locale="en_US" if lang == "en" else "es")
    if lang == "es":
        assert re.fullmatch(r"\d{1,2} de [a-z]+ de \d{4}", doc["letter"]["date"])
        assert not re.search(r"\b(January|February|March|April|May|June|July|August|September|October|"
                             r"November|December)\b", text)


@pytest.mark.parametrize("kind", [RD, PL])
def test_client_language_in_the_answers_chooses_the_letter(kind: str) -> None:
    data = example_data(kind)
    data["client"] = {"language": "es"}
    assert letter_of(plan_of(data)).filename == "carta-al-cliente"
    assert letter_of(plan_of(data, "en")).filename == "letter-to-client"  # --lang wins


def test_county_counsel_writes_no_letter_and_the_manifest_says_why() -> None:
    """County counsel represents the agency: the child is not its client, so no attorney-client
    letter is made; the child's own lawyer (minor's counsel) writes to the child."""
    data = example_data(RD)
    data["filer_role"] = "county_counsel"
    for lang in (None, "es"):
        plan = plan_of(data, lang)
        assert letter_of(plan) is None
        assert [d.key for d in plan.documents] == ["memorandum", "declaration", "request-for-judicial-notice",
                                                  "proposed-order", "proof-of-service"]
        assert any(w.startswith(NO_LETTER) for w in plan.warnings)
    assert not any(w.startswith(NO_LETTER) for w in plan_of(example_data(RD)).warnings)


def test_reunification_letter_follows_the_case() -> None:
    """Two parents (Spanish verbs agree), a relationship without a Spanish word (the name), no
    hearing set, jurisdiction still to be decided, no service date and no stated wishes."""
    data = copy.deepcopy(example_data(RD))
    second = copy.deepcopy(data["parents"][0])
    second.update(name="Marcus Okafor", relationship="mother's partner")
    second.pop("coercion", None)
    data["parents"].append(second)
    for key in ("hearing", "service"):
        data.pop(key)
    data["dependency"].pop("sustained_on")
    data["best_interest"].pop("child_wishes")
    en = letter_text(plan_of(data))
    assert "reunification services for your mother and your mother's partner." in en
    assert "The court has not set the date of the hearing yet." in en
    assert "the judge will first decide if the reasons the county gave" in en
    assert "in the case on" not in en and "in your own words" not in en
    es = letter_text(plan_of(data, "es"))
    assert "servicios de reunificación familiar para su madre y Marcus Okafor." in es
    assert "El juez decidirá si su madre y Marcus Okafor recibirán servicios" in es
    assert "La corte todavía no ha fijado la fecha de la audiencia." in es
    assert "el juez primero decidirá si son ciertas las razones" in es


def test_placement_letter_follows_the_case() -> None:
    data = copy.deepcopy(example_data(PL))
    data["placement"]["type"] = "thpp"
    data["parents"][1]["has_custody"] = True
    for key in ("hearing", "extended_foster_care"):
        data.pop(key)
    en = letter_text(plan_of(data))
    assert ("live in a housing program that helps teens learn to live on their own instead of with your "
            "mother and your father.") in en
    assert "The judge will read the request first and decide whether to hold a hearing." in en
    assert "You turn 18" not in en
    es = letter_text(plan_of(data, "es"))
    assert "en lugar de con su madre y su padre." in es
    assert "Primero, el juez leerá la solicitud y decidirá si hace una audiencia." in es
    assert "cumple 18 años" not in es


# -- the made letters, read back (LibreOffice) -------------------------------------------------


def _generate(tmp_path: Path, write_answers, data: dict, *args: str) -> Path:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(write_answers(data)), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return out / "los-angeles"


def _body(text: str) -> str:
    return " ".join(line for line in text.splitlines() if len(line) > 40)


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", [RD, PL])
def test_english_letter_is_plain_and_outside_the_packet(generate_example, kind: str) -> None:
    folder = generate_example(kind) / "los-angeles"
    text = "\n".join(docx_text(folder / "letter-to-client.docx"))
    for sentence in SAYS[(kind, "en")]:
        assert sentence in text, sentence
    assert reading_grade(_body(text)) <= 8.0, reading_grade(_body(text))
    manifest = json.loads((folder / "manifest.json").read_text())
    letter = next(d for d in manifest["documents"] if d["key"] == "client-letter")
    assert letter["serve"] is False and letter["in_packet"] is False and letter["pdf"] == "letter-to-client.pdf"
    packet = PdfReader(str(folder / "packet.pdf"))
    assert "Letter to the client" not in [o.title for o in packet.outline]
    assert not any(f"Dear {FIRST_NAME[kind]}" in p.extract_text() for p in packet.pages)
    pdf = " ".join(p.extract_text() for p in PdfReader(str(folder / "letter-to-client.pdf")).pages)
    assert "Private and confidential: between you and your lawyer" in pdf


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", [RD, PL])
def test_spanish_letter_reads_back_with_its_dates(tmp_path: Path, write_answers, kind: str) -> None:
    data = example_data(kind)
    if kind == RD:  # one kind by the option, the other by the answers
        folder = _generate(tmp_path, write_answers, data, "--lang", "es")
    else:
        data["client"] = {"language": "es"}
        folder = _generate(tmp_path, write_answers, data)
    assert not (folder / "letter-to-client.docx").exists()
    text = "\n".join(docx_text(folder / "carta-al-cliente.docx"))
    for sentence in SAYS[(kind, "es")]:
        assert sentence in text, sentence
    assert re.search(r"^\d{1,2} de [a-z]+ de \d{4}$", text, re.M)  # the letter's own date
    assert spanish_reading_ease(_body(text)) >= 70, spanish_reading_ease(_body(text))
    pdf = " ".join(p.extract_text() for p in PdfReader(str(folder / "carta-al-cliente.pdf")).pages)
    assert "¿Preguntas?" in pdf and "Privado y confidencial" in pdf
    packet = PdfReader(str(folder / "packet.pdf"))
    assert not any(f"Hola, {FIRST_NAME[kind]}" in p.extract_text() for p in packet.pages)
    manifest = json.loads((folder / "manifest.json").read_text())
    papers = {"reunification-denial": 5, "placement-727a": 7}[kind]  # the court papers, then the letter
    assert [d["in_packet"] for d in manifest["documents"]] == [True] * papers + [False]
    # the court papers stay in English
    first = sorted(folder.glob("01-*.docx"))[0]
    assert "SUPERIOR COURT OF THE STATE OF CALIFORNIA" in "\n".join(docx_text(first))


def test_the_letter_words_come_from_the_catalog_not_python_tables() -> None:
    """The client letter's words in the client's language (parents, placements, records) are
    gettext messages translated in legal_docs/locale, like every other message."""
    from legal_docs.i18n import translations
    from legal_docs.kinds.placement_727a.plan import PLACEMENT_WORDS
    from legal_docs.plan import parents_phrase

    assert parents_phrase([("Mother", "A. B."), ("cousin", "C. D.")], "en") == "your Mother and your cousin"
    assert parents_phrase([("Mother", "A. B."), ("cousin", "C. D.")], "es") == "su madre y C. D."
    assert translations("es").gettext(PLACEMENT_WORDS["strtp"]) == "un hogar grupal pequeño con terapia"
    assert translations("en").gettext(PLACEMENT_WORDS["strtp"]) == "a small group home with counseling"
