"""Every change of an e-Akte object is an entry of its Protokoll: who, when, what, details."""

from datetime import datetime
from datetime import timedelta
from datetime import timezone
from eakte import lifecycle
from eakte import protokoll
from eakte import security
from eakte.dokument import checkout
from eakte.dokument.versions import set_file
from eakte.exceptions import InvalidInput
from plone import api
from plone.app.testing import TEST_USER_ID
from protokollhelpers import actions
from protokollhelpers import last
from recordhelpers import add_dokument
from recordhelpers import pdf_file
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import hashlib
import pytest
import transaction


def test_creating_an_akte_logs_who_when_type_aktenzeichen_and_title(akte):
    (entry,) = protokoll.entries(akte)
    assert entry["action"] == "erstellt"
    assert entry["user"] == TEST_USER_ID
    assert entry["seq"] == 1 and entry["prev"] == "" and entry["uid"] == akte.UID()
    when = datetime.fromisoformat(entry["time"])
    assert when.utcoffset() == timedelta(0)
    assert abs(datetime.now(timezone.utc) - when) < timedelta(minutes=1)
    assert entry["details"]["portal_type"] == "Akte"
    assert entry["details"]["aktenzeichen"] == "01.02-0001"
    assert entry["details"]["title"] == "Stellenbesetzung Sachgebiet 11.2"


def test_the_aktenplan_and_its_units_have_a_protokoll_too(manager, unit):
    assert actions(manager["aktenplan"])[0] == "erstellt"
    entry = last(unit, "erstellt")
    assert entry["details"]["portal_type"] == "Aktenplaneinheit"


def test_a_metadata_change_logs_every_changed_field_with_old_and_new_value(akte):
    akte.title = "Stellenbesetzung Sachgebiet 11.3"
    akte.federfuehrung_person = "Frau Schmidt"
    notify(ObjectModifiedEvent(akte))
    entry = last(akte)
    assert entry["action"] == "geaendert"
    assert entry["details"] == {
        "title": {"alt": "Stellenbesetzung Sachgebiet 11.2", "neu": "Stellenbesetzung Sachgebiet 11.3"},
        "federfuehrung_person": {"alt": None, "neu": "Frau Schmidt"},
    }


def test_old_values_are_known_after_several_changes(akte):
    for title in ("Zweiter Titel", "Dritter Titel"):
        akte.title = title
        notify(ObjectModifiedEvent(akte))
    changes = [entry["details"]["title"] for entry in protokoll.entries(akte, action="geaendert")]
    assert changes == [
        {"alt": "Stellenbesetzung Sachgebiet 11.2", "neu": "Zweiter Titel"},
        {"alt": "Zweiter Titel", "neu": "Dritter Titel"},
    ]


def test_dates_and_lists_are_logged_as_iso_strings_and_lists(unit):
    unit.aemter = ["11", "20"]
    notify(ObjectModifiedEvent(unit))
    assert last(unit)["details"] == {"aemter": {"alt": [], "neu": ["11", "20"]}}


def test_saving_without_a_change_logs_nothing(akte):
    notify(ObjectModifiedEvent(akte))
    assert actions(akte) == ["erstellt"]


def test_a_transition_logs_its_states_and_comment(vorgang, dokument):
    lifecycle.transition(dokument, "finalisieren")
    lifecycle.transition(vorgang, "abschliessen")
    lifecycle.transition(vorgang, "wiedereroeffnen", comment="Nachtrag der Stellungnahme")
    entry = last(dokument, "status")
    assert entry["details"]["transition"] == "finalisieren"
    assert (entry["details"]["von"], entry["details"]["nach"]) == ("entwurf", "final")
    reopened = last(vorgang, "status")
    assert reopened["details"]["transition"] == "wiedereroeffnen"
    assert (reopened["details"]["von"], reopened["details"]["nach"]) == ("abgeschlossen", "in_bearbeitung")
    assert reopened["details"]["kommentar"] == "Nachtrag der Stellungnahme"


def test_closing_records_the_zda_date_in_the_status_entry_not_in_a_later_change(vorgang, dokument):
    lifecycle.transition(dokument, "finalisieren")
    lifecycle.transition(vorgang, "abschliessen")
    closed = last(vorgang, "status")
    today = vorgang.zda_datum.isoformat()
    assert closed["details"]["felder"]["zda_datum"] == {"alt": None, "neu": today}
    lifecycle.transition(vorgang, "wiedereroeffnen", comment="Nachtrag")
    vorgang.title = "Ausschreibung (neu)"
    notify(ObjectModifiedEvent(vorgang))
    assert set(last(vorgang, "geaendert")["details"]) == {"title"}


def test_a_move_logs_old_and_new_path_and_aktenzeichen_also_of_the_contents(akte, vorgang, dokument, other_unit):
    old_path = "/".join(akte.getPhysicalPath())
    old_dokument_path = "/".join(dokument.getPhysicalPath())
    moved = api.content.move(source=akte, target=other_unit)
    entry = last(moved)
    assert entry["action"] == "verschoben"
    assert entry["details"]["pfad"] == {"alt": old_path, "neu": "/".join(moved.getPhysicalPath())}
    assert entry["details"]["aktenzeichen"] == {"alt": "01.02-0001", "neu": "01.03-0001"}
    inner = last(moved["ausschreibung"]["bewerbung"])
    assert inner["action"] == "verschoben"
    assert inner["details"]["aktenzeichen"] == {"alt": "01.02-0001.1-1", "neu": "01.03-0001.1-1"}
    assert inner["details"]["pfad"]["alt"] == old_dokument_path
    assert inner["details"]["mit"] == "/".join(moved.getPhysicalPath())


def test_after_a_move_the_new_aktenzeichen_is_no_metadata_change(akte, other_unit):
    moved = api.content.move(source=akte, target=other_unit)
    notify(ObjectModifiedEvent(moved))
    assert "geaendert" not in actions(moved)


def test_the_protokoll_survives_the_move_under_the_same_uid(akte, other_unit):
    uid = akte.UID()
    moved = api.content.move(source=akte, target=other_unit)
    assert actions(moved) == ["erstellt", "verschoben"]
    assert actions(uid) == ["erstellt", "verschoben"]


def test_a_new_version_logs_comment_sha256_and_file(dokument):
    new = pdf_file("Zweite Fassung", filename="bewerbung-v2.pdf")
    set_file(dokument, new, "Korrigierte Fassung")
    entry = last(dokument, "neue_version")
    assert entry["details"]["kommentar"] == "Korrigierte Fassung"
    assert entry["details"]["sha256"] == hashlib.sha256(new.data).hexdigest() == dokument.sha256
    assert entry["details"]["filename"] == "bewerbung-v2.pdf"
    assert "geaendert" not in actions(dokument)  # the file change is the version entry


def test_the_first_version_follows_the_creation(dokument):
    assert actions(dokument) == ["erstellt", "neue_version"]
    assert last(dokument)["details"]["kommentar"] == "Erstfassung"


def test_a_metadata_change_of_a_dokument_shows_no_file_change(dokument):
    dokument.absender = "Max Mustermann"
    notify(ObjectModifiedEvent(dokument))
    assert last(dokument)["details"] == {"absender": {"alt": None, "neu": "Max Mustermann"}}


def test_checkout_checkin_and_cancel_are_logged_with_the_holder(dokument):
    checkout.checkout(dokument)
    checkout.checkin(dokument, file=pdf_file("Neu"), comment="Überarbeitet")
    checkout.checkout(dokument)
    checkout.cancel_checkout(dokument)
    details = [entry["details"] for entry in protokoll.entries(dokument, action="checkout")]
    assert details == [
        {"aktion": "checkout", "inhaber": TEST_USER_ID},
        {"aktion": "checkin", "inhaber": TEST_USER_ID},
        {"aktion": "checkout", "inhaber": TEST_USER_ID},
        {"aktion": "cancel", "inhaber": TEST_USER_ID},
    ]
    assert last(dokument, "neue_version")["details"]["kommentar"] == "Überarbeitet"


def test_granting_and_revoking_local_roles_is_logged_with_the_cause(akte):
    security.grant(akte, "amt-20", ["Lesen"], security.cause("beteiligung", "20"))
    security.revoke(akte, "amt-20", security.cause("beteiligung", "20"))
    granted, revoked = (entry["details"] for entry in protokoll.entries(akte, action="rollen"))
    assert granted == {"principal": "amt-20", "rollen": ["Lesen"], "grund": "beteiligung:20", "erteilt": True}
    assert revoked == {"principal": "amt-20", "rollen": ["Lesen"], "grund": "beteiligung:20", "erteilt": False}


def test_entries_can_be_filtered_by_action(akte):
    akte.title = "Neu"
    notify(ObjectModifiedEvent(akte))
    assert actions(akte, action="geaendert") == ["geaendert"]
    assert actions(akte, action=["erstellt", "geaendert"]) == ["erstellt", "geaendert"]


def test_entries_can_be_filtered_by_time(akte):
    now = datetime.now(timezone.utc)
    assert actions(akte, since=now - timedelta(minutes=5)) == ["erstellt"]
    assert actions(akte, since=now + timedelta(minutes=5)) == []
    assert actions(akte, until=now - timedelta(minutes=5)) == []
    today = datetime.now(protokoll.portal_timezone()).date()
    assert actions(akte, since=today.isoformat(), until=today.isoformat()) == ["erstellt"]
    assert actions(akte, until=(today - timedelta(days=1)).isoformat()) == []


def test_a_wrong_filter_is_a_clear_error(akte):
    with pytest.raises(InvalidInput):
        protokoll.entries(akte, since="gestern")
    with pytest.raises(InvalidInput):
        protokoll.entries(akte, action="verbrannt")


def test_log_accepts_the_site_and_any_object_with_a_uuid(manager):
    entry = protokoll.log(manager, "amt_angelegt", {"nummer": "37", "name": "Feuerwehr"})
    assert entry["uid"] == "site"
    assert protokoll.entries(manager)[-1]["details"] == {"nummer": "37", "name": "Feuerwehr"}
    page = api.content.create(container=manager, type="Document", title="Hinweise")
    protokoll.log(page, "gelesen", {"ansicht": "view"})
    assert actions(page) == ["gelesen"]


def test_log_refuses_an_unknown_action(akte):
    with pytest.raises(InvalidInput):
        protokoll.log(akte, "verbrannt")


def test_removing_a_draft_is_logged_and_its_protokoll_remains(vorgang):
    draft = add_dokument(vorgang, "Notiz")
    uid = draft.UID()
    api.content.delete(draft)
    assert actions(uid) == ["erstellt", "neue_version", "geloescht"]
    assert protokoll.entries(uid)[-1]["details"]["aktenzeichen"] == "01.02-0001.1-1"
    assert protokoll.verify(uid)["ok"]


def test_the_returned_entries_are_copies(akte):
    protokoll.entries(akte)[0]["details"]["title"] = "Gefälscht"
    assert protokoll.entries(akte)[0]["details"]["title"] == "Stellenbesetzung Sachgebiet 11.2"
    assert protokoll.verify(akte)["ok"]


def test_each_entry_carries_the_hash_of_the_one_before(akte):
    akte.title = "Neu"
    notify(ObjectModifiedEvent(akte))
    first, second = protokoll.entries(akte)
    assert second["prev"] == first["hash"]
    assert len(first["hash"]) == 64


def test_verify_reports_an_intact_chain(akte, vorgang, dokument):
    set_file(dokument, pdf_file("Zweite"), "Zweite")
    for obj in (akte, vorgang, dokument):
        result = protokoll.verify(obj)
        assert result["ok"] is True and result["first_broken"] is None and result["reason"] is None
    assert protokoll.verify(dokument)["entries"] == 3


def test_a_read_logged_during_a_get_request_is_marked_as_an_intended_write(akte):
    """plone.protect would otherwise throw the entry away as a write on read."""
    from eakte.protokoll.store import get_store
    from plone.protect.auto import SAFE_WRITE_KEY
    from zope.globalrequest import getRequest

    transaction.savepoint(optimistic=True)  # the journal has an oid, as a stored one would
    http_request = getRequest()
    http_request.environ["REQUEST_METHOD"] = "GET"
    http_request.method = "GET"
    protokoll.log(akte, "gelesen", {"ansicht": "view"})
    journal = get_store(api.portal.get()).journals[akte.UID()]
    safe = http_request.environ[SAFE_WRITE_KEY]
    assert journal._p_oid in safe and journal.entries._p_oid in safe


def test_a_copy_has_its_own_protokoll_with_the_new_aktenzeichen_also_for_its_contents(akte, dokument, other_unit):
    copy = api.content.copy(source=akte, target=other_unit)
    assert copy.UID() != akte.UID()
    assert last(copy, "erstellt")["details"]["aktenzeichen"] == "01.03-0001"
    inner = copy["ausschreibung"]["bewerbung"]
    assert last(inner, "erstellt")["details"]["aktenzeichen"] == inner.aktenzeichen == "01.03-0001.1-1"
    assert actions(akte) == ["erstellt"]


def test_the_protokolle_of_the_demo_site_all_verify(demo_portal):
    assert protokoll.verify_all(demo_portal) == []
    assert len(protokoll.entries(demo_portal["aktenplan"])) >= 1


def test_moving_a_unit_logs_the_new_paths_of_its_akten_which_keep_their_aktenzeichen(unit, akte, manager):
    target = api.content.create(container=manager["aktenplan"], type="Aktenplaneinheit", title="Neu", kennzeichen="02")
    moved = api.content.move(source=unit, target=target)
    entry = last(moved["stellenbesetzung-sachgebiet-11.2"])
    assert entry["action"] == "verschoben"
    assert entry["details"]["aktenzeichen"] == {"alt": "01.02-0001", "neu": "01.02-0001"}
    assert entry["details"]["pfad"]["neu"].startswith("/".join(moved.getPhysicalPath()))
    assert entry["details"]["mit"] == "/".join(moved.getPhysicalPath())
