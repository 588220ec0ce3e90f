"""Fixtures for all e-Akte tests: the plone.app.testing layers as pytest fixtures."""

import os


# Compile the .po files when the layers load ZCML, so that translations are real in tests.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

from eakte.testing import FUNCTIONAL_TESTING  # noqa: E402
from eakte.testing import INTEGRATION_TESTING  # noqa: E402
from pytest_plone import fixtures_factory  # noqa: E402

import pytest  # noqa: E402


pytest_plugins = ["pytest_plone"]


globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


@pytest.fixture()
def demo_portal(portal):
    """The e-Akte site with the demo data of the demo profile (rolled back after the test)."""
    from plone.app.testing import applyProfile

    applyProfile(portal, "eakte:demo")
    return portal


@pytest.fixture(scope="session")
def postgresql_server():
    """A PostgreSQL server to create throw-away databases on. Missing PostgreSQL fails, loudly."""
    from postgresql import PostgreSQLMissing
    from postgresql import start_server

    try:
        server = start_server()
    except PostgreSQLMissing as error:
        pytest.fail(f"PostgreSQL is required for this test: {error}", pytrace=False)
    yield server
    server.close()


@pytest.fixture()
def postgresql_dsn(postgresql_server):
    """The DSN of a new, empty PostgreSQL database, dropped after the test session."""
    return postgresql_server.create_database()
