"""The registry of packet kinds. A kind is a model class, a planner and a folder of data
(``form_templates/<name>/``, ``clauses/<name>/``); modules are imported only when used, so the
CLI starts fast."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import InputError


@dataclass(frozen=True)
class KindSpec:
    name: str
    title: str
    model_ref: str  # "module:Class"
    planner_ref: str  # "module:function" (answers -> list of PacketPlan)
    aliases: tuple[str, ...] = field(default_factory=tuple)
    # Variants of the sample answers (`legal-docs example KIND --variant V`): the first is
    # example.yaml, each other one example-V.yaml beside it.
    variants: tuple[str, ...] = field(default_factory=tuple)

    @property
    def model(self) -> Any:
        return _load(self.model_ref)

    @property
    def planner(self) -> Callable[..., Any]:
        return _load(self.planner_ref)


def _load(ref: str) -> Any:
    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


KINDS: dict[str, KindSpec] = {
    "vacatur": KindSpec(
        name="vacatur",
        title="Petition to vacate arrests, convictions and juvenile adjudications (Pen. Code, § 236.14)",
        model_ref="legal_docs.kinds.vacatur.model:VacaturAnswers",
        planner_ref="legal_docs.kinds.vacatur.plan:build_plans",
        aliases=("ab1762",),
    ),
    "reunification-denial": KindSpec(
        name="reunification-denial",
        title="Denial of reunification services to a parent who knowingly participated in or permitted "
        "the child's sexual exploitation (AB 1702; Welf. & Inst. Code, § 361.5)",
        model_ref="legal_docs.kinds.reunification_denial.model:ReunificationAnswers",
        planner_ref="legal_docs.kinds.reunification_denial.plan:build_plans",
        aliases=("ab1702",),
    ),
    "placement-727a": KindSpec(
        name="placement-727a",
        title="Request to change court order: foster-care placement of a ward "
        "(Welf. & Inst. Code, §§ 727(a), 778)",
        model_ref="legal_docs.kinds.placement_727a.model:PlacementAnswers",
        planner_ref="legal_docs.kinds.placement_727a.plan:build_plans",
    ),
    "protective-order": KindSpec(
        name="protective-order",
        title="Restraining order against an exploiter: juvenile (Welf. & Inst. Code, § 213.5), domestic "
        "violence (Fam. Code, § 6200 et seq.) or civil harassment (Code Civ. Proc., § 527.6)",
        model_ref="legal_docs.kinds.protective_order.model:ProtectiveOrderAnswers",
        planner_ref="legal_docs.kinds.protective_order.plan:build_plans",
        aliases=("restraining-order",),
        variants=("juvenile", "dvro", "civil-harassment"),
    ),
}


def example_name(spec: KindSpec, variant: str | None = None) -> str:
    """The sample answers file of a kind (relative to form_templates/), for ``variant`` if given."""
    if variant is None or (spec.variants and variant.strip().lower() == spec.variants[0]):
        return f"{spec.name}/example.yaml"
    key = variant.strip().lower()
    if key not in spec.variants:
        known = ", ".join(spec.variants) if spec.variants else "none (this kind has one sample)"
        raise InputError(f"Unknown variant '{variant}' for {spec.name}. Variants: {known}.")
    return f"{spec.name}/example-{key}.yaml"


def example_names(spec: KindSpec) -> list[str]:
    """Every sample answers file of a kind (example.yaml first)."""
    return [example_name(spec)] + [example_name(spec, v) for v in spec.variants[1:]]


def get_kind(name: str) -> KindSpec:
    key = (name or "").strip().lower()
    for spec in KINDS.values():
        if key == spec.name or key in spec.aliases:
            return spec
    known = ", ".join(KINDS)
    raise InputError(f"Unknown packet kind '{name}'. Known kinds: {known}.")
