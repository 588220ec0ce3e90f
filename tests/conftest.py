"""Fixtures for all e-Akte tests: the plone.app.testing layers as pytest fixtures."""

import os


# Compile the .po files when the layers load ZCML, so that translations are real in tests.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

from eakte.testing import FUNCTIONAL_TESTING  # noqa: E402
from eakte.testing import INTEGRATION_TESTING  # noqa: E402
from plone import api  # noqa: E402
from plone.app.testing import setRoles  # noqa: E402
from plone.app.testing import TEST_USER_ID  # noqa: E402
from pytest_plone import fixtures_factory  # noqa: E402
from recordhelpers import add_dokument  # noqa: E402
from recordhelpers import pdf_file  # noqa: E402
from zope.component.hooks import setSite  # noqa: E402

import pytest  # noqa: E402
import transaction  # noqa: E402


pytest_plugins = ["pytest_plone"]


globals().update(
    fixtures_factory(
        (
            (FUNCTIONAL_TESTING, "functional"),
            (INTEGRATION_TESTING, "integration"),
        )
    )
)


# Records for integration tests: 01 Innere Verwaltung > 01.02 Personal > Akte > Vorgang > Dokument

@pytest.fixture()
def manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return portal


@pytest.fixture()
def aktenplan(manager):
    return manager["aktenplan"]


@pytest.fixture()
def unit(aktenplan):
    top = api.content.create(container=aktenplan, type="Aktenplaneinheit", title="Innere Verwaltung",
                             kennzeichen="01", aufbewahrungsfrist="10", aussonderungsart="B")
    return api.content.create(container=top, type="Aktenplaneinheit", title="Personal",
                              kennzeichen="01.02", aufbewahrungsfrist="10", aussonderungsart="B")


@pytest.fixture()
def akte(unit):
    return api.content.create(container=unit, type="Akte", title="Stellenbesetzung Sachgebiet 11.2")


@pytest.fixture()
def vorgang(akte):
    return api.content.create(container=akte, type="Vorgang", title="Ausschreibung")


@pytest.fixture()
def dokument(vorgang):
    return add_dokument(vorgang, "Bewerbung")


@pytest.fixture()
def records(functional_portal):
    """Committed records for HTTP tests: 16 Finanzen > 16.01 Haushalt > Akte > Vorgang > Dokument;
    the test user holds Sachbearbeitung."""
    portal = functional_portal
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        top = api.content.create(container=portal["aktenplan"], type="Aktenplaneinheit", title="Finanzen",
                                 kennzeichen="16", aufbewahrungsfrist="10", aussonderungsart="B")
        unit = api.content.create(container=top, type="Aktenplaneinheit", title="Haushalt",
                                  kennzeichen="16.01", aufbewahrungsfrist="10", aussonderungsart="A")
        akte = api.content.create(container=unit, type="Akte", title="Haushalt 2026")
        vorgang = api.content.create(container=akte, type="Vorgang", title="Anmeldungen")
        dokument = api.content.create(container=vorgang, type="Dokument", title="Anmeldung Amt 62",
                                      file=pdf_file("Anmeldung"))
    setRoles(portal, TEST_USER_ID, ["Sachbearbeitung"])
    transaction.commit()
    return {"portal": portal, "unit": unit, "akte": akte, "vorgang": vorgang, "dokument": dokument}


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


@pytest.fixture()
def smtp(functional_portal):
    """A real SMTP server on 127.0.0.1; the site's MailHost sends to it (inbox.messages)."""
    from aiosmtpd.controller import Controller

    import socket
    import time

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

        def wait(self, count=1, seconds=30):
            """The MailHost delivers from its queue in a thread: wait (bounded) for the mail."""
            deadline = time.monotonic() + seconds
            while len(self.messages) < count and time.monotonic() < deadline:
                time.sleep(0.2)
            return self.messages

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    functional_portal.MailHost._stopQueueProcessorThread()  # one started before knows another port
    setSite(functional_portal)
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")  # the MailHost reads these
    api.portal.set_registry_record("plone.smtp_port", port)
    api.portal.set_registry_record("plone.email_from_address", "e-akte@stadt.example")
    transaction.commit()
    yield inbox
    functional_portal.MailHost._stopQueueProcessorThread()  # its mailer knows this server's port
    controller.stop()

