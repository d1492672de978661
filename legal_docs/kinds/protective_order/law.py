"""The protective-order routes as data (clauses/law/protective_orders.yaml): statute, hearing
deadline, longest and default order length, official forms. Loaded once, validated, and every id
it names checked against the authorities and deadlines tables."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from ...errors import TemplateError
from ...lawdata import authority, deadlines, load_table
from ...resources import per_resources


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Route(_Data):
    id: str
    label: str
    court: str  # juvenile | family | civil
    statute: str
    hearing_deadline: str
    max_years: int
    default_years: int
    length_authority: str
    firearms_authority: str
    # the rules of court the route's papers cite (the juvenile statute line cites rule 5.630)
    rules: list[str] = []
    move_out: bool
    official_forms: list[str]
    note: str = ""


class ByHand(_Data):
    """A form a route files that the tool cannot fill yet: the attorney completes it by hand."""

    title: str
    task: str  # what the attorney does with it (the warning, in English like the route's note)
    plain: dict[str, str]  # how the client letter names it, by letter language


class ProtectiveOrderLaw(_Data):
    schema_version: int
    last_verified: dt.date
    forms: dict[str, ByHand] = {}
    routes: list[Route]

    def route(self, key: str) -> Route:
        for route in self.routes:
            if route.id == key:
                return route
        raise TemplateError(f"protective_orders.yaml has no route '{key}'")


@per_resources
def protective_order_law() -> ProtectiveOrderLaw:
    law = load_table(ProtectiveOrderLaw, "law/protective_orders.yaml")
    for route in law.routes:
        for ref in (route.statute, route.length_authority, route.firearms_authority, *route.rules):
            authority(ref)
        if route.hearing_deadline not in deadlines():
            raise TemplateError(f"protective_orders.yaml: route {route.id} names unknown deadline "
                                f"'{route.hearing_deadline}'")
        if not 0 < route.default_years <= route.max_years:
            raise TemplateError(f"protective_orders.yaml: route {route.id} default_years must be 1..max_years")
    return law
