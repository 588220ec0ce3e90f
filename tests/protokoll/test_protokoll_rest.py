"""The Protokoll through plone.restapi (@protokoll, @protokoll-verify) and the Classic UI tab."""

from eakte import protokoll
from eakte.protokoll.store import get_store
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from recordhelpers import path
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent
import json
import pytest
import transaction


@pytest.fixture()
def manager(request_factory):
    session = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD))
    session.headers["Accept-Language"] = "de"
    return session


@pytest.fixture()
def anonymous(request_factory):
    return request_factory()


@pytest.fixture()
def browser(request_factory):
    session = request_factory(basic_auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), api=False)
    session.headers["Accept"] = "text/html"
    session.headers["Accept-Language"] = "de"
    return session


def tamper(obj, seq=1):
    """Change a stored entry directly in the database (as someone with database access could)."""
    transaction.begin()
    entries = get_store(api.portal.get()).journals[obj.UID()].entries
    entry = json.loads(entries[seq])
    entry["user"] = "niemand"
    entries[seq] = json.dumps(entry)
    transaction.commit()


def test_a_rest_patch_logs_old_and_new_values(records, manager):
    akte = path(records["akte"])
    response = manager.patch(akte, json={"title": "Haushalt 2026/27", "federfuehrung_person": "Herr Becker"})
    assert response.status_code == 204
    items = manager.get(f"{akte}/@protokoll", params={"action": "geaendert"}).json()["items"]
    (entry,) = items
    assert entry["user"] == SITE_OWNER_NAME
    assert entry["details"] == {
        "title": {"alt": "Haushalt 2026", "neu": "Haushalt 2026/27"},
        "federfuehrung_person": {"alt": None, "neu": "Herr Becker"},
    }
    assert entry["action_title"] == "Metadaten geändert"


def test_a_new_file_through_rest_is_a_new_version_entry(records, manager):
    import base64

    dokument = path(records["dokument"])
    data = b"%PDF-1.4\n% zweite Fassung\n"
    upload = {"data": base64.b64encode(data).decode(), "encoding": "base64", "filename": "v2.pdf",
              "content-type": "application/pdf"}
    assert manager.patch(dokument, json={"file": upload, "absender": "Amt 62"}).status_code == 204
    items = manager.get(f"{dokument}/@protokoll").json()["items"]
    assert [item["action"] for item in items] == ["erstellt", "neue_version", "geaendert", "neue_version"]
    import hashlib

    assert items[-1]["details"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert items[2]["details"] == {"absender": {"alt": None, "neu": "Amt 62"}}


def test_the_protokoll_is_batched_like_plone_restapi_listings(records, manager):
    akte = records["akte"]
    for number in range(30):
        akte.title = f"Haushalt 2026 ({number})"
        notify(ObjectModifiedEvent(akte))
    transaction.commit()
    first = manager.get(f"{path(akte)}/@protokoll", params={"b_size": 10}).json()
    assert first["items_total"] == 31
    assert [item["seq"] for item in first["items"]] == list(range(1, 11))
    assert "next" in first["batching"] and "last" in first["batching"]
    second = manager.get(first["batching"]["next"]).json()
    assert [item["seq"] for item in second["items"]] == list(range(11, 21))
    unbatched = manager.get(f"{path(records['vorgang'])}/@protokoll").json()
    assert "batching" not in unbatched and unbatched["items_total"] == len(unbatched["items"])


def test_the_protokoll_is_filtered_by_action_and_date(records, manager):
    dokument = path(records["dokument"])
    assert manager.post(f"{dokument}/@workflow/finalisieren", json={"comment": "Geprüft"}).status_code == 200
    (status,) = manager.get(f"{dokument}/@protokoll", params={"action": "status"}).json()["items"]
    assert status["details"] == {"transition": "finalisieren", "von": "entwurf", "nach": "final",
                                 "kommentar": "Geprüft"}
    today = manager.get(f"{dokument}/@protokoll", params={"since": "2000-01-01", "until": "2999-12-31"}).json()
    assert today["items_total"] == 3
    assert manager.get(f"{dokument}/@protokoll", params={"since": "2999-01-01"}).json()["items_total"] == 0


def test_a_wrong_filter_is_a_german_400_error(records, manager):
    response = manager.get(f"{path(records['akte'])}/@protokoll", params={"since": "gestern"})
    assert response.status_code == 400
    assert response.json()["message"] == "Bitte ein Datum im Format JJJJ-MM-TT angeben (since, until)."


def test_the_verify_endpoint_reports_the_first_broken_entry(records, manager):
    akte = records["akte"]
    intact = manager.get(f"{path(akte)}/@protokoll-verify").json()
    assert (intact["ok"], intact["first_broken"], intact["entries"]) == (True, None, 1)
    tamper(akte, seq=1)
    response = manager.get(f"{path(akte)}/@protokoll-verify")
    assert response.status_code == 200
    result = response.json()
    assert (result["ok"], result["first_broken"]) == (False, 1)
    assert result["reason"] == "Der Inhalt des Eintrags 1 wurde verändert."


def test_the_site_and_the_aktenplan_have_a_protokoll(records, manager):
    with api.env.adopt_roles(["Manager"]):
        protokoll.log(records["portal"], "amt_angelegt", {"nummer": "37", "name": "Feuerwehr"})
    transaction.commit()
    site = manager.get("@protokoll", params={"action": "amt_angelegt"}).json()  # users and groups are there too
    assert site["items"][-1]["details"] == {"nummer": "37", "name": "Feuerwehr"}
    assert site["items"][-1]["uid"] == "site"
    assert manager.get("@protokoll-verify").json()["ok"] is True
    assert manager.get("aktenplan/@protokoll").json()["items"][0]["action"] == "erstellt"
    assert manager.get(f"{path(records['unit'])}/@protokoll").json()["items_total"] >= 1


def test_who_may_not_read_the_akte_may_not_read_its_protokoll(records, anonymous):
    assert anonymous.get(f"{path(records['akte'])}/@protokoll").status_code in (401, 403, 404)
    assert anonymous.get(f"{path(records['akte'])}/@protokoll-verify").status_code in (401, 403, 404)


def test_the_protokoll_of_the_site_is_for_the_administration_only(records, anonymous, request_factory):
    from plone.app.testing import TEST_USER_NAME
    from plone.app.testing import TEST_USER_PASSWORD

    sachbearbeitung = request_factory(basic_auth=(TEST_USER_NAME, TEST_USER_PASSWORD))
    for session in (anonymous, sachbearbeitung):
        assert session.get("@protokoll").status_code in (401, 403)


def test_the_protokoll_tab_is_a_german_table_with_the_state_of_the_chain(records, browser):
    akte = records["akte"]
    akte.title = "Haushalt 2026/27"
    notify(ObjectModifiedEvent(akte))
    transaction.commit()
    html = browser.get(f"{path(akte)}/@@protokoll").text
    for heading in ("Zeit", "Wer", "Aktion", "Einzelheiten"):
        assert f">{heading}<" in html
    assert "Erstellt" in html and "Metadaten geändert" in html
    assert "Titel: »Haushalt 2026« → »Haushalt 2026/27«" in html
    assert "Aktenzeichen: 16.01-0001" in html
    assert "Die Protokollkette ist unversehrt (2 Einträge)." in html


def test_the_protokoll_tab_filters_by_action_and_explains_a_wrong_date(records, browser):
    dokument = records["dokument"]
    html = browser.get(f"{path(dokument)}/@@protokoll", params={"action": "neue_version"}).text
    assert "Neue Version" in html and "Erstfassung" in html
    assert "<td>Erstellt</td>" not in html
    wrong = browser.get(f"{path(dokument)}/@@protokoll", params={"since": "morgen"})
    assert wrong.status_code == 200
    assert "Bitte ein Datum im Format JJJJ-MM-TT angeben" in wrong.text


def test_the_protokoll_tab_shows_a_broken_chain(records, browser):
    tamper(records["vorgang"], seq=1)
    html = browser.get(f"{path(records['vorgang'])}/@@protokoll").text
    assert "Die Protokollkette ist verletzt: Der Inhalt des Eintrags 1 wurde verändert." in html


def test_a_change_in_the_edit_form_logs_old_and_new_values(records, browser):
    import re

    akte = records["akte"]
    form = browser.get(f"{path(akte)}/edit").text
    token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', form).group(1)
    fields = dict(re.findall(r'<input[^>]*name="(form\.widgets\.[^"]+)"[^>]*value="([^"]*)"', form))
    fields.update({"form.widgets.IBasic.title": "Haushalt 2027", "form.widgets.aktenart:list": akte.aktenart,
                   "form.widgets.vertraulichkeitsstufe:list": akte.vertraulichkeitsstufe,
                   "form.widgets.medium:list": akte.medium, "form.buttons.save": "Speichern",
                   "_authenticator": token})
    response = browser.post(f"{path(akte)}/edit", data=fields)
    assert response.status_code == 200
    transaction.begin()
    assert akte.title == "Haushalt 2027"
    entry = protokoll.entries(akte, action="geaendert")[-1]
    assert entry["details"]["title"] == {"alt": "Haushalt 2026", "neu": "Haushalt 2027"}
    assert entry["user"] == SITE_OWNER_NAME
