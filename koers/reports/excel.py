"""The whole plan as an Excel workbook: the OGSM, the action plan, KPIs with their figures and
the open requests, with numbers and dates as real cells.

Text cells pass through the formula-injection guard of the CSV export (a title starting with
"=" stays text). The action sheet's first row holds fixed column keys: it is the sheet that
`koers.reports.action_sheet` reads back, the `version` column guarding against overwriting an
edit made in Koers since the download.
"""

import io
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from koers.actions.models import Action, ActionUpdate
from koers.dashboard.models import Measurement
from koers.dashboard.transfer import safe_cell

ACTION_COLUMNS = [
    "id",
    "version",
    "strategy",
    "title",
    "description",
    "owner",
    "start_date",
    "due_date",
    "status",
    "progress",
    "colour",
]
DATE_FORMAT = "yyyy-mm-dd"
NUMBER_FORMAT = "#,##0.##"
MAX_WIDTH = 60


def _text(value) -> str:
    return safe_cell(value)


def _naive(moment: datetime | None):
    """Excel has no time zones: a moment is written in the workspace's local time."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None


def _append(sheet, values, formats=None):
    sheet.append(values)
    for index, number_format in (formats or {}).items():
        sheet.cell(row=sheet.max_row, column=index + 1).number_format = number_format


def _heading(sheet, labels):
    from openpyxl.styles import Font

    sheet.append(labels)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _widths(sheet):
    for column in sheet.columns:
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(MAX_WIDTH, longest + 2)
    sheet.freeze_panes = "A2"


def _ogsm_sheet(book, plan):
    sheet = book.active
    sheet.title = _("OGSM")
    _heading(sheet, [_("Part"), _("Text"), _("Target"), _("Unit"), _("Date"), _("Owner")])
    sheet.append([_("Objective"), _text(plan.objective)])
    for goal in plan.goals.order_by("position", "pk"):
        _append(
            sheet,
            [
                _("Goal"),
                _text(goal.title),
                goal.target_value,
                _text(goal.target_unit),
                goal.target_date,
            ],
            {2: NUMBER_FORMAT, 4: DATE_FORMAT},
        )
    strategies = plan.strategies.select_related("owner").prefetch_related("measures")
    for strategy in strategies.order_by("position", "pk"):
        owner = strategy.owner.display_name if strategy.owner else ""
        sheet.append([_("Strategy"), _text(strategy.title), None, None, None, _text(owner)])
        for measure in strategy.measures.all():
            _append(
                sheet,
                [_("Measure"), _text(measure.name), measure.target, _text(measure.unit)],
                {2: NUMBER_FORMAT},
            )
    _widths(sheet)


def _action_sheet(book, plan):
    sheet = book.create_sheet(_("Actions"))
    _heading(sheet, ACTION_COLUMNS)
    actions = (
        Action.objects.filter(strategy__plan=plan, archived_at__isnull=True)
        .select_related("strategy", "owner")
        .order_by("strategy__position", "strategy_id", "position", "pk")
    )
    for action in actions:
        _append(
            sheet,
            [
                action.pk,
                action.version,
                _text(action.strategy.title),
                _text(action.title),
                _text(action.description),
                action.owner.username if action.owner else "",
                action.start_date,
                action.due_date,
                action.status,
                action.progress,
                action.colour,
            ],
            {6: DATE_FORMAT, 7: DATE_FORMAT},
        )
    _widths(sheet)


def _kpi_sheets(book, plan):
    kpis = list(plan.kpis.select_related("goal", "measure").order_by("pk"))
    sheet = book.create_sheet(_("KPIs"))
    _heading(
        sheet,
        [
            "kpi_id",
            _("KPI"),
            _("Unit"),
            _("Baseline"),
            _("Baseline date"),
            _("Target"),
            _("Target date"),
        ],
    )
    for kpi in kpis:
        _append(
            sheet,
            [
                kpi.pk,
                _text(kpi.name),
                _text(kpi.unit),
                kpi.baseline_value,
                kpi.baseline_date,
                kpi.target_value,
                kpi.target_date,
            ],
            {3: NUMBER_FORMAT, 4: DATE_FORMAT, 5: NUMBER_FORMAT, 6: DATE_FORMAT},
        )
    _widths(sheet)
    # The dashboard's import reads this sheet's columns back (kpi_id, kpi, period, value, note).
    figures = book.create_sheet(_("Figures"))
    _heading(figures, ["kpi_id", "kpi", "period", "value", "note"])
    names = {kpi.pk: kpi.name for kpi in kpis}
    for m in Measurement.objects.filter(kpi__plan=plan).order_by("kpi_id", "period"):
        _append(
            figures,
            [m.kpi_id, _text(names.get(m.kpi_id)), m.period, m.value, _text(m.note)],
            {2: "yyyy-mm", 3: NUMBER_FORMAT},
        )
    _widths(figures)


def _request_sheet(book, plan):
    sheet = book.create_sheet(_("Open requests"))
    _heading(sheet, [_("Action"), _("Asked by"), _("Asked of"), _("Need"), _("Asked on")])
    requests = (
        ActionUpdate.objects.filter(
            action__strategy__plan=plan,
            action__archived_at__isnull=True,
            need_answered_at__isnull=True,
            need_from__isnull=False,
        )
        .exclude(need="")
        .select_related("action", "author", "need_from")
        .order_by("created_at", "pk")
    )
    for update in requests:
        _append(
            sheet,
            [
                _text(update.action.title),
                _text(update.author.display_name if update.author else ""),
                _text(update.need_from.display_name),
                _text(update.need),
                _naive(update.created_at),
            ],
            {4: "yyyy-mm-dd hh:mm"},
        )
    _widths(sheet)


def plan_workbook(plan) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    _ogsm_sheet(book, plan)
    _action_sheet(book, plan)
    _kpi_sheets(book, plan)
    _request_sheet(book, plan)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
