"""Merging PDFs into one filing packet with qpdf (pikepdf): bookmarks, page labels, clean metadata.

Only the document information dictionary is rewritten (``/Title`` and ``/Producer``); XMP
metadata streams are dropped because LibreOffice and other producers can put a user name or
a file path there. Page content, fonts and form fields are copied untouched.

qpdf copies and writes a PDF's objects in C++: merging a protective-order packet's official forms
object by object in Python (pypdf) took seconds; qpdf takes tens of milliseconds. pypdf still
checks exhibits and reads text, where it is quick.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legal_docs.atomic import atomic_write
from legal_docs.errors import InputError
from legal_docs.i18n import _

if TYPE_CHECKING:  # the PDF libraries are imported lazily so the CLI's --help stays light
    from pypdf import PdfReader

__all__ = ["PRODUCER", "PacketPart", "apply_metadata", "build_packet", "open_pdf", "read_exhibit",
           "save_atomically", "scrub_pdf_metadata"]

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
    import pikepdf

    if not parts:
        raise ValueError("A packet needs at least one part")
    with contextlib.ExitStack() as stack:  # qpdf reads the sources' streams when it saves
        packet = stack.enter_context(pikepdf.new())
        version = packet.pdf_version
        marks: list[tuple[str, int, list[tuple[str, int]]]] = []
        for part in parts:
            if not part.pdfs:
                raise ValueError(f"Packet part {part.title!r} has no PDF files")
            first = len(packet.pages)
            for path in part.pdfs:
                source = stack.enter_context(open_pdf(Path(path), noun=_("PDF file")))
                version = max(version, source.pdf_version, key=_version_key)
                # The parts' own outlines (LibreOffice turns headings into bookmarks) would clutter
                # the packet's one bookmark per part: only pages and form fields are taken.
                _take_pages(packet, source)
            size = len(packet.pages) - first
            for child_title, offset in part.children:
                if not 0 <= offset < size:
                    raise ValueError(
                        f"Bookmark {child_title!r} points to page {offset} of part {part.title!r}, "
                        f"which has {size} page(s)"
                    )
            marks.append((part.title, first, [(t, first + o) for t, o in part.children]))
        with packet.open_outline() as outline:
            for part_title, page, children in marks:
                item = pikepdf.OutlineItem(part_title, page)
                item.children.extend(pikepdf.OutlineItem(t, p) for t, p in children)
                outline.root.append(item)
        total = len(packet.pages)
        packet.Root.PageLabels = packet.make_indirect(pikepdf.Dictionary(
            Nums=pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D, St=1)])))
        packet.Root.PageMode = pikepdf.Name.UseOutlines  # open with the bookmarks pane showing
        apply_metadata(packet, title=title)
        save_atomically(packet, Path(out), min_version=version)
    return total


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in version.split(".") if n.isdigit())


def _take_pages(packet: Any, source: Any) -> None:
    """Append ``source``'s pages with its form fields. qpdf copies each source object once per
    packet, so the fields copied after the pages are the very parents of the copied widgets.
    (pikepdf's add_pages_from copies a whole field tree again for every page holding one of its
    widgets: a 13-page form's 500 fields became 6,500, and the file four times the size.)"""
    import warnings

    import pikepdf

    with warnings.catch_warnings():  # pikepdf warns that extend() alone would lose the fields
        warnings.simplefilter("ignore", getattr(pikepdf, "PageCopyWarning", UserWarning))
        packet.pages.extend(source.pages)
    form = source.Root.get("/AcroForm")
    if form is None or not form.get("/Fields"):
        return
    if "/AcroForm" not in packet.Root:
        packet.Root.AcroForm = packet.make_indirect(pikepdf.Dictionary(Fields=pikepdf.Array()))
    target = packet.Root.AcroForm
    for top in form.Fields:
        target.Fields.append(packet.copy_foreign(top))
    if "/DA" in form and "/DA" not in target:
        target.DA = form.DA
    if bool(form.get("/NeedAppearances")):  # one form that needs its appearances regenerated
        target.NeedAppearances = True
    fonts = (form.get("/DR") or pikepdf.Dictionary()).get("/Font")
    if fonts is not None:
        if "/DR" not in target:
            target.DR = pikepdf.Dictionary()
        if "/Font" not in target.DR:
            target.DR.Font = pikepdf.Dictionary()
        for name, font in fonts.items():
            if name not in target.DR.Font:
                target.DR.Font[name] = packet.copy_foreign(font)


def scrub_pdf_metadata(path: Path, *, title: str) -> None:
    """Rewrite one PDF in place with only ``/Title`` and ``/Producer`` as metadata."""
    path = Path(path)
    with open_pdf(path, noun=_("PDF file")) as pdf:
        apply_metadata(pdf, title=title)
        save_atomically(pdf, path)  # the PDF version is kept (LibreOffice's 1.6, say)


def read_exhibit(path: Path) -> int:
    """Check that an attorney-supplied exhibit is a readable PDF; return its page count."""
    path = Path(path)
    reader = _open_pdf(path, noun=_("Exhibit file"))
    try:
        for page in reader.pages:  # a damaged page tree or content stream shows up here
            page.get_contents()
    except Exception:
        raise _unreadable(path, _("Exhibit file")) from None
    return len(reader.pages)


def _open_pdf(path: Path, *, noun: str) -> PdfReader:
    """Open ``path``, decrypting with an empty password if needed; errors name the base name."""
    from pypdf import PasswordType, PdfReader

    if not path.is_file():
        raise InputError(_("{noun} '{name}' does not exist.").format(noun=noun, name=path.name))
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise InputError(
                _("{noun} '{name}' is protected by a password.").format(noun=noun, name=path.name),
                details=[_("Save a copy without a password (for example with Print to PDF).")],
            )
        pages = len(reader.pages)
    except InputError:
        raise
    except Exception:  # pypdf raises many kinds of error on a damaged file; all mean "unusable"
        raise _unreadable(path, noun) from None
    if pages < 1:
        raise InputError(_("{noun} '{name}' has no pages.").format(noun=noun, name=path.name))
    return reader


def _unreadable(path: Path, noun: str) -> InputError:
    return InputError(_("{noun} '{name}' is not a readable PDF.").format(noun=noun, name=path.name))


@contextlib.contextmanager
def open_pdf(path: Path, *, noun: str) -> Iterator[Any]:
    """``path`` opened with qpdf (decrypted when its password is empty); errors name the base name."""
    import pikepdf

    if not path.is_file():
        raise InputError(_("{noun} '{name}' does not exist.").format(noun=noun, name=path.name))
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise InputError(
            _("{noun} '{name}' is protected by a password.").format(noun=noun, name=path.name),
            details=[_("Save a copy without a password (for example with Print to PDF).")],
        ) from None
    except Exception:  # qpdf raises on a damaged file beyond repair; all mean "unusable"
        raise _unreadable(path, noun) from None
    with pdf:
        if len(pdf.pages) < 1:
            raise InputError(_("{noun} '{name}' has no pages.").format(noun=noun, name=path.name))
        yield pdf


def apply_metadata(pdf: Any, *, title: str) -> None:
    """Only ``title`` and the producer as metadata; every XMP stream dropped (they can repeat the
    author, the creator tool and a user name). qpdf writes only objects still referenced."""
    import pikepdf

    pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(title),
                                                            Producer=pikepdf.String(PRODUCER)))
    if "/Metadata" in pdf.Root:
        del pdf.Root["/Metadata"]
    for page in pdf.pages:
        if "/Metadata" in page.obj:
            del page.obj["/Metadata"]


def save_atomically(pdf: Any, out: Path, *, min_version: str = "") -> None:
    """Write to a hidden temporary file beside ``out``, then rename it into place."""
    # mode 0o666 lets the umask decide permissions, as for any other new file.
    with atomic_write(out, perm=0o666, fsync=True) as stream:
        pdf.save(stream, min_version=min_version, fix_metadata_version=False)
