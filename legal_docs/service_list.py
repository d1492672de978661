"""A service list for the juvenile papers: each person served with the method and the address
that method uses (a postal address for personal service or mail, an electronic service address
for e-service; Code Civ. Proc., §§ 1013a, 1013b; Cal. Rules of Court, rule 2.251).

Pure functions: the clause facts of the list, and the warnings about what it lacks."""

from __future__ import annotations

from typing import Any, Optional, Sequence

from .dates import long_date
from .facts import ListServiceFacts, PersonServed
from .fields import ListService, PartyServed, ServiceListEntry
from .i18n import _

METHOD_LABEL = {"personal": "By personal service", "mail": "By mail", "electronic": "By electronic service"}


def method_of(entry: ServiceListEntry, service: Optional[ListService]) -> Optional[str]:
    """The person's own method, else the one given for the whole service (None when neither is)."""
    return entry.method or (service.method if service else None)


def service_list_context(service: Optional[ListService], entries: Sequence[ServiceListEntry]) -> dict[str, Any]:
    """Clause facts: `service` (None when not yet served), `served_on`, each person with the
    method and the one address that method uses ('' when it is missing: the paper leaves a blank),
    and `service_methods`; a juvenile kind spreads them into its facts."""
    people = []
    for e in entries:
        method = method_of(e, service)
        where = (e.electronic_address if method == "electronic" else e.address) or ""
        people.append(PersonServed(
            name=e.name,
            role=e.role or "",
            party=e.party or "",
            method=method or "",
            method_label=METHOD_LABEL.get(method or "", "Method:"),
            where=where,
            where_label="Electronic service address" if method == "electronic" else "Address",
        ))
    used = {p.method for p in people if p.method}
    return {
        "service": None if service is None else ListServiceFacts(
            date=long_date(service.date),
            method=service.method,
            server_name=service.server_name,
            server_address=service.server_address,
            place=service.place or "",
        ),
        "served_on": people,
        # the methods used, each with its own paragraph; when the service is not yet made, or a person's
        # method is unknown, the proof keeps all three unticked for the person who serves
        "service_methods": [] if service is None or not people or not all(p.method for p in people)
        else [m for m in ("personal", "mail", "electronic") if m in used],
    }


def service_list_warnings(
    service: Optional[ListService],
    entries: Sequence[ServiceListEntry],
    *,
    required: Sequence[PartyServed] = (),
) -> list[str]:
    """What the proof of service would leave blank, and which required parties are not on the list."""
    out: list[str] = []
    if service is not None and not entries:
        out.append(_("No persons served are listed: the proof of service leaves them blank to complete by hand."))
    for i, e in enumerate(entries, start=1):
        method = method_of(e, service)
        if method == "electronic" and not e.electronic_address:
            out.append(_(
                "Person served {n} is served electronically but no electronic service address is given: the proof "
                "of service leaves it blank."
            ).format(n=i))
        elif method in ("personal", "mail") and not e.address:
            out.append(_("No address is given for person served {n}: the proof of service leaves it blank.").format(
                n=i))
    if service is not None and service.method == "mail" and not service.place:
        out.append(_("The place where the papers were mailed is not given: the proof of service leaves it blank."))
    names = {
        "parent": _("a parent"),
        "district_attorney": _("the district attorney"),
        "probation": _("the probation department"),
        "county_counsel": _("county counsel"),
    }
    listed = {e.party for e in entries}
    missing = [names.get(p, p) for p in required if p not in listed]
    if missing:
        out.append(_(
            "The service list names no one marked as {parties} (set party on each person served): the request "
            "must be served on them."
        ).format(parties=", ".join(missing)))
    return out
