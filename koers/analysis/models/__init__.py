"""The analysis tools around the OGSM: business model, SWOT, trends, scenarios, signals, ideas.

They belong to a workspace (the organisation looks around once, for all its plans); scenario sets
and brainstorms may be tied to one plan. Nothing here is deleted: archived rows keep the history.
"""

from koers.analysis.models.base import SCORE, SCORES, USER, Archivable
from koers.analysis.models.brainstorm import Brainstorm, Idea, Vote
from koers.analysis.models.canvas import Block, CanvasItem, CanvasVersion, Mark
from koers.analysis.models.scenarios import Likelihood, Pole, Scenario, ScenarioSet
from koers.analysis.models.signals import Signal, SignalKind
from koers.analysis.models.swot import Confrontation, Decision, Source, SwotItem, SwotKind
from koers.analysis.models.trends import Category, Trend, TrendScore

__all__ = [
    "Archivable",
    "USER",
    "SCORE",
    "SCORES",
    "Block",
    "Mark",
    "CanvasItem",
    "CanvasVersion",
    "Category",
    "Trend",
    "TrendScore",
    "ScenarioSet",
    "Pole",
    "Scenario",
    "Likelihood",
    "SwotKind",
    "Source",
    "Decision",
    "SwotItem",
    "Confrontation",
    "SignalKind",
    "Signal",
    "Brainstorm",
    "Idea",
    "Vote",
]
