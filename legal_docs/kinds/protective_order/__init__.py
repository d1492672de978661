"""Protective orders against an exploiter: juvenile (Welf. & Inst. Code, § 213.5), domestic violence
(Fam. Code, § 6200 et seq.) and civil harassment (Code Civ. Proc., § 527.6)."""
