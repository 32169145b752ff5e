"""The generated agendas: a pure function of plan data, per session type."""

from datetime import datetime, timedelta
from types import SimpleNamespace as Obj

import pytest

from koers.meetings.agenda import AgendaData, build_agenda, flat_items, strategy_health_rank

NOW = datetime(2027, 4, 1, 9).astimezone()


def strategy(pk, title):
    return Obj(pk=pk, title=title, position=pk, owner=None, retired_at=None)  # a live strategy


def action(
    pk, s, colour="", status="in_progress", progress=50, closed_days_ago=None, proposed=False
):
    return Obj(
        pk=pk,
        title=f"Action {pk}",
        strategy_id=s.pk,
        strategy=s,
        colour=colour,
        status=status,
        progress=progress,
        position=pk,
        proposed=proposed,
        archived_at=None,  # the agenda is given the plan's live actions
        closed_at=NOW - timedelta(days=closed_days_ago) if closed_days_ago else None,
        latest_update=Obj(did="did"),
        owner=None,
        due_date=None,
    )


S1, S2 = strategy(1, "Grow"), strategy(2, "Save")
ACTIONS = [
    action(1, S1, "green"),
    action(2, S1, "orange"),
    action(3, S1, "red"),
    action(4, S2, "", status="todo", progress=0),
    action(5, S2, "green", progress=100),
    action(6, S2, "red", status="done", progress=100, closed_days_ago=10),
    action(7, S2, "green", status="done", progress=100, closed_days_ago=200),
    action(8, S2, "", status="todo", progress=0, proposed=True),
]


def data(kind, **extra):
    return AgendaData(
        kind=kind,
        strategies=[S1, S2],
        actions=extra.pop("actions", ACTIONS),
        strategy_updates=extra.pop("strategy_updates", {}),
        since=NOW - timedelta(days=92),
        **extra,
    )


def keys(sections):
    return [item.key for item in flat_items(sections)]


def test_update_session_lists_red_then_orange_per_strategy_and_what_is_ready_to_close():
    sections = build_agenda(data("update"))
    assert [str(s.title) for s in sections] == ["Grow", "Save", "Actions ready to close", "Closing"]
    assert keys(sections) == ["action-3", "action-2", "close-5", "conclusions"]
    assert str(sections[1].intro) == "All actions of this strategy are on plan."


def test_done_and_green_actions_are_not_discussed_in_the_update_session():
    assert not {"action-1", "action-6", "action-7"} & set(keys(build_agenda(data("update"))))


def test_steering_session_looks_back_evaluates_looks_ahead_and_follows_up():
    sections = build_agenda(data("steering", open_evaluation=[Obj(text="Stop X")]))
    assert [s.key for s in sections] == [
        "back-1",
        "back-2",
        "evaluation",
        "ahead",
        "ogsm",
        "followup",
        "conclusions",
    ]
    assert keys(sections[:2]) == [
        "strategy-update-1",
        "action-3",
        "action-2",
        "strategy-update-2",
        "finished-2",
    ]
    finished = flat_items(sections)[4]
    assert [a.pk for a in finished.actions] == [6]  # closed this quarter, not 200 days ago
    assert keys(sections[2:3]) == ["evaluation-review", "evaluation"]
    priorities = flat_items(sections[3:4])[1]
    assert [a.pk for a in priorities.actions] == [4]  # to do, and not a mere proposal


@pytest.mark.parametrize("kind", ["update", "steering", "plan"])
def test_every_session_ends_with_its_conclusions_whatever_is_on_the_agenda(kind):
    """Nothing ready to close, nothing off plan: there is still a place for the conclusions."""
    quiet = data(kind, actions=[])
    assert keys(build_agenda(quiet))[-1] == "conclusions"
    assert keys(build_agenda(data(kind)))[-1] == "conclusions"


def test_without_earlier_evaluation_there_is_nothing_to_review():
    assert "evaluation-review" not in keys(build_agenda(data("steering")))


def test_plan_session_puts_strategies_behind_schedule_first():
    updates = {1: Obj(colour="green"), 2: Obj(colour="red")}
    sections = build_agenda(data("plan", strategy_updates=updates))
    assert [s.key for s in sections] == [
        "year",
        "analysis",
        "dashboard",
        "bottom-up",
        "update-ogsm",
        "conclusions",
    ]
    # The goals first; then "Grow", behind in planning (a red action), before "Save", which
    # only its owner declared red.
    assert [i.key for i in sections[2].items] == ["dashboard-goals", "dashboard-1", "dashboard-2"]
    assert sections[2].items[1].behind.planning and not sections[2].items[2].behind.planning


def test_among_strategies_equally_behind_the_declared_colour_decides():
    calm = [action(1, S1, "green"), action(2, S2, "green")]
    updates = {1: Obj(colour="green"), 2: Obj(colour="red")}
    sections = build_agenda(data("plan", actions=calm, strategy_updates=updates))
    assert [i.strategy.pk for i in sections[2].items[1:]] == [2, 1]


def test_plan_session_walks_the_bottom_up_route_through_the_draft():
    """The method's order: actions needed, each strategic choice (in plan order, then a new
    one), the actions that go with them, the dashboard, the goals' targets."""
    sections = build_agenda(data("plan"))
    assert keys(sections[3:4]) == [
        "step-actions",
        "step-choices",
        "draft-strategy-1",
        "draft-strategy-2",
        "draft-new-strategy",
        "step-choice-actions",
        "new-actions",
        "proposals",
        "priorities",
        "step-dashboard",
        "draft-goals",
    ]
    items = {i.key: i for i in flat_items(sections)}
    assert items["draft-strategy-2"].strategy is S2 and items["draft-strategy-2"].title == "Save"
    assert items["draft-strategy-1"].kind == "draft_strategy"
    assert items["step-dashboard"].kind == "draft_dashboard"
    assert items["draft-goals"].kind == "draft_goals"


def test_the_plan_session_ends_by_updating_the_ogsm_before_its_conclusions():
    sections = build_agenda(data("plan"))
    assert keys(sections)[-2:] == ["update-ogsm", "conclusions"]
    assert flat_items(sections)[-2].kind == "update_ogsm"


def test_the_steering_session_asks_whether_the_ogsm_must_change_after_looking_ahead():
    sections = build_agenda(data("steering"))
    order = [s.key for s in sections]
    assert order.index("ogsm") == order.index("ahead") + 1
    (item,) = sections[order.index("ogsm")].items
    assert (item.key, item.kind) == ("ogsm-change", "ogsm_change")
    assert "ogsm-change" not in keys(build_agenda(data("update")))
    assert "ogsm-change" not in keys(build_agenda(data("plan")))


def test_without_declared_colours_more_red_actions_rank_a_strategy_earlier():
    assert strategy_health_rank(S1, ACTIONS, None) < strategy_health_rank(S2, ACTIONS, None)


def test_in_the_plan_session_a_strategy_behind_in_its_kpis_comes_first():
    updates = {1: Obj(colour="red"), 2: Obj(colour="green")}
    sections = build_agenda(
        data("plan", strategy_updates=updates, kpi_status={2: "off_track", 1: "on_track"})
    )
    assert [i.strategy.pk for i in sections[2].items[1:]] == [2, 1]


def test_on_day_one_a_strategy_without_updates_says_so_instead_of_on_plan():
    fresh = [action(pk, S1, "", status="todo", progress=0) for pk in (1, 2, 3)]
    for a in fresh:
        a.latest_update = None
    fresh[0].latest_update = Obj(did="did")
    sections = build_agenda(data("update", actions=fresh))
    assert str(sections[0].intro) == "No updates yet: 1 of 3 actions updated."
    assert str(sections[1].intro) == "This strategy has no open actions yet."


def test_in_the_plan_session_an_overdue_action_puts_its_strategy_behind_in_planning():
    late = action(1, S2, "green")
    late.due_date = (NOW - timedelta(days=1)).date()
    calm = [action(2, S1, "green"), late]
    sections = build_agenda(data("plan", actions=calm, today=NOW.date()))
    first = sections[2].items[1]
    assert first.strategy.pk == 2 and first.behind.planning and not first.behind.content


def test_the_plan_session_opens_with_what_changed_since_last_year():
    """Before the strengths … risks are reviewed, the year in view: one item per tool, whose
    entries are loaded with the item (meetings/year.py)."""
    first = build_agenda(data("plan"))[0]
    assert first.key == "year"
    assert [(i.key, i.kind, i.entries) for i in first.items] == [
        ("year-signals", "year_signals", []),
        ("year-swot", "year_swot", []),
        ("year-trends", "year_trends", []),
        ("year-scenarios", "year_scenarios", []),
        ("year-canvas", "year_canvas", []),
    ]
    assert "year" not in [s.key for s in build_agenda(data("steering"))]


def test_only_open_actions_count_on_the_agendas_so_no_proposal_nor_retired_strategy():
    """The agendas ask `actions.queries.is_open`: a proposal is not yet part of the plan (the
    plan session's dashboard counted it among a strategy's open actions, an orange one was
    pushed back on track), and an action of a retired strategy left the plan with it (the
    minutes' outline, which reads every action, put it among the priorities)."""
    gone = Obj(pk=3, title="Retired", position=3, owner=None, retired_at=NOW)
    orange_proposal = action(9, S1, "orange", proposed=True)
    actions = [*ACTIONS, orange_proposal, action(10, gone)]
    plan = {i.key: i for i in flat_items(build_agenda(data("plan", actions=actions)))}
    assert [a.pk for a in plan["dashboard-2"].actions] == [4, 5]  # not the proposal, 8
    assert [a.pk for a in plan["dashboard-1"].actions] == [1, 2, 3]
    assert 10 not in [a.pk for a in plan["priorities"].entries]
    steering = keys(build_agenda(data("steering", actions=actions)))
    assert "action-9" not in steering and "action-2" in steering
    update = keys(build_agenda(data("update", actions=actions)))
    assert "action-9" not in update and "action-2" in update
