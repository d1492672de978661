"""manifest.json: what a packet holds, how it was made, and what the attorney must check.

Versioned (``schema_version``) plain JSON, written atomically. It names files by their
relative names only and carries no answer text beyond warnings that quote code sections.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import atomic_write
from .errors import InputError
from .i18n import _
from .lawdata import authority
from .plan import PacketPlan

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"


def new_manifest(plan: PacketPlan, *, inputs: dict[str, Any]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "legal-docs", "version": __version__},
        "kind": plan.kind,
        "court": plan.court,
        "title": plan.title,
        "generated_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "status": "incomplete",
        "documents": [],
        "exhibits": [],
        "packet": None,
        "service_packet": None,  # service-packet.pdf: the documents with serve: true, and the exhibits
        "warnings": list(plan.warnings),
        "needs_review": plan.review_authorities,
        "excluded": [{"offense": e.offense, "reason": e.reason} for e in plan.excluded],
        "records": list(plan.records),
        "deadlines": [
            {"id": d.id, "label": d.label, "date": d.date.isoformat(), "note": d.note, "authority": d.authority}
            for d in plan.deadlines
        ],
        "authorities": [
            {
                "id": a.id,
                "citation": a.citation,
                "last_verified": a.last_verified.isoformat(),
                "needs_review": a.needs_review,
            }
            for a in (authority(i) for i in sorted(plan.authorities))
        ],
        "inputs": inputs,
    }


def write_manifest(folder: Path, manifest: dict[str, Any]) -> Path:
    out = folder / MANIFEST
    with atomic_write(out, text=True) as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    return out


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(_("No {manifest} in folder '{folder}': is it a packet made by legal-docs?").format(
            manifest=MANIFEST, folder=folder.name)) from None
    except (OSError, json.JSONDecodeError):
        raise InputError(_("{manifest} in folder '{folder}' cannot be read").format(
            manifest=MANIFEST, folder=folder.name)) from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise InputError(_("{manifest} in folder '{folder}' is from an unknown version of legal-docs").format(
            manifest=MANIFEST, folder=folder.name))
    return data
