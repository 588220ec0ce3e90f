"""Fixtures for all e-Akte tests: the plone.app.testing layers as pytest fixtures."""

from eakte.testing import FUNCTIONAL_TESTING
from eakte.testing import INTEGRATION_TESTING
from pytest_plone import fixtures_factory


pytest_plugins = ["pytest_plone"]


globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)
