"""The one writer (a file is replaced whole or not at all) and the one DOCX text reader."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from legal_docs.atomic import atomic_write, write_bytes


def test_a_failed_write_keeps_the_old_file_and_leaves_no_part(tmp_path: Path) -> None:
    target = tmp_path / "manifest.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target, text=True) as fh:
            fh.write("half of the new")
            raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]


def test_a_finished_write_replaces_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "packet.pdf"
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", synced.append)  # the tests do not wait for the disk (conftest)
    write_bytes(target, b"%PDF new", fsync=True)
    assert target.read_bytes() == b"%PDF new"
    assert len(synced) == 1  # waited for the disk before the rename
    write_bytes(target, b"%PDF new", fsync=False)
    assert len(synced) == 1
    with atomic_write(target) as fh:
        part = [p.name for p in tmp_path.iterdir() if p.name != "packet.pdf"]
        assert len(part) == 1 and part[0].startswith(".packet.pdf.") and part[0].endswith(".part")  # batch's leftovers
        fh.write(b"%PDF newer")
    assert target.read_bytes() == b"%PDF newer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packet.pdf"]


def test_private_files_are_for_this_user_only(tmp_path: Path) -> None:
    target = tmp_path / "session.json"
    write_bytes(target, b"{}", private=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_one_docx_reader_for_the_scan_and_the_diff(tmp_path: Path) -> None:
    """The packet scan and `templates diff` read a DOCX through docx_text: tabs and line breaks
    as a reader sees them, headers after the body, styles by name."""
    from docx import Document
    from docx.enum.text import WD_BREAK

    from legal_docs.customize import docx_lines
    from legal_docs.docx_text import paragraphs, plain_text

    doc = Document()
    para = doc.add_paragraph("Case No.", style="Heading 1")
    para.add_run().add_tab()
    para.add_run("123")
    para.add_run().add_break(WD_BREAK.LINE)
    para.add_run("Smith & Wesson <H>")
    doc.sections[0].header.paragraphs[0].text = "Header line"
    path = tmp_path / "paper.docx"
    doc.save(str(path))
    found = paragraphs(path)
    assert found[0].text == "Case No.\t123\nSmith & Wesson <H>" and found[0].style == "heading 1"  # Word's name
    assert found[-1].part.startswith("header") and found[-1].text == "Header line"
    assert "Case No.\t123\nSmith & Wesson <H>" in plain_text(path)
    lines = docx_lines(path)
    assert lines[0] == "[heading 1] Case No.\t123\nSmith & Wesson <H>"
    assert lines[-2].startswith("=== header") and lines[-1].endswith("] Header line")
