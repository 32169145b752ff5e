"""A session as a PowerPoint deck: what a steering team would put on the screen."""

import io
import shutil
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from koers.actions import rules as action_rules
from koers.actions.tests.factories import make_action
from koers.dashboard import services
from koers.dashboard.models import Kpi, Measurement
from koers.meetings import decisions
from koers.meetings.models import Kind
from koers.meetings.tests.factories import make_session


@pytest.fixture
def steering(plan, member, owner):
    strategy = plan.strategies.get()
    red = make_action(strategy, member, "Open a webshop")
    action_rules.post_update(red, member, did="Platform chosen", progress=30, colour="red")
    orange = make_action(strategy, member, "Deliver by bike")
    action_rules.post_update(orange, member, did="Bikes ordered", progress=20, colour="orange")
    green = make_action(strategy, member, "Print flyers")
    action_rules.post_update(green, member, did="Designed", progress=60, colour="green")
    services.ensure_kpis(plan)
    kpi = Kpi.objects.get(plan=plan, measure__isnull=False)
    today = timezone.localdate().replace(day=1)
    for back in range(4):
        month = (today - timedelta(days=31 * back)).replace(day=1)
        Measurement.objects.create(kpi=kpi, period=month, value=Decimal(10 + back))
    session = make_session(plan, kind=Kind.STEERING, days_ahead=-1)
    decisions.start_session(session)
    decisions.decide_priorities(session, owner, [make_action(strategy, owner, "Hire a baker")])
    return session


def _deck(client, session):
    url = reverse(
        "reports:session_deck", args=[session.plan.workspace.slug, session.plan.pk, session.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def _slides(content):
    deck = Presentation(io.BytesIO(content))
    slides = []
    for slide in deck.slides:
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        slides.append(
            {
                "title": texts[0] if texts else "",
                "text": "\n".join(texts),
                "pictures": len(pictures),
            }
        )
    return slides


def test_a_steering_deck_has_agenda_ogsm_strategies_decisions_results_and_priorities(
    login, viewer, steering
):
    slides = _slides(_deck(login(viewer), steering))
    titles = [s["title"] for s in slides]
    assert titles[0].startswith("Quarterly steering") or "Acme 2027" in titles[0]
    assert titles[1:4] == ["Agenda", "One-page OGSM", "Go online"]
    assert "Looking ahead" in slides[1]["text"]
    assert "Be the best bakery in town." in slides[2]["text"]
    strategy = slides[3]
    assert "Open a webshop" in strategy["text"] and "Deliver by bike" in strategy["text"]
    assert "Print flyers" not in strategy["text"]  # on plan: not what the session discusses
    assert strategy["pictures"] == 1  # the measure's KPI chart
    decisions = next(s for s in slides if s["title"] == "Decisions")
    assert "Hire a baker" in decisions["text"]
    assert [s["title"] for s in slides][-2:] == ["Results", "Priorities for the next quarter"]
    assert "Hire a baker" in slides[-1]["text"]


def test_the_deck_speaks_the_readers_language(login, viewer, steering):
    viewer.language = "nl"
    viewer.save()
    titles = [s["title"] for s in _slides(_deck(login(viewer), steering))]
    assert "Besluiten" in titles and "Decisions" not in titles


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_deck_and_shows_its_text(login, viewer, steering, tmp_path):
    source = tmp_path / "deck.pptx"
    source.write_bytes(_deck(login(viewer), steering))
    subprocess.run(  # noqa: S603
        [
            shutil.which("soffice"),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "deck.pdf"
    text = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext"), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    for expected in ("Agenda", "Go online", "Open a webshop", "Hire a baker", "Results"):
        assert expected in text
    out = settings.TEST_OUTPUT_DIR / "deck"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603
        [shutil.which("pdftoppm"), "-png", "-r", "50", str(pdf), str(out / "steering")],
        check=True,
        capture_output=True,
    )
