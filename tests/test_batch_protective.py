"""`legal-docs batch` with protective-order rows: the official forms are filled for each row, and
a rerun remakes a packet when a form's blank PDF or field map changed (and only then)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from helpers import example_data
from legal_docs.resources import templates_root
from test_batch import batch_manifest, fake_soffice, packet_manifest, run, write_csv  # noqa: F401 (fixture)

KIND = "protective-order"


def rows() -> list[dict[str, Any]]:
    out = []
    for matter, route in (("d-1", "dvro"), ("d-2", "dvro"), ("c-1", "civil-harassment")):
        row = copy.deepcopy(example_data(KIND, route))
        row["matter_id"] = matter
        out.append(row)
    out[1]["protected"]["name"] = "Dana Example Moss"
    out[2]["case"]["county"] = "Orange"  # a second county's folder name
    return out


@pytest.mark.slow  # two batches of filled forms
def test_batch_fills_the_forms_per_row_and_remakes_rows_whose_form_map_changed(
    tmp_path: Path, fake_soffice: Path  # noqa: F811
) -> None:
    sheet = write_csv(tmp_path / "clients.csv", rows())
    out = tmp_path / "out"
    first = run("batch", str(sheet), "--out", str(out))
    assert first.exit_code == 0, first.output
    assert [r["status"] for r in batch_manifest(out)["rows"]] == ["done", "done", "done"]
    made = {m: packet_manifest(out / m / county)["generated_at"]
            for m, county in (("d-1", "alameda"), ("d-2", "alameda"), ("c-1", "orange"))}
    assert (out / "d-2" / "alameda" / "01-dv-100.pdf").is_file()
    assert (out / "c-1" / "orange" / "clets-001-confidential.pdf").is_file()
    dv109 = next(d for d in packet_manifest(out / "d-1" / "alameda")["documents"] if d["key"] == "dv-109")
    assert dv109["form"]["id"] == "DV-109" and len(dv109["form"]["map_sha256"]) == 64

    again = run("batch", str(sheet), "--out", str(out))
    assert "3 already complete" in again.output, again.output

    # a clinic edits the DV-109 map: the DV rows are remade, the civil harassment row is not
    custom = tmp_path / "clinic"
    (custom / "form_templates" / "forms").mkdir(parents=True)
    text = (templates_root() / "forms" / "dv-109.yaml").read_text(encoding="utf-8")
    edited = "\n".join(line for line in text.splitlines() if "Page3[0].P3Header" not in line) + "\n"
    assert edited != text
    (custom / "form_templates" / "forms" / "dv-109.yaml").write_text(edited, encoding="utf-8")
    third = run("--templates", str(custom), "batch", str(sheet), "--out", str(out))
    assert third.exit_code == 0, third.output
    assert [r["status"] for r in batch_manifest(out)["rows"]] == ["done", "done", "skipped"]
    assert packet_manifest(out / "c-1" / "orange")["generated_at"] == made["c-1"]
    for path in out.rglob("*"):
        for name in ("Kiara", "Dana", "Ana Luc"):
            assert name not in str(path.relative_to(out)), path
