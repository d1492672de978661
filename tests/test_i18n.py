"""Translations: every message has Spanish, the compiled catalog matches, Spanish is shown."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from helpers import example_data
from legal_docs import i18n

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "legal_docs" / "locale" / "es" / "LC_MESSAGES" / "legal_docs.po"
MO = PO.with_suffix(".mo")


@pytest.fixture(autouse=True)
def _english_after() -> None:
    yield
    i18n.set_language("en")


def _extracted() -> set[str]:
    with (ROOT / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    return {
        msg if isinstance(msg, str) else msg[0]
        for _f, _l, msg, _c, _ctx in extract_from_dir(
            str(ROOT), method_map, options_map, keywords={"_": None, "N_": None, "ngettext": (1, 2)}
        )
        if msg
    }


def _forms(string: str | tuple[str, ...]) -> tuple[str, ...]:
    """A message's translations: one, or each plural form (ngettext)."""
    return (string,) if isinstance(string, str) else tuple(string)


def test_every_message_has_a_spanish_translation() -> None:
    catalog = read_po(PO.open("rb"))
    missing = sorted(m for m in _extracted() if m not in catalog or not all(_forms(catalog[m].string)))
    assert not missing, f"{len(missing)} message(s) without Spanish (run `make i18n`, then translate): {missing[:5]}"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy translations to review: {fuzzy[:5]}"


def test_placeholders_survive_translation() -> None:
    import re

    for m in read_po(PO.open("rb")):
        if m.id and m.string:
            ids = (m.id,) if isinstance(m.id, str) else tuple(m.id)
            for original in ids:
                for translated in _forms(m.string):
                    assert set(re.findall(r"\{[^}]*\}", original)) == set(re.findall(r"\{[^}]*\}", translated)), m.id


def test_compiled_catalog_matches_the_po_file() -> None:
    def key(value: object) -> object:  # a plural message's ids and strings come as lists or tuples
        return tuple(value) if isinstance(value, (list, tuple)) else value

    po = {key(m.id): key(m.string) for m in read_po(PO.open("rb")) if m.id}
    mo = {key(m.id): key(m.string) for m in read_mo(io.BytesIO(MO.read_bytes())) if m.id}
    assert po == mo, "run `make i18n` to compile the catalog"


def test_messages_are_shown_in_spanish_when_asked() -> None:
    i18n.set_language("es")
    assert i18n._("is required") != "is required"
    assert i18n._("") == ""
    i18n.set_language("en")
    assert i18n._("is required") == "is required"


def test_validation_errors_in_spanish(tmp_path: Path, write_answers, monkeypatch) -> None:
    from legal_docs_cli.main import main

    data = example_data()
    del data["attorney"]["bar_number"]
    monkeypatch.setenv("LEGAL_DOCS_LANG", "es")
    i18n.set_language(None)
    result = CliRunner().invoke(main, ["validate", str(write_answers(data))])
    assert result.exit_code == 2
    assert "(attorney.bar_number)" in result.output
    assert "is required" not in result.output and "Error" in result.output


def test_a_missing_answers_file_and_counts_in_spanish(tmp_path: Path, write_answers, monkeypatch) -> None:
    """`LEGAL_DOCS_LANG=es legal-docs validate nope.yaml` answers in Spanish, and a count is a
    plural form of the language (one problem, two problems), not "(s)"."""
    from legal_docs_cli.main import main

    monkeypatch.setenv("LEGAL_DOCS_LANG", "es")
    i18n.set_language(None)
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "No se encontró el archivo de respuestas: nope.yaml" in result.output
    one, two = example_data(), example_data()
    del one["attorney"]["bar_number"]
    del two["attorney"]["bar_number"], two["attorney"]["name"]
    said = [CliRunner().invoke(main, ["validate", str(write_answers(d, name=f"{i}.yaml"))]).output
            for i, d in enumerate((one, two))]
    assert "Las respuestas tienen 1 problema:" in said[0]
    assert "Las respuestas tienen 2 problemas:" in said[1]
    assert not any("(s)" in text for text in said)


def test_command_output_and_warnings_in_spanish(tmp_path: Path, write_answers, monkeypatch) -> None:
    from legal_docs_cli.main import main

    monkeypatch.setenv("LEGAL_DOCS_LANG", "es")
    i18n.set_language(None)
    result = CliRunner().invoke(main, ["validate", str(write_answers(example_data()))])
    assert result.exit_code == 0
    assert "Delito 3 (PC 211" in result.output and "quedó fuera de la petición" in result.output
    assert "left out of the petition" not in result.output
    assert "es un delito grave violento según PC 667.5(c)(9)" in result.output  # the screening reason too
    assert "a violent felony under" not in result.output


@pytest.mark.parametrize(("kind", "variant", "spanish", "english"), [
    ("placement-727a", None, "debe estar en la PRIMERA orden", "must be in the FIRST order"),
    ("protective-order", "civil-harassment", "tiene el mismo apellido que el menor", "shares the minor's family name"),
])
def test_the_juvenile_and_protective_order_warnings_in_spanish(
        write_answers, monkeypatch, kind: str, variant: str | None, spanish: str, english: str) -> None:
    from legal_docs_cli.main import main

    monkeypatch.setenv("LEGAL_DOCS_LANG", "es")
    i18n.set_language(None)
    result = CliRunner().invoke(main, ["validate", str(write_answers(example_data(kind, variant)))])
    assert result.exit_code == 0, result.output
    assert spanish in result.output and english not in result.output


def test_a_model_error_with_a_number_in_it_is_spanish_too(write_answers, monkeypatch) -> None:
    from legal_docs_cli.main import main

    monkeypatch.setenv("LEGAL_DOCS_LANG", "es")
    i18n.set_language(None)
    data = example_data("protective-order")
    data["length_years"] = 7
    result = CliRunner().invoke(main, ["validate", str(write_answers(data))])
    assert result.exit_code == 2
    assert "es de 7 años: en la vía juvenile, una orden después de la audiencia dura como máximo 3 años" in result.output


@pytest.mark.parametrize(("kind", "variant"), [
    ("vacatur", None), ("reunification-denial", None), ("placement-727a", None),
    ("protective-order", None), ("protective-order", "dvro"), ("protective-order", "civil-harassment"),
])
def test_check_before_filing_and_deadlines_in_a_spanish_session(tmp_path: Path, kind: str, variant: str | None) -> None:
    """The authorities' notes and the deadlines are law data in English; a Spanish session shows
    them in Spanish (the catalog holds them, extracted from the YAML by `make i18n`)."""
    import yaml

    from legal_docs.lawdata import authority
    from legal_docs.pipeline import plan_mapping

    data = example_data(kind, variant)
    i18n.set_language("en")
    english = plan_mapping(dict(data), base_dir=ROOT / "form_templates" / kind).plans
    en_checks = [line for p in english for line in p.review_authorities]
    i18n.set_language("es")
    spanish = plan_mapping(dict(data), base_dir=ROOT / "form_templates" / kind).plans
    es_checks = [line for p in spanish for line in p.review_authorities]
    assert en_checks and len(es_checks) == len(en_checks)
    for en, es in zip(en_checks, es_checks):
        assert en != es and es.split(":")[0] == en.split(":")[0]  # the citation stays; its note is Spanish
    notes = {authority(i).note for p in english for i in p.authorities if authority(i).note}
    assert not any(note in line for note in notes for line in es_checks)
    en_dates = [d for p in english for d in p.deadlines]
    es_dates = [d for p in spanish for d in p.deadlines]
    assert [d.date for d in es_dates] == [d.date for d in en_dates]
    table = yaml.safe_load((ROOT / "clauses" / "law" / "deadlines.yaml").read_text(encoding="utf-8"))["deadlines"]
    words = {rule[k] for rule in table for k in ("label", "note")}
    for en, es in zip(en_dates, es_dates):
        assert es.label != en.label and (es.note != en.note or not en.note)
        assert not any(w in es.label or w in es.note for w in words), es


def test_a_spanish_validate_prints_the_check_before_filing_lines_in_spanish(write_answers, monkeypatch) -> None:
    from legal_docs_cli.main import main

    monkeypatch.setenv("LEGAL_DOCS_LANG", "es")
    i18n.set_language(None)
    result = CliRunner().invoke(main, ["validate", str(write_answers(example_data("placement-727a")))])
    assert result.exit_code == 0, result.output
    assert "revisar antes de presentar: Welf. & Inst. Code, § 778: Verificado solo con las notas del dominio" in \
        result.output
    assert "Checked only against the domain notes" not in result.output


def test_batch_and_forms_errors_in_spanish(tmp_path: Path, monkeypatch) -> None:
    """The batch input's, a forms folder's and a converter address's errors answer in the terminal's
    language, and a row's problems in errors.csv too."""
    import csv

    from legal_docs_cli.main import main

    monkeypatch.setenv("LEGAL_DOCS_LANG", "es")
    i18n.set_language(None)
    out = str(tmp_path / "out")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "nope.csv"), "--out", out])
    assert result.exit_code == 2 and "No se encontró la entrada del lote: nope.csv" in result.output
    twice = tmp_path / "twice.csv"
    twice.write_text("kind,petitioner.name,petitioner.name\nvacatur,A,B\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(twice), "--out", out])
    assert result.exit_code == 2
    assert "La entrada del lote twice.csv tiene dos veces la columna 'petitioner.name'" in result.output
    result = CliRunner().invoke(main, ["--forms-dir", str(tmp_path / "missing"), "forms"])
    assert result.exit_code == 2 and "La carpeta de formularios" in result.output and "no existe" in result.output
    assert "does not exist" not in result.output

    rows = tmp_path / "rows.csv"
    rows.write_text("matter_id,kind,petitioner.name,offenses.0.date\nm-1,,A,\nm-2,vacatur,B,2019-01-01\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(rows), "--out", out, "--converter", "ftp://example.org"])
    assert result.exit_code == 2 and "El convertidor debe ser `local`" in result.output
    result = CliRunner().invoke(main, ["batch", str(rows), "--out", out])
    assert result.exit_code != 0
    with open(tmp_path / "out" / "errors.csv", encoding="utf-8") as fh:
        said = " ".join(" ".join(row.values()) for row in csv.DictReader(fh))
    assert "es un dato obligatorio (p. ej., vacatur)" in said  # m-1 has no kind
    assert "las columnas numeradas empiezan en 1" in said  # m-2's offenses.0
    assert "is required" not in said and "numbered columns start" not in said


def test_a_manifest_changed_by_hand_is_named_in_spanish(tmp_path: Path, monkeypatch) -> None:
    import json

    from legal_docs.errors import InputError
    from legal_docs.manifest import read_manifest

    folder = tmp_path / "los-angeles"
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({
        "schema_version": 1, "tool": {"name": "legal-docs"}, "kind": "vacatur", "court": "Los Angeles",
        "title": "Petition", "generated_at": "", "status": "finished", "inputs": {"answers_sha256": ""}}))
    i18n.set_language("es")
    with pytest.raises(InputError) as caught:
        read_manifest(folder)
    assert caught.value.message == ("manifest.json en la carpeta 'los-angeles' se cambió a mano o está dañado "
                                    "(1 problema); no se hizo nada:")
    assert caught.value.details == ["status (status): debe ser uno de estos valores: incomplete, docx-only o complete"]
