from koers.meetings.tests.factories import team_actions  # noqa: F401 — shared fixture
