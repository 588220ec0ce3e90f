"""Guards run before effects: a refused add leaves no trace; a new object's Protokoll snapshot is
its final state after every add subscriber."""

from eakte import lifecycle
from eakte import protokoll
from eakte.akte.content import IAkte
from eakte.exceptions import PreconditionFailed
from eakte.exceptions import ReadOnly
from eakte.protokoll.store import journals
from plone import api
from plone.dexterity.utils import createContentInContainer
from zope.component import getGlobalSiteManager
from zope.component.hooks import setSite
from zope.lifecycleevent import modified
from zope.lifecycleevent.interfaces import IObjectAddedEvent

import pytest
import transaction


def _add_below_the_permissions(container, portal_type, title):
    """Add like a channel that checks no add permission (the workflow already takes it away
    in closed containers): the domain guard is what refuses."""
    return createContentInContainer(container, portal_type, checkConstraints=False, title=title)


def _journal_count(portal):
    return len(list(journals(portal)))


def _counter(portal, scope_obj, portal_type):
    from eakte.aktenzeichen import _registry
    from plone.uuid.interfaces import IUUID

    counter = _registry().counters.get(f"{portal_type}:{IUUID(scope_obj)}")
    return counter.value if counter is not None else 0


def test_a_refused_add_into_a_closed_akte_draws_no_number_and_writes_no_protokoll(portal, akte):
    lifecycle.transition(akte, lifecycle.CLOSE)
    journals_before = _journal_count(portal)
    with pytest.raises(ReadOnly):
        _add_below_the_permissions(akte, "Vorgang", "Zu spät")
    assert _counter(portal, akte, "Vorgang") == 0
    assert _journal_count(portal) == journals_before
    assert akte.objectIds() == []

    lifecycle.transition(akte, lifecycle.REOPEN, "Nachtrag")
    vorgang = api.content.create(container=akte, type="Vorgang", title="Nachtrag")
    assert vorgang.aktenzeichen == f"{akte.aktenzeichen}.1"  # no gap from the refused attempt
    assert [e["action"] for e in protokoll.entries(vorgang)] == [protokoll.ERSTELLT]


def test_a_refused_add_into_a_closed_vorgang_leaves_no_dokument_number(portal, vorgang):
    lifecycle.transition(vorgang, lifecycle.CLOSE)
    with pytest.raises(ReadOnly):
        _add_below_the_permissions(vorgang, "Dokument", "Zu spät")
    assert _counter(portal, vorgang, "Dokument") == 0
    assert vorgang.objectIds() == []


def test_a_refused_akte_in_an_inactive_unit_draws_no_number(portal, unit):
    api.content.transition(obj=unit, transition="deaktivieren")
    journals_before = _journal_count(portal)
    with pytest.raises(PreconditionFailed):
        _add_below_the_permissions(unit, "Akte", "Zu spät")
    assert _counter(portal, unit, "Akte") == 0
    assert _journal_count(portal) == journals_before


def _fill_in_later(obj, event):
    """An add subscriber that runs after the Protokoll's own (like the confidential defaults)."""
    if event.object is obj:
        obj.description = "nachträglich gesetzt"


@pytest.fixture()
def late_subscriber():
    gsm = getGlobalSiteManager()
    gsm.registerHandler(_fill_in_later, (IAkte, IObjectAddedEvent))
    yield
    gsm.unregisterHandler(_fill_in_later, (IAkte, IObjectAddedEvent))


def test_the_creation_snapshot_is_the_state_after_every_add_subscriber(functional_portal, late_subscriber):
    portal = functional_portal
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        top = api.content.create(container=portal["aktenplan"], type="Aktenplaneinheit", title="Finanzen",
                                 kennzeichen="16", aufbewahrungsfrist="10", aussonderungsart="B")
        akte = api.content.create(container=top, type="Akte", title="Haushalt 2026")
    transaction.commit()
    assert akte.description == "nachträglich gesetzt"

    with api.env.adopt_roles(["Manager"]):
        akte.title = "Haushalt 2027"
        modified(akte)
    transaction.commit()
    change = protokoll.entries(akte, action=protokoll.GEAENDERT)[-1]
    assert change["details"] == {"title": {"alt": "Haushalt 2026", "neu": "Haushalt 2027"}}
