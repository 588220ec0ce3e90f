"""Demo data for the pilot departments: a realistic Aktenplan with Akten, Vorgänge and Dokumente."""


def create(portal):
    """Create the demo records (filled in by the demo data work)."""
