"""My work read as raw rows, each query compiled once per process (`keptrows.Rows.of`), and the
page's content kept under those rows (docs/architecture.md, "Keying a block on raw rows").

Every change in a workspace bumps its revision, so My work was made afresh after any action
update anywhere, although most change nothing of the viewer's. Building and compiling the six
querysets of `koers.meetings.asked` cost Django more than twice running them (the strategy
updates alone 4 ms, for no rows); the template the rest. Here the queries are the same
(`asked.action_updates`, …, `asked.my_proposals`: one rule each, defined there), compiled once
for (viewer, workspace, bound) and then only run; their rows' `state` is everything the
content is made of, so the content is rendered again only when one of them changed (or the
date, language, time zone or workspace's row).

The clock: "the next session" (and the next that decides my proposals) is the first planned one
starting after now. Now changes on every
request and the SQL is kept under its parameters, so the queries take instead the latest start
among the workspace's sessions already begun (`begun`): no session of the workspace starts
between that moment and now, so "after it" and "after now" select the same sessions, and the
bound moves only when a session begins (the same moment the page's clock part moves).
"""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Count, Max

from koers.actions import queries as action_queries
from koers.lib.keptrows import Rows, lazy
from koers.meetings import asked
from koers.meetings.models import Kind, Session

# The bound of a workspace where no session has begun yet: before every session.
BEFORE_ALL = datetime(1970, 1, 1, tzinfo=UTC)


def begun(workspace_id: int, now) -> tuple[int, datetime]:
    """How many sessions of the workspace have begun by `now` (the page's clock part), and the
    latest start among them (`BEFORE_ALL` if none): what the queries take for now. One query;
    it runs on every request, a copy served from the cache too."""
    found = Session.objects.filter(plan__workspace_id=workspace_id, starts_at__lte=now).aggregate(
        n=Count("pk"), last=Max("starts_at")
    )
    return found["n"], found["last"] or BEFORE_ALL


# The builders `Rows.of` compiles once per (user, workspace, bound): ids and a moment only.
def _action_updates(user_id, workspace_id, bound):
    return asked.action_updates(user_id, workspace_id, bound)


def _strategy_updates(user_id, workspace_id, bound):
    return asked.strategy_updates(user_id, workspace_id, bound)


def _requests(user_id, workspace_id):
    return asked.requests(user_id, workspace_id)


def _decisions(user_id, workspace_id, bound):
    return asked.decisions(user_id, workspace_id, bound)


def _my_actions(user_id, workspace_id):
    return action_queries.my_actions(user_id, workspace_id)


def _my_proposals(user_id, workspace_id, bound):
    return asked.my_proposals(user_id, workspace_id, bound)


@dataclass
class MyWorkRows:
    """What My work shows, as rows: `count` (the navigation's number), `state` (the content's
    key) and, built only when the content is rendered, `work` (an `asked.MyWork`),
    `actions` (all my open actions) and `proposals` (mine awaiting a decision)."""

    updates: Rows
    strategies: Rows
    requests: Rows
    decisions: Rows
    mine: Rows
    proposed: Rows

    @property
    def count(self) -> int:
        return len(self.updates) + len(self.strategies) + len(self.requests) + len(self.decisions)

    @property
    def state(self) -> tuple:
        parts = (
            self.updates,
            self.strategies,
            self.requests,
            self.decisions,
            self.mine,
            self.proposed,
        )
        return tuple(rows.state for rows in parts)

    @property
    def work(self):
        return lazy(
            lambda: asked.MyWork(
                action_updates=self.updates.objects,
                strategy_updates=self.strategies.objects,
                requests=self.requests.objects,
                decisions=self.decisions.objects,
            )
        )

    @property
    def actions(self):
        return lazy(lambda: self.mine.objects)

    @property
    def proposals(self):
        def made():
            # The deciding session's kind as its name (read as a value: `decided_kind`).
            for action in self.proposed.objects:
                action.decided_in = Kind(action.decided_kind).label if action.decided_kind else ""
            return self.proposed.objects

        return lazy(made)


def read(user_id: int, workspace_id: int, bound: datetime) -> MyWorkRows:
    """The rows of My work for the viewer, in the order the page lists them (six queries)."""
    ids = {"user_id": user_id, "workspace_id": workspace_id}
    return MyWorkRows(
        updates=Rows.of(_action_updates, **ids, bound=bound),
        strategies=Rows.of(_strategy_updates, **ids, bound=bound),
        requests=Rows.of(_requests, **ids),
        decisions=Rows.of(_decisions, **ids, bound=bound),
        mine=Rows.of(_my_actions, **ids),
        proposed=Rows.of(_my_proposals, **ids, bound=bound),
    )
