class AnalysisError(Exception):
    """A rule of the analysis tools was broken; the message is shown to the user."""
