"""In a real browser, the main flow of each analysis tool, done by the role that does it:

the business model canvas (items, marks, a saved version and what shifted since), the SWOT and
its decisions, trends on their matrix turned into a risk, a scenario set with its likelihoods,
the environment monitor's signals, and a brainstorm whose idea becomes an action. Every tool's
main screen is photographed on a desktop and on a phone, where it must not scroll sideways."""

import re

import pytest

from koers.analysis.models import Likelihood, Trend

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


# --- Helpers: what a user does -------------------------------------------------------------------
def photograph(page, screenshot, name):
    """Screenshot the screen at desktop and phone width; the phone view must not scroll sideways.
    Ends at desktop width."""
    page.set_viewport_size(DESKTOP)
    screenshot(f"{name}-desktop")
    page.set_viewport_size(PHONE)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    screenshot(f"{name}-phone")
    page.set_viewport_size(DESKTOP)
    assert overflow <= 1, f"{name} is {overflow}px wider than a phone"


def open_tool(page, log_in, user, tab):
    """Log in as `user`, open Analysis from the workspace bar and pick a tool's tab."""
    page.context.clear_cookies()
    log_in(user)
    page.click(".card-title:has-text('Acme Bakery')")
    page.click("nav.workspace-nav >> text=Analysis")
    page.locator("h1", has_text="Looking around and inward").wait_for()
    go_to_tab(page, tab)


def go_to_tab(page, tab):
    page.click(f"nav.tabs[aria-label='Analysis tools'] >> text='{tab}'")
    page.locator(f"nav.tabs a[aria-current=page]:text-is('{tab}')").wait_for()


def message(page, text):
    page.locator(".messages", has_text=text).wait_for()


def fill_form(page, fields, within="main form.stack"):
    """Fill a form's fields by name: a <select> by its option's label, others by typing."""
    form = page.locator(within)
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)


def save(page):
    page.click("main form.stack button[type=submit]")


def make_trends(workspace):
    """Two scored trends, as an earlier trend session left them."""
    online = Trend.objects.create(
        workspace=workspace,
        title="Online grocery shopping grows",
        category="technology",
        urgency=5,
        impact=5,
        unpredictability=2,
    )
    wheat = Trend.objects.create(
        workspace=workspace,
        title="Wheat prices swing",
        category="economy",
        urgency=3,
        impact=4,
        unpredictability=5,
    )
    return online, wheat


# --- One test per tool ----------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_business_model_marks_shift_between_versions(
    page, live_server, log_in, screenshot, plan, owner
):
    open_tool(page, log_in, owner, "Business model")
    page.locator(".canvas-block").first.wait_for()
    assert page.locator(".canvas-block").count() == 9

    def add(block, text, mark=""):
        form = page.locator(f"#block-{block} form.canvas-add")
        form.locator("input[name=text]").fill(text)
        form.locator("select[name=mark]").select_option(mark)
        form.locator("button[type=submit]").click()
        page.locator(f"#block-{block} .canvas-item", has_text=text).wait_for()

    add("value_propositions", "Bread baked at 5 every morning", "strength")
    add("key_partners", "One flour supplier")
    fresh = page.locator("#block-value_propositions .canvas-item", has_text="Bread baked")
    assert fresh.locator(".badge").inner_text() == "Strength"
    assert "mark-strength" in fresh.get_attribute("class")
    assert page.locator("#block-key_partners .canvas-item .badge").count() == 0
    photograph(page, screenshot, "canvas")

    page.fill("#id_label", "Plan session 2027")
    page.click("button:has-text('Save version')")
    message(page, "Version saved.")
    page.locator(".versions li", has_text="Plan session 2027").wait_for()

    fresh.locator("a:has-text('Edit')").click()
    page.locator("h1", has_text="Edit business model item").wait_for()
    page.check("input[name=mark][value=vulnerability]")
    page.fill("input[name=why]", "Only one oven, and it is old")
    save(page)
    fresh.locator(".badge", has_text="Vulnerability").wait_for()
    assert "Only one oven, and it is old" in fresh.inner_text()

    page.click("text=Compare versions")
    page.locator("h1", has_text="What changed").wait_for()
    shifts = page.locator(".compare-grid section", has_text="Shifts in strengths")
    shift = shifts.locator("li", has_text="Bread baked at 5 every morning")
    assert re.sub(r"\s+", " ", shift.inner_text()).endswith("Strength → Vulnerability")
    assert "From Plan session 2027 to Now" in page.locator("main").inner_text()
    photograph(page, screenshot, "canvas-compare")

    go_to_tab(page, "SWOT")
    vulnerable = page.locator(".swot-vulnerability .swot-item", has_text="Bread baked")
    assert "Only one oven, and it is old" in vulnerable.inner_text()
    assert "marked on the business model" in vulnerable.inner_text()
    assert page.locator(".swot-strength .swot-item").count() == 0  # the strength moved along
    assert "One flour supplier" not in page.locator(".swot").inner_text()  # unmarked: not listed


@pytest.mark.django_db(transaction=True)
def test_swot_items_get_a_decision(page, live_server, log_in, screenshot, plan, owner):
    open_tool(page, log_in, owner, "SWOT")

    def add(kind, description):
        page.click(f".swot-{kind} .swot-head a:has-text('Add')")
        assert page.locator("select[name=kind]").input_value() == kind  # chosen by the quadrant
        fill_form(page, {"description": description})
        save(page)
        item = page.locator(f".swot-{kind} .swot-item", has_text=description)
        item.wait_for()
        assert "Not decided yet" in item.inner_text()
        return item

    risk = add("risk", "A chain bakery opens next door")
    chance = add("opportunity", "Tourists in the summer")
    page.locator(".page-head .badge", has_text="2 items wait for a decision").wait_for()

    risk.locator("a:has-text('Decide')").click()
    page.locator("h1", has_text="Decide: A chain bakery opens next door").wait_for()
    fill_form(page, {"decision": "Respond", "strategy": "Acme 2027 · Go online"})
    save(page)
    message(page, "Decision recorded.")
    assert risk.locator(".badge").first.inner_text() == "Respond"
    link = risk.locator("a", has_text="Go online")
    assert "with strategy" in risk.inner_text()
    strategy = plan.strategies.get()
    assert link.get_attribute("href").endswith(f"/plans/{plan.pk}/#strategy-{strategy.pk}")

    chance.locator("a:has-text('Decide')").click()
    fill_form(page, {"decision": "Ignore for now", "reason": "Too few tourists come here"})
    save(page)
    message(page, "Decision recorded.")
    assert "Ignore for now" in chance.locator(".badge").first.inner_text()
    assert "Too few tourists come here" in chance.inner_text()
    assert chance.locator("a:has-text('Change decision')").count() == 1
    assert page.locator(".page-head .badge.attention").count() == 0  # nothing waits any more
    photograph(page, screenshot, "swot")

    link.click()  # the strategy that responds is one click away
    page.wait_for_url(re.compile(rf"/plans/{plan.pk}/#strategy-\d+$"))


@pytest.mark.django_db(transaction=True)
def test_trends_on_the_matrix_and_one_made_a_risk(
    page, live_server, log_in, screenshot, plan, owner
):
    open_tool(page, log_in, owner, "Trends")
    page.locator(".empty-state", has_text="No trends yet").wait_for()
    assert page.locator("svg.chart").count() == 0

    for fields in [
        {
            "title": "Online grocery shopping grows",
            "category": "Technology",
            "urgency": "5",
            "impact": "5",
            "unpredictability": "2",
        },
        {
            "title": "Wheat prices swing",
            "category": "Economy",
            "urgency": "3",
            "impact": "4",
            "unpredictability": "5",
        },
    ]:
        page.click("a.button:has-text('New trend')")
        page.locator("h1", has_text="New trend").wait_for()
        fill_form(page, fields)
        save(page)
        page.locator(".trend-card", has_text=fields["title"]).wait_for()

    online = page.locator(".trend-card", has_text="Online grocery shopping grows")
    wheat = page.locator(".trend-card", has_text="Wheat prices swing")
    assert online.locator(".item-number").inner_text() == "1"  # most impact first
    assert wheat.locator(".item-number").inner_text() == "2"
    assert "Urgency 5 · Impact 5 · Unpredictability 2" in online.locator(".scores").inner_text()
    assert "respond (opportunity or risk)" in online.locator(".quadrant").inner_text()
    assert "build scenarios on these" in wheat.locator(".quadrant").inner_text()

    chart = page.locator("figure.chart-panel svg.chart")
    assert chart.is_visible()
    assert chart.locator("circle").count() == 2
    numbers = chart.locator("text[font-weight=bold]").all_text_contents()
    assert sorted(numbers) == ["1", "2"]
    titles = chart.locator("circle title").all_text_contents()
    assert "1. Online grocery shopping grows" in titles
    photograph(page, screenshot, "trends")

    online.locator("button:has-text('Make it a risk')").click()
    message(page, "“Online grocery shopping grows” is now on the list as: risk.")
    online.locator(".badge", has_text="On the list as risk").wait_for()
    assert online.locator("button:has-text('Make it a risk')").count() == 0
    assert online.locator("button:has-text('Make it an opportunity')").count() == 1

    go_to_tab(page, "SWOT")
    risk = page.locator(".swot-risk .swot-item", has_text="Online grocery shopping grows")
    assert "Trend: Online grocery shopping grows" in risk.inner_text()
    assert "Not decided yet" in risk.inner_text()


@pytest.mark.django_db(transaction=True)
def test_scenarios_from_two_trends_and_their_likelihood(
    page, live_server, log_in, screenshot, workspace, plan, owner
):
    make_trends(workspace)
    open_tool(page, log_in, owner, "Scenarios")
    page.click("a.button:has-text('New scenario set')")
    page.locator("h1", has_text="New scenario set").wait_for()
    fill_form(
        page,
        {
            "title": "Bakery 2030",
            "plan": "Acme 2027 (2027)",
            "driver_x": "Online grocery shopping grows",
            "x_low": "Shops stay local",
            "x_high": "Everything ordered online",
            "driver_y": "Wheat prices swing",
            "y_low": "Cheap flour",
            "y_high": "Dear flour",
        },
    )
    save(page)
    page.locator("h1", has_text="Bakery 2030").wait_for()
    names = page.locator(".scenario h2").all_inner_texts()
    assert names == [  # the 2×2 as drawn: top row (dear flour) first, left to right
        "Shops stay local × Dear flour",
        "Everything ordered online × Dear flour",
        "Shops stay local × Cheap flour",
        "Everything ordered online × Cheap flour",
    ]
    assert page.locator(".scenario .empty-hint").count() == 4

    page.locator(".scenario", has_text="Everything ordered online × Dear flour").locator(
        "a:has-text('Edit')"
    ).click()
    page.locator("h1", has_text="Scenario: Everything ordered online × Dear flour").wait_for()
    page.fill("textarea[name=story]", "People order bread with their groceries; flour is dear.")
    save(page)
    online_dear = page.locator(".scenario", has_text="Everything ordered online × Dear flour")
    assert "People order bread with their groceries" in online_dear.inner_text()

    record = page.locator("form[action$='/likelihood/']")

    def record_likelihoods(percents):
        for field, value in zip(
            ["x_low_y_high", "x_high_y_high", "x_low_y_low", "x_high_y_low"], percents, strict=True
        ):
            record.locator(f"input[name={field}]").fill(str(value))
        record.locator("button:has-text('Record')").click()

    record_likelihoods([40, 30, 20, 20])
    error = page.locator(".form-errors", has_text="must add up to 100 % (now 110 %)")
    error.wait_for()
    assert error.is_visible()
    assert Likelihood.objects.count() == 0
    assert page.locator("svg.chart").count() == 0
    assert "No likelihoods recorded yet." in page.locator("main").inner_text()

    record_likelihoods([40, 30, 20, 10])
    message(page, "Likelihoods recorded.")
    assert Likelihood.objects.count() == 4
    chart = page.locator("section.card", has_text="Likelihood over time").locator("svg.chart")
    assert chart.is_visible()
    legend = page.locator(".legend .legend-item").all_inner_texts()
    assert len(legend) == 4 and legend[1] == "Everything ordered online × Dear flour"
    assert online_dear.locator("h2 .badge").inner_text() == "30 %"
    photograph(page, screenshot, "scenario-set")

    go_to_tab(page, "Scenarios")
    card = page.locator(".card-grid .card", has_text="Bakery 2030")
    assert "Online grocery shopping grows × Wheat prices swing · Acme 2027" in card.inner_text()
    assert "Everything ordered online × Dear flour 30 %" in card.inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_member_records_signals_and_filters_by_trend(
    page, live_server, log_in, screenshot, workspace, plan, member
):
    make_trends(workspace)
    open_tool(page, log_in, member, "Environment monitor")
    page.locator(".signal-list .empty-hint", has_text="No signals recorded yet.").wait_for()
    add_form = "section.card:has(h2:text('Add a signal')) form"

    for fields in [
        {
            "kind": "News item",
            "title": "Supermarket starts delivering bread",
            "note": "Same-day, in our postcode",
            "trend": "Online grocery shopping grows",
        },
        {"kind": "Figure", "title": "Flour up 12 % this month", "trend": "Wheat prices swing"},
    ]:
        fill_form(page, fields, within=add_form)
        page.click(f"{add_form} button:has-text('Add signal')")
        message(page, "Signal added.")
        page.locator(".signal-list li", has_text=fields["title"]).wait_for()

    delivering = page.locator(".signal-list li", has_text="Supermarket starts delivering")
    assert "Trend: Online grocery shopping grows" in delivering.inner_text()
    assert "Same-day, in our postcode" in delivering.inner_text()
    assert delivering.locator(".badge").inner_text() == "News item"
    assert delivering.locator("button:has-text('Remove')").count() == 1  # her own signal
    assert page.locator(".signal-list li").count() == 2
    photograph(page, screenshot, "signals")

    page.select_option("#f-trend", label="Online grocery shopping grows")
    page.click("form.filters button:has-text('Show')")
    page.wait_for_url(re.compile(r"\?trend=\d+"))
    assert page.locator(".signal-list li").count() == 1
    assert "Supermarket starts delivering bread" in page.locator(".signal-list").inner_text()
    assert "Flour up 12 %" not in page.locator(".signal-list").inner_text()
    selected = page.locator("#f-trend option:checked").inner_text()
    assert selected == "Online grocery shopping grows"  # the filter shows what it filters on

    page.select_option("#f-trend", label="All trends")
    page.click("form.filters button:has-text('Show')")
    page.locator(".signal-list li", has_text="Flour up 12 %").wait_for()
    assert page.locator(".signal-list li").count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_brainstormed_idea_gets_votes_and_becomes_an_action(
    page, live_server, log_in, screenshot, plan, owner, member
):
    open_tool(page, log_in, owner, "Brainstorm")
    fill_form(page, {"question": "How do we reach new customers?", "plan": "Acme 2027 (2027)"})
    page.click("main button:has-text('Start')")
    page.locator("h1", has_text="How do we reach new customers?").wait_for()
    assert "No ideas yet. Be the first." in page.locator("main").inner_text()

    open_tool(page, log_in, member, "Brainstorm")
    page.click(".card-title:has-text('How do we reach new customers?')")
    page.fill("main form.stack [name=text]", "Sell bread at the Saturday market")
    page.check("input[name=anonymous]")
    page.click("button:has-text('Add idea')")
    idea = page.locator(".idea", has_text="Sell bread at the Saturday market")
    idea.wait_for()
    assert "Anonymous" in idea.inner_text() and "Mia" not in idea.inner_text()
    assert "1 idea" in page.locator(".page-head").inner_text()

    vote = idea.locator(".vote-button")
    assert vote.inner_text().strip() == "▲ 0" and vote.get_attribute("aria-pressed") == "false"
    page.set_viewport_size({"width": 1400, "height": 500})  # short, so the page scrolls
    url = page.url
    page.evaluate("window.scrollTo(0, 200); window.notReloaded = true")
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0
    vote.click()
    page.locator(".idea .vote-button[aria-pressed=true]").wait_for()
    assert vote.inner_text().strip() == "▲ 1"
    assert page.evaluate("window.notReloaded") is True  # swapped in place: no new page
    assert page.url == url and page.evaluate("window.scrollY") == scrolled  # nor a jump
    photograph(page, screenshot, "brainstorm")

    open_tool(page, log_in, owner, "Brainstorm")
    page.click(".card-title:has-text('How do we reach new customers?')")
    assert idea.locator(".vote-button").inner_text().strip() == "▲ 1"
    idea.locator("a:has-text('Take over…')").click()
    page.locator("h1", has_text="Take over the idea: Sell bread at the Saturday market").wait_for()
    page.check("input[name=target][value=action]")
    fill_form(page, {"strategy": "Acme 2027 · Go online"})
    save(page)
    message(page, "The idea has been taken over.")
    assert "became action" in idea.inner_text()
    assert idea.locator("a:has-text('Take over…')").count() == 0

    page.click("nav.workspace-nav >> text=Plans")
    page.click(".card-title:has-text('Acme 2027')")
    page.click("nav.tabs >> text=Action plan")
    row = page.locator("tbody tr", has_text="Sell bread at the Saturday market")
    row.wait_for()
    assert "To do" in row.inner_text()
