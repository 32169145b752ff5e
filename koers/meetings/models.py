"""The method's three sessions: their rhythm, preparation (update round, pre-read), agenda notes,
decisions (the minutes) and the quarter evaluation's start/keep/stop items."""

import secrets
from datetime import date, datetime, time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.actions.models import Action
from koers.lib import phrases
from koers.plans.models import Plan

USER = settings.AUTH_USER_MODEL


class Kind(models.TextChoices):
    UPDATE = "update", _("Update session")
    STEERING = "steering", _("Steering session")
    PLAN = "plan", _("Plan session")


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Cadence(models.Model):
    """The rhythm the process owner sets; defaults follow METHOD.md "The three sessions"."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="cadence")
    update_every_months = models.PositiveSmallIntegerField(
        _("update session every (months)"), default=1
    )
    update_minutes = models.PositiveSmallIntegerField(
        _("update session length (minutes)"), default=45
    )
    steering_every_months = models.PositiveSmallIntegerField(
        _("steering session every (months)"), default=3
    )
    steering_minutes = models.PositiveSmallIntegerField(
        _("steering session length (minutes)"), default=120
    )
    plan_minutes = models.PositiveSmallIntegerField(
        _("plan session length (minutes)"), default=4 * 60 * 3
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), default=1, help_text=_("0 is Monday, 4 is Friday.")
    )
    week_of_month = models.PositiveSmallIntegerField(_("week of the month"), default=2)
    start_time = models.TimeField(_("start time"), default=time(9, 0))
    place = models.CharField(_("place or video link"), max_length=300, blank=True)
    request_days_before = models.PositiveSmallIntegerField(
        _("ask for updates (days before)"), default=7
    )
    reminder_days_before = models.PositiveSmallIntegerField(_("remind (days before)"), default=3)
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("cadence")
        verbose_name_plural = _("cadences")

    def __str__(self) -> str:
        return f"{self.plan}"


class Session(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        CLOSED = "closed", _("Closed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=60)
    # A plan session may span several half-days (METHOD.md): the dates after the first, as
    # ISO strings in order, each day starting at the first's time and lasting its length.
    # The update round counts from the first day (`starts_at`).
    more_days = models.JSONField(_("further days"), default=list, blank=True)
    place = models.CharField(_("place or video link"), max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PLANNED)
    # Background mail: *_queued_at is when the process owner asked for it (the page says it is
    # being sent), round_opened_at / preread_shared_at when the worker sent it.
    round_queued_at = models.DateTimeField(null=True, blank=True)
    round_opened_at = models.DateTimeField(null=True, blank=True)
    preread_queued_at = models.DateTimeField(null=True, blank=True)
    preread_shared_at = models.DateTimeField(null=True, blank=True)
    # Who had answered the update round, frozen when the session ends (meetings.answers), so a
    # past round does not change with today's plan.
    round_result = models.JSONField(null=True, blank=True, editable=False)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    followup_text = models.TextField(_("follow-up message"), blank=True)
    followup_sent_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["plan", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"

    @property
    def more_dates(self) -> list[date]:
        return [date.fromisoformat(day) for day in self.more_days or []]

    def day_starts(self, zone) -> list[datetime]:
        """When each day of the session starts, in the workspace's time zone `zone`."""
        first = self.starts_at.astimezone(zone)
        return [first] + [
            datetime.combine(day, first.timetz().replace(tzinfo=None), tzinfo=zone)
            for day in self.more_dates
        ]


class Notice(models.Model):
    """One e-mail of an update round; unique, so running the mailer twice sends nothing twice."""

    class Type(models.TextChoices):
        REQUEST = "request", _("Update request")
        REMINDER = "reminder", _("Reminder")
        PREREAD = "preread", _("Pre-read")
        FIGURES = "figures", _("Figures requested")  # the plan session's preparation panel

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="notices")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    type = models.CharField(max_length=10, choices=Type.choices)
    # Manual reminders may be sent once a day; automatic ones once per session.
    day = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user", "type", "day"], name="notice_once_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.type} → {self.user} ({self.day})"


class AgendaNote(models.Model):
    """What the team said about one agenda item: reasons, remedies, feedback."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="notes")
    item_key = models.CharField(max_length=60)
    reasons = models.TextField(_("underlying reasons"), blank=True)
    remedy = models.TextField(_("what we will do"), blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "item_key"], name="agenda_note_unique")
        ]
        # Whether an action has any note at all, by its item's key (remedies.last_agreed_columns):
        # most have none, and the unique index above is searched session by session.
        indexes = [models.Index(fields=["item_key"], name="agenda_note_item_key")]

    def __str__(self) -> str:
        return self.item_key


class Decision(models.Model):
    """A decision taken in the session and the plan change that followed: the minutes."""

    class Type(models.TextChoices):
        NEW_ACTION = "new_action", _("New action")
        OWNER = "owner", _("Owner changed")
        DUE_DATE = "due_date", _("Due date changed")
        COLOUR = "colour", _("Colour changed")
        CLOSED = "closed", _("Closed as done")
        PRIORITY = "priority", _("Set in progress for next quarter")
        NOTE = "note", _("Agreement")
        # The priorities and members' proposals (koers.meetings.priorities).
        BACK_TO_TODO = "to_do", _("Back to To do")
        REORDERED = "reordered", _("Priority order changed")
        ACCEPTED = "accepted", _("Proposal accepted")
        REJECTED = "rejected", _("Proposal rejected")
        # Decisions on the OGSM itself: they go into the draft of its next version.
        OGSM_CHANGE = "ogsm_change", _("The OGSM must change")
        OGSM_KEEP = "ogsm_keep", _("The OGSM stays as it is")
        DRAFT_EDIT = "draft_edit", _("Changed in the draft of the next version")
        ACTIVATED = "activated", _("New OGSM version activated")
        # The plan session's decisions on its inputs: a SWOT item, and a KPI's milestone.
        SWOT = "swot", _("Strength, vulnerability, opportunity or risk decided")
        MILESTONE = "milestone", _("KPI milestone changed")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="decisions")
    type = models.CharField(max_length=12, choices=Type.choices)
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    summary = models.TextField()  # as worded for the decider; `text` is for the reader
    parts = models.JSONField(default=list, blank=True)  # see koers.lib.phrases
    decided_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The decision in the reader's language (free-text decisions stay as written)."""
        return phrases.render(self.parts) if self.parts else self.summary


class Topic(models.TextChoices):
    """The four topics of the quarter evaluation (METHOD.md, steering session)."""

    TEAM = "team", _("Collaboration within the team")
    OTHERS = "others", _("Collaboration with others")
    PROCESS = "process", _("The process")
    FACILITIES = "facilities", _("The facilities")


class Verdict(models.TextChoices):
    START = "start", _("Start or improve")
    KEEP = "keep", _("Keep")
    STOP = "stop", _("Stop")


class EvaluationItem(models.Model):
    class Review(models.TextChoices):
        OPEN = "open", _("Not reviewed yet")
        DONE = "done", _("We did it")
        NOT_DONE = "not_done", _("Not yet")
        DROPPED = "dropped", _("No longer relevant")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="evaluation")
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices)
    verdict = models.CharField(_("verdict"), max_length=6, choices=Verdict.choices)
    text = models.CharField(_("what"), max_length=300)
    review = models.CharField(max_length=10, choices=Review.choices, default=Review.OPEN)
    reviewed_in = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="reviewed_items"
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        # The method's order (team, others, process, facilities; start, keep, stop), not A–Z.
        ordering = [
            models.Case(
                *(models.When(topic=t, then=i) for i, t in enumerate(Topic.values)),
                output_field=models.IntegerField(),
            ),
            models.Case(
                *(models.When(verdict=v, then=i) for i, v in enumerate(Verdict.values)),
                output_field=models.IntegerField(),
            ),
            "pk",
        ]

    def __str__(self) -> str:
        return self.text


class UpdateLink(models.Model):
    """A personal link from an update e-mail to one person's updates for one session
    (koers.meetings.links). Only a hash of the link's token is kept, so a leaked database does
    not open anything, and a link can be revoked; it ends when the session starts."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="update_links")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the token, hex
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["session", "user"])]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.session_id}"


class ReceivedReply(models.Model):
    """A reply by e-mail that was stored (koers.meetings.inbound): the same message processed
    twice (a retrying mail server) stores its updates once."""

    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of its Message-ID or body
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    received_at = models.DateTimeField(default=timezone.now)
    saved = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.user_id}@{self.session_id}"


class NotificationSettings(models.Model):
    """Which e-mails a person wants (koers.meetings.notifications). Without a row, the
    defaults hold: requests, reminders and pre-reads yes, the weekly digest no (opt-in)."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="+")
    digest = models.BooleanField(_("Weekly digest of what is asked of me"), default=False)
    update_requests = models.BooleanField(_("Update requests and reminders"), default=True)
    preread = models.BooleanField(_("Pre-reads before a session"), default=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"notifications of {self.user_id}"


class DigestSent(models.Model):
    """One weekly digest sent (koers.meetings.digest); unique per person and week, so running
    `send_digests` twice in a week sends it once."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()  # the Monday of the week
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "week"], name="digest_once_per_week")
        ]

    def __str__(self) -> str:
        return f"digest {self.week} → {self.user_id}"
