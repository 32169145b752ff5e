"""The confrontation matrix: internal factors scored against external ones."""

import pytest
from django.urls import reverse

from koers.analysis import confrontation, swot
from koers.analysis.models import Confrontation

MATRIX = reverse("analysis:swot_matrix", args=["acme"])


@pytest.fixture
def factors(workspace, owner):
    add = lambda kind, text: swot.add_item(workspace, owner, kind=kind, description=text)  # noqa: E731
    return {
        "bakers": add("strength", "Skilled bakers"),
        "shop": add("vulnerability", "Small shop"),
        "lunch": add("opportunity", "Office lunches"),
        "grain": add("risk", "Grain prices"),
    }


def test_totals_quadrants_and_hotspots_follow_the_scores(factors):
    f = factors
    scores = [
        Confrontation(internal=f["bakers"], external=f["lunch"], score=2),
        Confrontation(internal=f["shop"], external=f["lunch"], score=1),
        Confrontation(internal=f["shop"], external=f["grain"], score=2),
    ]
    matrix = confrontation.build(list(f.values()), scores)
    assert [i.description for i in matrix.internal] == ["Skilled bakers", "Small shop"]
    assert [i.description for i in matrix.external] == ["Office lunches", "Grain prices"]
    assert matrix.row_totals == {f["bakers"].pk: 2, f["shop"].pk: 3}
    assert matrix.column_totals == {f["lunch"].pk: 3, f["grain"].pk: 2}
    assert [total for _name, total in matrix.quadrants] == [2, 0, 1, 2]
    assert matrix.hotspots == [(f["bakers"], f["lunch"]), (f["shop"], f["grain"])]


def test_an_editor_scores_pairs_and_everyone_sees_the_hotspots(login, owner, viewer, factors):
    f = factors
    cell = f"c-{f['bakers'].pk}-{f['lunch'].pk}"
    response = login(owner).post(MATRIX, {cell: "2"}, follow=True)
    assert "1 cell saved." in response.content.decode()
    html = login(viewer).get(MATRIX).content.decode()
    hotspots = html.split("Strongest pairs (++)", 1)[1]
    assert "Skilled bakers — Office lunches" in hotspots
    assert "<select" not in html  # viewers read the scores


@pytest.mark.parametrize("value", ["3", "-1", "lots"])
def test_an_invalid_score_saves_nothing(login, owner, factors, value):
    f = factors
    data = {f"c-{f['bakers'].pk}-{f['lunch'].pk}": "2", f"c-{f['shop'].pk}-{f['grain'].pk}": value}
    response = login(owner).post(MATRIX, data, follow=True)
    assert "Nothing was saved." in response.content.decode()
    assert not Confrontation.objects.exists()


def test_pairs_outside_the_matrix_are_ignored(login, owner, factors, other_workspace):
    elsewhere = swot.add_item(other_workspace, owner, kind="risk", description="Theirs")
    both_internal = f"c-{factors['bakers'].pk}-{factors['shop'].pk}"
    login(owner).post(MATRIX, {f"c-{factors['bakers'].pk}-{elsewhere.pk}": "2", both_internal: "1"})
    assert not Confrontation.objects.exists()


def test_members_and_viewers_cannot_score(login, member, factors):
    cell = f"c-{factors['bakers'].pk}-{factors['lunch'].pk}"
    assert login(member).post(MATRIX, {cell: "2"}).status_code == 403
    assert not Confrontation.objects.exists()


def test_the_matrix_asks_for_both_sides_first(login, viewer, workspace, owner):
    swot.add_item(workspace, owner, kind="strength", description="Skilled bakers")
    html = login(viewer).get(MATRIX).content.decode()
    assert "List at least one strength or vulnerability and one opportunity or risk" in html
