"""Demo dashboard: 24 months of believable figures for every KPI of the bakery, seeded.

Each KPI runs from a baseline two years ago toward its end target; some keep pace, some lag.
"""

import random
from decimal import Decimal

from django.utils import timezone

from koers.dashboard import services
from koers.dashboard.models import Kpi, Measurement

# KPI name → (baseline two years ago, value now, notes {months ago: note})
FIGURES = {
    "Omzet groeit naar € 1,4 miljoen": (1_000_000, 1_190_000, {14: "Tweede winkel verbouwd"}),
    "Brutomarge van minstens 62 %": (58, 59.5, {8: "Graanprijs fors gestegen"}),
    "Klanten bevelen ons aan": (30, 44, {}),
    "Minder dan 4 % brood over": (9, 7.8, {5: "Planningsbord ingevoerd"}),
    "Aantal vaste zakelijke klanten": (10, 24, {}),
    "Zakelijke omzet per maand": (8_000, 17_000, {3: "Eerste cateringklant"}),
    "Online bestellingen per week": (40, 210, {10: "Webshop live"}),
    "Aandeel online in de omzet": (2, 13, {}),
    "Onverkocht brood": (8, 6.5, {}),
    "Productie-uren per week": (185, 172, {}),
    "Personeelsverloop": (18, 15, {}),
    "Trainingsuren per medewerker": (6, 18, {}),
}
MONTHS = 24


def load(workspace, plan, users):
    rng = random.Random(2027)
    services.ensure_kpis(plan)
    window = services.window_for(timezone.localdate(), "monthly", MONTHS)
    measurements = []
    kpis = Kpi.objects.filter(plan=plan).select_related("goal", "measure__strategy")
    for kpi in kpis:
        start, now, notes = FIGURES.get(kpi.name, (10, 12, {}))
        kpi.baseline_value, kpi.baseline_date = Decimal(str(start)), window[0]
        kpi.owner = kpi.measure.strategy.owner if kpi.measure_id else users["anna"]
        if now < start:  # figures that should go down, like bread left over
            kpi.direction = "lower"
        kpi.save()
        for i, period in enumerate(window):
            share = i / (MONTHS - 1)
            value = start + (now - start) * share
            value *= 1 + rng.uniform(-0.02, 0.02) if i not in (0, MONTHS - 1) else 1
            measurements.append(
                Measurement(
                    kpi=kpi,
                    period=period,
                    value=Decimal(f"{value:.2f}"),
                    entered_by=kpi.owner,
                    note=notes.get(MONTHS - 1 - i, ""),
                )
            )
    Measurement.objects.bulk_create(measurements)
