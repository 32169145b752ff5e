"""Demo action plan: ~25 actions of the bakery with five months of updates in every colour.

Dates are relative to the day the demo is loaded, so the demo always looks alive.
"""

from datetime import timedelta

from django.utils import timezone

from koers.actions.models import Action, ActionUpdate, DoneCriterion, Status, StrategyUpdate
from koers.actions.rules import definition_of_done, save_definition_of_done

# strategy index, title, owner, start (days ago), due (days from now), status, history
# history: list of (days ago, progress, colour, did, next, need, need_from)
G, O, R = "green", "orange", "red"  # noqa: E741 — keeps the table below readable
ACTIONS = [
    (
        0,
        "Lunchmenu voor kantoren samenstellen",
        "sanne",
        150,
        -60,
        "done",
        [
            (140, 30, G, "Drie proefmenu's gemaakt", "Proeven met twee kantoren", "", None),
            (110, 80, G, "Proeverij bij Van Dijk Advocaten", "Prijzen vastzetten", "", None),
        ],
    ),
    (
        0,
        "Tien kantoren in Amersfoort-Noord benaderen",
        "sanne",
        120,
        20,
        "in_progress",
        [
            (100, 20, G, "Lijst met 25 kantoren gemaakt", "Eerste vijf bellen", "", None),
            (
                70,
                40,
                O,
                "Vijf gebeld, twee afspraken",
                "Offertes sturen",
                "Offertesjabloon",
                "anna",
            ),
            (35, 55, O, "Twee offertes verstuurd", "Nabellen", "", None),
            (
                6,
                60,
                R,
                "Eén klant getekend, rest twijfelt",
                "Proefweek aanbieden",
                "Budget voor gratis proefweek",
                "anna",
            ),
        ],
    ),
    (
        0,
        "Bezorgroute met bakfiets opzetten",
        "joris",
        90,
        45,
        "in_progress",
        [
            (80, 10, G, "Bakfiets uitgezocht", "Offerte aanvragen", "", None),
            (40, 35, G, "Bakfiets besteld", "Route plannen", "", None),
            (
                10,
                50,
                O,
                "Levering vertraagd",
                "Tijdelijk met de bus",
                "Rijbewijs B-bezorger",
                "pieter",
            ),
        ],
    ),
    (0, "Cateringfolder drukken", "sanne", 60, 30, "todo", []),
    (0, "Vaste lunchabonnementen aanbieden", "anna", 30, 90, "todo", []),
    (
        0,
        "Samenwerking met sportschool De Kracht",
        "sanne",
        75,
        10,
        "in_progress",
        [
            (60, 20, G, "Kennismaking gehad", "Voorstel maken", "", None),
            (
                20,
                30,
                R,
                "Sportschool wil alleen eiwitrijke producten",
                "Recept ontwikkelen",
                "Tijd van een bakker",
                "fatima",
            ),
        ],
    ),
    (
        1,
        "Webshop kiezen en inrichten",
        "joris",
        160,
        -40,
        "done",
        [
            (150, 25, G, "Drie aanbieders vergeleken", "Keuze maken", "", None),
            (120, 70, G, "Webshop ingericht", "Testbestellingen", "", None),
            (90, 95, G, "Live gegaan", "Evalueren", "", None),
        ],
    ),
    (
        1,
        "Afhaalkluis bij winkel Leusderweg",
        "joris",
        110,
        15,
        "in_progress",
        [
            (95, 15, G, "Leveranciers gesproken", "Vergunning checken", "", None),
            (60, 30, O, "Vergunning duurt langer", "Gemeente bellen", "", None),
            (
                25,
                35,
                R,
                "Gemeente wil bouwtekening",
                "Tekening laten maken",
                "Akkoord op kosten tekenaar",
                "anna",
            ),
            (4, 40, R, "Tekenaar ingepland", "Aanvraag indienen", "", None),
        ],
    ),
    (
        1,
        "Bestelapp lanceren",
        "joris",
        100,
        60,
        "in_progress",
        [
            (85, 20, G, "Ontwerp klaar", "Bouwen", "", None),
            (45, 50, G, "Testversie draait", "Bèta met vaste klanten", "", None),
            (12, 65, G, "Twintig bètatesters actief", "Bugs oplossen", "", None),
        ],
    ),
    (
        1,
        "Online betalen met iDEAL",
        "pieter",
        140,
        -70,
        "done",
        [
            (130, 50, G, "Koppeling gemaakt", "Testen", "", None),
            (100, 100, G, "Werkt", "Afronden", "", None),
        ],
    ),
    (
        1,
        "Instagram-acties voor online bestellen",
        "fatima",
        50,
        40,
        "in_progress",
        [
            (40, 25, G, "Contentkalender gemaakt", "Eerste drie posts", "", None),
            (
                14,
                40,
                O,
                "Minder bereik dan gedacht",
                "Betaalde posts proberen",
                "Budget van 300 euro",
                "anna",
            ),
        ],
    ),
    (1, "Klantenservice via WhatsApp", "joris", 20, 100, "todo", []),
    (
        2,
        "Verkoopdata per product koppelen aan weer",
        "fatima",
        130,
        5,
        "in_progress",
        [
            (120, 15, G, "Kassadata geëxporteerd", "Weerdata ophalen", "", None),
            (90, 35, G, "Eerste koppeling werkt", "Model maken", "", None),
            (
                50,
                45,
                O,
                "Model klopt niet op feestdagen",
                "Feestdagen apart",
                "Hulp van iemand met Excel-kennis",
                "pieter",
            ),
            (8, 55, O, "Feestdagen toegevoegd", "Testen in december", "", None),
        ],
    ),
    (
        2,
        "Productieplanning per dag invoeren",
        "fatima",
        100,
        30,
        "in_progress",
        [
            (90, 20, G, "Planning op papier", "Digitaal maken", "", None),
            (55, 45, G, "Planningsbord in bakhuis", "Team trainen", "", None),
            (18, 60, G, "Team werkt ermee", "Evalueren", "", None),
        ],
    ),
    (
        2,
        "Restbrood naar voedselbank",
        "pieter",
        170,
        -90,
        "done",
        [
            (160, 50, G, "Afspraak met voedselbank", "Ophaalmomenten", "", None),
        ],
    ),
    (2, "Tweede oven vervangen door zuinig model", "anna", 60, 120, "todo", []),
    (
        2,
        "Houdbaarheid van desembrood verlengen",
        "fatima",
        80,
        -5,
        "in_progress",
        [
            (70, 20, G, "Proeven met langere rijs", "Smaaktest", "", None),
            (30, 30, R, "Resultaat wisselend", "Recept aanpassen", "Advies van molenaar", "anna"),
        ],
    ),
    (
        2,
        "Voorraadbeheer meel digitaliseren",
        "pieter",
        40,
        50,
        "in_progress",
        [
            (30, 30, G, "Spreadsheet gebouwd", "Koppelen aan bestellingen", "", None),
        ],
    ),
    (
        3,
        "Opleidingsplan per medewerker",
        "anna",
        150,
        25,
        "in_progress",
        [
            (140, 20, G, "Gesprekken gepland", "Gesprekken voeren", "", None),
            (100, 50, G, "Helft van de gesprekken gevoerd", "Rest plannen", "", None),
            (60, 60, O, "Drukte in de zomer", "Na de zomer afronden", "", None),
            (15, 70, O, "Nog drie gesprekken", "Afronden", "", None),
        ],
    ),
    (
        3,
        "Leerling-bakker aannemen",
        "anna",
        120,
        -20,
        "done",
        [
            (110, 40, G, "Vacature bij ROC", "Gesprekken", "", None),
            (80, 90, G, "Leerling gevonden", "Inwerken", "", None),
        ],
    ),
    (
        3,
        "Rooster met vaste vrije weekenden",
        "pieter",
        90,
        15,
        "in_progress",
        [
            (75, 30, G, "Wensen opgehaald", "Conceptrooster", "", None),
            (
                40,
                45,
                R,
                "Niet rond te krijgen zonder extra kracht",
                "Oproepkracht zoeken",
                "Besluit over extra uren",
                "anna",
            ),
            (9, 50, R, "Nog geen oproepkracht", "Uitzendbureau bellen", "", None),
        ],
    ),
    (3, "Teamuitje na de kerstdrukte", "sanne", 30, 70, "todo", []),
    (
        3,
        "Vakwedstrijd Beste Bakker meedoen",
        "fatima",
        60,
        80,
        "in_progress",
        [
            (45, 20, G, "Aangemeld", "Recept kiezen", "", None),
        ],
    ),
    (
        3,
        "Werkplaats veiliger inrichten",
        "pieter",
        140,
        -45,
        "done",
        [
            (130, 60, G, "RI&E gedaan", "Maatregelen", "", None),
        ],
    ),
    (0, "Kerstpakketten voor bedrijven", "joris", 10, 25, "todo", []),
]

HANDOVER = {  # title → (process, carried on by)
    "Restbrood naar voedselbank": ("Dagafsluiting winkel", "fatima"),
    "Online betalen met iDEAL": ("Maandelijkse kascontrole", "pieter"),
    "Werkplaats veiliger inrichten": ("Kwartaalcontrole veiligheid", "pieter"),
}

STRATEGY_UPDATES = [  # strategy index, days ago, colour, did, next
    (0, 40, O, "Eerste zakelijke klanten binnen, maar trager dan gepland.", "Proefweek aanbieden."),
    (1, 35, G, "Webshop en iDEAL draaien; app in bèta.", "App lanceren voor de feestdagen."),
    (2, 30, O, "Planningsbord werkt, weermodel nog niet betrouwbaar.", "Model verbeteren."),
    (3, 28, R, "Rooster blijft knellen door krapte.", "Oproepkracht werven."),
]


def load(workspace, plan, users):
    now = timezone.now()
    today = timezone.localdate()
    dod = definition_of_done(plan)  # the team words its own: saved, unlike the default
    save_definition_of_done(dod, dod.version)
    strategies = list(plan.strategies.order_by("position"))
    for position, (s, title, owner, start, due, status, history) in enumerate(ACTIONS):
        action = Action.objects.create(
            strategy=strategies[s],
            title=title,
            owner=users[owner],
            position=position,
            start_date=today - timedelta(days=start),
            due_date=today + timedelta(days=due),
            status=status,
        )
        previous = None
        for days_ago, progress, colour, did, nxt, need, need_from in history:
            created = now - timedelta(days=days_ago)
            ActionUpdate.objects.create(
                action=action,
                author=users[owner],
                did=did,
                next=nxt,
                need=need,
                need_from=users[need_from] if need_from else None,
                progress=progress,
                colour=colour,
                previous_progress=previous[0] if previous else None,
                previous_colour=previous[1] if previous else "",
                created_at=created,
                need_answered_at=created + timedelta(days=3)
                if need_from and days_ago > 30
                else None,
            )
            previous = (progress, colour)
        if previous:
            action.progress, action.colour = previous
            action.last_update_at = now - timedelta(days=history[-1][0])
        if status == Status.DONE:
            process, carrier = HANDOVER.get(title, ("", None))
            action.progress = 100
            action.done_criterion = DoneCriterion.EMBEDDED if process else DoneCriterion.FINISHED
            action.handover_process = process
            action.handover_owner = users[carrier] if carrier else None
            action.closed_at = now - timedelta(days=max(-due, 1))
            action.closed_by = users["anna"]
        action.save()
    proposal = Action.objects.create(
        strategy=strategies[1],
        title="Broodabonnement met wekelijkse bezorging",
        owner=users["sanne"],
        position=len(ACTIONS),
        proposed=True,
        proposed_by=users["sanne"],
        start_date=today,
        due_date=today + timedelta(days=60),
    )
    proposal.save()
    for s, days_ago, colour, did, nxt in STRATEGY_UPDATES:
        StrategyUpdate.objects.create(
            strategy=strategies[s],
            author=strategies[s].owner,
            did=did,
            next=nxt,
            colour=colour,
            created_at=now - timedelta(days=days_ago),
        )
