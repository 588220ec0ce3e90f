"""Fixtures for the API edge tests: sessions, and the functional site behind the instance's
WSGI middleware (the test server of plone.testing runs Zope without the instance pipeline)."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_NAME
from plone.app.testing import TEST_USER_PASSWORD
from webtest.http import StopableWSGIServer

from pytest_plone.fixtures.requests import RelativeSession

import pytest
import ZPublisher.WSGIPublisher


@pytest.fixture()
def manager(request_factory):
    return request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))


@pytest.fixture()
def user(request_factory):
    return request_factory(basic_auth=(TEST_USER_NAME, TEST_USER_PASSWORD))


@pytest.fixture(scope="session")
def _edge_server():
    from eakte.api.wsgi import ErrorMiddleware

    server = StopableWSGIServer.create(ErrorMiddleware(ZPublisher.WSGIPublisher.publish_module),
                                       host="127.0.0.1", clear_untrusted_proxy_headers=False)
    yield server
    server.shutdown()


@pytest.fixture()
def edge(functional_portal, _edge_server):
    """A session on the functional site through the e-Akte's WSGI middleware (as in zope.ini)."""
    session = RelativeSession(f"http://127.0.0.1:{_edge_server.adj.port}/{functional_portal.getId()}/++api++")
    session.headers["Accept"] = "application/json"
    session.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    yield session
    session.close()
