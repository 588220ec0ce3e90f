"""Fixtures for the Ämter tests."""

from aemterhelpers import build_aktenplan
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


@pytest.fixture()
def units(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return build_aktenplan(portal)
