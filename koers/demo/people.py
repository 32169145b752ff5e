"""The demo team of Bakkerij De Korenaar: one person per role of the method."""

from koers.accounts.models import Role

DEMO_PASSWORD = "korenaar-demo-2027"  # noqa: S105 — printed by `make run`, demo data only

PEOPLE = [
    # username, first name, last name, role
    ("anna", "Anna", "de Vries", Role.OGSM_OWNER),
    ("pieter", "Pieter", "Jansen", Role.PROCESS_OWNER),
    ("sanne", "Sanne", "Bakker", Role.MEMBER),
    ("joris", "Joris", "Visser", Role.MEMBER),
    ("fatima", "Fatima", "el Amrani", Role.MEMBER),
    ("lotte", "Lotte", "Mulder", Role.VIEWER),
]
