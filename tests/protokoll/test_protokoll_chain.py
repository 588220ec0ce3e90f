"""The Protokoll is append-only and hash-chained: a changed or removed entry is found."""

from eakte import protokoll
from eakte.protokoll.store import get_store
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import json
import pytest


@pytest.fixture()
def akte_with_history(akte):
    for title in ("Zweiter Titel", "Dritter Titel", "Vierter Titel"):
        akte.title = title
        notify(ObjectModifiedEvent(akte))
    assert protokoll.verify(akte)["entries"] == 4
    return akte


def stored(obj):
    """The journal as it is in the database (reaching past the API, as an attacker would)."""
    return get_store(api.portal.get()).journals[obj.UID()]


def test_a_directly_altered_detail_is_reported_as_the_first_broken_entry(akte_with_history):
    entries = stored(akte_with_history).entries
    entry = json.loads(entries[2])
    entry["details"]["title"]["neu"] = "Harmloser Titel"
    entries[2] = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    result = protokoll.verify(akte_with_history)
    assert result["ok"] is False
    assert result["first_broken"] == 2
    assert result["code"] == "hash"
    assert result["reason"] == "Der Inhalt des Eintrags 2 wurde verändert."


def test_an_altered_entry_with_a_recomputed_hash_breaks_the_next_link(akte_with_history):
    from eakte.protokoll.store import canonical
    from eakte.protokoll.store import entry_hash

    entries = stored(akte_with_history).entries
    entry = json.loads(entries[2])
    entry["user"] = "jemand-anderes"
    entry["hash"] = entry_hash(entry)
    entries[2] = canonical(entry)
    result = protokoll.verify(akte_with_history)
    assert (result["ok"], result["first_broken"], result["code"]) == (False, 3, "prev")


def test_a_removed_entry_is_reported_as_missing(akte_with_history):
    del stored(akte_with_history).entries[2]
    result = protokoll.verify(akte_with_history)
    assert (result["ok"], result["first_broken"], result["code"]) == (False, 2, "missing")
    assert result["reason"] == "Der Eintrag 2 fehlt (entfernt oder umsortiert)."


def test_removing_the_last_entry_is_reported(akte_with_history):
    del stored(akte_with_history).entries[4]
    result = protokoll.verify(akte_with_history)
    assert (result["ok"], result["first_broken"], result["code"]) == (False, 4, "missing_tail")


def test_removing_the_whole_protokoll_of_an_object_is_reported(akte_with_history):
    del get_store(api.portal.get()).journals[akte_with_history.UID()]
    result = protokoll.verify(akte_with_history)
    assert (result["ok"], result["code"]) == (False, "missing_journal")


def test_verify_all_lists_only_the_broken_protokolle(manager, akte_with_history, vorgang):
    assert protokoll.verify_all(manager) == []
    del stored(vorgang).entries[1]
    (broken,) = protokoll.verify_all(manager)
    assert broken["uid"] == vorgang.UID()
    assert broken["aktenzeichen"] == vorgang.aktenzeichen
    assert broken["path"] == "/".join(vorgang.getPhysicalPath())
    assert broken["first_broken"] == 1


def test_there_is_no_api_to_change_or_delete_an_entry():
    public = {name for name in dir(protokoll) if not name.startswith("_")}
    assert not {name for name in public if name.startswith(("delete", "remove", "update", "edit", "set"))}
