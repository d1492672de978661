"""Packet kind: vacatur petition under Penal Code section 236.14."""

from types import MappingProxyType

from .. import Kind

KIND = Kind(
    name="vacatur",
    title="Petition to vacate arrests, convictions and juvenile adjudications (Pen. Code, § 236.14)",
    model_ref=".model:VacaturAnswers",
    planner_ref=".plan:build_plans",
    facts_ref=".facts:VacaturFacts",
    order=10,
    aliases=("ab1762",),
    identifier_fields=frozenset({"booking_number"}),
    interview_functions=MappingProxyType({"screen": ".interview:screen"}),  # the PC 667.5(c) screen
    # the official Proof of Service—Civil, when the attorney chooses it (`proof_of_service: pos-040`)
    form_answers=MappingProxyType({"pos-040": ".form_answers:POS040Answers"}),
    printed=(
        (("attorney", "name"), False),
        (("attorney", "firm"), False),
        (("offenses", 0, "description"), False),
        (("offenses", 0, "direct_result"), True),
        (("trafficking", "summary"), True),
        (("trafficking", "how_it_ended"), True),
        (("signing", "city"), False),
        (("petitioner", "name"), False),  # printed because printed_setup files without initials
    ),
    printed_setup=MappingProxyType({("petitioner", "file_with_initials"): False}),
)
