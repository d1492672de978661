"""Denial of reunification services for sexual exploitation (AB 1702; Welf. & Inst. Code, § 361.5)."""
