"""manifest.json: what a packet holds, how it was made, and what the attorney must check.

Versioned (``schema_version``) plain JSON, written atomically, read and written only through the
:class:`Manifest` model: the stages fill it from what they return (the plan, each rendered or
filled document, each exhibit, the merged packets, the files written), and a manifest read back
(`assemble`, `batch`, ownership) is validated whole, so a manifest changed by hand or made by an
unknown version is an error naming its file (exit 2), never a KeyError deep in a stage.

A manifest names files by their relative names only and carries no answer text beyond warnings
that quote code sections. Keys are written only when a stage set them (``exclude_unset``), so a
manifest read and written again keeps the keys it had: a packet made before a key existed (no
``files``, no ``service_packet``, documents without ``in_packet``) reads with the defaults the
stages always assumed for it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import __version__
from .atomic import atomic_write
from .errors import InputError
from .i18n import _, ngettext
from .lawdata import authority
from .plan import PacketPlan

SCHEMA_VERSION: Literal[1] = 1
MANIFEST = "manifest.json"

Status = Literal["incomplete", "docx-only", "complete"]


class _Part(BaseModel):
    # a key the model does not know is an error (a typo in code, or a manifest changed by hand)
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Tool(_Part):
    name: Literal["legal-docs"]
    version: str = ""


class Hashes(_Part):
    docx: Optional[str] = None
    pdf: Optional[str] = None


class FilledForm(_Part):
    """An official form as filled: which PDF (by its sha256) and which field map made it."""

    id: str
    revision: str
    sha256: str
    map_sha256: Optional[str] = None
    attachment_pages: int = 0
    pages: int


class Document(_Part):
    """A paper: a Word file rendered from a template and converted (``docx`` and ``pdf``), or an
    official form filled straight to PDF (``docx`` None, ``form`` set once filled)."""

    key: str
    title: str
    docx: Optional[str]
    pdf: str
    serve: bool = True
    in_packet: bool = True
    clauses: list[str] = Field(default_factory=list)
    confidential: bool = False
    # a paper kept out of packet.pdf: "server", "hearing", "client" or "lodged" (plan.DocumentDef)
    handling: str = ""
    form: Optional[FilledForm] = None
    sha256: Optional[Hashes] = None


class Exhibit(_Part):
    letter: str
    title: str
    cover_docx: str
    cover_pdf: str
    pdf: str
    source_sha256: Optional[str] = None  # the file as the person gave it (the packet holds a clean copy)
    pages: Optional[int] = None
    sha256: Optional[str] = None


class PacketFile(_Part):
    """packet.pdf or service-packet.pdf."""

    pdf: str
    pages: int
    sha256: str


class Excluded(_Part):
    offense: str
    reason: str


class Deadline(_Part):
    id: str
    label: str
    date: str  # ISO date
    note: str
    authority: Optional[str] = None


class Authority(_Part):
    id: str
    citation: str
    last_verified: str  # ISO date
    needs_review: bool = False


class Inputs(_Part):
    answers_sha256: str
    templates: dict[str, str] = Field(default_factory=dict)  # template -> sha256
    clauses: dict[str, str] = Field(default_factory=dict)  # clause file -> sha256
    identifier_digests: list[str] = Field(default_factory=list)  # see redaction.py


class Manifest(_Part):
    schema_version: Literal[1] = SCHEMA_VERSION
    tool: Tool
    kind: str
    court: str
    title: str
    generated_at: str
    status: Status = "incomplete"
    documents: list[Document] = Field(default_factory=list)
    exhibits: list[Exhibit] = Field(default_factory=list)
    packet: Optional[PacketFile] = None
    service_packet: Optional[PacketFile] = None  # the documents with serve: true, and the exhibits
    warnings: list[str] = Field(default_factory=list)
    needs_review: list[str] = Field(default_factory=list)
    excluded: list[Excluded] = Field(default_factory=list)
    records: list[dict[str, Any]] = Field(default_factory=list)  # the kind's own (see PacketPlan.records)
    deadlines: list[Deadline] = Field(default_factory=list)
    authorities: list[Authority] = Field(default_factory=list)
    inputs: Inputs
    # every file the tool wrote, {relative name: sha256} (ownership.py); None: a packet made
    # before manifests recorded their files
    files: Optional[dict[str, str]] = None

    def names(self) -> list[str]:
        """Every file name the manifest mentions (papers, exhibits, covers, packets, recorded files)."""
        out: list[str] = []
        for d in self.documents:
            out += [n for n in (d.docx, d.pdf) if n is not None]
        for e in self.exhibits:
            out += [e.pdf, e.cover_docx, e.cover_pdf]
        out += [p.pdf for p in (self.packet, self.service_packet) if p is not None]
        return out + list(self.files or {})

    def dump(self) -> dict[str, Any]:
        """The JSON on disk: the keys the stages set (a manifest read back keeps the ones it had)."""
        return self.model_dump(mode="json", exclude_unset=True)


def new_manifest(plan: PacketPlan, *, inputs: Inputs) -> Manifest:
    """The manifest of a packet about to be made from `plan` (no documents yet)."""
    return Manifest(
        schema_version=SCHEMA_VERSION,
        tool=Tool(name="legal-docs", version=__version__),
        kind=plan.kind,
        court=plan.court,
        title=plan.title,
        generated_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        status="incomplete",
        documents=[],
        exhibits=[],
        packet=None,
        service_packet=None,
        warnings=list(plan.warnings),
        needs_review=plan.review_authorities,
        excluded=[Excluded(offense=e.offense, reason=e.reason) for e in plan.excluded],
        records=list(plan.records),
        deadlines=[
            Deadline(id=d.id, label=d.label, date=d.date.isoformat(), note=d.note, authority=d.authority)
            for d in plan.deadlines
        ],
        authorities=[
            Authority(id=a.id, citation=a.citation, last_verified=a.last_verified.isoformat(),
                      needs_review=a.needs_review)
            for a in (authority(i) for i in sorted(plan.authorities))
        ],
        inputs=inputs,
    )


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    out = folder / MANIFEST
    with atomic_write(out, text=True) as fh:
        json.dump(manifest.dump(), fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    return out


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the packet folder `folder`; InputError (exit 2) naming the file when there is
    none, it is not JSON, it is from an unknown version, or it does not hold what a manifest holds."""
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(_("No {manifest} in folder '{folder}': is it a packet made by legal-docs?").format(
            manifest=MANIFEST, folder=folder.name)) from None
    except (OSError, ValueError):  # ValueError: not JSON, or not UTF-8
        raise InputError(_("{manifest} in folder '{folder}' cannot be read").format(
            manifest=MANIFEST, folder=folder.name)) from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise InputError(_("{manifest} in folder '{folder}' is from an unknown version of legal-docs").format(
            manifest=MANIFEST, folder=folder.name))
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        from .answers import problems_from

        n = exc.error_count()
        raise InputError(
            ngettext("{manifest} in folder '{folder}' was changed by hand or is damaged ({n} problem); "
                     "nothing was done:",
                     "{manifest} in folder '{folder}' was changed by hand or is damaged ({n} problems); "
                     "nothing was done:", n).format(manifest=MANIFEST, folder=folder.name, n=n),
            problems=problems_from(exc, Manifest),
        ) from None
