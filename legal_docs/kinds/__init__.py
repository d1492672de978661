"""The registry of packet kinds: found, not listed.

A kind is one package under ``legal_docs/kinds/`` whose ``__init__`` exports one :class:`Kind`
object named ``KIND``, plus a folder of data (``form_templates/<name>/``, ``clauses/<name>/``).
The registry imports each package's ``__init__`` (which must stay light: the model, the planner
and the kind's own interview functions are named by reference and imported only when used, so
the CLI starts fast). Shared code never names a kind: adding one is new files only.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Callable

from ..errors import InputError
from ..i18n import _

Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class Kind:
    """Everything shared code needs to know about one packet kind.

    References are ``"module:attribute"``; a module starting with a dot is relative to the kind's
    own package (``".model:VacaturAnswers"``), so a copied package refers to its own modules."""

    name: str  # the answers' `kind:` and the folder name under form_templates/ and clauses/
    title: str
    model_ref: str  # the answers model (pydantic)
    planner_ref: str  # answers model -> list of PacketPlan
    # The facts its planner hands the clauses and packet.yaml (a legal_docs.facts.Facts model): the
    # names they read are checked against it by `templates check` (legal_docs/fact_names.py).
    facts_ref: str
    order: int = 100  # where `legal-docs kinds` and the guide list it (smaller first)
    aliases: tuple[str, ...] = ()
    # Variants of the sample answers (`legal-docs example KIND --variant V`): the first is
    # example.yaml, each other one example-V.yaml beside it.
    variants: tuple[str, ...] = ()
    # Answer fields (last name of the path) holding identifiers that may be long digit runs
    # (beyond the ones every kind has, redaction.COMMON_IDENTIFIER_FIELDS): not account numbers.
    identifier_fields: frozenset[str] = frozenset()
    # Functions the kind's interview conditions (`when`, `required_when`) may call, by name.
    interview_functions: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # Answers the papers print verbatim (paths into the answers mapping) and whether each is a
    # multi-line narrative: the property tests feed them arbitrary text. `printed_setup` holds
    # answers set first so that every printed answer is printed (e.g. the full name, not initials).
    printed: tuple[tuple[Path_, bool], ...] = ()
    printed_setup: Mapping[Path_, Any] = field(default_factory=lambda: MappingProxyType({}))
    # The answers mappings the planner hands the official forms (facts["form_answers"][name]), by
    # name -> the pydantic model that types it ("module:attribute"). A form map names one of them
    # (`answers:`) and its answer paths are checked against that model.
    form_answers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    package: str = ""  # set by the registry: the package that exported the kind

    @property
    def model(self) -> Any:
        return self.load(self.model_ref)

    @property
    def facts(self) -> Any:
        """The kind's facts model (a legal_docs.facts.Facts subclass)."""
        return self.load(self.facts_ref)

    @property
    def planner(self) -> Callable[..., Any]:
        return self.load(self.planner_ref)

    def functions(self) -> dict[str, Callable[..., Any]]:
        """The kind's interview functions, loaded."""
        return {name: self.load(ref) for name, ref in self.interview_functions.items()}

    def load(self, ref: str) -> Any:
        module, _sep, attr = ref.partition(":")
        return getattr(importlib.import_module(module, package=self.package or None), attr)


KindSpec = Kind  # the registry's former name for the same object


@lru_cache(maxsize=None)
def discover(package: str = __name__) -> dict[str, Kind]:
    """Every kind exported by a subpackage of `package` (``KIND``), by name, in listing order."""
    found: list[Kind] = []
    parent = importlib.import_module(package)
    for info in pkgutil.iter_modules(parent.__path__, prefix=f"{package}."):
        if not info.ispkg:
            continue
        kind = getattr(importlib.import_module(info.name), "KIND", None)
        if not isinstance(kind, Kind):
            continue
        if not kind.package:
            object.__setattr__(kind, "package", info.name)
        found.append(kind)
    found.sort(key=lambda k: (k.order, k.name))
    out: dict[str, Kind] = {}
    for kind in found:
        if kind.name in out:
            raise RuntimeError(f"two packet kinds are named {kind.name!r} ({out[kind.name].package}, {kind.package})")
        out[kind.name] = kind
    return out


KINDS: dict[str, Kind] = discover()


def example_name(spec: Kind, variant: str | None = None) -> str:
    """The sample answers file of a kind (relative to form_templates/), for ``variant`` if given."""
    if variant is None or (spec.variants and variant.strip().lower() == spec.variants[0]):
        return f"{spec.name}/example.yaml"
    key = variant.strip().lower()
    if key not in spec.variants:
        known = ", ".join(spec.variants) if spec.variants else _("none (this kind has one sample)")
        raise InputError(_("Unknown variant '{variant}' for {kind}. Variants: {known}.").format(
            variant=variant, kind=spec.name, known=known))
    return f"{spec.name}/example-{key}.yaml"


def example_names(spec: Kind) -> list[str]:
    """Every sample answers file of a kind (example.yaml first)."""
    return [example_name(spec)] + [example_name(spec, v) for v in spec.variants[1:]]


def get_kind(name: str) -> Kind:
    key = (name or "").strip().lower()
    for spec in KINDS.values():
        if key == spec.name or key in spec.aliases:
            return spec
    known = ", ".join(KINDS)
    # never repeat what was typed: a kind cell may hold anything, a client's name among it
    raise InputError(_("Unknown packet kind (the `kind:` answer). Known kinds: {known}.").format(known=known))
