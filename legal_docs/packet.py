"""Merging PDFs into one filing packet with pypdf: bookmarks, page labels, clean metadata.

Only the document information dictionary is rewritten (``/Title`` and ``/Producer``); XMP
metadata streams are dropped because LibreOffice and other producers can put a user name or
a file path there. Page content, fonts and form fields are copied untouched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from legal_docs.atomic import atomic_write
from legal_docs.errors import InputError

if TYPE_CHECKING:  # pypdf is imported lazily so the CLI's --help stays light
    from pypdf import PdfReader, PdfWriter

__all__ = ["PRODUCER", "PacketPart", "build_packet", "read_exhibit", "scrub_pdf_metadata"]

PRODUCER = "legal-docs"


@dataclass(frozen=True)
class PacketPart:
    """One top-level bookmark's worth of pages, in packet order.

    ``pdfs`` are merged in order (for an exhibit: its cover page, then the exhibit itself).
    ``children`` are sub-bookmarks as ``(title, page offset within this part)``.
    """

    title: str
    pdfs: Sequence[Path]
    children: Sequence[tuple[str, int]] = field(default_factory=tuple)


def build_packet(parts: Sequence[PacketPart], *, out: Path, title: str) -> int:
    """Merge ``parts`` into ``out`` (replaced atomically) and return its page count."""
    from pypdf import PdfWriter
    from pypdf.constants import PageLabelStyle

    if not parts:
        raise ValueError("A packet needs at least one part")
    writer = PdfWriter()
    for part in parts:
        if not part.pdfs:
            raise ValueError(f"Packet part {part.title!r} has no PDF files")
        first = len(writer.pages)
        for pdf in part.pdfs:
            # The parts' own outlines (LibreOffice turns headings into bookmarks) would clutter
            # the packet's one bookmark per part, so they are left out.
            writer.append(_open_pdf(Path(pdf), noun="PDF file"), import_outline=False)
        size = len(writer.pages) - first
        parent = writer.add_outline_item(title=part.title, page_number=first)
        for child_title, offset in part.children:
            if not 0 <= offset < size:
                raise ValueError(
                    f"Bookmark {child_title!r} points to page {offset} of part {part.title!r}, "
                    f"which has {size} page(s)"
                )
            writer.add_outline_item(title=child_title, page_number=first + offset, parent=parent)
    total = len(writer.pages)
    writer.set_page_label(0, total - 1, style=PageLabelStyle.DECIMAL, start=1)
    writer.page_mode = "/UseOutlines"  # open with the bookmarks pane showing
    _apply_metadata(writer, title=title)
    _write_atomically(writer, Path(out))
    return total


def scrub_pdf_metadata(path: Path, *, title: str) -> None:
    """Rewrite one PDF in place with only ``/Title`` and ``/Producer`` as metadata."""
    from pypdf import PdfWriter

    path = Path(path)
    # keep_initial_header: without it pypdf writes "%PDF-1.3" over LibreOffice's 1.6.
    writer = PdfWriter(clone_from=_open_pdf(path, noun="PDF file"), keep_initial_header=True)
    _apply_metadata(writer, title=title)
    _write_atomically(writer, path)


def read_exhibit(path: Path) -> int:
    """Check that an attorney-supplied exhibit is a readable PDF; return its page count."""
    path = Path(path)
    reader = _open_pdf(path, noun="Exhibit file")
    try:
        for page in reader.pages:  # a damaged page tree or content stream shows up here
            page.get_contents()
    except Exception:
        raise _unreadable(path, "Exhibit file") from None
    return len(reader.pages)


def _open_pdf(path: Path, *, noun: str) -> PdfReader:
    """Open ``path``, decrypting with an empty password if needed; errors name the base name."""
    from pypdf import PasswordType, PdfReader

    if not path.is_file():
        raise InputError(f"{noun} '{path.name}' does not exist.")
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise InputError(
                f"{noun} '{path.name}' is protected by a password.",
                details=["Save a copy without a password (for example with Print to PDF)."],
            )
        pages = len(reader.pages)
    except InputError:
        raise
    except Exception:  # pypdf raises many kinds of error on a damaged file; all mean "unusable"
        raise _unreadable(path, noun) from None
    if pages < 1:
        raise InputError(f"{noun} '{path.name}' has no pages.")
    return reader


def _unreadable(path: Path, noun: str) -> InputError:
    return InputError(f"{noun} '{path.name}' is not a readable PDF.")


def _apply_metadata(writer: PdfWriter, *, title: str) -> None:
    from pypdf.generic import NameObject

    writer.metadata = {"/Title": title, "/Producer": PRODUCER}
    # XMP streams can repeat the author, the creator tool and a user name: drop them all.
    writer.xmp_metadata = None
    for page in writer.pages:
        page.pop(NameObject("/Metadata"), None)
    # A cloned file keeps objects nothing points to any more (the old XMP stream among them)
    # and would still write them out: drop them.
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)


def _write_atomically(writer: PdfWriter, out: Path) -> None:
    """Write to a hidden temporary file beside ``out``, then rename it into place."""
    # mode 0o666 lets the umask decide permissions, as for any other new file.
    with atomic_write(out, perm=0o666, fsync=True) as stream:
        writer.write(stream)
