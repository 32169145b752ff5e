"""Demo analysis for Bakkerij De Korenaar: a marked business model with two versions, a SWOT with
decisions, scored trends, a scenario set with a likelihood history, signals and a brainstorm."""

from datetime import timedelta

from django.utils import timezone

from koers.accounts.models import Membership
from koers.analysis import brainstorm, canvas, scenarios, swot, trends
from koers.analysis.models import (
    Brainstorm,
    CanvasVersion,
    Confrontation,
    Decision,
    Signal,
    SwotItem,
    SwotKind,
    Trend,
    TrendScore,
)
from koers.plans.models import Strategy

# block, text, mark, why
CANVAS = [
    ("key_partners", "Molen De Hoop (biologisch meel)", "strength", "Vaste prijsafspraak tot 2028"),
    ("key_partners", "Bezorgdienst op de fiets", "", ""),
    ("key_activities", "Ambachtelijk bakken, 's nachts", "", ""),
    ("key_activities", "Lunchpakketten samenstellen", "", ""),
    ("key_resources", "Twee winkels in het centrum", "strength", "Zichtbaar op de beste plekken"),
    (
        "key_resources",
        "Vakbekwame bakkers",
        "vulnerability",
        "Drie van de vijf gaan binnen 5 jaar met pensioen",
    ),
    (
        "value_propositions",
        "Echt ambachtelijk brood, elke dag vers",
        "strength",
        "Klanten noemen het als eerste",
    ),
    ("value_propositions", "Lunch voor kantoren zonder gedoe", "", ""),
    ("customer_relationships", "Persoonlijk in de winkel", "", ""),
    ("customer_relationships", "Klantenkaart met spaarpunten", "", ""),
    ("channels", "Winkels", "", ""),
    ("channels", "Webshop met afhaalmoment", "vulnerability", "Nog traag op de telefoon"),
    ("customer_segments", "Buurtbewoners en gezinnen", "", ""),
    ("customer_segments", "Kantoren en scholen in de regio", "", ""),
    ("cost_structure", "Personeel (52 % van de kosten)", "", ""),
    ("cost_structure", "Graan en energie", "vulnerability", "Prijzen schommelen sterk"),
    ("revenue_streams", "Verkoop in de winkel", "", ""),
    ("revenue_streams", "Zakelijke abonnementen", "", ""),
]

# title, category, urgency, impact, unpredictability, description
TRENDS = [
    ("Vergrijzing van het bakkersvak", "demography", 4, 5, 2, "Weinig instroom van jonge bakkers."),
    (
        "Stijgende graan- en energieprijzen",
        "economy",
        5,
        4,
        4,
        "Oogsten en energiemarkt zijn grillig.",
    ),
    ("Thuiswerken blijft", "social", 3, 4, 4, "Minder mensen op kantoor: minder zakelijke lunch?"),
    (
        "Bestellen via de telefoon wordt normaal",
        "technology",
        4,
        4,
        1,
        "Ook ouderen bestellen online.",
    ),
    (
        "Regels voor voedselverspilling",
        "politics",
        2,
        3,
        3,
        "De overheid wil verspilling halveren.",
    ),
    (
        "Vraag naar lokaal en biologisch",
        "ecology",
        3,
        3,
        2,
        "Klanten vragen waar het graan vandaan komt.",
    ),
]


# Scores a trend had before: (title, days ago, urgency, impact, unpredictability). Grain and
# energy prices weighed less at last year's plan session and were rescored at steering.
EARLIER_SCORES = [
    ("Stijgende graan- en energieprijzen", 420, 3, 3, 3),
    ("Stijgende graan- en energieprijzen", 150, 4, 4, 3),
    ("Thuiswerken blijft", 400, 4, 3, 4),
]


def _trends(workspace, users):
    made = {}
    for title, category, urgency, impact, unpredictability, description in TRENDS:
        made[title] = Trend(
            workspace=workspace,
            title=title,
            category=category,
            urgency=urgency,
            impact=impact,
            unpredictability=unpredictability,
            description=description,
        )
        trends.add_trend(made[title], users["anna"])
    # Trends were scored at last year's plan session; two were rescored since (their current
    # scores date from the last steering session).
    now = timezone.now()
    rescored = {title for title, *_rest in EARLIER_SCORES}
    current = TrendScore.objects.filter(trend__workspace=workspace)
    current.exclude(trend__title__in=rescored).update(recorded_at=now - timedelta(days=380))
    current.filter(trend__title__in=rescored).update(recorded_at=now - timedelta(days=40))
    TrendScore.objects.bulk_create(
        TrendScore(
            trend=made[title],
            recorded_at=now - timedelta(days=days),
            urgency=u,
            impact=i,
            unpredictability=p,
            recorded_by=users["anna"],
        )
        for title, days, u, i, p in EARLIER_SCORES
    )
    return made


def _canvas(workspace, users):
    items = {}
    for block, text, mark, why in CANVAS[:-4]:
        items[text] = canvas.add_item(workspace, block=block, text=text, mark=mark, why=why)
    a_year_ago = canvas.save_version(workspace, "Plansessie 2025", users["anna"])
    CanvasVersion.objects.filter(pk=a_year_ago.pk).update(
        saved_at=timezone.now() - timedelta(days=390)
    )
    for block, text, mark, why in CANVAS[-4:-2]:
        items[text] = canvas.add_item(workspace, block=block, text=text, mark=mark, why=why)
    version = canvas.save_version(workspace, "Plansessie 2026", users["anna"])
    CanvasVersion.objects.filter(pk=version.pk).update(
        saved_at=timezone.now() - timedelta(days=330)
    )
    for block, text, mark, why in CANVAS[-2:]:
        items[text] = canvas.add_item(workspace, block=block, text=text, mark=mark, why=why)
    webshop = items["Webshop met afhaalmoment"]  # improved this year: no longer a vulnerability
    webshop.mark, webshop.why = "", ""
    canvas.save_item(webshop, ["mark", "why"], webshop.version)
    return items


def _swot(workspace, plan, users, trends):
    strategies = {s.title: s for s in Strategy.objects.filter(plan=plan)}
    team = strategies["Vakmanschap en een sterk team"]
    online = strategies["Online bestellen en afhalen"]
    phone = swot.from_trend(
        trends["Bestellen via de telefoon wordt normaal"], SwotKind.OPPORTUNITY, users["anna"]
    )
    swot.decide(phone, users["anna"], Decision.RESPOND, strategy=online)
    swot.from_trend(trends["Stijgende graan- en energieprijzen"], SwotKind.RISK, users["anna"])
    swot.from_trend(trends["Vraag naar lokaal en biologisch"], SwotKind.OPPORTUNITY, users["anna"])
    waste = swot.add_item(
        workspace,
        users["pieter"],
        kind=SwotKind.RISK,
        description="Boetes op weggegooid brood",
        source="trend",
        trend=trends["Regels voor voedselverspilling"],
    )
    swot.decide(
        waste,
        users["anna"],
        Decision.IGNORE,
        reason="Wetgeving pas vanaf 2029 verwacht; volgend jaar opnieuw bekijken",
    )
    # Last year's worry, gone since: the supermarket's plans were withdrawn.
    supermarket = swot.add_item(
        workspace,
        users["pieter"],
        kind=SwotKind.RISK,
        description="Supermarkt met eigen bakafdeling aan de Singel",
    )
    SwotItem.objects.filter(pk=supermarket.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    swot.archive_item(supermarket)
    for entry in swot.active_items(workspace).filter(kind=SwotKind.VULNERABILITY):
        if "bakkers" in entry.description:
            swot.decide(entry, users["anna"], Decision.RESPOND, strategy=team)
    # Listed at last year's plan session, decided at this year's steering sessions; the fines
    # for wasted bread came up this year.
    now = timezone.now()
    listed = SwotItem.objects.filter(workspace=workspace)
    listed.exclude(description="Boetes op weggegooid brood").update(
        created_at=now - timedelta(days=390)
    )
    listed.filter(description="Boetes op weggegooid brood").update(
        created_at=now - timedelta(days=120)
    )
    listed.filter(decided_at__isnull=False).update(decided_at=now - timedelta(days=70))
    listed.filter(archived_at__isnull=False).update(archived_at=now - timedelta(days=60))
    _confront(workspace)


def _confront(workspace):
    """A start on the confrontation matrix: the pairs the team argued about most."""
    items = {i.description.split(" — ")[0]: i for i in swot.active_items(workspace)}
    for internal, external, score in [
        ("Echt ambachtelijk brood, elke dag vers", "Vraag naar lokaal en biologisch", 2),
        ("Twee winkels in het centrum", "Bestellen via de telefoon wordt normaal", 1),
        ("Graan en energie", "Stijgende graan- en energieprijzen", 2),
        ("Vakbekwame bakkers", "Bestellen via de telefoon wordt normaal", 1),
    ]:
        Confrontation.objects.create(
            internal=items[internal], external=items[external], score=score
        )


def _scenarios(workspace, plan, users, trends):
    scenario_set = scenarios.create_set(
        workspace,
        users["anna"],
        title="De bakkerij in 2030",
        plan=plan,
        driver_x=trends["Thuiswerken blijft"],
        x_low="Iedereen terug op kantoor",
        x_high="Vooral thuiswerken",
        driver_y=trends["Stijgende graan- en energieprijzen"],
        y_low="Grondstoffen betaalbaar",
        y_high="Grondstoffen duur",
    )
    stories = {
        ("low", "high"): (
            "Dure lunch",
            "Kantoren vol, maar elke boterham kost meer.",
            "Graanprijs > € 400/ton",
            "Prijzen zakelijke abonnementen jaarlijks herzien.",
        ),
        ("high", "high"): (
            "Krappe tijden",
            "Minder kantoorlunch én dure grondstoffen.",
            "Kantoorbezetting < 50 %",
            "Zakelijke markt verbreden naar scholen en zorg.",
        ),
        ("low", "low"): (
            "Gouden jaren",
            "Kantoren vol en meel betaalbaar: groeien.",
            "Nieuwe kantoren in de regio",
            "Tweede bezorgroute opzetten.",
        ),
        ("high", "low"): (
            "Buurtbakker",
            "De buurt wordt het kantoor: thuiswerkers kopen lokaal.",
            "Meer doordeweekse klanten in de winkel",
            "Lunchaanbod in de winkels uitbreiden.",
        ),
    }
    for scenario in scenario_set.scenarios.all():
        name, story, signposts, implications = stories[(scenario.x_pole, scenario.y_pole)]
        scenario.name, scenario.story, scenario.signposts, scenario.implications = (
            name,
            story,
            signposts,
            implications,
        )
        scenario.save()
    history = [
        (-380, [15, 20, 40, 25]),  # at last year's plan session
        (-270, [20, 25, 35, 20]),
        (-180, [25, 25, 30, 20]),
        (-90, [30, 25, 25, 20]),
        (-20, [35, 30, 15, 20]),
    ]
    today = timezone.localdate()
    ordered = list(scenario_set.scenarios.all())
    for days, percents in history:
        scenarios.record_likelihoods(
            scenario_set,
            today + timedelta(days=days),
            {s.pk: p for s, p in zip(ordered, percents, strict=True)},
            users["anna"],
        )
    return ordered


def _signals(workspace, users, trends, futures):
    today = timezone.localdate()
    for days, kind, title, trend, future in [
        (
            -3,
            "figure",
            "Tarwe op de termijnmarkt +12 % in een maand",
            "Stijgende graan- en energieprijzen",
            "Dure lunch",
        ),
        (
            -12,
            "news",
            "Gemeente sluit twee kantoorpanden aan de Singel",
            "Thuiswerken blijft",
            "Krappe tijden",
        ),
        (
            -25,
            "observation",
            "Dinsdag en donderdag drukker in de winkel dan vorig jaar",
            "Thuiswerken blijft",
            "Buurtbakker",
        ),
        (
            -40,
            "observation",
            "Twee sollicitanten voor de leerlingplek, vorig jaar geen",
            "Vergrijzing van het bakkersvak",
            None,
        ),
    ]:
        Signal.objects.create(
            workspace=workspace,
            observed_on=today + timedelta(days=days),
            kind=kind,
            title=title,
            trend=trends[trend],
            scenario=next((f for f in futures if f.name == future), None),
            created_by=users["pieter"],
        )


def _brainstorm(workspace, plan, users):
    session = Brainstorm.objects.create(
        workspace=workspace,
        plan=plan,
        question="Hoe halen we jonge bakkers binnen?",
        created_by=users["anna"],
    )
    ideas = [
        ("Open bakkerij-avond voor mbo-studenten", "sanne", ["anna", "pieter", "joris"], "Werven"),
        ("Leerling-meester koppels met vaste begeleiding", "fatima", ["anna", "sanne"], "Opleiden"),
        ("Vier-daagse werkweek in het bakhuis", None, ["joris", "fatima", "sanne", "pieter"], ""),
        ("Filmpjes van het nachtwerk op sociale media", "joris", ["sanne"], "Werven"),
    ]
    for text, author, voters, group in ideas:
        idea = brainstorm.add_idea(
            session, users[author] if author else users["joris"], text, anonymous=author is None
        )
        for voter in voters:
            brainstorm.toggle_vote(idea, users[voter])
        if group:
            brainstorm.set_group(idea, group)
    first = session.ideas.get(text__startswith="Open bakkerij-avond")
    owner = Membership.objects.get(workspace=workspace, user=users["anna"])
    strategy = Strategy.objects.get(plan=plan, title="Vakmanschap en een sterk team")
    brainstorm.convert(first, owner, "action", strategy=strategy)


def load(workspace, plan, users):
    trends = _trends(workspace, users)
    _canvas(workspace, users)
    _swot(workspace, plan, users, trends)
    futures = _scenarios(workspace, plan, users, trends)
    _signals(workspace, users, trends, futures)
    _brainstorm(workspace, plan, users)
