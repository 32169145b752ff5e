"""The steps that fill the demo workspace, in order; each app adds its own module here.

A step is `load(workspace, plan, users)` where `users` maps demo usernames to User objects.
"""

STEPS = [
    "koers.demo.versions.load",
    "koers.demo.actions.load",
    "koers.demo.meetings.load",
    "koers.demo.dashboard.load",
    "koers.demo.cascade.load",
    "koers.demo.analysis.load",
    # demo:analysis
]
