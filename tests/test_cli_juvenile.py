"""The command line with the juvenile packet kinds: samples, schemas, clear errors, hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from helpers import docx_text, example_data
from legal_docs_cli.main import main
from test_cli import HOSTILE

RD = "reunification-denial"
PL = "placement-727a"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("kind", [RD, PL])
def test_example_is_a_valid_commented_answers_file(tmp_path: Path, kind: str) -> None:
    result = run("example", kind)
    assert result.exit_code == 0
    assert result.output.startswith("# Sample answers")
    assert "invented" in result.output.splitlines()[2] + result.output.splitlines()[3]
    answers = tmp_path / "client.yaml"
    answers.write_text(result.output, encoding="utf-8")
    checked = run("validate", str(answers))
    assert checked.exit_code == 0, checked.output
    assert f"1 {kind} packet would be made" in checked.output
    assert "check before filing:" in checked.output


def test_alias_ab1702_prints_the_same_example() -> None:
    assert run("example", "ab1702").output == run("example", RD).output


def test_validate_prints_the_first_removal_order_warning(tmp_path: Path) -> None:
    answers = tmp_path / "client.yaml"
    answers.write_text(run("example", PL).output, encoding="utf-8")
    result = run("validate", str(answers))
    assert "warning: The finding that continuance in the home is contrary to the youth's welfare must be in the FIRST order" in result.output
    assert "check before filing: Welf. & Inst. Code, § 450 (Assem. Bill No. 604" in result.output


@pytest.mark.parametrize(("kind", "top"), [(RD, {"child", "parents", "best_interest", "dependency"}),
                                           (PL, {"youth", "placement", "removal", "reasonable_efforts"})])
def test_schema_documents_every_field(kind: str, top: set[str]) -> None:
    schema = json.loads(run("schema", kind).output)
    assert top <= set(schema["properties"])
    for definition in schema["$defs"].values():
        assert all("title" in v for v in definition["properties"].values()), definition["title"]


def test_clauses_lists_the_juvenile_clauses_by_kind() -> None:
    result = run("clauses", "--kind", PL)
    assert "placement.request.argument-extended-care" in result.output
    assert "when: vacatur_pending or efc" in result.output
    assert "reunification.memo.law" not in result.output
    assert "juvenile.attorney-signature" in result.output
    assert "wic-361.5-b-exploitation: Welf. & Inst. Code, § 361.5, subd. (b)(17)  (verified 2026-11-22)  NEEDS REVIEW" in result.output


@pytest.mark.parametrize(
    ("kind", "mutate", "fields"),
    [
        (RD, lambda d: (d["child"].update(date_of_birth="2031-02-30"), d.update(county="Gotham"),
                        d["parents"][0].pop("participation")),
         ["child.date_of_birth", "county", "parents.1.participation"]),
        (PL, lambda d: (d["youth"].pop("date_of_birth"), d["placement"].update(type="castle"),
                        d["parents"][1].update(nmae="x")),
         ["youth.date_of_birth", "placement.type", "parents.2.nmae"]),
    ],
)
def test_invalid_answers_exit_2_with_field_names(tmp_path: Path, write_answers, kind, mutate, fields) -> None:
    data = example_data(kind)
    mutate(data)
    path = write_answers(data)
    for command in ("validate", "generate"):
        extra = ["--out", str(tmp_path / "o")] if command == "generate" else []
        result = CliRunner().invoke(main, [command, str(path), *extra])
        assert result.exit_code == 2, result.output
        for field in fields:
            assert field in result.output, field
        assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def _hostile_reunification(data: dict) -> tuple[dict, str]:
    data["child"]["initials"] = HOSTILE["accents"]
    data["agency"]["name"] = HOSTILE["amp"]
    data["parents"][0]["name"] = HOSTILE["cjk"]
    data["parents"][0]["facts"][0]["fact"] = HOSTILE["jinja"] + "\nsecond line\x0bafter a Word break\x07."
    data["parents"][0]["coercion"]["claim"] = HOSTILE["rtl"]
    data["best_interest"]["child_wishes"] = HOSTILE["emoji"]
    return data, "01-memorandum"


def _hostile_placement(data: dict) -> tuple[dict, str]:
    data["youth"]["initials"] = HOSTILE["accents"]
    data["placement"]["name"] = HOSTILE["amp"]
    data["parents"][0]["name"] = HOSTILE["cjk"]
    data["changed_circumstances"][0]["fact"] = HOSTILE["jinja"] + "\nsecond line\x0bafter a Word break\x07."
    data["current_order"]["terms"] = HOSTILE["rtl"]
    data["best_interest"] = HOSTILE["emoji"]
    return data, "01-request-to-change-court-order"


@pytest.mark.libreoffice
@pytest.mark.parametrize(("kind", "spoil"), [(RD, _hostile_reunification), (PL, _hostile_placement)])
def test_hostile_answers_come_out_exactly_as_typed(tmp_path: Path, write_answers, kind: str, spoil) -> None:
    data, first = spoil(example_data(kind))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(write_answers(data)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    if kind == PL:
        assert "must be in the FIRST order that removes the youth" in result.output
    folder = out / "los-angeles"
    docx = "\n".join(docx_text(folder / f"{first}.docx"))
    for value in HOSTILE.values():
        assert value in docx, value
    assert "49" not in docx  # the Jinja answer was not evaluated
    assert f"{HOSTILE['jinja']}\nsecond line\nafter a Word break." in docx
    text = " ".join(p.extract_text() for p in PdfReader(str(folder / f"{first}.pdf")).pages)
    flat = " ".join(text.split())
    for key in ("amp", "accents", "cjk", "jinja"):
        assert " ".join(HOSTILE[key].split()) in flat, key
    assert "🙂" in text and "שלום" in text
