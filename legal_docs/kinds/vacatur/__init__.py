"""Packet kind: vacatur petition under Penal Code section 236.14."""
