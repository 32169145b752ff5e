"""In a real browser, one quarter of the OGSM cycle, each step done by the role that does it:

the OGSM owner writes the one-page plan and its actions, the process owner plans the sessions,
members post their updates, an update session and a steering session run on the shared screen,
and the follow-up report goes out. Every main screen is photographed in Dutch and English, on a
phone and on a desktop, and must not scroll sideways on the phone."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from koers.accounts.models import Membership, Role, User

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
MY_ACTIONS = {"en": "My work", "nl": "Mijn werk"}  # in the top bar, translated
# The steering session's quarter evaluation: one start/keep/stop point on each of the four topics.
EVALUATION = [
    ("Collaboration within the team", "Keep", "A short check-in at the counter every day"),
    ("Collaboration with others", "Start or improve", "Involve the photographer earlier"),
    ("The process", "Stop", "Keeping the plan in a spreadsheet"),
    ("The facilities", "Start or improve", "A second laptop in the back office"),
]


# --- Helpers: what a user does -------------------------------------------------------------------
def switch_language(page, language):
    """Press NL or EN in the top bar; the choice is stored with the user and the page reloads."""
    if page.locator("html").get_attribute("lang") != language:
        page.click(f"button[name=language][value={language}]")
    page.locator(f"html[lang={language}]").wait_for()
    page.locator("nav.workspace-nav", has_text=MY_ACTIONS[language]).wait_for()
    pressed = page.locator(f"button[name=language][value={language}]")
    assert pressed.get_attribute("aria-pressed") == "true"


def photograph(page, screenshot, name):
    """Screenshot the screen in Dutch and English at phone and desktop width, and check the
    phone view has no horizontal scroll. Ends in English, at desktop width."""
    for language in ("nl", "en"):
        page.set_viewport_size(DESKTOP)
        switch_language(page, language)
        screenshot(f"{name}-{language}-desktop")
        page.set_viewport_size(PHONE)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{name} ({language}) is {overflow}px wider than a phone"
        screenshot(f"{name}-{language}-phone")
    page.set_viewport_size(DESKTOP)


def log_in_as(page, log_in, user):
    """Log in and open the workspace: from the home page, or from My work, where login lands
    when something is asked of the user."""
    page.context.clear_cookies()
    log_in(user)
    if page.url.endswith("/my/"):
        page.click("nav.workspace-nav >> text=Plans")
    else:
        page.click(".card-title:has-text('Acme Bakery')")
    page.locator("h1", has_text="Plans").wait_for()


def see(page, text, within="main"):
    page.locator(within, has_text=text).first.wait_for()


def message(page, text):
    page.locator(".messages", has_text=text).wait_for()


def add_to_ogsm_column(page, column, fields, add_link=None):
    """Open the inline form of a column of the one-page OGSM, fill it and save it in place."""
    page.click(add_link or f"#{column} > a.add-link")
    form = page.locator(f"#{column} form.item-form")
    for name, value in fields.items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    form.locator("button[type=submit]").click()
    form.wait_for(state="detached")


def add_action(page, title, owner, due):
    page.click("main a.button:has-text('New action')")
    page.fill("input[name=title]", title)
    page.select_option("select[name=owner]", label=owner)
    page.fill("input[name=start_date]", timezone.localdate().isoformat())
    page.fill("input[name=due_date]", due.isoformat())
    page.click("main button[type=submit]")
    page.locator("h1", has_text=title).wait_for()
    page.click(".breadcrumb a")  # back to the action plan


def post_update(page, title, *, did, next_, progress, colour, need="", need_from=None):
    """From My work, open one's own action and post the structured update."""
    page.click("nav.workspace-nav >> text=My work")
    page.click(f".my-card a:has-text('{title}')")
    page.fill("textarea[name=did]", did)
    page.fill("textarea[name=next]", next_)
    page.fill("textarea[name=need]", need)
    if need_from:
        page.select_option("select[name=need_from]", label=need_from)
    page.fill("input[name=progress]", str(progress))
    page.check(f"input[name=colour][value={colour}]")
    page.click("#activity button[type=submit]")
    page.locator(".timeline-item", has_text=did).wait_for()
    facts = page.locator("#action-facts")
    assert f"{progress}%" in facts.inner_text() and colour.title() in facts.inner_text()


def go_to_agenda_item(page, title):
    page.click(f".agenda-nav a:has-text('{title}')")
    page.locator(".run-title", has_text=title).wait_for()


def run_form(page, step):
    return page.locator(f"form[action$='/run/{step}/']")


def decided(page, text):
    page.locator(".decisions li", has_text=text).wait_for()


def status_in_action_plan(page, plan_url, title):
    page.goto(f"{plan_url}actions/")
    return page.locator("tr", has_text=title).locator(".badge").first.inner_text()


def pdf_shown_after(page, button) -> bytes:
    """Click a button whose answer Chromium shows in its PDF viewer; return the file's bytes
    (the viewer hides them from the page, so they are caught on their way in)."""
    caught = []

    def keep(route):
        response = route.fetch()
        caught.append((response.headers["content-type"], response.body()))
        route.fulfill(response=response)

    url = page.url  # the form posts back to its own page
    page.route(url, keep)
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.click(button)
    page.unroute(url)
    content_type, body = caught[0]
    assert content_type == "application/pdf"
    return body


def assert_is_pdf(body: bytes):
    assert body.startswith(b"%PDF-"), body[:40]


# --- The story, step by step ----------------------------------------------------------------------
def write_the_one_page_plan(page, shoot) -> str:
    """The OGSM owner creates the plan and fills the one page: O, G, S with an owner, M."""
    start = timezone.localdate().replace(day=1)
    end = start.replace(year=start.year + 1) - timedelta(days=1)
    page.click("text=New plan")
    page.fill("input[name=name]", "Acme goes online")
    page.fill("input[name=period]", f"{start.year}/{end.year}")
    page.fill("input[name=start_date]", start.isoformat())
    page.fill("input[name=end_date]", end.isoformat())
    page.click("main button[type=submit]")
    message(page, "Plan created. Start with the objective.")
    plan_url = re.sub(r"[#?].*$", "", page.url)
    assert re.search(r"/w/acme/plans/\d+/$", plan_url)

    page.click("#objective a.icon-button")
    page.fill("#objective textarea[name=objective]", "Every neighbour can order our bread online.")
    page.click("#objective button[type=submit]")
    see(page, "Every neighbour can order our bread online.", "#objective .objective-text")
    goal = {"title": "A fifth of sales online", "target_value": "20", "target_unit": "%"}
    add_to_ogsm_column(page, "goals", goal)
    see(page, "A fifth of sales online", "#goals h3")
    add_to_ogsm_column(page, "strategies", {"title": "Open a webshop", "owner": "Mia"})
    see(page, "Open a webshop", "#strategies h3")
    measure = {"name": "Online orders per week", "unit": "orders", "target": "50"}
    add_to_ogsm_column(page, "strategies", measure, add_link="#strategies .measures a.add-link")
    see(page, "Online orders per week", "#strategies .measure")
    assert "Mia" in page.locator("#strategies .owner").inner_text()
    shoot("one-page-plan")
    return plan_url


def add_the_actions(page, shoot):
    """The OGSM owner puts four actions under the strategy, each with its owner."""
    page.click("nav.tabs >> text=Action plan")
    due = timezone.localdate() + timedelta(days=90)
    for title, owner in [
        ("Launch the webshop", "Mia"),
        ("Set up online payments", "Mia"),
        ("Photograph the bread", "Sam"),
        ("Train staff on web orders", "Sam"),
    ]:
        add_action(page, title, owner, due)
    see(page, "4 actions", ".result-count")
    see(page, "Open a webshop", ".group-row")
    assert page.locator("tbody .badge", has_text="To do").count() == 4
    shoot("action-plan")


def plan_the_sessions_and_ask_for_updates(page, shoot) -> str:
    """The process owner sets the rhythm, plans the period's sessions by it, and opens the
    update round of the first update session. Returns that session's address."""
    page.click(".card-title:has-text('Acme goes online')")
    page.click("nav.tabs >> text=Sessions")
    page.click("text=Set the rhythm")
    page.fill("input[name=place]", "Back office")
    page.click("main button[type=submit]")
    message(page, "The rhythm is saved.")
    page.click("text=Plan sessions by the rhythm")
    message(page, "sessions planned.")
    cards = page.locator(".session-card")
    assert cards.filter(has_text="Update session").count() >= 1
    assert cards.filter(has_text="Steering session").count() >= 1
    assert "Back office" in cards.first.inner_text()
    shoot("sessions")

    page.click(".session-card a:has-text('Update session')")
    session_url = page.url
    page.click("button:has-text('Ask now')")
    see(page, "0 of 2 people have given all their updates.")
    assert sorted(m.to[0] for m in mail.outbox) == ["mia@example.com", "sam@example.com"]
    return session_url


def run_the_update_session(page, shoot, plan_url, session_url):
    """The process owner leads the monthly update session: red and orange actions are on the
    agenda, a reason and a new due date are recorded, a finished action is closed as done."""
    page.goto(f"{session_url}round/")
    see(page, "1 of 2 people have given all their updates.")  # Sam has one to go
    page.click(".breadcrumb a")
    agenda = page.locator("ol.agenda")
    for title in ["Set up online payments", "Launch the webshop", "Photograph the bread"]:
        see(page, title, "ol.agenda")
    assert "Actions ready to close" in agenda.inner_text()
    assert "Train staff on web orders" not in agenda.inner_text()  # no news: not on the agenda
    shoot("update-agenda")

    page.click("text=Start the session")
    page.locator(".run-title", has_text="Set up online payments").wait_for()  # red comes first
    page.fill("textarea[name=reasons]", "The budget for payment fees was never set")
    page.fill("textarea[name=remedy]", "Olivia sets the budget this week")
    page.click("text=Record in the minutes")
    message(page, "Noted.")
    new_due = timezone.localdate() + timedelta(days=60)
    run_form(page, "adjust").locator("input[name=due_date]").fill(new_due.isoformat())
    run_form(page, "adjust").locator("button").click()
    message(page, "1 change recorded.")
    decided(page, "due date")
    shoot("update-session-mode")

    go_to_agenda_item(page, "Photograph the bread")
    page.check("input[name=criterion][value=finished]")  # the definition of done's first part
    page.click("button:has-text('Close as done')")
    message(page, "“Photograph the bread” is done.")
    decided(page, "closed as done")
    page.click("text=End the session")
    page.click("text=Yes, end the session")  # ending asks first
    page.locator("h1", has_text="Minutes").wait_for()
    minutes = page.locator("main").inner_text()
    assert "The budget for payment fees was never set" in minutes
    assert "“Set up online payments”: due date" in minutes
    assert "“Photograph the bread” closed as done" in minutes
    shoot("update-minutes")
    assert status_in_action_plan(page, plan_url, "Photograph the bread") == "Done"


def post_the_strategy_update(page, shoot, plan_url):
    """Before the steering session the strategy owner says how her strategy is doing."""
    page.goto(f"{plan_url}actions/")
    page.click(".group-row >> text=strategy update")
    page.fill("textarea[name=did]", "The shop is live for friends and family")
    page.fill("textarea[name=next]", "Open it to everyone")
    page.check("input[name=colour][value=orange]")
    page.click("main button[type=submit]")
    message(page, "Strategy update posted.")
    see(page, "The shop is live for friends and family", ".timeline-item")
    shoot("strategy-update")


def run_the_steering_session(page, shoot, plan_url, site) -> str:
    """The quarterly steering session: look back (strategy update, results, evaluation on the
    four topics), look ahead (a new action, the priorities). Returns the session's address."""
    page.goto(plan_url)
    page.click("nav.tabs >> text=Sessions")
    page.click(".session-card a:has-text('Steering session')")
    session_url = page.url
    page.click("text=Start the session")
    page.locator(".run-title", has_text="Strategy update").wait_for()
    see(page, "The shop is live for friends and family", ".run-item")
    for title in ["Set up online payments", "Launch the webshop"]:  # still red and orange
        see(page, title, ".agenda-nav")

    go_to_agenda_item(page, "Results of finished actions")
    see(page, "Photograph the bread", ".run-item")
    page.fill("textarea[name=remedy]", "Use the photos in the newsletter too")
    page.click("text=Record in the minutes")
    message(page, "Noted.")

    go_to_agenda_item(page, "Start or improve, keep, stop")
    form = run_form(page, "evaluation")
    for topic, verdict, text in EVALUATION:
        form.locator("select[name=topic]").select_option(label=topic)
        form.locator("select[name=verdict]").select_option(label=verdict)
        form.locator("input[name=text]").fill(text)
        form.locator("button").click()
        page.locator(".run-item li", has_text=text).wait_for()
    topics = page.locator(".run-item h3").all_inner_texts()
    assert sorted(topics) == sorted(topic for topic, _verdict, _text in EVALUATION)
    shoot("steering-evaluation")

    go_to_agenda_item(page, "Are new actions needed")
    form = run_form(page, "new-action")
    form.locator("input[name=title]").fill("Offer click-and-collect")
    form.locator("select[name=owner]").select_option(label="Sam")
    form.locator("button").click()
    message(page, "New action added to the plan.")
    decided(page, "New action “Offer click-and-collect”")

    go_to_agenda_item(page, "Priorities for the next quarter")
    for title in ["Train staff on web orders", "Offer click-and-collect"]:
        page.locator("label.check", has_text=title).locator("input").check()
    page.click("text=Set to In progress")
    message(page, "2 actions now in progress.")
    decided(page, "“Offer click-and-collect” is a priority for next quarter")
    shoot("steering-priorities")

    page.click("text=End the session")
    page.click("text=Yes, end the session")  # ending asks first
    page.locator("h1", has_text="Minutes").wait_for()
    minutes = page.locator("main").inner_text()
    assert "Quarter evaluation" in minutes
    assert "Stop: Keeping the plan in a spreadsheet" in minutes
    assert "Use the photos in the newsletter too" in minutes
    assert "“Train staff on web orders” is a priority for next quarter" in minutes
    shoot("steering-minutes")
    pdf = page.request.get(
        site + page.locator("a:has-text('Download as PDF')").get_attribute("href")
    )
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert_is_pdf(pdf.body())
    assert status_in_action_plan(page, plan_url, "Train staff on web orders") == "In progress"
    return session_url


def send_the_follow_up(page, shoot, session_url, stakeholder):
    """The follow-up report tells people outside the team the results and the priorities;
    it is e-mailed to a stakeholder and downloaded as a PDF."""
    page.goto(session_url)
    page.click("text=Follow-up report")
    draft = page.locator("textarea[name=text]").input_value()
    results, priorities = draft.split("Our priorities for the next quarter:")
    assert "Results achieved:" in results and "- Photograph the bread" in results
    assert "- Train staff on web orders" in priorities
    assert "- Offer click-and-collect" in priorities
    shoot("follow-up")
    page.fill("textarea[name=recipients]", stakeholder.email)
    page.click("button:has-text('Send by e-mail')")
    message(page, "Sent to 1 person.")
    see(page, "Sent on")
    sent = mail.outbox[-1]
    assert sent.to == [stakeholder.email] and "Offer click-and-collect" in sent.body
    assert_is_pdf(pdf_shown_after(page, "button:has-text('Download as PDF')"))


@pytest.mark.django_db(transaction=True)
def test_a_team_plays_a_quarter_of_the_ogsm_cycle(
    page, live_server, log_in, screenshot, workspace, owner, process_owner, member, viewer
):
    sam = User.objects.create_user("sam", "sam@example.com", first_name="Sam")
    Membership.objects.create(workspace=workspace, user=sam, role=Role.MEMBER)

    def as_(user):
        log_in_as(page, log_in, user)

    def shoot(name):
        photograph(page, screenshot, name)

    as_(owner)
    plan_url = write_the_one_page_plan(page, shoot)
    add_the_actions(page, shoot)

    as_(process_owner)
    update_session_url = plan_the_sessions_and_ask_for_updates(page, shoot)

    as_(member)  # Mia owns two actions and the strategy
    post_update(
        page,
        "Launch the webshop",
        did="Chose a webshop platform and filled the catalogue",
        next_="Test orders with five customers",
        need="Photos of every bread",
        need_from="Sam",
        progress=40,
        colour="orange",
    )
    shoot("action-update")
    post_update(
        page,
        "Set up online payments",
        did="Asked two payment providers for an offer",
        next_="Sign the contract",
        need="A decision on the budget",
        progress=10,
        colour="red",
    )
    as_(sam)
    post_update(
        page,
        "Photograph the bread",
        did="All breads photographed and on the site",
        next_="Nothing, it is finished",
        progress=100,
        colour="green",
    )

    as_(process_owner)
    run_the_update_session(page, shoot, plan_url, update_session_url)

    as_(member)
    post_the_strategy_update(page, shoot, plan_url)

    as_(process_owner)
    steering_session_url = run_the_steering_session(page, shoot, plan_url, live_server.url)
    send_the_follow_up(page, shoot, steering_session_url, stakeholder=viewer)
