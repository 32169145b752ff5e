"""What the API reads and writes. Field names follow the models; ids stand for related rows."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

LONG_TEXT = 10_000
# The database's decimal columns hold 14 digits, two after the point.
LARGEST = Decimal("999999999999.99")


class WorkspaceOut(Schema):
    slug: str
    name: str
    time_zone: str
    role: str


class ServesOut(Schema):
    """An item of another plan this plan serves (a cascaded plan): a strategy or a goal."""

    plan: int
    strategy: int | None = None
    goal: int | None = None


class PlanOut(Schema):
    id: int
    name: str
    period: str
    start_date: date
    end_date: date
    description: str
    objective: str
    archived: bool
    version: int
    serves: list[ServesOut] = []


class GoalOut(Schema):
    id: int
    title: str
    measured_by: str
    target_value: Decimal | None
    target_unit: str
    target_date: date | None
    position: int
    version: int


class StrategyOut(Schema):
    id: int
    title: str
    description: str
    owner_id: int | None
    position: int
    version: int


class MeasureOut(Schema):
    id: int
    strategy_id: int
    name: str
    unit: str
    target: Decimal | None
    direction: str
    position: int
    version: int


class ActionOut(Schema):
    id: int
    strategy_id: int
    title: str
    description: str
    owner_id: int | None
    start_date: date | None
    due_date: date | None
    status: str
    progress: int
    colour: str
    proposed: bool
    last_update_at: datetime | None
    version: int


class UpdateOut(Schema):
    id: int
    action_id: int
    author_id: int | None
    on_behalf_of_id: int | None
    did: str
    next: str
    need: str
    need_from_id: int | None
    need_answered_at: datetime | None
    progress: int
    colour: str
    created_at: datetime


class UpdateIn(Schema):
    did: str = Field("", max_length=LONG_TEXT)
    next: str = Field("", max_length=LONG_TEXT)
    need: str = Field("", max_length=LONG_TEXT)
    need_from_id: int | None = Field(None, ge=1, le=2**63 - 1)
    progress: int = Field(ge=0, le=100)
    colour: Literal["green", "orange", "red"]


class RequestOut(UpdateOut):
    plan_id: int
    action_title: str


class KpiOut(Schema):
    id: int
    name: str
    goal_id: int | None
    measure_id: int | None
    unit: str
    direction: str
    target_value: Decimal | None
    target_date: date | None
    frequency: str
    version: int


class MeasurementOut(Schema):
    id: int
    kpi_id: int
    period: date
    value: Decimal
    note: str
    version: int


class MeasurementIn(Schema):
    kpi_id: int = Field(ge=1, le=2**63 - 1)
    period: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", examples=["2027-03"])
    value: Decimal = Field(ge=-LARGEST, le=LARGEST, allow_inf_nan=False)
    note: str = Field("", max_length=300)


class MeasurementsIn(Schema):
    measurements: list[MeasurementIn] = Field(min_length=1, max_length=1000)


class RowError(Schema):
    index: int
    error: str


class PushOut(Schema):
    written: int


class PushRefused(Schema):
    detail: str | list[dict]  # a list for input that does not fit the schema
    rows: list[RowError] = []


class SessionOut(Schema):
    id: int
    kind: str
    starts_at: datetime
    duration_minutes: int
    place: str
    state: str
    started_at: datetime | None
    ended_at: datetime | None
    version: int


class DecisionOut(Schema):
    id: int
    type: str
    action_id: int | None
    text: str
    decided_by_id: int | None
    created_at: datetime


class NoteOut(Schema):
    item_key: str
    reasons: str
    remedy: str


class EvaluationOut(Schema):
    topic: str
    verdict: str
    text: str
    review: str


class MinutesOut(Schema):
    session: SessionOut
    notes: list[NoteOut]
    decisions: list[DecisionOut]
    evaluation: list[EvaluationOut]


def page_of(item, name: str):
    """A cursor page of `item`: pass `next_cursor` back as `cursor` for the next page."""
    return type(
        name,
        (Schema,),
        {"__annotations__": {"items": list[item], "next_cursor": str | None}},
    )


WorkspacePage = page_of(WorkspaceOut, "WorkspacePage")
PlanPage = page_of(PlanOut, "PlanPage")
GoalPage = page_of(GoalOut, "GoalPage")
StrategyPage = page_of(StrategyOut, "StrategyPage")
MeasurePage = page_of(MeasureOut, "MeasurePage")
ActionPage = page_of(ActionOut, "ActionPage")
UpdatePage = page_of(UpdateOut, "UpdatePage")
RequestPage = page_of(RequestOut, "RequestPage")
KpiPage = page_of(KpiOut, "KpiPage")
MeasurementPage = page_of(MeasurementOut, "MeasurementPage")
SessionPage = page_of(SessionOut, "SessionPage")
DecisionPage = page_of(DecisionOut, "DecisionPage")
