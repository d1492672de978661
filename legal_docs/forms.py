"""Official Judicial Council forms, filled: the official PDF plus a field map kept as data.

A field map is ``form_templates/forms/<form-id>.yaml``: the form's id, title, whether it is served
on the other party, and for each revision the PDF's sha256 and a list of entries from answer paths
(dotted, e.g. ``protected.name``) to field names. The official PDFs the tool has maps for ship inside
the package (``legal_docs/data/forms/``, byte for byte as the Judicial Council publishes them). A
forms folder the user sets (``--forms-dir`` or ``$LEGAL_DOCS_FORMS_DIR``) is searched first, so a
revision published after a release can be used the day it appears; every PDF is recognised by its
sha256, so a new revision is a new map entry, never a silent mis-fill.

Filling (see :func:`fill_form`) handles the Judicial Council's LiveCycle hybrids: empty-password
encryption, the XFA copy (deleted, or Acrobat shows stale XFA data), usage rights (/Perms, deleted:
any edit breaks its signature), checkbox on-values read from each widget, appearance streams so
values show without a click, field names made unique per form instance, and text too long for its
box continued on MC-025 attachment pages with "See attachment" in the field.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from . import settings
from .errors import InputError, Problem
from .i18n import _, ngettext
from .resources import load_yaml, per_resources, sha256_file, shipped_forms_root, template_files, templates_root

if TYPE_CHECKING:
    from .field_fonts import FieldFonts
    from .form_attachment import Item


__all__ = [
    "FORMS_DIR_ENV",
    "DOWNLOAD_URL",
    "FieldEntry",
    "FilledForm",
    "FoundForm",
    "FormSpec",
    "Revision",
    "fill_form",
    "find_form",
    "form_presence",
    "form_specs",
    "chosen_forms_dir",
    "forms_dir",
    "set_forms_dir",
    "get_form",
    "locate_form",
    "map_digest",
    "require_forms",
]

FORMS_DIR_ENV = "LEGAL_DOCS_FORMS_DIR"
DOWNLOAD_URL = "https://courts.ca.gov/rules-forms/find-your-court-forms"
SEE_ATTACHMENT = "See attachment"
LINE_HEIGHT_EM = 1.15
_AUTO_FONT_SIZE = 9.0  # what viewers typically use for a "0 Tf" (auto) multi-line field


@dataclass(frozen=True)
class FieldEntry:
    """One answer -> one PDF field. A checkbox entry is ticked when the answer is truthy, or, with
    ``equals``, when the answer equals that value (several boxes can read one answer)."""

    answer: str
    field: str
    kind: str  # "text" | "checkbox"
    on: str | None = None  # the checkbox's on-state as the map author read it (checked at fill)
    equals: Any = None
    label: str = ""  # how the attachment page names the item ("Item 5d: describe harm")
    # the form's "Check here if there is not enough space" box beside a text field: ticked when the
    # text goes to an attachment page, which then carries the title the box's words ask for
    more_space: str = ""
    # the attachment's title the form asks for in its printed words, when its box's tooltip does not
    # say "write ..." (POS-040 item 4: "Attachment to Proof of Service—Civil (Documents Served)")
    title: str = ""


@dataclass(frozen=True)
class Revision:
    revision: str
    sha256: str
    file: str  # the file name the Judicial Council publishes it under (e.g. dv100.pdf)
    entries: tuple[FieldEntry, ...]
    # The fields the court completes (a name, or a prefix ending in "." for every field under it):
    # no entry may write one (checked when the map loads), so the filler never fills them.
    court: tuple[str, ...] = ()
    # pages the form itself says are not part of it and are neither served nor filed (POS-040's page 3,
    # an information sheet): left out of the filled copy, so attachment pages follow the form's last page
    info_pages: tuple[int, ...] = ()

    def is_court_field(self, name: str) -> bool:
        return any(name == c or (c.endswith(".") and name.startswith(c)) for c in self.court)


@dataclass(frozen=True)
class FormSpec:
    id: str
    title: str
    serve: bool
    revisions: tuple[Revision, ...]
    covers: str = ""
    # handed to the court on its own and never placed in the court file (CLETS-001): kept out of
    # packet.pdf and service-packet.pdf whatever packet.yaml says
    confidential: bool = False
    answers: str = ""  # the form answers it reads (facts["form_answers"][answers]; a kind's model)

    def revision_by_sha(self, digest: str) -> Revision | None:
        return next((r for r in self.revisions if r.sha256 == digest), None)


@dataclass(frozen=True)
class FilledForm:
    form_id: str
    revision: str
    path: Path
    pages: int  # including attachment pages
    attachment_pages: int
    serve: bool


# ---------------------------------------------------------------------------- maps


def _map_files() -> dict[str, Path]:
    """forms/*.yaml by file name: a clinic's template folder first, then the built-ins."""
    return {Path(rel).name: path for rel, path in template_files("forms/*.yaml").items()}


@per_resources
def form_specs() -> dict[str, FormSpec]:
    """Every form the tool has a field map for, by id (upper case, e.g. ``DV-100``). Each map's
    answer paths are checked against the form answers it names: one InputError (exit 2) lists
    every problem of every map, by file and line."""
    from .form_paths import check_map

    specs = {}
    problems: list[Problem] = []
    for path in _map_files().values():
        label = _map_label(path)
        data = load_yaml(path)
        try:
            spec = _parse_spec(data, label)
        except InputError as exc:  # this map is malformed: the others are still checked
            problems += exc.problems
            continue
        problems += check_map(data, path, label)
        problems += _court_problems(spec, label)
        specs[spec.id] = spec
    if problems:
        raise InputError(ngettext("{n} problem in the official forms' field maps.",
                                  "{n} problems in the official forms' field maps.", len(problems)).format(
            n=len(problems)), problems=problems)
    return dict(sorted(specs.items()))


def _map_label(path: Path) -> str:
    builtin = templates_root() / "forms"
    if path.parent == builtin:
        return f"form_templates/forms/{path.name}"
    return f"{path.parents[2].name}/form_templates/forms/{path.name}"  # the clinic's template folder


def _court_problems(spec: FormSpec, label: str) -> list[Problem]:
    return [Problem((), label, _("{field} is completed by the court (the map's `court:` list); no answer may fill "
                                 "it").format(field=entry.field), name=entry.field,
                    fix=_("remove the entry: the court fills this field"))
            for rev in spec.revisions for entry in rev.entries if rev.is_court_field(entry.field)]


def get_form(form_id: str) -> FormSpec:
    specs = form_specs()
    key = form_id.strip().upper()
    if key not in specs:
        raise InputError(_("No field map for form '{form}'.").format(form=form_id),
                         details=[_("Known forms: {forms}").format(forms=", ".join(specs))])
    return specs[key]


def _parse_spec(data: Any, source: str) -> FormSpec:
    def bad(why: str) -> InputError:  # exit 2 naming the map: nothing is filled from a broken one
        return InputError(_("Form map {map}: {why}").format(map=source, why=why), problems=[Problem((), source, why)])

    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise bad(_("expected a mapping with schema_version: 1"))
    try:
        revisions = []
        for rev in data["revisions"]:
            entries = []
            for e in rev["fields"]:
                if "checkbox" in e:
                    entries.append(FieldEntry(answer=e["answer"], field=e["checkbox"], kind="checkbox",
                                              on=e.get("on"), equals=e.get("equals")))
                elif "attach" in e:  # text that has no box: on an attachment page, the form's box ticked
                    entries.append(FieldEntry(answer=e["answer"], field=e["attach"], kind="attach",
                                              on=e.get("on"), label=e.get("label", "")))
                else:
                    entries.append(FieldEntry(answer=e["answer"], field=e["text"], kind="text",
                                              label=e.get("label", ""), more_space=e.get("more_space", ""),
                                              title=e.get("title", "")))
            revisions.append(Revision(revision=str(rev["revision"]), sha256=str(rev["sha256"]).lower(),
                                      file=str(rev["file"]), entries=tuple(entries),
                                      court=tuple(str(c) for c in rev.get("court") or ()),
                                      info_pages=tuple(int(n) for n in rev.get("info_pages") or ())))
        return FormSpec(id=str(data["id"]).upper(), title=str(data["title"]), serve=bool(data["serve"]),
                        revisions=tuple(revisions), covers=str(data.get("covers", "")),
                        confidential=bool(data.get("confidential", False)),
                        answers=str(data.get("answers", "")))
    except (KeyError, TypeError) as exc:
        raise bad(_("missing or malformed {key}").format(key=exc)) from None


# ---------------------------------------------------------------------------- finding the PDF


def set_forms_dir(folder: Path | None) -> None:
    """Use `folder` from now on in this command (the interview's remembered forms folder): the
    settings in force with it (settings.choose)."""
    settings.choose(forms_dir=folder)


def chosen_forms_dir() -> Path | None:
    """The forms folder the user set (--forms-dir, else $LEGAL_DOCS_FORMS_DIR), or None."""
    return settings.current().forms_dir


class MissingFormsFolder(InputError):
    """The forms folder named does not exist: one cause for every form (callers tell it by type)."""


def forms_dir(folder: Path | None = None) -> Path | None:
    """The user's forms folder, searched before the shipped copies: ``folder`` if given, else the
    global --forms-dir, else ``$LEGAL_DOCS_FORMS_DIR``; None when none is set."""
    folder = folder or settings.current().forms_dir
    if folder is None:
        return None
    if not folder.is_dir():
        raise MissingFormsFolder(_("Forms folder '{folder}' does not exist.").format(folder=folder),
                                 details=[_("The official forms ship with the tool: a forms folder ({variable} or "
                                            "--forms-dir) is only needed for a revision published after this "
                                            "release.").format(variable=FORMS_DIR_ENV)])
    return folder


def _pdfs(folder: Path) -> list[tuple[str, Path]]:
    """(sha256, file) for every PDF directly in ``folder``, by file name."""
    out: list[tuple[str, Path]] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() == ".pdf" and path.is_file():
            stat = path.stat()
            out.append((_cached_sha(path, stat.st_mtime_ns, stat.st_size), path))
    return out


@lru_cache(maxsize=256)
def _cached_sha(path: Path, _mtime: int, _size: int) -> str:
    return sha256_file(path)


def _looks_like(spec: FormSpec, path: Path) -> bool:
    """A file named like the form (dv100.pdf, DV-100_2026.pdf, dv130-2026.pdf), not like another
    form whose number merely starts the same (dv1000.pdf)."""
    letters, _, number = spec.id.lower().partition("-")
    return re.match(rf"{re.escape(letters)}[-_ ]?{re.escape(number)}(?![0-9])", path.stem.lower()) is not None


@dataclass(frozen=True)
class FoundForm:
    spec: FormSpec
    revision: Revision
    path: Path
    source: str  # "folder" (the user's forms folder) or "shipped" (the copy inside the package)


def _shipped(spec: FormSpec) -> tuple[Revision, Path] | None:
    """The first revision in the map's order whose PDF ships with the tool (checked by sha256)."""
    root = shipped_forms_root()
    for rev in spec.revisions:
        path = root / rev.file
        if path.is_file():
            stat = path.stat()
            if _cached_sha(path, stat.st_mtime_ns, stat.st_size) == rev.sha256:
                return rev, path
    return None


def _download(spec: FormSpec) -> str:
    known = ", ".join(r.revision for r in spec.revisions)
    return _("Download {form} ({title}, revision {revisions}) from the Judicial Council ({url}).").format(
        form=spec.id, title=spec.title, revisions=known, url=DOWNLOAD_URL)


def locate_form(form_id: str, folder: Path | None = None) -> FoundForm:
    """The form's map, revision and PDF: a known revision in the user's forms folder first (by
    sha256, in the map's order of revisions), else the copy shipped with the tool.

    A PDF in the folder named like the form whose revision the tool has no map for is an
    InputError naming the revisions it knows: the user put it there to be used, so the tool does
    not quietly fill an older shipped copy instead."""
    spec = get_form(form_id)
    chosen = forms_dir(folder)
    if chosen is not None:
        pdfs = _pdfs(chosen)
        for rev in spec.revisions:
            match = next((path for digest, path in pdfs if digest == rev.sha256), None)
            if match is not None:
                return FoundForm(spec, rev, match, "folder")
        other = [path for _digest, path in pdfs if _looks_like(spec, path)]
        if other:
            known = ", ".join(r.revision for r in spec.revisions)
            raise InputError(
                _("'{name}' in the forms folder is a revision of {form} the tool has no field map for.").format(
                    name=other[0].name, form=spec.id),
                details=[ngettext("Known revision of {form}: {revisions}.", "Known revisions of {form}: {revisions}.",
                                  len(spec.revisions)).format(form=spec.id, revisions=known),
                         _("Remove it from the forms folder to use the copy shipped with the tool, or add its "
                           "revision to {map} (tools/read_form_fields.py lists its fields).").format(
                             map=f"form_templates/forms/{spec.id.lower()}.yaml")],
            )
    shipped = _shipped(spec)
    if shipped is not None:
        return FoundForm(spec, shipped[0], shipped[1], "shipped")
    if chosen is not None:
        said = _("Form {form} does not ship with the tool nor in the forms folder '{folder}'.").format(
            form=spec.id, folder=chosen.name)
    else:
        said = _("Form {form} does not ship with the tool.").format(form=spec.id)
    raise InputError(said, details=[_download(spec) + " " + _(
        "Put it in a folder and pass it with --forms-dir or {variable}.").format(variable=FORMS_DIR_ENV)])


def find_form(form_id: str, folder: Path | None = None) -> tuple[FormSpec, Revision, Path]:
    """The form's map, the revision found and its PDF (see :func:`locate_form`)."""
    found = locate_form(form_id, folder)
    return found.spec, found.revision, found.path


def require_forms(form_ids: Iterable[str], folder: Path | None = None) -> None:
    """Every form in ``form_ids`` can be found, or one InputError naming each that cannot (the
    packets check this before anything is written)."""
    problems: list[InputError] = []
    for form_id in sorted(set(form_ids)):
        try:
            locate_form(form_id, folder)
        except MissingFormsFolder:
            raise  # one cause for every form
        except InputError as exc:
            problems.append(exc)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise InputError(_("{n} official forms the packet fills cannot be used.").format(n=len(problems)),
                         details=[line for p in problems for line in (p.message, *p.details[:1])])


def form_presence(folder: Path | None = None) -> list[tuple[FormSpec, FoundForm | None, str]]:
    """Each known form with where it would be filled from (None and the reason when it cannot be)."""
    out: list[tuple[FormSpec, FoundForm | None, str]] = []
    forms_dir(folder)  # a folder that does not exist is one error, not one per form
    for spec in form_specs().values():
        try:
            out.append((spec, locate_form(spec.id, folder), ""))
        except InputError as exc:
            out.append((spec, None, exc.message))
    return out


# ---------------------------------------------------------------------------- filling


def map_digest(rev: Revision) -> str:
    """A digest of one revision's field map (what a filled copy depends on besides the blank PDF),
    with the MC-025 that text too long for a box continues on (its PDF and map): a new attachment
    form remakes a batch's packets as a new map would."""
    import hashlib

    from .form_attachment import ATTACHMENT_FORM

    digest = hashlib.sha256(repr(rev.entries).encode("utf-8"))
    try:
        _spec, attachment, _path = find_form(ATTACHMENT_FORM)
    except InputError:  # no MC-025: the form is filled without one until its text overflows
        return digest.hexdigest()
    if attachment is not rev:
        digest.update(f"{attachment.sha256}{attachment.entries!r}".encode("utf-8"))
    return digest.hexdigest()


def answer_value(answers: Mapping[str, Any], path: str) -> Any:
    """``a.b.0.c`` looked up in nested mappings and lists; None when any step is missing."""
    node: Any = answers
    for step in path.split("."):
        if isinstance(node, Mapping):
            node = node.get(step)
        elif isinstance(node, (list, tuple)) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            return None
        if node is None:
            return None
    return node


def fill_form(
    form_id: str,
    answers: Mapping[str, Any],
    *,
    out: Path,
    folder: Path | None = None,
    instance: str | None = None,
    flatten: bool = False,
    title: str | None = None,
    attached_pages: int | None = None,
) -> FilledForm:
    """Fill ``form_id`` from ``answers`` into ``out`` (attachment pages appended at the end).

    A map entry whose answer is ``attached_pages`` (DV-100 item 32, "number of extra pages
    attached") gets ``attached_pages`` (the pages of the forms attached to this one) plus this
    form's own attachment pages; it stays blank when there are none. The attachment pages carry the
    answers' ``short_title`` and ``case.number`` as their caption, and name each item by
    :func:`item_words`.

    Every field is renamed under one parent, ``instance`` (default: the form id), so several filled
    forms can share one packet PDF; give each copy of the same form its own ``instance``.
    ``flatten`` draws the values into the page content and removes the fields. The file's metadata
    is only ``title`` (default: the form's title) and the producer, as for every paper of a packet.

    The form is opened, filled and written once, with qpdf (pikepdf): the Judicial Council PDFs are
    large and encrypted, and copying them object by object in Python cost most of a packet's time.
    """
    import pikepdf

    from .form_attachment import attachment_pdf
    from .packet import _take_pages, apply_metadata, open_pdf, save_atomically

    spec, rev, blank = find_form(form_id, folder)
    with contextlib.ExitStack() as stack:  # qpdf reads the attachment's streams when it saves
        pdf = stack.enter_context(open_pdf(blank, noun=_("Form {form}").format(form=spec.id)))
        acroform = pdf.Root.AcroForm
        if "/XFA" in acroform:  # Acrobat would show the stale XFA copy instead of the fields
            del acroform["/XFA"]
        if "/Perms" in pdf.Root:  # usage rights: their signature breaks with any edit
            del pdf.Root["/Perms"]
        if rev.info_pages:
            _drop_pages(pdf, rev.info_pages)
        widgets = _widgets_by_name(pdf)
        for court in rev.court:  # the map's list of the court's fields names fields of this PDF
            if not any(name == court or (court.endswith(".") and name.startswith(court)) for name in widgets):
                raise InputError(_("Form map {form} {revision}: the court's field '{field}' is not in {file}").format(
                    form=spec.id, revision=rev.revision, field=court, file=blank.name))

        ruled = _Rules(pdf)  # a multi-line box's text sits on the form's printed rules
        fonts = _field_fonts(rev, answers, widgets)  # None: every text is WinAnsi
        # the value as given, the lines drawn, and the size drawn at (None: the field's own)
        text_values: dict[str, tuple[str, list[str], float | None]] = {}
        box_values: dict[str, str] = {}
        overflow: list[Item] = []

        def on_state(name: str, said: str | None) -> str:
            states = _on_states(widgets[name][0])
            if len(states) != 1 or (said and said != states[0]):
                raise InputError(_("Form map {form} {revision}: checkbox '{field}' has on-states {states}, the "
                                   "map says '{said}'").format(form=spec.id, revision=rev.revision, field=name,
                                                               states=states, said=said))
            return states[0]

        def attach(entry: FieldEntry, widget: Any, text: str, box: str) -> str:
            """Put ``text`` on an attachment page, ticking the form's box for it; the words the field
            then shows ("See Attachment 7a(3)" under the form's own title, else "See attachment 2")."""
            title = (form_title(widgets[box][0]) or entry.title) if box else ""
            if entry.kind == "attach":  # the box's words, else the map's (CLETS-001: "write Item 4")
                title = title or entry.label or item_words(entry, widget)
            if box:
                box_values[box] = on_state(box, entry.on if entry.kind == "attach" else None)
            if title:
                overflow.append((title, text, True))
                return "See " + title.split("\u2014")[0].strip()
            overflow.append((item_words(entry, widget), text))
            n = sum(1 for item in overflow if len(item) == 2)
            return f"{SEE_ATTACHMENT} {n}" if len(rev.entries) > 1 else SEE_ATTACHMENT

        for entry in rev.entries:
            for name in (entry.field, entry.more_space):
                if name and name not in widgets:
                    raise InputError(_("Form map {form} {revision}: no field '{field}' in {file}").format(
                        form=spec.id, revision=rev.revision, field=name, file=blank.name))
            if entry.answer == ATTACHED_PAGES:
                continue  # filled last, when this form's own attachment pages are counted
            value = answer_value(answers, entry.answer)
            widget = widgets[entry.field][0]
            if entry.kind == "checkbox":
                state = on_state(entry.field, entry.on)
                ticked = value == entry.equals if entry.equals is not None else bool(value)
                if ticked or entry.field not in box_values:
                    box_values[entry.field] = state if ticked else "/Off"
            elif entry.kind == "attach":
                if value is not None and value != "" and not isinstance(value, bool):
                    attach(entry, widget, _as_text(value), entry.field)
            elif value is not None and value != "" and not isinstance(value, bool):
                text = _as_text(value)
                size = None
                family = _font_family(widget)
                # text WinAnsi cannot show is measured in the fonts it will be drawn in
                measure = fonts.measure(family) if fonts and not _encodable(text) and fonts.usable(family) else None
                lines = field_lines(text, widget, rules=ruled.baselines(widget), measure=measure)
                if lines is None and (size := single_line_size(text, widget, measure=measure)) is not None:
                    lines = [text]  # a short box: the same words a little smaller
                if lines is None:
                    text = attach(entry, widget, text, entry.more_space)
                    lines = [text]
                    size = single_line_size(text, widget)
                    if size is None and not _multiline(widget):  # too narrow for the words: "Att. 2"
                        text = lines[0] = text.replace(SEE_ATTACHMENT, "Att.").replace("See Attachment", "Att.")
                        size = single_line_size(text, widget)
                text_values[entry.field] = (text, lines, size)

        attachment_pages = 0
        if overflow:
            attachment = stack.enter_context(pikepdf.open(io.BytesIO(attachment_pdf(
                form_id=spec.id, items=overflow, short_title=_as_text(answer_value(answers, "short_title") or ""),
                case_number=_as_text(answer_value(answers, "case.number") or "")))))
            attachment_pages = len(attachment.pages)
        extra = (attached_pages or 0) + attachment_pages
        for entry in rev.entries:  # the number of pages attached, known now (blank when none)
            if entry.answer == ATTACHED_PAGES and extra:
                text_values[entry.field] = (str(extra), [str(extra)], None)
        unshown = False  # some text WinAnsi cannot show was drawn in WinAnsi (no font found here)
        for name, (text, lines, size) in text_values.items():
            _set_value(widgets[name][0], pikepdf.String(text))
            for widget in widgets[name]:
                family = _font_family(widget)
                if fonts and not _encodable(text) and fonts.usable(family):
                    fonts.draw(widget, fonts.layout(acroform, widget, lines, family,
                                                    baselines=ruled.baselines(widget), size=size), family)
                else:
                    _draw_text(pdf, acroform, widget, lines, baselines=ruled.baselines(widget), size=size)
                    unshown = unshown or not _encodable(text)
        if fonts:
            fonts.finish(pdf, stack)
        for name, state in box_values.items():
            _tick(widgets[name], state)
        # Our appearances place multi-line text on the form's printed rules and show the letters
        # WinAnsi lacks in embedded fonts (field_fonts). A viewer that regenerates (NeedAppearances)
        # sets text at its own even pitch, across the rules, in the form's WinAnsi font (poppler then
        # drops "ễ" from "Nguyễn"), so it is asked to only when no font was found here to draw such
        # letters at all: then a viewer with its own fonts (Acrobat) is the only one that shows them.
        # A letter that only no installed font has (plan.unprintable_form_letters warns) is an empty
        # box in our appearance, and the rest of the text stays drawn as it is.
        acroform.NeedAppearances = not flatten and unshown
        if overflow:  # the MC-025 pages with their fields (named apart: MC-025-1, MC-025-2, ...)
            _take_pages(pdf, attachment)
            if flatten:
                acroform.NeedAppearances = False
        if flatten:
            pdf.flatten_annotations(mode="all")
            for page in pdf.pages:  # qpdf leaves the widgets it had nothing to draw for (empty fields)
                if "/Annots" in page.obj:
                    page.obj.Annots = pikepdf.Array(a for a in page.obj.Annots if a.get("/Subtype") != "/Widget")
            if "/AcroForm" in pdf.Root:
                del pdf.Root["/AcroForm"]
        else:
            _add_topname(pdf, instance or spec.id)
        apply_metadata(pdf, title=title or spec.title)
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        save_atomically(pdf, out)
        pages = len(pdf.pages)
    return FilledForm(form_id=spec.id, revision=rev.revision, path=out, pages=pages,
                      attachment_pages=attachment_pages, serve=spec.serve)


ATTACHED_PAGES = "attached_pages"


def _field_fonts(rev: Revision, answers: Mapping[str, Any], widgets: dict[str, list[Any]]) -> FieldFonts | None:
    """The embedded fonts for the form's text fields whose answers WinAnsi cannot show, told every
    such text up front, by the standard font of each widget it is drawn in; None when there is none."""
    from .field_fonts import FieldFonts

    texts: dict[str, list[str]] = {}
    for entry in rev.entries:
        value = answer_value(answers, entry.answer)
        if entry.kind != "text" or value is None or isinstance(value, bool) or _encodable(text := _as_text(value)):
            continue
        for widget in widgets.get(entry.field, []):
            texts.setdefault(_font_family(widget), []).append(text)
    return FieldFonts(texts) if texts else None
_ITEM = re.compile(r"\bList(\d+)\[", re.IGNORECASE)


def item_words(entry: FieldEntry, widget: Any) -> str:
    """How an attachment page names the item a text continues: the map's label, else the form's own
    words for the field (its tooltip, /TU) with the item number the field's place gives (``List5``
    is item 5 on the Judicial Council forms); never the answer's internal path."""
    if entry.label:
        return entry.label
    words = " ".join(str(inherited(widget, "/TU") or "").split()).rstrip(":")
    number = _ITEM.search(entry.field)
    item = f"item {int(number.group(1))}" if number else ""
    return ", ".join(x for x in (item, words) if x) or "a field of the form"


def _as_text(value: Any) -> str:
    if hasattr(value, "strftime"):
        return value.strftime("%m/%d/%Y")
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_text(v) for v in value)
    return str(value)


def _widgets_by_name(pdf: Any) -> dict[str, list[Any]]:
    """Fully qualified field name -> its widget annotations (a field can show on several pages)."""
    out: dict[str, list[Any]] = {}
    for page in pdf.pages:
        for annot in page.obj.get("/Annots") or []:
            if annot.get("/Subtype") == "/Widget":
                out.setdefault(field_name(annot), []).append(annot)
    return out


def _resolved(node: Any) -> Any:
    """pypdf hands out indirect references to resolve; pikepdf resolves them itself."""
    return node.get_object() if node is not None and hasattr(node, "get_object") else node


def field_name(annot: Any) -> str:
    """A widget's fully qualified field name (its /T and its parents', joined by dots)."""
    parts = []
    node: Any = annot
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        node = _resolved(node.get("/Parent"))
    return ".".join(reversed(parts))


def inherited(annot: Any, key: str) -> Any:
    """A field attribute (/FT, /DA, /Ff, ...) from the widget or the nearest parent that has it."""
    node: Any = annot
    while node is not None:
        if key in node:
            return node[key]
        node = _resolved(node.get("/Parent"))
    return None


def _on_states(widget: Any) -> list[str]:
    ap = widget.get("/AP")
    normal = ap.get("/N") if ap is not None else None
    if normal is None or getattr(normal, "is_stream", False) or hasattr(normal, "get_data"):
        return []  # no appearances, or a push button's single appearance
    return [str(k) for k in normal.keys() if k != "/Off"]


def _value_holder(widget: Any) -> Any:
    """The field dictionary of a widget: itself when it is named, else its parent."""
    return widget if "/T" in widget else widget.Parent


def _set_value(widget: Any, value: Any) -> None:
    _value_holder(widget).V = value


def _tick(widgets: list[Any], state: str) -> None:
    """A checkbox's value and each of its widgets' shown state (a widget without that on-state
    shows off)."""
    from pikepdf import Name

    _set_value(widgets[0], Name(state))
    for widget in widgets:
        widget.AS = Name(state if state == "/Off" or state in _on_states(widget) else "/Off")


def _font_size(widget: Any, *, auto: float = _AUTO_FONT_SIZE) -> float:
    """The field's font size from its /DA; ``auto`` for an auto-sized field (0 Tf)."""
    found = re.search(r"([\d.]+)\s+Tf", str(inherited(widget, "/DA") or ""))
    size = float(found.group(1)) if found else 0.0
    return size or auto


def _font_family(widget: Any) -> str:
    """The standard font whose widths stand for the field's font ("Times", "Courier" or "Helvetica")."""
    found = re.search(r"/(\S+)\s+[\d.]+\s+Tf", str(inherited(widget, "/DA") or ""))
    name = found.group(1).lower() if found else ""
    return "Times" if "times" in name else "Courier" if "cour" in name else "Helvetica"


_AFM = {"Times": "Times-Roman", "Helvetica": "Helvetica", "Courier": "Courier"}


@lru_cache(maxsize=4)
def _widths(family: str) -> dict[str, float]:
    """The standard font's advance widths (1/1000 em) by character, from Adobe's core-14 AFM metrics
    (data/core_font_widths.yaml, a copy of pypdf's: importing pypdf for them cost a quarter of a
    second of every packet with a form; fpdf2's copy, a third)."""
    from .resources import package_data

    return dict(load_yaml(package_data("core_font_widths.yaml"))[_AFM[family]])


@lru_cache(maxsize=20_000)
def _char_em(family: str, char: str) -> float:
    """A character's advance in em, from the standard font's metrics (a character the standard font
    cannot encode counts as a wide one)."""
    width = _widths(family).get(char) if char.encode(_WIN_ANSI, errors="ignore") else None
    return width / 1000 if width is not None else 0.75


def text_width(text: str, family: str, size: float) -> float:
    return sum(_char_em(family, c) for c in text) * size


def _measure(family: str, measure: Measure | None) -> Measure:
    """``measure``, else the standard ``family``'s widths."""
    return measure or (lambda text, size: text_width(text, family, size))


# A text's width in points at a size (the embedded fonts' measure for text WinAnsi cannot show)
Measure = Callable[[str, float], float]


def wrap_to_width(text: str, width: float | list[float], family: str, size: float, *,
                  measure: Measure | None = None) -> list[str]:
    """Greedy word wrap of ``text`` to ``width`` points (each given line break kept; a word wider
    than the line is broken between characters). ``width`` may be a list, one width per line (the
    last one for every line after it): a printed label can start the first ruled line of a box.
    Widths are the standard ``family``'s, or ``measure``'s when given."""
    widths = width if isinstance(width, list) else [width]
    out: list[str] = []
    text_width = _measure(family, measure)

    def room() -> float:
        return widths[min(len(out), len(widths) - 1)]

    for para in text.splitlines() or [""]:
        line = ""
        for word in para.split(" "):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size) <= room():
                line = candidate
                continue
            if line:
                out.append(line)
            line = ""
            for char in word:  # a word longer than the line
                if line and text_width(line + char, size) > room():
                    out.append(line)
                    line = ""
                line += char
        out.append(line)
    return out


def _box(widget: Any) -> tuple[float, float]:
    x0, y0, x1, y1 = (float(v) for v in cast(list, widget["/Rect"]))
    return abs(x1 - x0), abs(y1 - y0)


def _room(widget: Any, size: float) -> int:
    """How many lines of ``size`` points a multi-line box holds."""
    _width, height = _box(widget)
    return max(1, int((height - 2) / (size * LINE_HEIGHT_EM)))


def field_lines(text: str, widget: Any, *, rules: list[tuple[float, float]] | None = None,
                measure: Measure | None = None) -> list[str] | None:
    """The lines ``text`` takes in the field's box, measured with the field's font and size (the
    box's inner width as pypdf draws it); None when it does not fit (it goes to an attachment).
    A multi-line box with printed rules (``rules``: each one's baseline and indent, see
    :class:`_Rules`) holds one line per rule, each as wide as its rule. ``measure``: the widths of
    the font the text is drawn in when that is not the field's own (see :mod:`.field_fonts`)."""
    maxlen = inherited(widget, "/MaxLen")
    if maxlen is not None and len(text) > int(maxlen):
        return None
    width, height = _box(widget)
    size = _font_size(widget)
    family = _font_family(widget)
    inner = width - 6  # pypdf's clip: 2 pt each side, a little slack for rounding
    multiline = int(inherited(widget, "/Ff") or 0) & (1 << 12)
    if not multiline:
        return [text] if "\n" not in text and _measure(family, measure)(text, size) <= inner else None
    lines = wrap_to_width(text, [inner - indent for _y, indent in rules] if rules else inner, family, size,
                          measure=measure)
    return lines if len(lines) <= (len(rules) if rules else _room(widget, size)) else None


MIN_SINGLE_LINE_SIZE = 7.0  # the smallest a one-line box's words are drawn (a form's fine print is 8)


def _multiline(widget: Any) -> bool:
    return bool(int(inherited(widget, "/Ff") or 0) & (1 << 12))


def single_line_size(text: str, widget: Any, *, measure: Measure | None = None) -> float | None:
    """The size, from the field's own down to MIN_SINGLE_LINE_SIZE, at which ``text`` fits a one-line
    box ("about 40" in an age box a few characters wide); None when it does not fit even then, or the
    box is multi-line (text there wraps)."""
    if _multiline(widget) or "\n" in text:
        return None
    maxlen = inherited(widget, "/MaxLen")
    if maxlen is not None and len(text) > int(maxlen):
        return None
    inner = _box(widget)[0] - 6
    width = _measure(_font_family(widget), measure)
    size = _font_size(widget)
    while size >= MIN_SINGLE_LINE_SIZE:
        if width(text, size) <= inner:
            return size
        size -= 0.5
    return None


_TITLE = re.compile(r"write\s+[“\"]([^”\"]+)[”\"]")


def form_title(box: Any) -> str:
    """The attachment title a form's "Check here if there is not enough space" box asks for, in its
    own words (its tooltip: write "Attachment 7a(3)—Describe Harassment" for a title); "" if none."""
    found = _TITLE.search(" ".join(str(inherited(box, "/TU") or "").split()))
    return found.group(1).strip() if found else ""


class _Rules:
    """The horizontal rules printed on a form's pages (lines stroked, or hairline rectangles
    filled), found once per page, and from them the baselines a multi-line box's text sits on: a
    line of text just above each rule inside the box, so no rule runs through the letters (text set
    at an even pitch drifts across unevenly spaced rules and reads as struck through)."""

    def __init__(self, pdf: Any) -> None:
        self._pdf = pdf
        self._pages: dict[Any, list[tuple[float, float, float]]] = {}

    def baselines(self, widget: Any) -> list[tuple[float, float]]:
        """Widget-space (baseline, indent) of each line, top first; [] for a single-line box or one
        with fewer than two rules. A rule that starts right of the box's left edge has a printed
        label before it ("that restrained person may have: ____"): its line starts where it does."""
        if not int(inherited(widget, "/Ff") or 0) & (1 << 12):
            return []
        rect = [float(v) for v in widget.Rect]
        x0, x1 = sorted(rect[0::2])
        y0, y1 = sorted(rect[1::2])
        size = _font_size(widget)
        starts: dict[float, float] = {}
        for left, right, y in self._rules(widget):
            if y0 - 1 <= y <= y1 - size and min(right, x1) - max(left, x0) >= 0.5 * (x1 - x0):
                key = round(y, 1)
                starts[key] = min(starts.get(key, x1), max(left, x0))
        if len(starts) < 2:
            return []
        return [(y - y0 + _RULE_GAP * size, starts[y] - x0 if starts[y] - x0 > 2 else 0.0)
                for y in sorted(starts, reverse=True)]

    def _rules(self, widget: Any) -> list[tuple[float, float, float]]:
        page = widget.get("/P")
        key = page.objgen if page is not None else None
        if key not in self._pages:
            found = next((pg for pg in self._pdf.pages if page is not None and pg.obj.objgen == key), None)
            self._pages[key] = _horizontal_rules(found) if found is not None else []
        return self._pages[key]


_RULE_GAP = 0.22  # the baseline sits this many ems above its rule: the descenders just reach it


def _horizontal_rules(page: Any) -> list[tuple[float, float, float]]:
    """(left, right, y) in page space of every horizontal line longer than 20 pt drawn on ``page``."""
    import pikepdf

    def times(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
        return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
                a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])

    ctm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    saved: list[tuple[float, ...]] = []
    segments: list[tuple[float, float, float, float]] = []
    here = (0.0, 0.0)
    out: list[tuple[float, float, float]] = []

    def point(x: float, y: float) -> tuple[float, float]:
        return x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]

    try:
        instructions = pikepdf.parse_content_stream(page)
    except pikepdf.PdfError:
        return []
    for instruction in instructions:
        operands, op = list(instruction.operands), str(instruction.operator)
        if op == "q":
            saved.append(ctm)
        elif op == "Q":
            ctm = saved.pop() if saved else ctm
        elif op == "cm" and len(operands) == 6:
            ctm = times(tuple(float(v) for v in operands), ctm)
        elif op == "m" and len(operands) == 2:
            here = point(float(operands[0]), float(operands[1]))
        elif op == "l" and len(operands) == 2:
            there = point(float(operands[0]), float(operands[1]))
            segments.append((*here, *there))
            here = there
        elif op == "re" and len(operands) == 4:
            x, y, w, h = (float(v) for v in operands)
            if abs(h) < 1.5:  # a hairline rectangle filled as a rule
                segments.append((*point(x, y), *point(x + w, y)))
        elif op in ("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"):
            if op != "n":
                out += [(min(ax, bx), max(ax, bx), ay) for ax, ay, bx, by in segments
                        if abs(ay - by) < 0.5 and abs(bx - ax) > 20]
            segments = []
    return out


def _drop_pages(pdf: Any, numbers: Iterable[int]) -> None:
    """Remove the pages ``numbers`` (1-based) and every field whose widgets were all on them."""
    import pikepdf

    drop = sorted({n - 1 for n in numbers if 0 < n <= len(pdf.pages)}, reverse=True)
    gone = {annot.objgen for n in drop for annot in pdf.pages[n].obj.get("/Annots") or []}

    def keep(node: Any) -> bool:
        if "/Kids" in node:
            node.Kids = pikepdf.Array([kid for kid in node.Kids if keep(kid)])
            return len(node.Kids) > 0
        return node.objgen not in gone

    acroform = pdf.Root.get("/AcroForm")
    if acroform is not None and "/Fields" in acroform:
        acroform.Fields = pikepdf.Array([field for field in acroform.Fields if keep(field)])
    for n in drop:
        del pdf.pages[n]


def _add_topname(pdf: Any, name: str) -> None:
    """Put every field under one new top-level field ``name``."""
    import pikepdf

    acroform = pdf.Root.AcroForm
    top = pdf.make_indirect(pikepdf.Dictionary(T=pikepdf.String(name),
                                               Kids=acroform.get("/Fields", pikepdf.Array())))
    for kid in top.Kids:
        kid.Parent = top
    acroform.Fields = pikepdf.Array([top])


# ---------------------------------------------------------------------------- appearances
# What a viewer shows without regenerating (Preview, a print, a flattened copy): the text drawn in
# the field's font and size from its /DA, left, centred or right as its /Q says, multi-line boxes
# on the lines field_lines() wrapped, clipped to the box.

_WIN_ANSI = "cp1252"  # the /DR fonts of the Judicial Council forms are WinAnsi-encoded


@dataclass(frozen=True)
class Layout:
    """Where a field's lines go in its appearance: the box (width, height), the font resource and
    size, the colour operator, and each line's (x, baseline y, text) in the box's space."""

    width: float
    height: float
    font_name: str
    size: float
    colour: str
    lines: list[tuple[float, float, str]]


def field_layout(acroform: Any, widget: Any, lines: list[str], *,
                 baselines: list[tuple[float, float]] | None = None, size: float | None = None,
                 measure: Measure | None = None) -> Layout:
    """The field's font and size from its /DA (auto-size: as large as fits), each line left, centred
    or right as its /Q says (measured by ``measure``, else the standard font's widths), a multi-line
    box's lines on its printed rules (``baselines``) or at an even pitch from its top."""
    da = str(inherited(widget, "/DA") or acroform.get("/DA") or "/Helv 0 Tf 0 g")
    found = re.search(r"/(\S+)\s+([\d.]+)\s+Tf", da)
    font_name = f"/{found.group(1)}" if found else "/Helv"
    width, height = _box(widget)
    text_width = _measure(_font_family(widget), measure)
    size = size or _font_size(widget, auto=0.0) or _auto_size(lines, width, height, text_width)
    multiline = len(lines) > 1 or bool(int(inherited(widget, "/Ff") or 0) & (1 << 12))
    pitch = size * LINE_HEIGHT_EM
    ascent = 0.8 * size  # close to Times' and Helvetica's cap height plus a little
    if multiline:
        y = height - 1 - ascent
    else:
        y = (height - ascent) / 2
    quadding = int(inherited(widget, "/Q") or 0)
    placed = []
    for n, line in enumerate(lines):
        line_width = text_width(line, size)
        ruled = baselines[n] if baselines and n < len(baselines) else None
        x = (width - line_width) / 2 if quadding == 1 else width - 2 - line_width if quadding == 2 else 2.0
        if ruled is not None and quadding == 0:
            x += ruled[1]  # after the label printed before this rule
        placed.append((x, ruled[0] if ruled is not None else y - n * pitch, line))
    return Layout(width, height, font_name, size, _colour(da), placed)


def appearance_clip(layout: Layout, inset: float = 1.0) -> str:
    """The start of a text field's appearance: marked as the field's text, clipped to the box less
    ``inset`` points on each side."""
    return (f"/Tx BMC q {inset:g} {inset:g} {layout.width - 2 * inset:.2f} {layout.height - 2 * inset:.2f} "
            "re W n")


def _draw_text(pdf: Any, acroform: Any, widget: Any, lines: list[str], *,
               baselines: list[tuple[float, float]] | None = None, size: float | None = None) -> None:
    import pikepdf

    layout = field_layout(acroform, widget, lines, baselines=baselines, size=size)
    font_name = layout.font_name
    ops = [f"{appearance_clip(layout)} BT {font_name} {layout.size:g} Tf {layout.colour}"]
    x_prev, y_prev = 0.0, 0.0
    for x, line_y, line in layout.lines:
        ops.append(f"{x - x_prev:.2f} {line_y - y_prev:.2f} Td {_pdf_literal(line)} Tj")
        x_prev, y_prev = x, line_y
    ops.append("ET Q EMC")
    fonts = pikepdf.Dictionary()
    dr_fonts = (acroform.get("/DR") or pikepdf.Dictionary()).get("/Font") or pikepdf.Dictionary()
    if font_name in dr_fonts:
        fonts[font_name] = dr_fonts[font_name]
    stream = pdf.make_stream("\n".join(ops).encode("latin-1"), Type=pikepdf.Name.XObject,
                             Subtype=pikepdf.Name.Form, BBox=[0, 0, layout.width, layout.height],
                             Resources=pikepdf.Dictionary(Font=fonts))
    widget.AP = pikepdf.Dictionary(N=stream)


def _auto_size(lines: list[str], width: float, height: float, text_width: Measure) -> float:
    """The size an auto-sized field (0 Tf) is drawn at: as large as fits, 12 pt at most, 4 at least."""
    size = 12.0
    while size > 4 and (len(lines) * size * LINE_HEIGHT_EM > height - 2
                        or max(text_width(line, size) for line in lines) > width - 4):
        size -= 0.5
    return size


def _colour(da: str) -> str:
    """The text colour operator of a /DA (gray, RGB or CMYK; black when it names none)."""
    found = re.search(r"((?:[\d.]+\s+){1}g|(?:[\d.]+\s+){3}rg|(?:[\d.]+\s+){4}k)(?:\s|$)", da)
    return found.group(1).strip() if found else "0 g"


def _encodable(text: str) -> bool:
    """Whether our appearance stream can show ``text`` as it is (the fonts' WinAnsi encoding)."""
    try:
        text.encode(_WIN_ANSI)
    except UnicodeEncodeError:
        return False
    return True


def _pdf_literal(text: str) -> str:
    """``text`` as a PDF string in the fonts' WinAnsi encoding (a character it lacks prints as "?";
    the field's value keeps it, and viewers that regenerate draw it)."""
    raw = text.encode(_WIN_ANSI, errors="replace").decode("latin-1")
    return "(" + raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
