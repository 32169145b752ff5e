"""Who has answered the update round: the one definition used by the round page, the reminders
and the frozen record of an ended session.

An action counts as answered when its owner posted an update since the round opened (or, if it
never opened, in the month before the session); a strategy when a strategy update was written
in that window. Once the session ends, the rows are stored on it (`Session.round_result`) and
read back from there: a past round does not change with today's plan.
"""

from datetime import timedelta


def round_since(session):
    """Updates from this moment on count for the round."""
    return session.round_opened_at or session.starts_at - timedelta(days=30)


def answered(action, since) -> bool:
    return bool(action.last_update_at and action.last_update_at >= since)


def rows_for(people: dict, since, strategies_updated: set) -> list[dict]:
    """Per person (sorted by name): what they were asked (`people`: user -> {"actions",
    "strategies"}), what they answered and what is still missing."""
    rows = []
    for person, asked in sorted(people.items(), key=lambda p: p[0].display_name):
        actions, strategies = asked["actions"], asked["strategies"]
        missing = [a for a in actions if not answered(a, since)]
        strategies_missing = [s for s in strategies if s.pk not in strategies_updated]
        rows.append(
            {
                "person": person,
                "actions": actions,
                "updated": [a for a in actions if a not in missing],
                "missing": missing,
                "strategies": strategies,
                "strategies_updated": [s for s in strategies if s not in strategies_missing],
                "strategies_missing": strategies_missing,
                "complete": not missing and not strategies_missing,
            }
        )
    return rows


def _plain(obj, name_field: str) -> dict:
    return {"pk": obj.pk, name_field: getattr(obj, name_field)}


def freeze(rows: list[dict]) -> list[dict]:
    """The rows as JSON: names and titles as they were when the session ended."""
    lists = ["actions", "updated", "missing", "strategies", "strategies_updated"]
    return [
        {
            "person": _plain(row["person"], "display_name"),
            **{key: [_plain(item, "title") for item in row[key]] for key in lists},
            "strategies_missing": [_plain(s, "title") for s in row["strategies_missing"]],
            "complete": row["complete"],
        }
        for row in rows
    ]
