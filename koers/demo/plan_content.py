"""The demo plan: a realistic OGSM of a Dutch craft bakery, in Dutch as its team writes it."""

from datetime import date
from decimal import Decimal

PLAN = {
    "name": "Bakkerij De Korenaar 2027",
    "period": "2027",
    "start_date": date(2027, 1, 1),
    "end_date": date(2027, 12, 31),
    "description": (
        "Ondernemingsplan van onze ambachtelijke bakkerij met twee winkels in Amersfoort "
        "en een eigen bakhuis. Dit plan bespreken we maandelijks in het teamoverleg."
    ),
    "objective": (
        "In 2027 zijn we de ambachtelijke bakker van Amersfoort waar buurtbewoners én bedrijven "
        "elke dag met plezier naartoe gaan. We bakken met eerlijke, lokale granen, verspillen "
        "zo weinig mogelijk en bouwen aan een team dat trots is op zijn vak."
    ),
}

GOALS = [
    (
        "Omzet groeit naar € 1,4 miljoen",
        "Jaaromzet uit winkels, zakelijk en online",
        Decimal("1400000"),
        "EUR",
        date(2027, 12, 31),
    ),
    (
        "Brutomarge van minstens 62 %",
        "Brutomarge over het hele jaar",
        Decimal("62"),
        "%",
        date(2027, 12, 31),
    ),
    (
        "Klanten bevelen ons aan",
        "Net Promoter Score uit de kwartaalenquête",
        Decimal("50"),
        "NPS",
        date(2027, 12, 31),
    ),
    (
        "Minder dan 4 % brood over",
        "Onverkocht brood als deel van de productie",
        Decimal("4"),
        "%",
        date(2027, 9, 30),
    ),
]

# title, description, owner username, measures (name, unit, target, direction)
STRATEGIES = [
    (
        "Zakelijke markt: lunch en catering voor bedrijven",
        "Vaste lunchleveringen en catering voor kantoren en scholen in de regio.",
        "sanne",
        [
            ("Aantal vaste zakelijke klanten", "klanten", Decimal("40"), "higher"),
            ("Zakelijke omzet per maand", "EUR", Decimal("25000"), "higher"),
        ],
    ),
    (
        "Online bestellen en afhalen",
        "Bestellen via de webshop en app, afhalen zonder wachtrij of laten bezorgen.",
        "joris",
        [
            ("Online bestellingen per week", "orders", Decimal("300"), "higher"),
            ("Aandeel online in de omzet", "%", Decimal("20"), "higher"),
        ],
    ),
    (
        "Slimmer bakken op voorspelde vraag",
        "Productieplanning op basis van verkoopdata, weer en feestdagen.",
        "fatima",
        [
            ("Onverkocht brood", "%", Decimal("4"), "lower"),
            ("Productie-uren per week", "uur", Decimal("160"), "lower"),
        ],
    ),
    (
        "Vakmanschap en een sterk team",
        "Opleiden, leerlingen begeleiden en het werk plannen zodat mensen blijven.",
        "anna",
        [
            ("Personeelsverloop", "%", Decimal("10"), "lower"),
            ("Trainingsuren per medewerker", "uur", Decimal("24"), "higher"),
        ],
    ),
]
