"""The analysis pages' lists kept under their rows: `koers.lib.keptrows` (`Rows`, `lazy`),
importable here by their old names."""

from koers.lib.keptrows import Rows, lazy

__all__ = ["Rows", "lazy"]
