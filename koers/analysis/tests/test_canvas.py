"""The business model canvas: marks feed the SWOT, versions can be compared."""

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koers.analysis import canvas
from koers.analysis.models import CanvasItem, SwotItem

CANVAS = reverse("analysis:canvas", args=["acme"])


def add(client, text, mark="", block="key_resources"):
    return client.post(
        reverse("analysis:canvas_item_new", args=["acme"]),
        {"block": block, "text": text, "mark": mark},
    )


def test_an_item_added_in_a_block_shows_in_that_block(login, owner):
    client = login(owner)
    response = add(client, "Two shops in the centre")
    assert response["Location"].endswith("#block-key_resources")
    html = client.get(CANVAS).content.decode()
    block = html.split('id="block-key_resources"', 1)[1].split("</section>", 1)[0]
    assert "Two shops in the centre" in block


def test_marking_a_strength_puts_it_on_the_swot_and_unmarking_takes_it_off(login, owner):
    client = login(owner)
    add(client, "Skilled bakers", mark="strength")
    item = CanvasItem.objects.get()
    swot_page = client.get(reverse("analysis:swot", args=["acme"])).content.decode()
    assert "Skilled bakers" in swot_page and "marked on the business model" in swot_page

    edit = reverse("analysis:canvas_item_edit", args=["acme", item.pk])
    data = {"block": item.block, "text": item.text, "mark": "vulnerability", "why": "Retiring"}
    client.post(edit, {**data, "version": item.version})
    entry = SwotItem.objects.get(canvas_item=item)
    assert entry.kind == "vulnerability" and "Retiring" in entry.description

    client.post(edit, {**data, "mark": "", "why": "", "version": item.version + 1})
    entry.refresh_from_db()
    assert entry.archived_at is not None
    live = client.get(reverse("analysis:swot", args=["acme"])).content.decode()
    assert "Skilled bakers" not in live.split("Earlier items", 1)[0]


def test_a_why_without_a_mark_is_refused(login, owner):
    client = login(owner)
    response = client.post(
        reverse("analysis:canvas_item_new", args=["acme"]),
        {"block": "channels", "text": "Webshop", "mark": "", "why": "Slow"},
    )
    assert "Mark it as a strength or a vulnerability" in response.content.decode()
    assert not CanvasItem.objects.exists()


def test_a_stale_edit_is_detected_and_keeps_the_other_persons_text(login, owner, workspace):
    item = canvas.add_item(workspace, block="channels", text="Webshop", mark="")
    client = login(owner)
    edit = reverse("analysis:canvas_item_edit", args=["acme", item.pk])
    fields = {"block": "channels", "mark": ""}
    client.post(edit, {**fields, "text": "Webshop and app", "version": item.version})
    response = client.post(edit, {**fields, "text": "Only a webshop", "version": item.version})
    assert "Someone else saved a change" in response.content.decode()
    item.refresh_from_db()
    assert item.text == "Webshop and app"


def test_removing_an_item_keeps_it_in_saved_versions(login, owner, workspace):
    item = canvas.add_item(workspace, block="channels", text="Market stall", mark="")
    canvas.save_version(workspace, "Spring", owner)
    client = login(owner)
    client.post(reverse("analysis:canvas_item_delete", args=["acme", item.pk]))
    canvas_html = client.get(CANVAS).content.decode().split('class="canvas"', 1)[1]
    assert "Market stall" not in canvas_html
    compare = client.get(reverse("analysis:canvas_compare", args=["acme"])).content.decode()
    removed = compare.split("Removed", 1)[1].split("</section>", 1)[0]
    assert "Market stall" in removed


def test_comparing_versions_shows_additions_changes_and_shifts(login, owner, workspace):
    shop = canvas.add_item(workspace, block="channels", text="Shop", mark="strength")
    bakers = canvas.add_item(workspace, block="key_resources", text="Bakers", mark="strength")
    canvas.save_version(workspace, "Plan session 2026", owner)
    canvas.add_item(workspace, block="channels", text="Webshop", mark="")
    bakers.mark = "vulnerability"
    canvas.save_item(bakers, ["mark"], bakers.version)
    shop.text = "Two shops"
    canvas.save_item(shop, ["text"], shop.version)

    html = login(owner).get(reverse("analysis:canvas_compare", args=["acme"])).content.decode()
    shifts = html.split("Shifts in strengths and vulnerabilities", 1)[1].split("</section>")[0]
    assert "Bakers" in shifts and "Strength" in shifts and "Vulnerability" in shifts
    assert "Webshop" in html.split("Added", 1)[1].split("</section>")[0]
    changed = html.split("<h2>Changed</h2>", 1)[1].split("</section>")[0]
    assert "<del>Shop</del> → Two shops" in changed


def test_compare_without_any_version_explains_what_to_do(login, viewer, workspace):
    html = login(viewer).get(reverse("analysis:canvas_compare", args=["acme"])).content.decode()
    assert "Save a version of the business model first" in html


ITEM = st.fixed_dictionaries(
    {
        "block": st.sampled_from(["channels", "key_partners"]),
        "text": st.text(max_size=5),
        "mark": st.sampled_from(["", "strength", "vulnerability"]),
        "why": st.sampled_from(["", "why"]),
    }
)
SNAPSHOT = st.dictionaries(st.integers(1, 30), ITEM, max_size=12).map(
    lambda d: [{"id": k, **v} for k, v in d.items()]
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SNAPSHOT, SNAPSHOT)
def test_compare_accounts_for_every_item_exactly_once(older, newer):
    result = canvas.compare(older, newer)
    old_ids, new_ids = {i["id"] for i in older}, {i["id"] for i in newer}
    assert {i["id"] for i in result.added} == new_ids - old_ids
    assert {i["id"] for i in result.removed} == old_ids - new_ids
    touched = {new["id"] for _old, new in result.changed + result.shifted}
    unchanged = {i["id"] for i in newer if i["id"] in old_ids and i["id"] not in touched}
    old_by_id = {i["id"]: i for i in older}
    assert all(old_by_id[i["id"]] == i for i in newer if i["id"] in unchanged)
    assert canvas.compare(newer, newer).is_empty


def test_a_changed_reason_does_not_strike_through_the_unchanged_text(login, owner, workspace):
    item = canvas.add_item(workspace, block="channels", text="Shop", mark="strength", why="Busy")
    canvas.save_version(workspace, "Spring", owner)
    item.why = "Busiest street"
    canvas.save_item(item, ["why"], item.version)
    html = login(owner).get(reverse("analysis:canvas_compare", args=["acme"])).content.decode()
    changed = html.split("<h2>Changed</h2>", 1)[1].split("</section>")[0]
    assert "<del>" not in changed and "Busy → Busiest street" in changed
