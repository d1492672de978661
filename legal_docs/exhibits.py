"""Exhibits a person supplies: checked, scanned for full identifiers, and copied in clean.

An exhibit is somebody else's PDF. Before it may join a packet it must open without a password,
have pages, and stay within limits (pages, and the decoded size of its page content counted
each time a page uses it: a small file whose 500 pages share one 64 MB stream is refused, not
parsed for minutes). Every part a reader or a program could show is scanned for a full Social
Security or account number (redaction.py): each page's text, each page's annotations and form
field values, the document information and XMP metadata, the bookmarks, attached files' names
and JavaScript, every other string in the file. A hit names the page (or "the file's metadata,
bookmarks or attachments"), never the number.

The copy that joins the packet is rewritten (pikepdf) without metadata, attached files,
JavaScript and automatic actions, form fields, bookmarks, page labels, and every annotation
that is not a plain link (comments, sticky notes, file attachments, widgets), so nothing hidden
in the original reaches the court or the other side.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from .atomic import atomic_write
from .errors import InputError
from .i18n import _
from .redaction import find_sensitive

if TYPE_CHECKING:
    import pikepdf

MAX_PAGES = 2000
MAX_CONTENT_BYTES = 256 * 1024 * 1024  # decoded page content, counted per page that uses it
_STREAM_LIMIT = 64 * 1024 * 1024  # one decoded metadata, script or attachment stream read for the scan
_SAFE_LINK_ACTIONS = ("/URI", "/GoTo")


class ExhibitProblem(ValueError):
    """An exhibit that cannot join a packet; the message names no content."""


@dataclass(frozen=True)
class Hit:
    page: int | None  # 1-based; None: metadata, bookmarks, attachments, other strings
    kinds: tuple[str, ...]

    def where(self) -> str:
        if self.page is None:
            return _("outside the page text: metadata, form fields, bookmarks or attachments")
        return _("page {n}").format(n=self.page)


def open_exhibit(path: Path) -> pikepdf.Pdf:
    """Open an exhibit with pikepdf, or raise ExhibitProblem saying why it cannot be used."""
    import pikepdf

    try:
        empty = path.stat().st_size == 0
    except OSError:
        raise ExhibitProblem(_("is not a readable PDF")) from None
    if empty:
        raise ExhibitProblem(_("is an empty file, not a PDF"))
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise ExhibitProblem(
            _("is protected by a password; save a copy without one (for example with Print to PDF)")
        ) from None
    except (pikepdf.PdfError, OSError, ValueError):
        raise ExhibitProblem(_("is not a readable PDF")) from None
    try:
        pages = len(pdf.pages)
    except Exception:
        pdf.close()
        raise ExhibitProblem(_("is not a readable PDF")) from None
    if pages < 1:
        pdf.close()
        raise ExhibitProblem(_("has no pages"))
    if pages > MAX_PAGES:
        pdf.close()
        raise ExhibitProblem(_("has {n} pages; an exhibit may have at most {max}").format(n=pages, max=MAX_PAGES))
    return pdf


def check_exhibit(path: Path) -> int:
    """Check and scan an exhibit; return its page count. Raises ExhibitProblem (a ValueError, so
    a model validator reports it against the exhibit's field) naming the problem and the page."""
    with open_exhibit(path) as pdf:
        _check_content_size(pdf)
        hits = list(_scan_objects(pdf))
        pages = len(pdf.pages)
    hits += list(_scan_page_text(path))
    if hits:
        first = sorted(hits, key=lambda h: (h.page is None, h.page or 0))
        places = []
        for hit in first:
            if hit.where() not in places:
                places.append(hit.where())
        kinds = sorted({k for h in hits for k in h.kinds})
        raise ExhibitProblem(
            _("shows {kind} in full ({where}); only the last four digits may appear (Cal. Rules of Court, "
              "rule 1.201): redact the exhibit first").format(
                kind=_(" or ").join(_(k) for k in kinds), where=", ".join(places[:10]))
        )
    return pages


def _check_content_size(pdf: pikepdf.Pdf) -> None:
    """The decoded page content (each page's streams, counted every time a page uses one)."""
    import pikepdf

    sizes: dict[tuple[int, int], int] = {}
    total = 0
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        streams = contents if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
        for stream in streams:
            if not isinstance(stream, pikepdf.Stream):
                continue
            key = stream.objgen
            if key not in sizes or key == (0, 0):
                sizes[key] = _decoded_size(stream, limit=MAX_CONTENT_BYTES - total + 1)
            total += sizes[key]
            if total > MAX_CONTENT_BYTES:
                raise ExhibitProblem(
                    _("has more page content than an exhibit may have ({mb} MB decoded); print it to a new PDF "
                      "or split it").format(mb=MAX_CONTENT_BYTES // (1024 * 1024))
                )


def _decoded_size(stream: pikepdf.Stream, *, limit: int) -> int:
    return len(_read_bounded(stream, limit=limit))


def _read_bounded(stream: pikepdf.Stream, *, limit: int) -> bytes:
    """A stream's decoded bytes, at most `limit` of them when it is Flate-compressed (an inflate
    bomb stops there instead of filling the memory)."""
    import pikepdf

    filters = stream.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    try:
        if names == ["/FlateDecode"] and stream.get("/DecodeParms") is None:
            inflater = zlib.decompressobj()
            chunks = [inflater.decompress(stream.read_raw_bytes(), max(limit, 1))]
            size = len(chunks[0])
            while inflater.unconsumed_tail and size < limit:
                chunks.append(inflater.decompress(inflater.unconsumed_tail, limit - size))
                size += len(chunks[-1])
            return b"".join(chunks)
        return stream.read_bytes()
    except zlib.error:  # a damaged or truncated Flate stream: what inflated is all a viewer shows too
        return b"".join(chunks) if "chunks" in locals() else b""
    except (pikepdf.PdfError, ValueError):
        raise ExhibitProblem(_("is not a readable PDF (a damaged page)")) from None


def _strings(obj: Any, seen: set[tuple[int, int]], depth: int = 0) -> Iterator[str]:
    """Every text string inside `obj`, following references (each indirect object once)."""
    import pikepdf

    if depth > 200:
        return
    if isinstance(obj, pikepdf.String):
        yield str(obj)
        return
    if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)):
        return
    if obj.is_indirect:
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    if isinstance(obj, pikepdf.Array):
        for item in obj:
            yield from _strings(item, seen, depth + 1)
        return
    for key in obj.keys():
        if key in ("/Parent", "/P"):  # back to the page: pages are scanned page by page
            continue
        yield from _strings(obj[key], seen, depth + 1)
    if isinstance(obj, pikepdf.Stream) and _is_text_stream(obj):
        try:
            data = _read_bounded(obj, limit=_STREAM_LIMIT)
        except ExhibitProblem:
            return
        yield data.decode("utf-8", "replace")


def _is_text_stream(obj: Any) -> bool:
    """Metadata, JavaScript and attached files: streams a program shows as text."""
    kind = str(obj.get("/Type", "")) or str(obj.get("/Subtype", ""))
    return kind in ("/Metadata", "/EmbeddedFile", "/XML") or obj.get("/JS") is not None


def _scan_objects(pdf: pikepdf.Pdf) -> Iterator[Hit]:
    """Annotations and field values page by page; then everything else the file holds."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, start=1):
        seen.add(page.obj.objgen)
        annots = page.obj.get("/Annots")
        if isinstance(annots, pikepdf.Array):
            kinds = _kinds(_strings(annots, seen))
            if kinds:
                yield Hit(number, kinds)
    rest = list(_strings(pdf.Root, seen)) + list(_strings(pdf.trailer.get("/Info"), seen))
    for obj in pdf.objects:  # strings nothing in the document tree points to any more
        rest.extend(_strings(obj, seen))
    kinds = _kinds(iter(rest))
    if kinds:
        yield Hit(None, kinds)


def _kinds(texts: Iterator[str]) -> tuple[str, ...]:
    found: set[str] = set()
    for text in texts:
        found.update(find_sensitive(text))
    return tuple(sorted(found))


def _scan_page_text(path: Path) -> Iterator[Hit]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("")
        pages = list(reader.pages)
    except Exception:  # pikepdf read it; pypdf cannot: no text to scan beyond what pikepdf saw
        return
    for number, page in enumerate(pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception:  # a page whose text cannot be read (an image) is scanned as empty
            continue
        kinds = find_sensitive(text)
        if kinds:
            yield Hit(number, tuple(kinds))


def page_texts(path: Path) -> Iterator[tuple[int, str]]:
    """(page number, text) of a PDF, for the output scan of a packet's exhibit copies."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("")
        pages = list(reader.pages)
    except Exception:
        return
    for number, page in enumerate(pages, start=1):
        try:
            yield number, page.extract_text() or ""
        except Exception:
            continue


def copy_clean(source: Path, target: Path) -> None:
    """Write `source` to `target` without metadata, attachments, scripts, actions, form fields,
    bookmarks and annotations other than plain links (see the module's docstring)."""
    import pikepdf

    try:
        pdf = open_exhibit(source)
    except ExhibitProblem as exc:
        raise InputError(_("Exhibit file '{name}' {problem}").format(name=source.name, problem=exc)) from None
    with pdf:
        root = pdf.Root
        for key in ("/Metadata", "/Names", "/OpenAction", "/AA", "/AcroForm", "/Outlines", "/PageLabels",
                    "/Dests", "/URI", "/PieceInfo", "/SpiderInfo", "/Threads", "/Collection", "/Perms"):
            if key in root:
                del root[key]
        for page in pdf.pages:
            for key in ("/AA", "/Metadata", "/PieceInfo", "/Thumb", "/B"):
                if key in page.obj:
                    del page.obj[key]
            annots = page.obj.get("/Annots")
            if annots is not None:
                kept = pikepdf.Array([a for a in annots if _plain_link(a)])
                for a in kept:
                    for key in ("/AA", "/P", "/Popup"):
                        if key in a:
                            del a[key]
                if len(kept):
                    page.obj["/Annots"] = kept
                else:
                    del page.obj["/Annots"]
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary())
        del pdf.trailer["/Info"]
        pdf.remove_unreferenced_resources()
        with atomic_write(target) as fh:
            pdf.save(cast(BinaryIO, fh), encryption=False, preserve_pdfa=False, fix_metadata_version=False)


def _plain_link(annot: Any) -> bool:
    import pikepdf

    if not isinstance(annot, pikepdf.Dictionary) or annot.get("/Subtype") != pikepdf.Name.Link:
        return False
    action = annot.get("/A")
    if action is None:
        return annot.get("/Dest") is not None
    return isinstance(action, pikepdf.Dictionary) and str(action.get("/S", "")) in _SAFE_LINK_ACTIONS and (
        action.get("/Next") is None
    )


def exhibit_path(value: str, *, base_dir: Path) -> str:
    """An exhibit answer as an absolute path to a checked, scanned PDF (for a model validator:
    every problem is a ValueError in plain words, naming no content of the file)."""
    try:
        path = Path(value).expanduser()
    except RuntimeError:  # ~someone/ with no such user
        raise ValueError(_("starts with ~ and a user name this computer does not know; write the full path")) from None
    path = path if path.is_absolute() else base_dir / path
    if path.suffix.lower() != ".pdf":
        raise ValueError(_("must be a PDF file (ending in .pdf)"))
    try:
        exists = path.is_file()
        resolved = path.resolve() if exists else path
    except (OSError, ValueError):  # a name too long for the file system, a NUL character, no permission
        raise ValueError(_("cannot be opened (the path is too long, holds a character files cannot have, "
                           "or is not allowed)")) from None
    if not exists:
        raise ValueError(_("no such file (paths are relative to the answers file)"))
    check_exhibit(resolved)
    return str(resolved)
