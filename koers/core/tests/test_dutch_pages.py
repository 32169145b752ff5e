"""Dutch pages show no English product text, including text rendered from Python: defaults
stored by the rules (the definition of done), form labels and choices, messages.

Every English message of the catalogue that a Dutch reader should never see is looked for in
the demo's key pages rendered in Dutch; a hit means a text bypassed translation (an English
default saved into the database, a label fixed at import time, a string never marked).
"""

import html
import re

import pytest
from django.urls import reverse

from koers.accounts.models import User
from koers.core.tests.test_translations import CATALOGUES, parse_po
from koers.demo.services import DEMO_SLUG, load_demo, organisation_plan
from koers.meetings.models import Kind, Session


def english_phrases() -> set[str]:
    """English messages long enough to be unmistakable (three words or more), whose Dutch
    differs; with placeholders or markup they cannot be matched literally and are left out."""
    phrases = set()
    for path in CATALOGUES:
        for entry in parse_po(path):
            msgid, translated = entry["msgid"], (entry["msgstr"] or [""])[0]
            if "%" in msgid or "{" in msgid or "<" in msgid or len(msgid.split()) < 3:
                continue
            if translated and translated != msgid:
                phrases.add(msgid)
    return phrases


def visible_text(page: str) -> str:
    body = page[page.index("<main") :]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.fixture
def dutch_demo(db, client):
    workspace = load_demo()
    anna = User.objects.get(username="anna")
    anna.language = "nl"
    anna.save(update_fields=["language"])
    client.force_login(anna)
    client.post(reverse("accounts:language"), {"language": "nl"})
    return client, organisation_plan(workspace)


def key_pages(plan) -> list[str]:
    ws, pk = DEMO_SLUG, plan.pk
    action = plan.strategies.first().actions.first()
    session = Session.objects.filter(plan=plan, state=Session.State.PLANNED).first()
    held = Session.objects.filter(plan=plan, kind=Kind.STEERING, state="closed").first()
    pages = [
        reverse("meetings:my_work", args=[ws]),
        reverse("plans:detail", args=[ws, pk]),
        reverse("actions:list", args=[ws, pk]),
        reverse("actions:definition_of_done", args=[ws, pk]),
        reverse("actions:detail", args=[ws, pk, action.pk]),
        reverse("actions:close", args=[ws, pk, action.pk]),
        reverse("meetings:list", args=[ws, pk]),
        reverse("meetings:cadence", args=[ws, pk]),
        reverse("meetings:detail", args=[ws, pk, session.pk]),
        reverse("meetings:round", args=[ws, pk, session.pk]),
        reverse("meetings:preread", args=[ws, pk, session.pk]),
        reverse("meetings:minutes", args=[ws, pk, held.pk]),
        reverse("meetings:followup", args=[ws, pk, held.pk]),
    ]
    run = reverse("meetings:run", args=[ws, pk, session.pk])
    pages += [f"{run}?item={i}" for i in range(12)]
    return pages


def test_dutch_pages_show_no_english_product_text(dutch_demo):
    client, plan = dutch_demo
    phrases = english_phrases()
    found = {}
    for url in key_pages(plan):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="nl">' in response.content.decode(), url
        text = " ".join(visible_text(response.content.decode()).split())
        hits = sorted(p for p in phrases if " ".join(p.split()) in text)
        if hits:
            found[url] = hits
    assert found == {}


def test_a_definition_of_done_saved_as_the_method_words_it_follows_the_reader(plan):
    from django.utils import translation

    from koers.actions import rules

    with translation.override("en"):
        dod = rules.definition_of_done(plan)
        rules.save_definition_of_done(dod, dod.version)  # saved unchanged, in English
    with translation.override("nl"):
        assert rules.definition_of_done(plan).text.startswith("Een actie is klaar als")
    dod = rules.definition_of_done(plan)
    dod.text = "Done when the customer says so."
    rules.save_definition_of_done(dod, dod.version)
    with translation.override("nl"):  # the team's own words stay as written
        assert rules.definition_of_done(plan).text == "Done when the customer says so."
