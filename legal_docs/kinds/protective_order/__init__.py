"""Protective orders against an exploiter: juvenile (Welf. & Inst. Code, § 213.5), domestic violence
(Fam. Code, § 6200 et seq.) and civil harassment (Code Civ. Proc., § 527.6)."""

from .. import Kind

KIND = Kind(
    name="protective-order",
    title="Restraining order against an exploiter: juvenile (Welf. & Inst. Code, § 213.5), domestic "
    "violence (Fam. Code, § 6200 et seq.) or civil harassment (Code Civ. Proc., § 527.6)",
    model_ref=".model:ProtectiveOrderAnswers",
    planner_ref=".plan:build_plans",
    facts_ref=".facts:ProtectiveOrderFacts",
    order=40,
    aliases=("restraining-order",),
    variants=("juvenile", "dvro", "civil-harassment"),
    form_answers={"protective-order": ".form_answers:FormAnswers", "dv-130": ".form_answers:DV130Answers"},
    printed=(  # the juvenile route's papers; the official forms are tested in test_forms.py
        (("protected", "initials"), False),
        (("restrained", "name"), False),
        (("restrained", "relationship"), False),
        (("incidents", 0, "details"), True),
        (("incidents", 0, "source"), False),
        (("temporary_order", "why_now"), True),
        (("others", 1, "relationship"), False),
        (("declarant", "name"), False),
        (("attorney", "firm"), False),
        (("signing", "city"), False),
    ),
)
