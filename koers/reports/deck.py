"""A session as a PowerPoint deck (python-pptx), in the reader's language: title, agenda, the
one-page OGSM, one slide per strategy with its orange and red actions and its KPI charts, the
decisions, and for a steering session the results and priorities.

The charts are the dashboard's own SVG charts, turned into PNG pictures by CairoSVG, so the
deck shows what the pages show.
"""

import io
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.actions.models import Colour, colour_severity
from koers.charts import Series, line_chart
from koers.dashboard import services as dashboard
from koers.dashboard.models import Kpi, Measurement
from koers.meetings.agenda import build_agenda
from koers.meetings.agenda.items import needs_attention
from koers.meetings.kinds import ItemKind
from koers.meetings.loading import load_agenda_data
from koers.meetings.models import Decision, Kind

MAX_BULLETS = 12
CHARTS_PER_SLIDE = 2
INK, MUTED, ACCENT = "1F2933", "52606D", "B86200"


def _pptx():
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches, Pt

    return Presentation, RGBColor, Emu, Inches, Pt


def _chart_png(svg: str, width_px: int = 1440) -> bytes:
    import cairosvg

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width_px)


class _Deck:
    def __init__(self):
        presentation, self.RGB, _emu, self.Inches, self.Pt = _pptx()
        self.prs = presentation()
        self.prs.slide_width, self.prs.slide_height = self.Inches(13.333), self.Inches(7.5)

    def slide(self, title: str):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])  # title only
        slide.shapes.title.text = title
        frame = slide.shapes.title.text_frame
        for paragraph in frame.paragraphs:
            paragraph.font.size = self.Pt(32)
            paragraph.font.bold = True
            paragraph.font.color.rgb = self.RGB.from_string(INK)
        slide.shapes.title.left, slide.shapes.title.top = self.Inches(0.6), self.Inches(0.3)
        slide.shapes.title.width, slide.shapes.title.height = self.Inches(12.1), self.Inches(1.0)
        return slide

    def text(self, slide, lines, left, top, width, height, size=18, bullets=True):
        box = slide.shapes.add_textbox(
            self.Inches(left), self.Inches(top), self.Inches(width), self.Inches(height)
        )
        frame = box.text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            heading = isinstance(line, tuple)
            content = line[0] if heading else line
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text = (("• " if bullets and not heading else "") + str(content))[:500]
            paragraph.font.size = self.Pt(size + (2 if heading else 0))
            paragraph.font.bold = heading
            paragraph.font.color.rgb = self.RGB.from_string(ACCENT if heading else INK)
        return box

    def picture(self, slide, png: bytes, left, top, width):
        slide.shapes.add_picture(
            io.BytesIO(png), self.Inches(left), self.Inches(top), width=self.Inches(width)
        )

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def _day(moment) -> str:
    return date_format(timezone.localtime(moment), "DATE_FORMAT")


def _title_slide(deck, session, plan):
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])
    slide.shapes.title.text = f"{session.get_kind_display()} · {plan.name}"
    subtitle = f"{_day(session.starts_at)} · {timezone.localtime(session.starts_at):%H:%M}"
    if session.place:
        subtitle += f" · {session.place}"
    slide.placeholders[1].text = f"{plan.workspace.name}\n{subtitle}"
    # The layouts are drawn for 4:3; on the 16:9 slide the boxes are placed again.
    for shape, top, height in ((slide.shapes.title, 2.0, 1.8), (slide.placeholders[1], 4.0, 1.5)):
        shape.left, shape.width = deck.Inches(0.8), deck.Inches(11.7)
        shape.top, shape.height = deck.Inches(top), deck.Inches(height)


def _agenda_slide(deck, sections):
    slide = deck.slide(_("Agenda"))
    lines = [f"{n}. {section.title}" for n, section in enumerate(sections, 1)]
    half = (len(lines) + 1) // 2 if len(lines) > 8 else len(lines)
    deck.text(slide, lines[:half], 0.6, 1.4, 6.0, 5.6, size=20, bullets=False)
    if lines[half:]:
        deck.text(slide, lines[half:], 6.8, 1.4, 6.0, 5.6, size=20, bullets=False)


def _ogsm_slide(deck, plan, strategies):
    slide = deck.slide(_("One-page OGSM"))
    goals = [g.title for g in plan.goals.order_by("position", "pk")]
    columns = [
        (_("Objective"), [plan.objective or "—"]),
        (_("Goals"), goals or ["—"]),
        (_("Strategies"), [s.title for s in strategies] or ["—"]),
        (_("Measures"), [m.name for s in strategies for m in s.measures.all()] or ["—"]),
    ]
    for index, (heading, lines) in enumerate(columns):
        deck.text(
            slide, [(heading,), *lines[:MAX_BULLETS]], 0.4 + index * 3.15, 1.4, 3.0, 5.8, size=13
        )


def _action_line(action) -> str:
    colour = Colour(action.colour).label if action.colour else ""
    owner = action.owner.display_name if action.owner else _("no owner")
    due = f" · {_('due')} {date_format(action.due_date, 'DATE_FORMAT')}" if action.due_date else ""
    return f"{action.title} — {owner} · {colour}{due}"


def _kpi_charts(plan, strategy_kpis, today: date) -> dict:
    """{strategy id: [PNG, …]}: each measure's KPI as the dashboard draws it."""
    kpis = [k for k in strategy_kpis if k.measure_id]
    figures = {}
    for m in Measurement.objects.filter(kpi__in=kpis).order_by("period"):
        figures.setdefault(m.kpi_id, []).append(m)
    charts = {}
    for kpi in kpis:
        view = dashboard.one_kpi_view(kpi, figures.get(kpi.pk, []), list(kpi.targets.all()), today)
        if not any(v is not None for v in view.values):
            continue
        svg = line_chart(
            [
                Series(_("Actual"), view.values),
                Series(_("Target"), view.target_values, colour="#b86200", dashed=True),
            ],
            [date_format(p, "M y") for p in view.periods],
            title=kpi.name,
            desc=kpi.name,
            baseline=float(kpi.baseline_value) if kpi.baseline_value is not None else None,
        )
        charts.setdefault(kpi.measure.strategy_id, []).append(_chart_png(svg))
    return charts


def _strategy_slides(deck, strategies, actions, charts):
    for strategy in strategies:
        slide = deck.slide(strategy.title)
        attention = [a for a in actions if a.strategy_id == strategy.pk and needs_attention(a)]
        attention.sort(key=lambda a: (colour_severity(a.colour), a.due_date or date.max))
        lines = [_action_line(a) for a in attention[:MAX_BULLETS]]
        pictures = charts.get(strategy.pk, [])[:CHARTS_PER_SLIDE]
        width = 6.2 if pictures else 12.1
        deck.text(
            slide,
            [(_("Actions needing attention"),), *(lines or [_("All actions are on plan.")])],
            0.6,
            1.4,
            width,
            5.6,
            size=16,
        )
        for index, png in enumerate(pictures):
            deck.picture(slide, png, 7.0, 1.4 + index * 2.9, 5.9)


def _decision_slide(deck, decisions):
    slide = deck.slide(_("Decisions"))
    lines = [d.text for d in decisions][: MAX_BULLETS * 2] or [_("No decisions recorded.")]
    deck.text(slide, lines, 0.6, 1.4, 12.1, 5.8, size=16 if len(lines) <= MAX_BULLETS else 12)


def _steering_slides(deck, sections, decisions):
    finished = [
        action
        for section in sections
        for item in section.items
        if item.kind == ItemKind.FINISHED
        for action in item.actions
    ]
    slide = deck.slide(_("Results"))
    lines = [f"{a.title} — {a.strategy.title}" for a in finished[: MAX_BULLETS * 2]] or [
        _("No actions were finished in this period.")
    ]
    deck.text(slide, lines, 0.6, 1.4, 12.1, 5.8, size=16 if len(lines) <= MAX_BULLETS else 12)
    chosen = [d.text for d in decisions if d.type == Decision.Type.PRIORITY]
    if not chosen:
        chosen = [
            a.title
            for section in sections
            for item in section.items
            if item.kind == ItemKind.PRIORITIES
            for a in item.actions
        ]
    slide = deck.slide(_("Priorities for the next quarter"))
    lines = chosen[: MAX_BULLETS * 2] or [_("No priorities chosen yet.")]
    deck.text(slide, lines, 0.6, 1.4, 12.1, 5.8, size=16 if len(lines) <= MAX_BULLETS else 12)


def session_deck(session, plan) -> bytes:
    """The deck of `session` in the active language, as .pptx bytes."""
    data = load_agenda_data(session)
    sections = build_agenda(data)
    strategies = list(plan.strategies.prefetch_related("measures").order_by("position", "pk"))
    decisions = list(session.decisions.select_related("action"))
    kpis = list(
        Kpi.objects.filter(plan=plan, measure__isnull=False)
        .select_related("measure", "goal")
        .prefetch_related("targets")
    )
    session_day = timezone.localtime(session.starts_at).date()
    charts = _kpi_charts(plan, kpis, min(session_day, timezone.localdate()))
    deck = _Deck()
    _title_slide(deck, session, plan)
    _agenda_slide(deck, sections)
    _ogsm_slide(deck, plan, strategies)
    _strategy_slides(deck, strategies, data.actions, charts)
    _decision_slide(deck, decisions)
    if session.kind == Kind.STEERING:
        _steering_slides(deck, sections, decisions)
    return deck.bytes()
