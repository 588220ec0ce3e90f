"""Helpers for the Protokoll tests (importable: conftest modules are not)."""


def actions(obj, **filters):
    from eakte import protokoll

    return [entry["action"] for entry in protokoll.entries(obj, **filters)]


def last(obj, action=None):
    from eakte import protokoll

    return protokoll.entries(obj, action=action)[-1]
