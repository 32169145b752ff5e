"""Editing the one-page OGSM inline (htmx) and as plain forms, with bad input and conflicts."""

from django.urls import reverse

from koers.plans.models import Goal, Measure, Strategy

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, plan, *args):
    return reverse(f"plans:{name}", args=[plan.workspace.slug, plan.pk, *args])


def test_owner_adds_a_goal_inline_and_gets_only_the_goals_column(login, plan, owner):
    response = login(owner).post(
        url("goal_new", plan),
        {"title": "NPS 50", "measured_by": "Quarterly survey", "target_value": "50"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="goals"' in html and "NPS 50" in html
    assert list(plan.goals.values_list("title", flat=True)) == ["Revenue 1M", "NPS 50"]


def test_without_javascript_adding_a_goal_redirects_back_to_the_plan(login, plan, owner):
    response = login(owner).post(url("goal_new", plan), {"title": "NPS 50"})
    assert response.status_code == 302
    assert response["Location"].endswith(url("detail", plan) + "#goals")


def test_the_edit_link_without_javascript_shows_the_whole_page_with_the_form(login, plan, owner):
    goal = plan.goals.get()
    html = login(owner).get(url("goal_edit", plan, goal.pk)).content.decode()
    assert "<html" in html and 'name="title"' in html and 'value="Revenue 1M"' in html


def test_owner_edits_a_strategy_and_assigns_an_owner(login, plan, owner, process_owner):
    strategy = plan.strategies.get()
    login(owner).post(
        url("strategy_edit", plan, strategy.pk),
        {
            "title": "Sell online",
            "description": "Webshop",
            "owner": process_owner.pk,
            "version": strategy.version,
        },
    )
    strategy.refresh_from_db()
    assert (strategy.title, strategy.owner, strategy.version) == ("Sell online", process_owner, 2)


def test_a_strategy_owner_must_belong_to_the_workspace(login, plan, owner, outsider):
    strategy = plan.strategies.get()
    response = login(owner).post(
        url("strategy_edit", plan, strategy.pk),
        {"title": "Sell online", "owner": outsider.pk, "version": strategy.version},
    )
    assert response.status_code == 422
    strategy.refresh_from_db()
    assert strategy.owner.username == "mia"


def test_owner_adds_a_measure_to_a_strategy(login, plan, owner):
    strategy = plan.strategies.get()
    login(owner).post(
        url("measure_new", plan, strategy.pk),
        {"name": "Basket size", "unit": "EUR", "target": "12.5", "direction": "higher"},
        **HTMX,
    )
    assert strategy.measures.filter(name="Basket size", position=1).exists()


def test_owner_edits_the_objective(login, plan, owner):
    login(owner).post(
        url("objective_edit", plan), {"objective": "Feed the town.", "version": plan.version}
    )
    plan.refresh_from_db()
    assert plan.objective == "Feed the town."


def test_bad_input_shows_errors_and_saves_nothing(login, plan, owner):
    goal = plan.goals.get()
    response = login(owner).post(
        url("goal_edit", plan, goal.pk),
        {"title": "", "target_value": "a lot", "version": goal.version},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "This field is required." in html and "“a lot” is not a number." in html
    goal.refresh_from_db()
    assert goal.title == "Revenue 1M"


def test_a_stale_edit_is_refused_and_keeps_the_editors_input(login, plan, owner):
    goal = plan.goals.get()
    loaded_version = goal.version
    Goal.objects.filter(pk=goal.pk).update(title="Changed by a colleague", version=2)
    response = login(owner).post(
        url("goal_edit", plan, goal.pk), {"title": "My title", "version": loaded_version}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Someone else saved a change" in html and 'value="My title"' in html
    goal.refresh_from_db()
    assert goal.title == "Changed by a colleague"
    # Saving again, now knowingly over the colleague's version, works.
    login(owner).post(url("goal_edit", plan, goal.pk), {"title": "My title", "version": 2})
    goal.refresh_from_db()
    assert goal.title == "My title"


def test_goals_move_up_and_down(login, plan, owner):
    second = Goal.objects.create(plan=plan, title="Second", position=1)
    client = login(owner)
    client.post(url("goal_move", plan, second.pk), {"direction": "up"}, **HTMX)
    assert list(plan.goals.values_list("title", flat=True)) == ["Second", "Revenue 1M"]
    client.post(url("goal_move", plan, second.pk), {"direction": "down"})
    assert list(plan.goals.values_list("title", flat=True)) == ["Revenue 1M", "Second"]


def test_moving_the_last_item_down_changes_nothing(login, plan, owner):
    goal = plan.goals.get()
    login(owner).post(url("goal_move", plan, goal.pk), {"direction": "down"})
    assert plan.goals.get().position == 0


def test_delete_asks_for_confirmation_first(login, plan, owner):
    goal = plan.goals.get()
    client = login(owner)
    html = client.get(url("goal_delete", plan, goal.pk), **HTMX).content.decode()
    assert "Delete “Revenue 1M”?" in html
    assert Goal.objects.filter(pk=goal.pk).exists()
    client.post(url("goal_delete", plan, goal.pk), **HTMX)
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_deleting_a_strategy_lists_exactly_what_goes_and_removes_its_measures(login, plan, owner):
    strategy = plan.strategies.get()
    client = login(owner)
    html = client.get(url("strategy_delete", plan, strategy.pk)).content.decode()
    assert "It has gathered nothing yet. This removes exactly:" in html
    assert "measure: Online orders" in html
    client.post(url("strategy_delete", plan, strategy.pk))
    assert not Strategy.all_objects.exists() and not Measure.all_objects.exists()


def test_deleting_a_strategy_with_actions_retires_it_with_a_reason(login, plan, owner):
    from koers.actions.models import Action

    strategy = plan.strategies.get()
    Action.objects.create(strategy=strategy, title="Open a web shop", owner=owner)
    client = login(owner)
    html = client.get(url("strategy_delete", plan, strategy.pk)).content.decode()
    assert "Retire “Go online”?" in html and "1 × actions" in html
    client.post(url("strategy_delete", plan, strategy.pk), {"reason": "Merged"})
    assert not Strategy.objects.exists()
    assert Strategy.all_objects.get().retired_reason == "Merged"
    assert Action.objects.get().strategy_id == strategy.pk


def test_every_change_bumps_the_workspace_revision(login, plan, owner):
    before = plan.workspace.revision
    login(owner).post(url("goal_new", plan), {"title": "More"})
    plan.workspace.refresh_from_db()
    assert plan.workspace.revision > before


def test_items_of_another_plan_cannot_be_reached_through_this_one(login, plan, owner, workspace):
    other = type(plan).objects.create(
        workspace=workspace,
        name="Other",
        period="2028",
        start_date=plan.start_date,
        end_date=plan.end_date,
    )
    goal = plan.goals.get()
    response = login(owner).post(url("goal_edit", other, goal.pk), {"title": "Hijack"})
    assert response.status_code == 404
    goal.refresh_from_db()
    assert goal.title == "Revenue 1M"
