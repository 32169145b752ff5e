"""PDFs laid out in sections and kept under what they show (koers.reports.pdf): what is served
after a change equals a PDF made from scratch, and every page carries its number."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from koers.actions import rules as action_rules
from koers.actions.tests.factories import make_action
from koers.meetings.tests.factories import make_session
from koers.plans.models import Strategy
from koers.reports import pdf


@pytest.fixture
def two_strategies(plan, member):
    """Go online with fourteen updated actions (more than a page), Open a shop with one."""
    online = plan.strategies.get()
    shop = Strategy.objects.create(plan=plan, title="Open a shop", owner=member, position=1)
    actions = [make_action(online, member, f"Step {i}") for i in range(14)]
    for action in actions:
        action_rules.post_update(
            action, member, did="Worked", next="More", progress=20, colour="red"
        )
    lease = make_action(shop, member, "Sign the lease")
    action_rules.post_update(lease, member, did="Found a place", progress=10, colour="green")
    return {"online": actions, "lease": lease}


def preread_pdf(client, plan, session, **headers) -> bytes:
    url = reverse("meetings:preread_pdf", args=["acme", plan.pk, session.pk])
    response = client.get(url, **headers)
    assert response["Content-Type"] == "application/pdf"
    return response.content


def fresh_pdf(client, plan, session, **headers) -> bytes:
    cache.clear()
    pdf.forget_layouts()
    return preread_pdf(client, plan, session, **headers)


def page_texts(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_each_strategy_starts_a_page_and_every_page_has_its_number(
    login, plan, viewer, two_strategies
):
    pages = page_texts(preread_pdf(login(viewer), plan, make_session(plan)))
    assert len(pages) >= 3  # Go online takes more than a page, Open a shop one of its own
    assert pages[-1].split("\n")[0] == "Open a shop"
    assert "Open a shop" not in "".join(pages[:-1])
    for number, text in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in text


CHANGES = {
    "an update in the first section": lambda a: action_rules.post_update(
        a["online"][0], a["online"][0].owner, did="Launched", progress=90, colour="orange"
    ),
    "an update in the last section": lambda a: action_rules.post_update(
        a["lease"], a["lease"].owner, did="Signed it", progress=100, colour="green"
    ),
    "a section grows by a page": lambda a: [
        action_rules.post_update(
            action, action.owner, did="Much " * 60, next="More " * 60, progress=50, colour="red"
        )
        for action in a["online"]
    ],
}


@pytest.mark.parametrize("change", CHANGES)
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_pdf_served_after_a_change_equals_a_fresh_one(
    change, language, login, plan, viewer, two_strategies
):
    client, session = login(viewer), make_session(plan)
    before = preread_pdf(client, plan, session, HTTP_ACCEPT_LANGUAGE=language)
    CHANGES[change](two_strategies)
    served = preread_pdf(client, plan, session, HTTP_ACCEPT_LANGUAGE=language)
    assert served != before
    assert served == fresh_pdf(client, plan, session, HTTP_ACCEPT_LANGUAGE=language)


def test_a_change_the_pdf_does_not_show_does_not_make_it_again(
    monkeypatch, login, plan, viewer, two_strategies
):
    made = []
    real = pdf.html_to_pdf
    monkeypatch.setattr(pdf, "html_to_pdf", lambda *args: made.append(args) or real(*args))
    client, url = login(viewer), reverse("plans:pdf", args=["acme", plan.pk])
    first = client.get(url).content
    lease = two_strategies["lease"]
    action_rules.post_update(lease, lease.owner, did="Signed it", progress=100, colour="green")
    assert client.get(url).content == first
    assert len(made) == 1
    goal = plan.goals.first()
    goal.title = "Revenue 2M"
    goal.save()
    assert "Revenue 2M" in page_texts(client.get(url).content)[0]
    assert len(made) == 2


@pytest.mark.parametrize("screen", ["detail", "preread"])
def test_a_pdf_made_after_its_screen_page_was_read_equals_one_made_from_scratch(
    login, plan, viewer, two_strategies, screen
):
    """Blocks are kept for print as for the screen; a PDF is never given the screen's."""
    client, session = login(viewer), make_session(plan)
    expected = page_texts(fresh_pdf(client, plan, session))
    cache.clear()
    pdf.forget_layouts()
    client.get(reverse(f"meetings:{screen}", args=["acme", plan.pk, session.pk]))
    assert page_texts(preread_pdf(client, plan, session)) == expected


def test_the_outline_nests_every_strategy_under_the_title(login, plan, viewer, two_strategies):
    """Sections are made apart and joined; the PDF's outline (the reader's side panel) is still
    the whole document's, each bookmark leading to its own page."""
    reader = PdfReader(io.BytesIO(preread_pdf(login(viewer), plan, make_session(plan))))
    title, strategies = reader.outline
    assert title.title.startswith("Pre-read")
    assert [item.title for item in strategies] == ["Go online", "Open a shop"]
    assert reader.get_destination_page_number(strategies[1]) == len(reader.pages) - 1


def test_a_change_lays_out_and_paints_only_its_own_section_even_in_another_worker(
    monkeypatch, login, plan, viewer, two_strategies
):
    client, session = login(viewer), make_session(plan)
    preread_pdf(client, plan, session)
    pdf.forget_layouts()  # another worker: the page cache is shared, its layouts are not
    laid_out, painted = [], []
    real_lay_out, real_paint = pdf._lay_out, pdf._NumberedPage.paint
    monkeypatch.setattr(pdf, "_lay_out", lambda *a: laid_out.append(a[0]) or real_lay_out(*a))
    monkeypatch.setattr(
        pdf._NumberedPage, "paint", lambda self, *a: painted.append(self) or real_paint(self, *a)
    )
    lease = two_strategies["lease"]
    action_rules.post_update(lease, lease.owner, did="Signed it", progress=100, colour="green")
    served = preread_pdf(client, plan, session)
    assert len(laid_out) == 2  # the shop's section, and the page numbers' document
    assert "Open a shop" in laid_out[0] and "Go online" not in laid_out[0]
    assert len(painted) == 1  # the shop's one page
    assert served == fresh_pdf(client, plan, session)
