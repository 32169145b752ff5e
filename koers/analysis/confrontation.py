"""The confrontation matrix: strengths and vulnerabilities against opportunities and risks.

Scoring each pair shows where the real strategic questions are: a strength that meets an
opportunity (attack), a strength against a risk (defend), a vulnerability that blocks an
opportunity (strengthen), a vulnerability exposed to a risk (avoid).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from koers.analysis.models import Confrontation, SwotKind

QUADRANT_NAMES = {
    (SwotKind.STRENGTH, SwotKind.OPPORTUNITY): _("Attack: use strengths to seize opportunities"),
    (SwotKind.STRENGTH, SwotKind.RISK): _("Defend: use strengths against risks"),
    (SwotKind.VULNERABILITY, SwotKind.OPPORTUNITY): _(
        "Strengthen: fix vulnerabilities that block opportunities"
    ),
    (SwotKind.VULNERABILITY, SwotKind.RISK): _("Avoid: vulnerabilities exposed to risks"),
}


@dataclass
class Matrix:
    internal: list  # strengths first, then vulnerabilities
    external: list  # opportunities first, then risks
    scores: dict  # (internal id, external id) -> 0..2
    row_totals: dict = field(default_factory=dict)
    column_totals: dict = field(default_factory=dict)
    quadrants: list = field(default_factory=list)  # (name, total), in QUADRANT_NAMES order
    hotspots: list = field(default_factory=list)  # (internal, external) pairs scored ++


def build(items, confrontations) -> Matrix:
    """Pure: the matrix, its totals and hotspots from live SWOT items and scored pairs."""
    order = {SwotKind.STRENGTH: 0, SwotKind.VULNERABILITY: 1, SwotKind.OPPORTUNITY: 0}
    order[SwotKind.RISK] = 1
    internal = sorted(
        (i for i in items if i.kind in (SwotKind.STRENGTH, SwotKind.VULNERABILITY)),
        key=lambda i: (order[i.kind], i.pk),
    )
    external = sorted(
        (i for i in items if i.kind in (SwotKind.OPPORTUNITY, SwotKind.RISK)),
        key=lambda i: (order[i.kind], i.pk),
    )
    scores = {(c.internal_id, c.external_id): c.score for c in confrontations}
    matrix = Matrix(internal=internal, external=external, scores=scores)
    for row in internal:
        matrix.row_totals[row.pk] = sum(scores.get((row.pk, col.pk), 0) for col in external)
    for col in external:
        matrix.column_totals[col.pk] = sum(scores.get((row.pk, col.pk), 0) for row in internal)
    for (inner_kind, outer_kind), name in QUADRANT_NAMES.items():
        total = sum(
            scores.get((row.pk, col.pk), 0)
            for row in internal
            if row.kind == inner_kind
            for col in external
            if col.kind == outer_kind
        )
        matrix.quadrants.append((name, total))
    matrix.hotspots = [
        (row, col) for row in internal for col in external if scores.get((row.pk, col.pk)) == 2
    ]
    return matrix


@transaction.atomic
def save_scores(matrix: Matrix, submitted: dict) -> int:
    """Store the submitted {(internal id, external id): score}; only pairs of the matrix count.

    Returns how many cells changed.
    """
    valid = {(row.pk, col.pk) for row in matrix.internal for col in matrix.external}
    changed = 0
    for pair, score in submitted.items():
        if pair not in valid or matrix.scores.get(pair, 0) == score:
            continue
        Confrontation.objects.update_or_create(
            internal_id=pair[0], external_id=pair[1], defaults={"score": score}
        )
        changed += 1
    return changed
