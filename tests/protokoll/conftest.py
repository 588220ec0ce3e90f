"""Fixtures for the Protokoll (the records themselves come from tests/conftest.py)."""

from plone import api
import pytest


@pytest.fixture()
def other_unit(unit):
    return api.content.create(container=unit.aq_parent, type="Aktenplaneinheit", title="Organisation",
                              kennzeichen="01.03")
