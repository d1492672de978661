"""Foster-care placement of a ward (Welf. & Inst. Code, § 727(a)) by request to change court order (§ 778)."""
