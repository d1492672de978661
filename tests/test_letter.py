"""The letter to the client: plain words, the client's language, dates by Babel, outside the packet."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from helpers import docx_text, example_data, one_county, reading_grade
from legal_docs_cli.main import main

pytestmark = pytest.mark.libreoffice


def _generate(tmp_path: Path, write_answers, data: dict, *args: str) -> Path:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(write_answers(data)), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return out / "los-angeles"


def test_english_letter_explains_dates_in_plain_words(tmp_path: Path, write_answers) -> None:
    folder = _generate(tmp_path, write_answers, one_county(example_data()))
    text = "\n".join(docx_text(folder / "letter-to-client.docx"))
    assert "Dear Alex," in text
    assert "erase your conviction and your arrest" in text
    assert "We sent the papers to the prosecutor on November 20, 2026" in text
    assert "until about January 4, 2027" in text
    assert "The court hearing is on January 15, 2027 at 8:30 AM" in text
    assert "We left out 1 record." in text  # the robbery
    body = " ".join(line for line in text.splitlines() if len(line) > 40)
    assert reading_grade(body) <= 8.5, reading_grade(body)
    manifest = json.loads((folder / "manifest.json").read_text())
    letter = next(d for d in manifest["documents"] if d["key"] == "client-letter")
    assert letter["serve"] is False and letter["in_packet"] is False
    packet = PdfReader(str(folder / "packet.pdf"))
    assert "Letter to the client" not in [o.title for o in packet.outline]
    assert not any("Dear Alex" in p.extract_text() for p in packet.pages)


def test_spanish_letter_by_option_or_answers(tmp_path: Path, write_answers) -> None:
    folder = _generate(tmp_path, write_answers, one_county(example_data()), "--lang", "es")
    assert not (folder / "letter-to-client.docx").exists()
    text = "\n".join(docx_text(folder / "carta-al-cliente.docx"))
    assert "Hola, Alex:" in text
    assert "que borre su condena y su arresto" in text
    assert "Enviamos los documentos al fiscal el 20 de noviembre de 2026" in text
    assert "hasta aproximadamente el 4 de enero de 2027" in text
    assert "La audiencia en la corte es el 15 de enero de 2027 a las 8:30" in text
    assert "22 de noviembre" in text or re.search(r"\d{1,2} de [a-z]+ de \d{4}", text)
    pdf = " ".join(p.extract_text() for p in PdfReader(str(folder / "carta-al-cliente.pdf")).pages)
    assert "¿Preguntas?" in pdf and "«Verification»" in pdf
    # the court papers stay in English
    assert "PLEASE TAKE NOTICE" in "\n".join(docx_text(folder / "01-notice-and-petition.docx"))
    data = one_county(example_data())
    data["client"] = {"language": "es"}
    folder = _generate(tmp_path / "b", write_answers, data)
    assert (folder / "carta-al-cliente.pdf").is_file()
