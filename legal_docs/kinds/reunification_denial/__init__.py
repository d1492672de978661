"""Denial of reunification services for sexual exploitation (AB 1702; Welf. & Inst. Code, § 361.5)."""

from .. import Kind

KIND = Kind(
    name="reunification-denial",
    title="Denial of reunification services to a parent who knowingly participated in or permitted "
    "the child's sexual exploitation (AB 1702; Welf. & Inst. Code, § 361.5)",
    model_ref=".model:ReunificationAnswers",
    planner_ref=".plan:build_plans",
    facts_ref=".facts:ReunificationFacts",
    order=20,
    aliases=("ab1702",),
    printed=(
        (("child", "initials"), False),
        (("agency", "name"), False),
        (("attorney", "firm"), False),
        (("parents", 0, "name"), False),
        (("parents", 0, "facts", 0, "fact"), True),
        (("parents", 0, "coercion", "claim"), True),
        (("exploitation", "facts", 0, "fact"), True),
        (("exploitation", "facts", 0, "source"), False),
        (("best_interest", "child_wishes"), True),
        (("declarant", "name"), False),
        (("signing", "city"), False),
    ),
)
