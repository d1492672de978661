"""Packet merging: order, bookmarks, page labels, metadata, atomic writes, exhibit checks.

Source PDFs are blank pages made with pypdf; each source gets its own page width so the
merged order can be read back from the page sizes. One test under the ``libreoffice``
marker checks real LibreOffice output (text, embedded fonts, its metadata scrubbed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader, PdfWriter

from legal_docs.errors import ExitCode, InputError
from legal_docs.packet import PacketPart, build_packet, read_exhibit, scrub_pdf_metadata

SECRET_NAME = "Jane Clerk"
XMP = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
    f"{SECRET_NAME}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    '<?xpacket end="w"?>'
).encode()


def _make_pdf(
    path: Path,
    *,
    pages: int,
    width: float = 612,
    user_password: str | None = None,
    version: str = "1.3",
) -> Path:
    """Blank pages carrying the kind of metadata LibreOffice and scanners leave behind."""
    writer = PdfWriter()
    writer.pdf_header = f"%PDF-{version}"
    for _ in range(pages):
        writer.add_blank_page(width, 792)
    writer.add_metadata(
        {"/Author": SECRET_NAME, "/Creator": "Writer", "/Producer": "LibreOffice 7.4"}
    )
    writer.xmp_metadata = XMP
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    with open(path, "wb") as stream:
        writer.write(stream)
    return path


def _widths(reader: PdfReader) -> list[int]:
    return [round(float(page.mediabox.width)) for page in reader.pages]


def _bookmarks(reader: PdfReader) -> list:
    """The outline as nested [(title, page number), [children]] for easy comparison."""

    def walk(items):
        result = []
        for item in items:
            if isinstance(item, list):
                result.append(walk(item))
            else:
                result.append((item.title, reader.get_destination_page_number(item)))
        return result

    return walk(reader.outline)


@pytest.fixture
def sources(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "src"
    folder.mkdir()
    return {
        "petition": _make_pdf(folder / "petition.pdf", pages=3, width=600, version="1.6"),
        "declaration": _make_pdf(folder / "declaration.pdf", pages=2, width=601),
        "cover_a": _make_pdf(folder / "cover-a.pdf", pages=1, width=602),
        "exhibit_a": _make_pdf(folder / "exhibit-a.pdf", pages=4, width=603),
    }


@pytest.fixture
def packet_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "packet"
    folder.mkdir()
    return folder


def _parts(sources: dict[str, Path]) -> list[PacketPart]:
    return [
        PacketPart("Petition", [sources["petition"]], children=[("Prayer", 2)]),
        PacketPart("Declaration", [sources["declaration"]]),
        PacketPart(
            "Exhibit A",
            [sources["cover_a"], sources["exhibit_a"]],
            children=[("Exhibit A cover", 0), ("Police report", 1)],
        ),
    ]


def test_merges_in_order_with_bookmarks_and_labels(sources, packet_dir):
    out = packet_dir / "packet.pdf"
    assert build_packet(_parts(sources), out=out, title="Petition to vacate") == 10

    reader = PdfReader(out)
    assert _widths(reader) == [600, 600, 600, 601, 601, 602, 603, 603, 603, 603]
    assert _bookmarks(reader) == [
        ("Petition", 0),
        [("Prayer", 2)],
        ("Declaration", 3),
        ("Exhibit A", 5),
        [("Exhibit A cover", 5), ("Police report", 6)],
    ]
    assert reader.page_labels == [str(n) for n in range(1, 11)]
    labels = reader.trailer["/Root"]["/PageLabels"]["/Nums"]
    assert len(labels) == 2, "one label range for the whole packet"
    assert reader.page_mode == "/UseOutlines"
    assert reader.pdf_header == "%PDF-1.6"  # the highest version among the parts


def test_metadata_is_only_title_and_producer(sources, packet_dir):
    out = packet_dir / "packet.pdf"
    build_packet(_parts(sources), out=out, title="Petition to vacate")

    reader = PdfReader(out)
    assert dict(reader.metadata) == {"/Title": "Petition to vacate", "/Producer": "legal-docs"}
    assert "/Metadata" not in reader.trailer["/Root"]
    assert all("/Metadata" not in page for page in reader.pages)
    assert SECRET_NAME.encode() not in out.read_bytes()
    assert str(packet_dir).encode() not in out.read_bytes()


def test_write_is_atomic_and_leaves_no_temp_files(sources, packet_dir):
    out = packet_dir / "packet.pdf"
    out.write_bytes(b"previous packet")
    build_packet(_parts(sources), out=out, title="Packet")
    assert [p.name for p in packet_dir.iterdir()] == ["packet.pdf"]
    assert len(PdfReader(out).pages) == 10


def test_failed_build_keeps_the_previous_packet(sources, packet_dir):
    out = packet_dir / "packet.pdf"
    out.write_bytes(b"previous packet")
    broken = sources["exhibit_a"].with_name("broken.pdf")
    broken.write_bytes(b"%PDF-1.7\nnot really a pdf")
    parts = [*_parts(sources), PacketPart("Exhibit B", [broken])]
    with pytest.raises(InputError, match="'broken.pdf'"):
        build_packet(parts, out=out, title="Packet")
    assert out.read_bytes() == b"previous packet"
    assert [p.name for p in packet_dir.iterdir()] == ["packet.pdf"]


def test_child_bookmark_outside_its_part_is_refused(sources, packet_dir):
    parts = [PacketPart("Declaration", [sources["declaration"]], children=[("Too far", 2)])]
    with pytest.raises(ValueError, match="Too far"):
        build_packet(parts, out=packet_dir / "packet.pdf", title="Packet")
    assert list(packet_dir.iterdir()) == []


def test_empty_packet_or_part_is_refused(sources, packet_dir):
    with pytest.raises(ValueError):
        build_packet([], out=packet_dir / "p.pdf", title="Packet")
    with pytest.raises(ValueError):
        build_packet([PacketPart("Nothing", [])], out=packet_dir / "p.pdf", title="Packet")


def test_scrub_rewrites_metadata_in_place(sources):
    path = sources["petition"]
    scrub_pdf_metadata(path, title="Petition")

    reader = PdfReader(path)
    assert dict(reader.metadata) == {"/Title": "Petition", "/Producer": "legal-docs"}
    assert "/Metadata" not in reader.trailer["/Root"]
    assert len(reader.pages) == 3
    assert reader.pdf_header == "%PDF-1.6"  # not lowered to pypdf's default 1.3
    assert SECRET_NAME.encode() not in path.read_bytes()
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        p.name for p in sources.values()
    )


# -- exhibits supplied by the attorney ----------------------------------------------------------


def test_read_exhibit_counts_pages(sources):
    assert read_exhibit(sources["exhibit_a"]) == 4


def test_exhibit_encrypted_with_empty_password_merges(sources, tmp_path, packet_dir):
    locked = _make_pdf(tmp_path / "scan.pdf", pages=2, width=610, user_password="")
    assert PdfReader(locked).is_encrypted
    assert read_exhibit(locked) == 2

    out = packet_dir / "packet.pdf"
    parts = [PacketPart("Exhibit B", [sources["cover_a"], locked])]
    assert build_packet(parts, out=out, title="Packet") == 3
    reader = PdfReader(out)
    assert not reader.is_encrypted
    assert _widths(reader) == [602, 610, 610]


def test_password_protected_exhibit_is_an_input_error(tmp_path):
    locked = _make_pdf(tmp_path / "sealed.pdf", pages=1, user_password="s3cret")
    with pytest.raises(InputError) as caught:
        read_exhibit(locked)
    assert caught.value.exit_code == ExitCode.INVALID_INPUT
    assert "'sealed.pdf'" in caught.value.message
    assert "password" in caught.value.message
    assert str(tmp_path) not in caught.value.message


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\nthis is not a pdf body",
        b"plain text, not a PDF at all",
        b"",
    ],
    ids=["garbage-after-header", "text-file", "empty-file"],
)
def test_corrupt_exhibit_is_an_input_error(tmp_path, content):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_exhibit(bad)
    assert caught.value.message == "Exhibit file 'x.pdf' is not a readable PDF."


def test_truncated_exhibit_is_an_input_error(sources, tmp_path):
    whole = sources["exhibit_a"].read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match="'cut.pdf'"):
        read_exhibit(cut)


def test_missing_exhibit_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="'gone.pdf' does not exist"):
        read_exhibit(tmp_path / "gone.pdf")


# -- with LibreOffice's own output ---------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_pdfs_merge_searchable_with_fonts_embedded(tmp_path, packet_dir):
    from legal_docs.convert import convert_to_pdf

    docs = []
    for name, text in [("notice", "Notice of motion"), ("order", "Proposed order")]:
        document = Document()
        document.core_properties.author = SECRET_NAME
        document.add_heading(text, level=1)
        document.add_paragraph(f"{text} body text.")
        document.save(str(tmp_path / f"{name}.docx"))
        docs.append(tmp_path / f"{name}.docx")
    pdfs = convert_to_pdf(docs, outdir=tmp_path / "pdf")
    assert PdfReader(pdfs[0]).metadata["/Author"] == SECRET_NAME  # what LibreOffice leaves
    for pdf, title in zip(pdfs, ["Notice", "Order"]):
        scrub_pdf_metadata(pdf, title=title)
        assert dict(PdfReader(pdf).metadata) == {"/Title": title, "/Producer": "legal-docs"}

    out = packet_dir / "packet.pdf"
    n = build_packet(
        [PacketPart("Notice", [pdfs[0]]), PacketPart("Order", [pdfs[1]])], out=out, title="Motion"
    )
    reader = PdfReader(out)
    assert n == len(reader.pages) == 2
    assert "Proposed order body text." in reader.pages[1].extract_text()
    # Headings became LibreOffice bookmarks; the packet keeps only its own.
    assert _bookmarks(reader) == [("Notice", 0), ("Order", 1)]
    assert SECRET_NAME.encode() not in out.read_bytes()
    fonts = [
        font.get_object()
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts and all(
        "/FontFile2" in f["/FontDescriptor"] or "/FontFile" in f["/FontDescriptor"]
        for f in fonts
    )
