"""The top-level flow: answers -> model -> rules -> plan -> DOCX -> PDF -> packet + manifest.

`generate` makes every packet in a hidden staging folder beside its final place and renames it
into place only when it is whole; `assemble` rebuilds the PDFs and packet of an existing output
folder (after a paralegal edited the Word files) the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .answers import read_answers_file, validate_answers
from .clauses import clause_hashes
from .convert import Office, import_first
from .errors import ConverterError, InputError
from .exhibits import copy_clean, page_texts
from .i18n import _, ngettext
from .manifest import MANIFEST, Document, Exhibit, FilledForm, Hashes, Inputs, Manifest, PacketFile, new_manifest, read_manifest, write_manifest
from .limits import check_docx
from .ownership import check_manifest_names, claim, foreign_files, member, record, refusal, set_aside
from .plan import DocumentPlan, PacketPlan
from .redaction import check_output_texts, identifier_digests
from .render import render_docx, template_path
from .resources import sha256_file
from .settings import Settings, current, use

if TYPE_CHECKING:
    from .convert import Converter

Progress = Callable[[str], None]

PACKET_PDF = "packet.pdf"  # every paper filed with the court, in order
SERVICE_PACKET_PDF = "service-packet.pdf"  # only the papers served on the other parties, in the same order


@dataclass
class PacketResult:
    plan: PacketPlan
    folder: Path | None  # None when no petition was made for that court
    manifest: Manifest | None = None


@dataclass
class GenerateResult:
    kind: str
    packets: list[PacketResult] = field(default_factory=list)
    # packet folders of this kind an earlier run left that these answers no longer make (every
    # offense of a county removed or now left out): reported, or set aside with --replace
    stale: list[StalePacket] = field(default_factory=list)


@dataclass
class StalePacket:
    folder: str  # its name in the output folder
    court: str
    set_aside: Path | None = None  # where --replace moved it (never deleted)


@dataclass
class Planned:
    kind: str
    plans: list[PacketPlan]
    answers_digest: str
    identifier_digests: list[str]  # see redaction.py: long identifiers the output scan allows


def load_and_plan(answers_file: Path, *, lang: str | None = None, settings: Settings | None = None) -> Planned:
    """Read, validate and plan an answers file without writing anything."""
    return plan_mapping(read_answers_file(answers_file), base_dir=answers_file.resolve().parent, lang=lang,
                        settings=settings)


def plan_mapping(
    data: dict[str, Any], *, base_dir: Path, lang: str | None = None, settings: Settings | None = None
) -> Planned:
    """Validate and plan answers already in memory (an interview, a spreadsheet row).

    `base_dir` is where relative exhibit paths are looked up; `lang` ("en", "es") overrides the
    answers' `client.language` (the client letter's language; court papers stay in English).
    `settings` (None: those in force) choose the templates, clauses and maps the plan is made from."""
    with use(settings):
        return _plan_mapping(data, base_dir=base_dir, lang=lang)


def _plan_mapping(data: dict[str, Any], *, base_dir: Path, lang: str | None) -> Planned:
    if lang is not None:
        given = data.get("client")
        client: dict[str, Any] = given if isinstance(given, dict) else {}
        data = dict(data, client=dict(client, language=lang))
    spec, model = validate_answers(data, base_dir=base_dir)
    return Planned(
        kind=spec.name,
        plans=spec.planner(model),
        answers_digest=hashlib.sha256(model.model_dump_json().encode("utf-8")).hexdigest(),
        identifier_digests=identifier_digests(model, identifier_fields=spec.identifier_fields),
    )


def plan_answers(answers_file: Path, *, settings: Settings | None = None) -> tuple[str, list[PacketPlan], str]:
    """Validate and plan without writing anything (used by validate)."""
    planned = load_and_plan(answers_file, settings=settings)
    return planned.kind, planned.plans, planned.answers_digest


@contextlib.contextmanager
def private_files() -> Iterator[None]:
    """Everything written inside is readable by this user only (files 0600, folders 0700)."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


MAX_CONVERT_TIMEOUT = 3600


def convert_timeout(settings: Settings | None = None) -> float:
    """Seconds one LibreOffice call may take (LEGAL_DOCS_CONVERT_TIMEOUT, default 180)."""
    raw = (settings or current()).convert_timeout or "180"
    try:
        value = float(raw)
    except ValueError:
        raise InputError(_("LEGAL_DOCS_CONVERT_TIMEOUT must be a number of seconds")) from None
    # nan compares false with everything and inf never ends: both would switch the limit off
    if not math.isfinite(value) or not 0 < value <= MAX_CONVERT_TIMEOUT:
        raise InputError(
            _("LEGAL_DOCS_CONVERT_TIMEOUT must be a number of seconds between 1 and {max}").format(
                max=MAX_CONVERT_TIMEOUT)
        )
    return value


def generate(
    answers_file: Path,
    out_dir: Path,
    *,
    progress: Progress = lambda _: None,
    office: Office | None = None,
    lang: str | None = None,
    replace: bool = False,
    settings: Settings | None = None,
) -> GenerateResult:
    """Make every packet for an answers file under `settings` (None: those in force). Pass a
    started `Office` to overlap LibreOffice's start-up with everything before the conversion (the
    CLI starts one before its imports)."""
    with use(settings), private_files(), contextlib.ExitStack() as stack:
        if office is None:
            office = stack.enter_context(Office())
        return generate_planned(
            load_and_plan(answers_file, lang=lang), out_dir, progress=progress, office=office, replace=replace
        )


def generate_planned(
    planned: Planned, out_dir: Path, *, progress: Progress = lambda _: None, office: Office | None = None,
    replace: bool = False, settings: Settings | None = None,
) -> GenerateResult:
    """Make every packet of answers already validated and planned (see plan_mapping) under
    `settings` (None: those in force). A person's files in a packet folder to be replaced stop the
    run before anything is written, unless `replace` (then they are moved aside into a dated
    folder; see ownership.py)."""
    with use(settings), private_files(), contextlib.ExitStack() as stack:
        if office is None:
            office = stack.enter_context(Office())
        return _generate(planned, out_dir, progress=progress, office=office, replace=replace)


def _generate(
    planned: Planned, out_dir: Path, *, progress: Progress, office: Office, replace: bool = False
) -> GenerateResult:
    check_forms(planned.plans)  # a missing official PDF stops the run before anything is written
    out_dir = prepare_out_folder(out_dir)
    with output_lock(out_dir):
        return _generate_locked(planned, out_dir, progress=progress, office=office, replace=replace)


@contextlib.contextmanager
def output_lock(folder: Path) -> Iterator[None]:
    """One legal-docs run at a time writes into `folder` (a lock on the folder itself, released
    with the process even on kill -9). Holding it, the staging folders a killed run left behind
    (hidden, holding client Word files) are removed: no live run can own them."""
    import fcntl

    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                _("Another legal-docs run is writing into '{name}'; wait for it to finish").format(name=folder.name)
            ) from None
        remove_leftovers(folder)
        yield
    finally:
        os.close(fd)


def remove_leftovers(folder: Path) -> None:
    """The hidden staging and old-packet folders an interrupted generate or assemble left in `folder`."""
    for item in folder.iterdir():
        if (item.name.startswith(".") and (".staging-" in item.name or ".old-" in item.name)
                and item.is_dir() and not item.is_symlink()):
            shutil.rmtree(item, ignore_errors=True)


def _generate_locked(
    planned: Planned, out_dir: Path, *, progress: Progress, office: Office, replace: bool
) -> GenerateResult:
    if not replace:  # every packet folder checked before the first is written
        found = {out_dir / p.folder: foreign_files(out_dir / p.folder) for p in planned.plans if p.documents}
        found = {folder: names for folder, names in found.items() if names}
        if found:
            raise refusal(found, base=out_dir)
    result = GenerateResult(planned.kind, stale=stale_packets(out_dir, planned, replace=replace))
    converter_failure: ConverterError | None = None
    for plan in planned.plans:
        if not plan.documents:
            result.packets.append(PacketResult(plan, None))
            continue
        progress(ngettext("{county} County: writing {n} paper, converting and assembling",
                          "{county} County: writing {n} papers, converting and assembling",
                          len(plan.documents)).format(county=plan.court, n=len(plan.documents)))
        final, manifest, failure = make_packet(plan, out_dir, office, planned=planned, replace=replace)
        converter_failure = failure or converter_failure
        result.packets.append(PacketResult(plan, final, manifest))
    if converter_failure is not None:
        raise ConverterError(
            converter_failure.message,
            details=converter_failure.details
            + [_("The Word files were written; run `legal-docs assemble` on the output folder once LibreOffice "
                 "works.")],
        )
    return result


def stale_packets(out_dir: Path, planned: Planned, *, replace: bool) -> list[StalePacket]:
    """Packet folders of `planned.kind` in `out_dir`, the tool's own by their manifest, that these
    answers no longer make (a court whose offenses were all removed or are now left out). Left as
    they are, to be reported; with `replace` each is moved whole into the dated set-aside folder
    beside it. Nothing is deleted: the folder may hold a signed order or notes a person put there."""
    current = {plan.folder for plan in planned.plans if plan.documents}
    out: list[StalePacket] = []
    for child in sorted(out_dir.iterdir()):
        if (child.name.startswith(".") or child.name in current or child.is_symlink() or not child.is_dir()
                or not (child / MANIFEST).is_file()):
            continue
        try:
            manifest = read_manifest(child)
        except InputError:
            continue  # not a packet this version of the tool made: a person's folder, left alone
        if manifest.kind != planned.kind:
            continue  # another kind's packet shares the output folder
        stale = StalePacket(child.name, manifest.court or child.name)
        if replace:
            stale.set_aside = set_aside(child, ["."])
        out.append(stale)
    return out


def check_forms(plans: list[PacketPlan]) -> None:
    """The official forms these packets fill can be found (one error naming each that cannot)."""
    forms = [d.form for p in plans for d in p.documents if d.form]
    if forms:
        from .forms import require_forms

        require_forms(forms)


def make_packet(
    plan: PacketPlan,
    out_dir: Path,
    converter: Converter | None = None,
    *,
    planned: Planned,
    replace: bool = False,
) -> tuple[Path, Manifest, ConverterError | None]:
    """Make one packet of `planned` (a plan with documents) under `out_dir`, staged beside its
    final place and renamed into place whole, converting with `converter` (generate: its started
    Office; batch: its pool or service; None: a LibreOffice of its own). A conversion failure
    still installs the Word files (status docx-only) and is returned, not raised. Files in the
    old packet folder that the tool did not make raise InputError naming them, or with `replace`
    are set aside (ownership.claim)."""
    _import_pdf_library_aside()
    final = out_dir / plan.folder
    claim(final, replace=replace)
    staging = Path(tempfile.mkdtemp(dir=out_dir, prefix=f".{plan.folder}.staging-"))
    failure: ConverterError | None = None
    try:
        forms: list[DocumentPlan] = []  # filled while the Word files are converted
        manifest = _render_packet(
            plan, staging, answers_digest=planned.answers_digest, identifiers=planned.identifier_digests,
            forms=forms,
        )
        try:
            build_pdfs(staging, manifest, converter=converter,
                       meanwhile=lambda: _complete_forms(forms, staging, manifest))
        except ConverterError as exc:
            failure = exc
        claim(final, replace=replace)  # a file a person put there meanwhile is theirs too
        _install(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final, manifest, failure


def prepare_out_folder(out_dir: Path) -> Path:
    """`out_dir`, created if missing; InputError when it is a file, cannot be created or cannot be
    written (generate's packet folder, batch's output folder)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(_("The output path '{name}' exists and is not a folder").format(name=out_dir.name))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(_("The output folder '{name}' cannot be created ({reason})").format(
            name=out_dir.name, reason=exc.strerror or type(exc).__name__)) from None
    check_writable(out_dir)
    return out_dir


def check_writable(folder: Path) -> None:
    """InputError unless this user may read, create and remove files in `folder`."""
    if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        raise InputError(
            _("The folder '{name}' cannot be written (read-only or not yours): choose another output folder "
              "or change its permissions").format(name=folder.name)
        )


def _render_packet(
    plan: PacketPlan, folder: Path, *, answers_digest: str, identifiers: list[str],
    forms: list[DocumentPlan] | None = None,
) -> Manifest:
    """Write the packet's Word files (and exhibit copies) and its first manifest. The official forms
    are filled here too, unless a `forms` list is given: then their places in the manifest are held,
    they are added to `forms`, and make_packet fills them (_complete_forms) while LibreOffice converts
    the Word files, so the two share the machine instead of taking turns."""
    templates: dict[str, str] = {}
    clause_ids: set[str] = set()
    documents: list[Document] = []
    form_docs = [doc for doc in plan.documents if doc.form]
    if forms is None:
        filled = _fill_forms(form_docs, folder)
    else:
        forms.extend(form_docs)
        filled = {}
    for doc in plan.documents:
        if doc.form:  # an official form: filled straight to PDF, no LibreOffice
            documents.append(filled.get(doc.key) or _form_entry(doc))
            continue
        tpl = template_path(doc.template, kind=plan.kind)
        templates[doc.template] = sha256_file(tpl)
        clause_ids.update(doc.clauses)
        render_docx(tpl, doc.context, folder / f"{doc.filename}.docx", title=doc.title)
        documents.append(Document(
            key=doc.key, title=doc.title, docx=f"{doc.filename}.docx", pdf=f"{doc.filename}.pdf",
            serve=doc.serve, in_packet=doc.in_packet, clauses=list(doc.clauses), handling=doc.handling))
    exhibits: list[Exhibit] = []
    if plan.exhibits:
        (folder / "exhibits").mkdir()
    for ex in plan.exhibits:
        tpl = template_path(ex.cover.template, kind=plan.kind)
        templates[ex.cover.template] = sha256_file(tpl)
        cover = f"{ex.cover.filename}.docx"
        render_docx(tpl, ex.cover.context, folder / cover, title=ex.cover.title)
        target = f"exhibits/exhibit-{ex.letter.lower()}.pdf"
        copy_clean(Path(ex.source), folder / target)  # no metadata, attachments, scripts, comments
        exhibits.append(Exhibit(
            letter=ex.letter, title=ex.cover.title, cover_docx=cover, cover_pdf=cover.removesuffix(".docx") + ".pdf",
            pdf=target, source_sha256=sha256_file(Path(ex.source))))
    manifest = new_manifest(
        plan,
        inputs=Inputs(
            answers_sha256=answers_digest,
            templates=templates,
            clauses=clause_hashes(sorted(clause_ids)),
            identifier_digests=identifiers,
        ),
    )
    for d in documents:
        if d.docx is not None:
            d.sha256 = Hashes(docx=sha256_file(folder / d.docx), pdf=None)
    manifest.documents = documents
    manifest.exhibits = exhibits
    manifest.status = "docx-only"
    # what the tool wrote, as it wrote it: a Word file keeps this hash, so an edit shows (ownership.py)
    record(folder, manifest, [d.docx or d.pdf for d in documents if d.docx or d.form]
           + [n for e in exhibits for n in (e.cover_docx, e.pdf)])
    write_manifest(folder, manifest)
    return manifest


def _fill_forms(forms: list[DocumentPlan], folder: Path) -> dict[str, Document]:
    """Fill `forms`; their manifest entries by document key. A form attached to another (DV-101 to
    DV-100) is filled first: its pages are counted on the form it is attached to (DV-100 item 32,
    the number of extra pages attached)."""
    filled = {doc.key: _fill_form_document(doc, folder) for doc in forms if doc.attached_to}
    for doc in forms:
        if doc.key not in filled:
            pages = sum(_form_of(filled[d.key]).pages for d in forms if d.key in filled and d.attached_to == doc.key)
            filled[doc.key] = _fill_form_document(doc, folder, attached_pages=pages)
    return filled


def _form_of(entry: Document) -> FilledForm:
    assert entry.form is not None  # a filled form's entry
    return entry.form


def _complete_forms(forms: list[DocumentPlan], folder: Path, manifest: Manifest) -> None:
    """Fill the forms _render_packet held places for, record them and rewrite the manifest (a
    conversion that then fails still leaves a whole docx-only packet)."""
    if not forms:
        return
    import_first("pikepdf")  # the conversion thread may be importing it too (convert.import_first)
    filled = _fill_forms(forms, folder)
    documents = manifest.documents  # the list build_pdfs holds: changed in place
    for i, entry in enumerate(documents):
        if entry.docx is None and entry.key in filled:
            documents[i] = filled[entry.key]
    record(folder, manifest, [entry.pdf for entry in filled.values()])
    write_manifest(folder, manifest)


def _form_entry(doc: DocumentPlan) -> Document:
    """A form's manifest entry while it waits to be filled."""
    return Document(key=doc.key, title=doc.title, docx=None, pdf=f"{doc.filename}.pdf", serve=doc.serve,
                    in_packet=doc.in_packet, clauses=[], confidential=doc.confidential, handling=doc.handling, form=None,
                    sha256=Hashes(docx=None, pdf=None))


def _fill_form_document(doc: DocumentPlan, folder: Path, *, attached_pages: int = 0) -> Document:
    """Fill an official form (found by sha256: the user's forms folder, else the shipped copy) to PDF.
    Its fields are named under the document's file name, unique within the packet."""
    from .forms import fill_form, find_form, map_digest

    _spec, rev, _blank = find_form(doc.form)  # found by its sha256: rev.sha256 is the file's
    pdf = f"{doc.filename}.pdf"
    # filled, titled and scrubbed in one pass; assemble keeps this file as it is
    filled = fill_form(doc.form, doc.context["form_answers"], out=folder / pdf, instance=doc.filename,
                       title=doc.title, attached_pages=attached_pages)
    return Document(
        key=doc.key, title=doc.title, docx=None, pdf=pdf, serve=doc.serve, in_packet=doc.in_packet, clauses=[],
        confidential=doc.confidential, handling=doc.handling,
        form=FilledForm(id=filled.form_id, revision=filled.revision, sha256=rev.sha256, map_sha256=map_digest(rev),
                        attachment_pages=filled.attachment_pages, pages=filled.pages),
        sha256=Hashes(docx=None, pdf=sha256_file(folder / pdf)),
    )


def build_pdfs(
    folder: Path, manifest: Manifest, *, converter: Converter | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> None:
    """Convert the folder's DOCX files with `converter` (None: a LibreOffice of its own), then
    merge the packet. `meanwhile` runs in this thread while the conversion runs in another (its
    error, else the conversion's, is raised once both have ended); the filled forms' texts are read
    there too, for the identifier scan."""
    from .packet import PacketPart, build_packet, read_exhibit, scrub_pdf_metadata

    docs = manifest.documents  # `meanwhile` puts the filled forms' entries in this list
    exhibits = manifest.exhibits
    # one LibreOffice process for every paper and exhibit cover of the packet
    # (an official form was filled to PDF already: nothing to convert)
    written = [(d, d.docx) for d in docs if d.docx is not None]
    sources = [folder / docx for _d, docx in written] + [folder / e.cover_docx for e in exhibits]
    timeout = convert_timeout()

    def convert() -> None:
        if sources:  # none: forms only, no exhibits
            (converter or Office()).convert(sources, outdir=folder, timeout=timeout)

    form_texts: list[tuple[str, str]] = []
    docx_texts: list[tuple[str, str]] = []

    def fill_and_read_forms() -> None:
        if meanwhile is not None:
            meanwhile()
        # While LibreOffice converts: the Word files' texts for the identifier scan, and the PDF
        # library the checks after the conversion use (the conversion thread may import it too).
        docx_texts.extend((docx, docx_plain_text(folder / docx)) for _d, docx in written)
        import_first("pikepdf")
        forms = [d for d in docs if d.docx is None]  # filled by now
        form_texts.extend((d.pdf, form_plain_text(folder / d.pdf, attachment_pages=_form_of(d).attachment_pages))
                          for d in forms)
        if forms_only:  # the packets need nothing LibreOffice makes: merged while it converts
            merge()

    def merge() -> None:
        parts = []  # packet.pdf: every paper filed with the court
        served = []  # service-packet.pdf: only what is served (not CLETS-001, not a confidential attachment)
        for d in docs:
            if d.in_packet:
                parts.append(PacketPart(title=d.title, pdfs=[folder / d.pdf]))
                if d.serve:
                    served.append(parts[-1])
        for e in exhibits:  # exhibits are served with the papers they support
            parts.append(PacketPart(title=e.title, pdfs=[folder / e.cover_pdf, folder / e.pdf]))
            served.append(parts[-1])
        pages = build_packet(parts, out=folder / PACKET_PDF, title=manifest.title)
        manifest.packet = PacketFile(pdf=PACKET_PDF, pages=pages, sha256=sha256_file(folder / PACKET_PDF))
        manifest.service_packet = None
        if served:
            pages = build_packet(served, out=folder / SERVICE_PACKET_PDF, title=f"{manifest.title}: service copy")
            manifest.service_packet = PacketFile(
                pdf=SERVICE_PACKET_PDF, pages=pages, sha256=sha256_file(folder / SERVICE_PACKET_PDF))

    forms_only = (any(d.docx is None for d in docs) and not exhibits
                  and all(d.docx is None for d in docs if d.in_packet))

    _alongside(convert, fill_and_read_forms)  # forms filled, every text read while LibreOffice converts
    check_output_texts(
        docx_texts
        + form_texts
        + [(_("exhibit {letter}, page {n}").format(letter=e.letter, n=n), text)
           for e in exhibits for n, text in page_texts(folder / e.pdf)],
        allowed=manifest.inputs.identifier_digests,
    )
    for d, docx in written:  # a filled form was scrubbed when it was filled
        scrub_pdf_metadata(folder / d.pdf, title=d.title)
        d.sha256 = Hashes(docx=sha256_file(folder / docx), pdf=sha256_file(folder / d.pdf))
    for e in exhibits:
        scrub_pdf_metadata(folder / e.cover_pdf, title=e.title)
        e.pages = read_exhibit(folder / e.pdf)
        e.sha256 = sha256_file(folder / e.pdf)
    if not forms_only:
        merge()
    served = manifest.service_packet is not None
    if manifest.files is None:  # a packet made before manifests recorded their files: the Word files as found
        record(folder, manifest, [d.docx or d.pdf for d in docs] + [n for e in exhibits
                                                                    for n in (e.cover_docx, e.pdf)])
    record(folder, manifest, [d.pdf for d in docs if d.docx is not None] + [e.cover_pdf for e in exhibits]
           + [PACKET_PDF] + ([SERVICE_PACKET_PDF] if served else []))
    manifest.status = "complete"
    write_manifest(folder, manifest)


def _import_pdf_library_aside() -> None:
    """Import qpdf's binding (pikepdf) in a thread of its own while the packet is rendered. Python
    handles Ctrl-C and SIGTERM in the main thread only, and a KeyboardInterrupt raised there while
    pikepdf's C++ module is being set up can abort the process ("Critical nanobind error"): 3 of 20
    SIGTERMs mid-conversion ended so (exit -6, or -2 after the cleanup), 0 of 50 with this import
    moved aside; the staging folder with the client's papers may then be left behind. A
    thread that needs pikepdf first then waits for this import (convert.import_first's lock, or
    Python's own import lock), which an interrupt leaves cleanly."""
    import sys
    import threading

    if "pikepdf" not in sys.modules:
        threading.Thread(target=import_first, args=("pikepdf",), name="legal-docs-import", daemon=True).start()


def import_pdf_libraries() -> None:
    """Import the libraries the stages import lazily, before a batch's threads share the work (see
    convert.import_first; generate's two threads import through it instead)."""
    import_first("docxtpl", "pikepdf", "pypdf", "pypdf._codecs.core_font_metrics", "fpdf")


def _alongside(background: Callable[[], None], foreground: Callable[[], None]) -> None:
    """Run `background` in a thread while `foreground` runs here; wait for both, then raise the first
    error (the foreground's before the background's). A daemon thread: an interrupt here is not held
    up by a conversion (the caller's LibreOffice is stopped on the way out, which ends it). The thread
    starts before anything else, so the conversion never waits for Python; both sides make their first
    imports of the PDF libraries through convert.import_first."""
    import threading

    from .settings import in_context

    failure: list[BaseException] = []

    def run() -> None:
        try:
            background()
        except BaseException as exc:  # handed to the waiting thread
            failure.append(exc)

    thread = threading.Thread(target=in_context(run), name="legal-docs-convert", daemon=True)
    thread.start()  # first: LibreOffice starts converting at once
    foreground()
    thread.join()
    if failure:
        raise failure[0]


def docx_plain_text(path: Path) -> str:
    """Every paragraph's text of a DOCX (body, headers, footers, notes), one paragraph a line."""
    from .docx_text import plain_text

    return plain_text(path)


def form_plain_text(path: Path, *, attachment_pages: int | None = None) -> str:
    """What a filled form says that came from the answers: every field's value and the text of its
    attachment pages (the last ``attachment_pages`` pages; every page's text when None). The form's
    own printed pages are the Judicial Council's words: reading them back costs seconds a packet."""
    import pikepdf

    values = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            for annot in page.obj.get("/Annots") or []:
                node = annot
                while node is not None and "/V" not in node:
                    node = node.get("/Parent")
                if node is not None and annot.get("/Subtype") == "/Widget":
                    values.append(str(node.V))
        first = 0 if attachment_pages is None else len(pdf.pages) - attachment_pages
        pages = len(pdf.pages)
    attached = pdf_plain_text(path, first=first) if first < pages else ""  # no attachment: not parsed again
    return "\n".join([attached, *dict.fromkeys(values)])


def pdf_plain_text(path: Path, *, first: int = 0) -> str:
    """The text of every page from page index ``first`` on."""
    import_first("pypdf")  # see convert.import_first
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            reader.decrypt("")
        return "\n".join(page.extract_text() or "" for page in reader.pages[first:])
    except Exception:  # an exhibit whose text cannot be read is scanned as empty (images)
        return ""


def _install(staging: Path, final: Path) -> None:
    """Swap a whole staged folder into place; the old one is removed only after the swap."""
    old: Path | None = None
    if final.exists():
        old = Path(tempfile.mkdtemp(dir=final.parent, prefix=f".{final.name}.old-"))
        final.rename(old / "packet")
    staging.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _make_private(folder: Path) -> None:
    """Files 0600 and folders 0700 (a copy keeps the modes it found; links are left alone)."""
    os.chmod(folder, 0o700)
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            if not path.is_symlink():
                os.chmod(path, 0o700 if path.is_dir() else 0o600)


def packet_folders(out_dir: Path) -> list[Path]:
    """The packet folders under an output folder (or the folder itself if it is one)."""
    if not out_dir.is_dir():
        raise InputError(_("No such output folder: '{folder}'").format(folder=out_dir.name))
    if (out_dir / MANIFEST).is_file():
        return [out_dir]
    found = sorted(p.parent for p in out_dir.glob(f"*/{MANIFEST}") if not p.parent.name.startswith("."))
    if not found:
        raise InputError(_("No packets (folders with {manifest}) in '{folder}'").format(
            manifest=MANIFEST, folder=out_dir.name))
    return found


@dataclass
class RenumberedPaper:
    docx: str
    changes: list[tuple[int, int]]  # (number found, number now)
    references: bool  # the paper refers to paragraphs by number somewhere


@dataclass
class Edits:
    """What `assemble` found: the Word files edited since `generate`, and the papers renumbered."""

    edited: list[str] = field(default_factory=list)
    renumbered: list[RenumberedPaper] = field(default_factory=list)


@dataclass
class Assembled:
    folder: Path
    manifest: Manifest
    edits: Edits


def assemble(
    out_dir: Path, *, progress: Progress = lambda _: None, office: Office | None = None,
    settings: Settings | None = None,
) -> list[Assembled]:
    """Rebuild every PDF, packet.pdf and service-packet.pdf from the (possibly edited) Word files,
    under `settings` (None: those in force)."""
    with use(settings), private_files(), contextlib.ExitStack() as stack:
        if office is None:
            office = stack.enter_context(Office())
        return _assemble(out_dir, progress=progress, office=office)


def _assemble(out_dir: Path, *, progress: Progress, office: Office) -> list[Assembled]:
    results = []
    folders = packet_folders(out_dir)
    with contextlib.ExitStack() as locks:
        for parent in sorted({f.parent for f in folders}):
            check_writable(parent)
            locks.enter_context(output_lock(parent))
        for folder in folders:
            results.append(_assemble_one(folder, progress=progress, office=office))
    return results


def _assemble_one(folder: Path, *, progress: Progress, office: Office) -> Assembled:
    manifest = read_manifest(folder)
    check_manifest_names(folder, manifest)  # a manifest changed by hand never points outside
    check_writable(folder.parent)
    # a filled official form has no Word file: its PDF is kept as it is
    sources = [d.docx or d.pdf for d in manifest.documents]
    missing = [name for name in sources if not member(folder, name).is_file()]
    missing += [e.pdf for e in manifest.exhibits if not member(folder, e.pdf).is_file()]
    if missing:
        raise InputError(_("Packet folder '{folder}' is missing: {names}").format(
            folder=folder.name, names=", ".join(missing)))
    for name in sources:
        if name.endswith(".docx"):
            check_docx(member(folder, name))  # a damaged or oversized Word file is named, exit 2
    progress(_("{folder}: converting to PDF and assembling the packet").format(folder=folder.name))
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.staging-"))
    try:
        # links are copied as links (never followed); a person's other files stay where they are
        shutil.copytree(folder, staging, symlinks=True, dirs_exist_ok=True)
        _make_private(staging)
        stale_pdfs = [d.pdf for d in manifest.documents if d.docx is not None]
        stale_pdfs += [e.cover_pdf for e in manifest.exhibits]
        for stale in stale_pdfs + [PACKET_PDF, SERVICE_PACKET_PDF]:
            member(staging, stale).unlink(missing_ok=True)
        edits = _edits(folder, staging, manifest)
        build_pdfs(staging, manifest, converter=office)
        _install(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Assembled(folder, manifest, edits)


def _edits(folder: Path, staging: Path, manifest: Manifest) -> Edits:
    """What `assemble` reports: the Word files changed since `generate` made them (their hash then
    is in the manifest's record of the files it wrote), and the numbered paragraphs renumbered in
    the staging copies (renumber.py), with whether the paper refers to paragraphs by number."""
    from .renumber import renumber

    made = manifest.files or {}
    out = Edits()
    for d in manifest.documents:
        name = d.docx
        if not name:
            continue
        if made.get(name) and sha256_file(member(folder, name)) != made[name]:
            out.edited.append(name)
        result = renumber(member(staging, name))
        if result.changes:
            out.renumbered.append(RenumberedPaper(name, result.changes, result.references))
    return out
