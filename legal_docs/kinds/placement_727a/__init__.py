"""Foster-care placement of a ward (Welf. & Inst. Code, § 727(a)) by request to change court order (§ 778)."""

from .. import Kind

KIND = Kind(
    name="placement-727a",
    title="Request to change court order: foster-care placement of a ward (Welf. & Inst. Code, §§ 727(a), 778)",
    model_ref=".model:PlacementAnswers",
    planner_ref=".plan:build_plans",
    facts_ref=".facts:PlacementFacts",
    order=30,
    printed=(
        (("youth", "name"), False),  # in the confidential attachment
        (("youth", "initials"), False),
        (("attorney", "firm"), False),
        (("placement", "name"), False),
        (("placement", "why"), True),
        (("current_order", "terms"), True),
        (("changed_circumstances", 0, "fact"), True),
        (("case", "sustained_offenses", 0), False),
        (("parents", 0, "name"), False),
        (("best_interest",), True),
        (("declarant", "name"), False),
        (("signing", "city"), False),
    ),
)
