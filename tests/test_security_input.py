"""No input stops the run (issue #17): a batch survives any row, cells the tool writes are
neutralised, and bad input is exit 2 naming the problem, within limits. Each attack is a case."""

from __future__ import annotations

import copy
import csv
import json
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from helpers import example_data, make_pdf, one_county
from legal_docs.errors import InputError
from legal_docs_cli.main import main
from test_batch import batch_manifest, fake_soffice, flatten, read_errors  # noqa: F401 (fixture)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def _row(matter: str) -> dict:
    row = one_county(example_data())
    row["matter_id"] = matter
    return row


def _json(data: dict) -> str:
    return json.dumps(data, default=str)


def _statuses(out: Path) -> dict[str, str]:
    return {r["matter_id"]: r["status"] for r in batch_manifest(out)["rows"]}


# -- a batch survives any row ---------------------------------------------------------------------


def test_jsonl_rows_nested_deep_with_huge_numbers_or_twice_named_fields_fail_alone(
    tmp_path: Path, fake_soffice: Path  # noqa: F811
) -> None:
    good = _json(_row("good"))
    deep = '{"kind": "vacatur", "x": ' + "[" * 5000 + "]" * 5000 + "}"
    medium = _json({**_row("medium"), "x": json.loads("[" * 100 + "]" * 100)})
    huge = _json(_row("huge"))[:-1] + ', "schema_version": ' + "9" * 5000 + "}"
    twice = _json(_row("twice"))[:-1] + ', "kind": "vacatur"}'
    home = _row("home")
    home["exhibits"] = [{"file": "~nosuchuser-legal-docs/a.pdf", "description": "Letter"}]
    source = tmp_path / "clients.jsonl"
    source.write_text("\n".join([good, deep, medium, huge, twice, _json(home)]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("batch", str(source), "--out", str(out))
    assert result.exit_code == 1, result.output  # some rows failed; the run finished
    rows = {r["row"]: r for r in batch_manifest(out)["rows"]}
    assert rows[1]["status"] == "done"
    assert [rows[n]["status"] for n in range(2, 7)] == ["invalid"] * 5
    errors = {int(e["row"]): e["message"] for e in read_errors(out)}
    assert "deeper" in errors[2] and "deeper" in errors[3]
    assert "number longer" in errors[4]
    assert "'kind' twice" in errors[5]
    assert "~" in errors[6] and "full path" in errors[6]
    assert "internal error" not in (out / "errors.csv").read_text()


def _write_csv(path: Path, headers: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=headers)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_csv_rows_with_a_1mb_cell_a_5000_digit_number_or_a_5000_dot_column_fail_alone(
    tmp_path: Path, fake_soffice: Path  # noqa: F811
) -> None:
    rows = [flatten(_row(m)) for m in ("good", "big-cell", "digits", "dots")]
    dots = "petitioner" + "." * 5000 + "name"
    headers = list(rows[0]) + [dots]
    rows[1]["trafficking.summary"] = "x" * 1_000_000
    rows[2]["schema_version"] = "9" * 5000
    rows[3][dots] = "anything"
    sheet = _write_csv(tmp_path / "clients.csv", headers, rows)
    out = tmp_path / "out"
    result = run("batch", str(sheet), "--out", str(out))
    assert result.exit_code == 1, result.output
    assert _statuses(out) == {"good": "done", "big-cell": "invalid", "digits": "invalid", "dots": "invalid"}
    errors = {e["matter_id"]: e for e in read_errors(out)}
    assert errors["big-cell"]["column"] == "trafficking.summary" and "too long" in errors["big-cell"]["message"]
    assert errors["digits"]["column"] == "schema_version"
    assert "dots" in errors["dots"]["message"]


def test_a_row_that_crashes_the_planner_fails_alone(
    tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    from legal_docs import batch

    real = batch.plan_mapping

    def flaky(data, **kw):  # type: ignore[no-untyped-def]
        if data.get("signing", {}).get("city") == "Boom":
            raise ZeroDivisionError
        return real(data, **kw)

    monkeypatch.setattr(batch, "plan_mapping", flaky)
    bad = _row("bad")
    bad["signing"]["city"] = "Boom"
    source = tmp_path / "c.jsonl"
    source.write_text(_json(_row("ok")) + "\n" + _json(bad) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("batch", str(source), "--out", str(out)).exit_code == 1
    assert [r["status"] for r in batch_manifest(out)["rows"]] == ["done", "failed"]
    assert "ZeroDivisionError" in (out / "errors.csv").read_text()


# -- CSV injection ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)", "+cmd", "-2+3", "\tx", "\rx",
                                  " =1+1"])
def test_cells_the_tool_writes_never_start_a_formula(tmp_path: Path, fake_soffice: Path, name: str) -> None:  # noqa: F811
    row = _row("m-1")
    row[name] = "value"
    source = tmp_path / "c.jsonl"
    source.write_text(_json(row) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("batch", str(source), "--out", str(out)).exit_code == 1
    with (out / "errors.csv").open(encoding="utf-8", newline="") as fh:
        cells = [c for line in csv.reader(fh) for c in line]
    assert cells, "the unknown column is reported"
    for cell in cells:
        assert cell.lstrip(" ")[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell


def test_safe_cell_follows_the_owasp_rule() -> None:
    from legal_docs.sheet import safe_cell

    assert safe_cell("=1+1") == "'=1+1" and safe_cell("@x") == "'@x" and safe_cell("\r=1") == "'\r=1"
    assert safe_cell("plain") == "plain" and safe_cell(12) == 12 and safe_cell("") == ""


def test_the_example_xlsx_holds_no_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from legal_docs.sheet import xlsx_bytes

    path = tmp_path / "x.xlsx"
    path.write_bytes(xlsx_bytes(["=A1", "kind"], [["=HYPERLINK(\"x\")", "vacatur"]]))
    sheet = load_workbook(path).active
    assert [c.data_type for row in sheet.iter_rows() for c in row] == ["s"] * 4


# -- silent acceptance --------------------------------------------------------------------------------


def test_a_field_given_twice_in_yaml_is_an_error_naming_the_key_and_line(tmp_path: Path) -> None:
    text = yaml.safe_dump(example_data(), sort_keys=False)
    second = "offenses:\n- county: Los Angeles\n"
    path = tmp_path / "client.yaml"
    path.write_text(text + second, encoding="utf-8")
    line = len(text.splitlines()) + 1
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert "'offenses' twice" in result.output and f"line {line}" in result.output


@pytest.mark.parametrize("content", [b"", b"not a pdf at all", "locked"])
def test_validate_refuses_exhibits_generate_would_refuse(tmp_path: Path, content) -> None:  # type: ignore[no-untyped-def]
    import pikepdf

    exhibit = tmp_path / "exhibit.pdf"
    if content == "locked":
        with pikepdf.open(make_pdf(tmp_path / "plain.pdf")) as pdf:
            pdf.save(exhibit, encryption=pikepdf.Encryption(user="u", owner="o"))
    else:
        exhibit.write_bytes(content)
    data = example_data()
    data["exhibits"] = [{"file": "exhibit.pdf", "description": "Letter"}]
    answers = tmp_path / "client.yaml"
    answers.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = run("validate", str(answers))
    assert result.exit_code == 2 and "exhibits.1.file" in result.output


# -- exit 2, not 1 ------------------------------------------------------------------------------------


def _answers_file(tmp_path: Path, text: str, suffix: str = ".yaml") -> Path:
    path = tmp_path / f"client{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ('{"kind": "vacatur", "x": ' + "[" * 5000 + "]" * 5000 + "}", ".json", "deeper"),
        ("kind: vacatur\nx: " + "[" * 5000 + "]" * 5000 + "\n", ".yaml", "client.yaml"),
        ('{"kind": "vacatur", "schema_version": ' + "9" * 5000 + "}", ".json", "number longer"),
        ("kind: vacatur\nschema_version: " + "9" * 5000 + "\n", ".yaml", "number longer"),
        ('{"kind": "vacatur", "schema_version": 1e999}', ".json", "number longer"),
    ],
)
def test_hostile_answers_files_are_exit_2_naming_the_problem(
    tmp_path: Path, text: str, suffix: str, expected: str
) -> None:
    result = run("validate", str(_answers_file(tmp_path, text, suffix)))
    assert result.exit_code == 2, result.output
    assert expected in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("where", [("hearing", "date"), ("service", "date")])
def test_a_date_in_the_year_9999_is_exit_2(tmp_path: Path, where: tuple[str, str]) -> None:
    data = example_data()
    data.setdefault(where[0], {})[where[1]] = "9999-12-31"
    result = run("validate", str(_answers_file(tmp_path, yaml.safe_dump(data))))
    assert result.exit_code == 2 and ".".join(where) in result.output and "check the year" in result.output


def _template(tmp_path: Path, text: str) -> Path:
    doc = Document()
    doc.add_paragraph(text)
    path = tmp_path / "clinic.docx"
    doc.save(str(path))
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{% include 'other.docx' %}", "include"),
        ("{% import 'x' as y %}", "include"),
        ("{% extends 'base' %}", "include"),
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "loops more than"),
        ("{{ 'a' * 1000000000 }}", "longer than"),
        ("{{ 9 ** 10000000 }}", "power"),
        ("{{ ((((((9 ** 9) ** 9) ** 9) ** 9) ** 9) ** 9) ** 9 }}", "power"),
    ],
)
def test_a_clinic_template_that_loads_files_or_never_ends_is_exit_2(tmp_path: Path, text: str, expected: str) -> None:
    from legal_docs.render import render_docx

    with pytest.raises(InputError, match=expected) as caught:
        render_docx(_template(tmp_path, text), {}, tmp_path / "out.docx", title="T")
    assert "clinic.docx" in caught.value.message
    assert not (tmp_path / "out.docx").exists()


def test_a_template_loop_of_ordinary_size_still_renders(tmp_path: Path) -> None:
    from legal_docs.render import render_docx

    render_docx(_template(tmp_path, "{% for i in range(50) %}x{% endfor %}"), {}, tmp_path / "out.docx", title="T")
    assert "x" * 50 in "\n".join(p.text for p in Document(str(tmp_path / "out.docx")).paragraphs)


def _zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        with z.open("word/bomb.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):
                fh.write(chunk)
    return path


def test_templates_diff_refuses_a_docx_zip_bomb(tmp_path: Path) -> None:
    bomb = _zip_bomb(tmp_path / "bomb.docx")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    good = _template(tmp_path, "hello")
    result = run("templates", "diff", str(good), str(bomb))
    assert result.exit_code == 2 and "bomb.docx" in result.output and "unpacks" in result.output


def test_templates_diff_names_a_damaged_docx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("word/document.xml", "<w:document><unclosed>")
    result = run("templates", "diff", str(_template(tmp_path, "x")), str(bad))
    assert result.exit_code == 2 and "bad.docx" in result.output


def test_a_batch_row_with_a_deep_cell_value_is_its_own_failure() -> None:
    from legal_docs.sheet import unflatten

    data, problems = unflatten([("a" + ".b" * 40, "x"), ("kind", "vacatur")])
    assert data == {"kind": "vacatur"} and problems and "dots" in problems[0].message
    assert copy.deepcopy(problems) == problems


def test_review_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    from legal_docs.batch import REVIEW_CSV, BatchResult, RowOutcome, _Recorder

    with _Recorder(tmp_path, lambda _: None) as recorder:
        outcome = RowOutcome(1, "m-1", notes=["=HYPERLINK(\"http://x\") (zip) padded"])
        outcome.packets = [{"court": "Los Angeles", "warnings": ["@SUM(1)"], "needs_review": ["+1"]}]
        recorder.record(outcome)
        recorder.write_manifest({"format": "csv", "converter": "local", "jobs": 1}, BatchResult())
    with (tmp_path / REVIEW_CSV).open(encoding="utf-8", newline="") as fh:
        cells = [c for line in list(csv.reader(fh))[1:] for c in line]
    assert "'=HYPERLINK(\"http://x\") (zip) padded" in cells and "'@SUM(1)" in cells and "'+1" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]


def test_templates_check_reports_an_include_in_a_clinic_template(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    assert run("templates", "export", str(clinic)).exit_code == 0
    cover = clinic / "form_templates" / "exhibit_cover.docx"
    doc = Document(str(cover))
    doc.add_paragraph("{% include 'other.docx' %}")
    doc.save(str(cover))
    result = run("templates", "check", str(clinic))
    assert result.exit_code != 0 and "exhibit_cover.docx" in result.output and "include" in result.output
