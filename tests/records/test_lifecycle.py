"""Lifecycle rules: closing (z.d.A.), reopening, finalizing, cancelling; read-only means read-only."""

from datetime import date
from eakte import lifecycle
from eakte.dokument import checkout
from eakte.exceptions import EakteError
from eakte.exceptions import PreconditionFailed
from OFS.CopySupport import CopyError
from plone import api
from plone.app.testing import TEST_USER_ID
from plone.app.testing import setRoles
from recordhelpers import add_dokument
from recordhelpers import german
from zExceptions import Unauthorized
from zope.i18n import translate
import pytest


ROLES = ["Manager", "Site Administrator", "Sachbearbeitung", "Amtsleitung", "Registratur",
         "Poststelle", "Lesen", "Archiv", "Administration"]
WRITE_PERMISSIONS = ["Modify portal content", "Add portal content", "Delete objects", "Copy or Move",
                     "eakte: Add Dokument"]


def close(obj, comment=""):
    lifecycle.transition(obj, lifecycle.CLOSE, comment)


def finalize(dokument):
    lifecycle.transition(dokument, lifecycle.FINALIZE)


def test_closing_an_akte_fails_while_a_vorgang_is_open(akte, vorgang):
    with pytest.raises(PreconditionFailed) as error:
        close(akte)
    assert german(error) == "Der Vorgang 01.02-0001.1 »Ausschreibung« ist noch nicht abgeschlossen."
    assert lifecycle.state(akte) == "in_bearbeitung"
    assert akte.zda_datum is None


def test_closing_an_akte_fails_while_a_document_is_checked_out(akte, dokument):
    checkout.checkout(dokument)
    with pytest.raises(PreconditionFailed) as error:
        close(dokument.aq_parent)
    assert german(error) == f"Das Dokument 01.02-0001.1-1 ist von {TEST_USER_ID} ausgecheckt."
    assert lifecycle.state(dokument.aq_parent) == "in_bearbeitung"


def test_closing_fails_while_a_document_is_still_a_draft(akte):
    add_dokument(akte, "Entwurf")
    with pytest.raises(PreconditionFailed) as error:
        close(akte)
    assert "noch ein Entwurf" in german(error)


def test_closing_sets_zda_date_laufzeit_end_and_retention_end(akte, vorgang, dokument):
    finalize(dokument)
    close(vorgang)
    close(akte)
    today = date.today()
    assert lifecycle.state(akte) == "abgeschlossen"
    assert akte.zda_datum == today and akte.laufzeit_ende == today
    assert vorgang.zda_datum == today
    assert akte.aufbewahrung_bis == date(today.year + 10, 12, 31)


def test_dauernd_retained_akten_have_no_retention_end(unit, akte):
    unit.aufbewahrungsfrist = "dauernd"
    close(akte)
    assert akte.aufbewahrung_bis is None
    assert lifecycle.retention_years(akte) == "dauernd"


def test_an_akte_inherits_retention_and_registratur_override_wins(unit, akte):
    assert lifecycle.retention_years(akte) == 10 and lifecycle.aussonderungsart(akte) == "B"
    akte.aufbewahrungsfrist, akte.aussonderungsart = "30", "A"
    close(akte)
    assert akte.aufbewahrung_bis == date(date.today().year + 30, 12, 31)
    assert lifecycle.aussonderungsart(akte) == "A"


@pytest.mark.parametrize("role,may", [("Registratur", True), ("Manager", True), ("Sachbearbeitung", False),
                                      ("Amtsleitung", False), ("Lesen", False)])
def test_only_registratur_overrides_retention(portal, akte, role, may):
    setRoles(portal, TEST_USER_ID, [role])
    assert bool(api.user.has_permission("eakte: Override retention", obj=akte)) is may


def test_reopening_needs_a_reason_and_clears_the_zda_date(portal, akte):
    close(akte)
    with pytest.raises(PreconditionFailed) as error:
        lifecycle.transition(akte, lifecycle.REOPEN, "")
    assert german(error) == "Für das Wiedereröffnen ist eine Begründung erforderlich."
    lifecycle.transition(akte, lifecycle.REOPEN, "Widerspruch des Bewerbers eingegangen")
    assert lifecycle.state(akte) == "in_bearbeitung"
    assert akte.zda_datum is None and akte.aufbewahrung_bis is None
    history = api.portal.get_tool("portal_workflow").getInfoFor(akte, "review_history")
    assert history[-1]["comments"] == "Widerspruch des Bewerbers eingegangen"


@pytest.mark.parametrize("role,may", [("Amtsleitung", True), ("Registratur", True),
                                      ("Sachbearbeitung", False), ("Lesen", False)])
def test_only_amtsleitung_and_registratur_may_reopen(portal, akte, role, may):
    close(akte)
    setRoles(portal, TEST_USER_ID, [role])
    transitions = [t["id"] for t in api.portal.get_tool("portal_workflow").getTransitionsFor(akte)]
    assert ("wiedereroeffnen" in transitions) is may


def test_cancelling_a_final_document_keeps_it_and_needs_a_reason(dokument):
    finalize(dokument)
    with pytest.raises(PreconditionFailed):
        lifecycle.transition(dokument, lifecycle.CANCEL, "")
    lifecycle.transition(dokument, lifecycle.CANCEL, "Falscher Empfänger")
    assert lifecycle.state(dokument) == "storniert"
    assert dokument.getId() in dokument.aq_parent


@pytest.mark.parametrize("role", ROLES)
def test_a_closed_akte_and_everything_in_it_is_read_only_for_every_role(portal, akte, vorgang, dokument, role):
    finalize(dokument)
    close(vorgang)
    close(akte)
    setRoles(portal, TEST_USER_ID, [role])
    for obj in (akte, vorgang, dokument):
        for permission in WRITE_PERMISSIONS:
            assert not api.user.has_permission(permission, obj=obj), (obj.portal_type, permission)


@pytest.mark.parametrize("role", ROLES)
def test_final_and_cancelled_documents_are_read_only_for_every_role(portal, akte, role):
    final = add_dokument(akte, "Bescheid")
    cancelled = add_dokument(akte, "Irrläufer")
    finalize(final)
    finalize(cancelled)
    lifecycle.transition(cancelled, lifecycle.CANCEL, "Irrläufer")
    setRoles(portal, TEST_USER_ID, [role])
    for obj in (final, cancelled):
        for permission in ("Modify portal content", "Delete objects", "Copy or Move"):
            assert not api.user.has_permission(permission, obj=obj), (obj.portal_type, permission)


def test_nobody_deletes_a_final_document_not_even_through_the_python_api(akte):
    final = add_dokument(akte, "Bescheid")
    finalize(final)
    with pytest.raises(Unauthorized):
        api.content.delete(final)
    with pytest.raises(EakteError):  # below the permissions: the domain guard
        akte._delObject(final.getId())
    assert final.getId() in akte


def test_nobody_deletes_an_akte_that_holds_final_documents(unit, akte):
    finalize(add_dokument(akte, "Bescheid"))
    with pytest.raises(EakteError):
        unit._delObject(akte.getId())


def test_nothing_is_moved_out_of_a_closed_akte(unit, akte):
    final = add_dokument(akte, "Bescheid")
    finalize(final)
    close(akte)
    other = api.content.create(container=unit, type="Akte", title="Andere Akte")
    with pytest.raises((CopyError, Unauthorized, EakteError)):
        api.content.move(source=final, target=other)
    assert final.getId() in akte


def test_nothing_is_added_to_a_closed_akte_even_by_a_manager(akte):
    close(akte)
    with pytest.raises(Exception):
        add_dokument(akte, "Nachzügler")


def test_a_draft_in_an_open_akte_may_be_deleted(akte):
    draft = add_dokument(akte, "Notiz")
    api.content.delete(draft)
    assert draft.getId() not in akte


def test_an_inactive_aktenplaneinheit_accepts_no_new_akten(unit):
    api.content.transition(obj=unit, transition="deaktivieren")
    with pytest.raises(Exception):
        api.content.create(container=unit, type="Akte", title="Neue Akte")


def test_an_aktenplaneinheit_holds_either_units_or_akten_never_both(aktenplan, unit, akte):
    from eakte.aktenplan.constraints import check_may_hold
    from plone.api.exc import InvalidParameterError

    with pytest.raises((PreconditionFailed, InvalidParameterError)):
        api.content.create(container=unit, type="Aktenplaneinheit", title="Unter", kennzeichen="01.02.01")
    with pytest.raises(PreconditionFailed) as error:
        check_may_hold(unit, "Aktenplaneinheit")
    assert "enthält bereits Akten" in german(error)
    parent = aktenplan["innere-verwaltung"]
    with pytest.raises((PreconditionFailed, InvalidParameterError)):
        api.content.create(container=parent, type="Akte", title="Falsch abgelegt")
    from Products.CMFPlone.interfaces.constrains import ISelectableConstrainTypes

    assert ISelectableConstrainTypes(unit).getLocallyAllowedTypes() == ["Akte"]
    assert ISelectableConstrainTypes(parent).getLocallyAllowedTypes() == ["Aktenplaneinheit"]


def test_the_reasons_against_closing_are_listed_for_the_ui(akte, vorgang, dokument):
    reasons = lifecycle.reasons_against(akte, lifecycle.CLOSE)
    texts = [translate(r, target_language="de") for r in reasons]
    assert texts == [
        "Der Vorgang 01.02-0001.1 »Ausschreibung« ist noch nicht abgeschlossen.",
        "Das Dokument 01.02-0001.1-1 ist noch ein Entwurf: bitte finalisieren oder löschen.",
    ]


def test_a_kennzeichen_names_one_aktenplaneinheit_only(aktenplan, unit):
    with pytest.raises(PreconditionFailed) as error:
        api.content.create(container=aktenplan, type="Aktenplaneinheit", title="Doppelt", kennzeichen="01")
    assert german(error) == "Das Kennzeichen 01 ist schon vergeben (01 Innere Verwaltung)."
