"""What the vacatur planner hands the official Proof of Service—Civil (POS-040), typed.

The map form_templates/forms/pos-040.yaml reads this model (``answers: pos-040``): each of its
``answer:`` paths is checked against it when the maps load and by ``legal-docs templates check``.
Text is "" when the answers do not say it, so the box stays blank for the person who serves (the
service normally happens after the papers are printed: the date, the server and the place of
mailing then stay blank); ``method`` is None until the answers say how the papers were served.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Filer(Part):
    """The first box: the person for whom the papers were served (the petitioner's attorney)."""

    name: str = ""
    bar_number: str = ""
    firm: str = ""
    street: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    phone: str = ""
    email: str = ""
    attorney_for: str = ""


class Court(Part):
    county: str = ""
    judicial_officer: str = ""  # only when the answers name the judge
    department: str = ""  # only when the answers name it


class Case(Part):
    number: str = ""
    plaintiff: str = ""  # "Plaintiff/Petitioner", as on the papers served
    defendant: str = ""  # "Defendant/Respondent" (blank for "In re the Petition of")
    name: str = ""  # page 2's CASE NAME


class Server(Part):
    """Items 1-4 and 6 as the person who serves declares them: from the answers, else blank."""

    name: str = ""
    address: str = ""
    date: str = ""  # of service, MM/DD/YYYY
    deposited: bool = False  # item 6b(1): deposited with the U.S. Postal Service, postage prepaid
    deposit_place: str = ""  # item 6b: city and state where the envelope was mailed


class PersonServed(Part):
    name: str = ""
    address: str = ""


class POS040Answers(Part):
    short_title: str = ""  # the caption of an attachment page
    case: Case = Case()
    filer: Filer = Filer()
    court: Court = Court()
    method: Optional[Literal["personal", "mail"]] = None  # the one method the form shows
    server: Server = Server()
    # item 4: each paper served by its exact title, one a line (packet.yaml's `fill:` writes it from
    # the packet's own papers, after they are chosen and titled)
    documents: str = ""
    # item 5: one prosecuting agency in 5a-5b; several on the attachment the form names (POS-040(P))
    served: PersonServed = PersonServed()
    served_list: str = ""
