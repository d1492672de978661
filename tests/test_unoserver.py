"""`legal-docs batch --converter` against real unoservers started here (unoserver from PyPI under the
system python3 with Debian's python3-uno; see tests/unoservers.py): one server, then two machines'
worth behind one `--converter`, one of which dies in the middle of the batch."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader

from test_batch import batch_manifest, one_county_rows, packet_manifest, run, write_csv
from unoservers import unoserver

pytestmark = [pytest.mark.libreoffice, pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]


def _complete(out: Path) -> list[Path]:
    return [m.parent for m in out.glob("*/*/manifest.json") if packet_manifest(m.parent)["status"] == "complete"]


def _check_packets(out: Path, matters: list[str]) -> None:
    assert [r["status"] for r in batch_manifest(out)["rows"]] == ["done"] * len(matters)
    for matter in matters:
        folder = out / matter / "los-angeles"
        assert packet_manifest(folder)["status"] == "complete"
        reader = PdfReader(folder / "packet.pdf")
        assert len(reader.pages) >= 5
        assert "NOTICE OF PETITION" in reader.pages[0].extract_text().upper()  # LibreOffice's real text


def test_a_batch_converts_through_a_real_unoserver(tmp_path: Path) -> None:
    matters = ["m-1", "m-2"]
    sheet = write_csv(tmp_path / "clients.csv", one_county_rows(matters))
    with unoserver(tmp_path / "server") as server:
        result = run("batch", str(sheet), "--out", str(tmp_path / "out"), "--converter", server.address, "--jobs", "1")
    assert result.exit_code == 0, result.output
    _check_packets(tmp_path / "out", matters)
    assert batch_manifest(tmp_path / "out")["converter"] == "unoserver"


def test_two_machines_behind_one_converter_and_one_dies_mid_batch(tmp_path: Path) -> None:
    """A clinic's two conversion machines as one --converter: when one dies after the first packets,
    the rest of the batch goes to the other and every row is made."""
    matters = [f"m-{n}" for n in range(1, 7)]
    sheet = write_csv(tmp_path / "clients.csv", one_county_rows(matters))
    out = tmp_path / "out"
    with unoserver(tmp_path / "a") as first, unoserver(tmp_path / "b") as second:
        killed_at: list[int] = []
        stop = threading.Event()

        def kill_first_after_a_packet() -> None:
            while not stop.wait(0.2):
                done = len(_complete(out))
                if done >= 1:
                    first.kill()
                    killed_at.append(done)
                    return

        watcher = threading.Thread(target=kill_first_after_a_packet, daemon=True)
        watcher.start()
        try:
            result = run("batch", str(sheet), "--out", str(out), "--converter",
                         f"{first.address},{second.address}", "--jobs", "2")
        finally:
            stop.set()
            watcher.join()
        assert second.process.poll() is None  # the other machine stayed up throughout
    assert killed_at and killed_at[0] < len(matters), "the first server was killed before the batch ended"
    assert first.process.poll() is not None
    assert result.exit_code == 0, result.output
    _check_packets(out, matters)
