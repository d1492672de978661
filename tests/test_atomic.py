"""The one writer: a file is replaced whole or not at all, and nothing is left behind."""

from __future__ import annotations

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


def test_a_finished_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "packet.pdf"
    write_bytes(target, b"%PDF new", fsync=True)
    assert target.read_bytes() == b"%PDF new"
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
