"""docs/rechte.md, cell by cell, through the REST API as a user of each role.

The table is the specification: this test parses it, and for every row it needs a driver
below that prepares an object in the row's state and performs the action. A row without a
driver, or a driver without a row, fails: the table and the test cannot drift apart.
"""

from eakte import lifecycle
from eakte import security
from pathlib import Path
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.component.hooks import setSite
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import base64
import pytest
import transaction


TABLE = Path(__file__).resolve().parents[2] / "docs" / "rechte.md"
LOCAL_ROLES = ("Sachbearbeitung", "Amtsleitung", "Lesen")  # held through the Amt's groups; the rest are global
PASSWORD = "rechte-123"
PDF = {"data": base64.b64encode(b"%PDF-1.4 Testdokument").decode(), "encoding": "base64",
       "filename": "test.pdf", "content-type": "application/pdf"}


def read_table():
    rows = [line.strip().strip("|").split("|") for line in TABLE.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith("| Aktion")]
    header = next(line for line in TABLE.read_text(encoding="utf-8").splitlines() if line.startswith("| Aktion"))
    roles = [cell.strip() for cell in header.strip().strip("|").split("|")][2:]
    cells = []
    for row in rows:
        action, state, *values = [cell.strip() for cell in row]
        for role, value in zip(roles, values):
            assert value in ("ja", "nein"), f"{action} / {state} / {role}: {value!r}"
            cells.append((action, state, role, value == "ja"))
    return roles, cells


ROLES, CELLS = read_table()


def user_of(role: str) -> str:
    return "user-" + role.lower().replace(" ", "-")


# --- the world each cell starts from -----------------------------------------------------------

@pytest.fixture()
def world(functional_portal, smtp):
    from eakte.security import archiv

    portal = functional_portal
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="vertraulich@stadt.example", username="vertraulich-sb", password=PASSWORD)
        top = api.content.create(container=portal["aktenplan"], type="Aktenplaneinheit",
                                 title="Innere Verwaltung", kennzeichen="01", aufbewahrungsfrist="10")
        unit = api.content.create(container=top, type="Aktenplaneinheit", title="Personal",
                                  kennzeichen="01.02", aufbewahrungsfrist="10", aussonderungsart="B")
        for role in ROLES:
            user = user_of(role)
            api.user.create(email=f"{user}@stadt.example", username=user, password=PASSWORD)
            if role in LOCAL_ROLES:
                group = f"amt-11-{role.lower()}"
                if api.group.get(groupname=group) is None:
                    api.group.create(groupname=group)
                api.group.add_user(groupname=group, username=user)
                security.grant(unit, group, [role], "amt:11")
            else:
                api.user.grant_roles(username=user, roles=[role])
            if role == "Archiv":
                api.group.add_user(groupname=archiv.ensure_group(), username=user)
    transaction.commit()
    return {"portal": portal, "unit": unit}


def manager_does(function, *args, **kwargs):
    with api.env.adopt_roles(["Manager"]):
        result = function(*args, **kwargs)
    transaction.commit()
    return result


def new_akte(world, closed=False):
    def make():
        akte = api.content.create(container=world["unit"], type="Akte", title="Testakte", federfuehrung_amt="11")
        if closed:
            lifecycle.transition(akte, lifecycle.CLOSE)
        return akte

    return manager_does(make)


def new_dokument(world, final=False):
    def make():
        akte = api.content.create(container=world["unit"], type="Akte", title="Akte mit Dokument")
        dokument = api.content.create(container=akte, type="Dokument", title="Schreiben",
                                      file=NamedBlobFile(b"%PDF-1.4 Schreiben", filename="s.pdf"))
        if final:
            lifecycle.transition(dokument, lifecycle.FINALIZE)
        return dokument

    return manager_does(make)


def new_confidential(world, offered=False):
    def make():
        from eakte.security import archiv

        akte = api.content.create(container=world["unit"], type="Akte", title="Geheimakte Personal",
                                  federfuehrung_amt="11", vertraulichkeitsstufe="005", berechtigte=["vertraulich-sb"])
        if offered:
            archiv.offer(akte)
        return akte

    return manager_does(make)


def drive_named_read(world, s, akte):
    def name():
        akte.berechtigte = ["vertraulich-sb", s.auth[0]]
        notify(ObjectModifiedEvent(akte))

    manager_does(name)
    return drive_read(world, s, akte)


def drive_find(world, s, akte):
    found = s.get("@search", params={"SearchableText": "Geheimakte"}).json()
    return any("Geheimakte" in item["title"] for item in found.get("items", []))


def drive_emergency(world, s, akte):
    return created(s.post("@notfallzugriff", json={"aktenzeichen": akte.aktenzeichen,
                                                   "grund": "Wiederherstellung nach Speicherfehler"}))


def path(obj):
    return "/".join(obj.getPhysicalPath()[2:])


def state_of(obj):
    transaction.begin()
    return api.content.get_state(obj)


# --- one driver per row: prepare, act, and tell whether the action took effect ------------------

def refused(response):
    return response.status_code in (401, 403, 404)


def succeeded(response):
    return 200 <= response.status_code < 300


def created(response):
    return response.status_code == 201


def drive_read(world, s, obj):
    return succeeded(s.get(path(obj)))


def drive_patch(s, obj, field, value):
    response = s.patch(path(obj), json={field: value})
    transaction.begin()
    return succeeded(response) and getattr(obj, field) == value


def drive_patch_title(world, s, obj):
    return drive_patch(s, obj, "title", "Geänderter Titel")


def drive_transition(name, comment=""):
    def drive(world, s, obj):
        before = state_of(obj)
        response = s.post(f"{path(obj)}/@workflow/{name}", json={"comment": comment} if comment else {})
        return succeeded(response) and state_of(obj) != before
    return drive


DRIVERS = {
    ("Akte lesen", "in Bearbeitung"): (lambda w: new_akte(w), drive_read),
    ("Akte lesen", "abgeschlossen"): (lambda w: new_akte(w, closed=True), drive_read),
    ("Aktenplan lesen", "Aktenplan in Kraft"): (lambda w: w["unit"], drive_read),
    ("Akte anlegen", "Aktenplaneinheit aktiv"): (
        lambda w: w["unit"],
        lambda w, s, unit: created(s.post(path(unit), json={"@type": "Akte", "title": "Neue Akte"}))),
    ("Akte anlegen", "Aktenplaneinheit inaktiv"): (
        lambda w: manager_does(api.content.transition, obj=w["unit"], transition="deaktivieren") or w["unit"],
        lambda w, s, unit: created(s.post(path(unit), json={"@type": "Akte", "title": "Neue Akte"}))),
    ("Akte bearbeiten", "in Bearbeitung"): (lambda w: new_akte(w), drive_patch_title),
    ("Akte bearbeiten", "abgeschlossen"): (lambda w: new_akte(w, closed=True), drive_patch_title),
    ("Aufbewahrungsfrist überschreiben", "in Bearbeitung"): (
        lambda w: new_akte(w),
        lambda w, s, akte: drive_patch(s, akte, "aufbewahrungsfrist", "30")),
    ("Akte abschließen (z.d.A.)", "in Bearbeitung"): (lambda w: new_akte(w), drive_transition("abschliessen")),
    ("Akte wiedereröffnen", "abgeschlossen"): (lambda w: new_akte(w, closed=True),
                                               drive_transition("wiedereroeffnen", "Nachtrag")),
    ("Beteiligung gewähren", "in Bearbeitung"): (
        lambda w: new_akte(w),
        lambda w, s, akte: succeeded(s.post(f"{path(akte)}/@beteiligungen", json={"amt": "20", "stufe": "Lesen"}))),
    ("Vorgang anlegen", "Akte in Bearbeitung"): (
        lambda w: new_akte(w),
        lambda w, s, akte: created(s.post(path(akte), json={"@type": "Vorgang", "title": "Neuer Vorgang"}))),
    ("Vorgang anlegen", "Akte abgeschlossen"): (
        lambda w: new_akte(w, closed=True),
        lambda w, s, akte: created(s.post(path(akte), json={"@type": "Vorgang", "title": "Neuer Vorgang"}))),
    ("Dokument anlegen", "Akte in Bearbeitung"): (
        lambda w: new_akte(w),
        lambda w, s, akte: created(s.post(path(akte), json={"@type": "Dokument", "title": "Neu", "file": PDF}))),
    ("Dokument anlegen", "Akte abgeschlossen"): (
        lambda w: new_akte(w, closed=True),
        lambda w, s, akte: created(s.post(path(akte), json={"@type": "Dokument", "title": "Neu", "file": PDF}))),
    ("Dokument lesen", "final"): (lambda w: new_dokument(w, final=True), drive_read),
    ("Dokument bearbeiten", "Entwurf"): (lambda w: new_dokument(w), drive_patch_title),
    ("Dokument bearbeiten", "final"): (lambda w: new_dokument(w, final=True), drive_patch_title),
    ("Dokument löschen", "Entwurf"): (
        lambda w: new_dokument(w),
        lambda w, s, dok: succeeded(s.delete(path(dok)))),
    ("Dokument löschen", "final"): (
        lambda w: new_dokument(w, final=True),
        lambda w, s, dok: succeeded(s.delete(path(dok)))),
    ("Dokument finalisieren", "Entwurf"): (lambda w: new_dokument(w), drive_transition("finalisieren")),
    ("Dokument stornieren", "final"): (lambda w: new_dokument(w, final=True),
                                       drive_transition("stornieren", "Irrläufer")),
    ("Aktenplaneinheit anlegen", "Aktenplan in Kraft"): (
        lambda w: w["portal"]["aktenplan"],
        lambda w, s, plan: created(s.post(path(plan), json={"@type": "Aktenplaneinheit", "title": "Neu",
                                                            "kennzeichen": "77"}))),
    ("Aktenplaneinheit deaktivieren", "aktiv"): (lambda w: w["unit"], drive_transition("deaktivieren")),
    ("Aktenplan importieren", "Aktenplan in Kraft"): (
        lambda w: w["portal"]["aktenplan"],
        lambda w, s, plan: succeeded(s.post(f"{path(plan)}/@aktenplan-import", json={"file": {
            "data": base64.b64encode("Kennzeichen;Titel\n88;Neu importiert\n".encode()).decode(),
            "filename": "plan.csv"}}))),
    ("Prüfsummen einer Akte prüfen (@verify)", "Akte in Bearbeitung"): (
        lambda w: new_akte(w),
        lambda w, s, akte: succeeded(s.get(f"{path(akte)}/@verify"))),
    ("Protokoll lesen", "Akte in Bearbeitung"): (
        lambda w: new_akte(w),
        lambda w, s, akte: succeeded(s.get(f"{path(akte)}/@protokoll"))),
    ("Vertrauliche Akte lesen", "nicht benannt"): (lambda w: new_confidential(w), drive_read),
    ("Vertrauliche Akte finden (Suche)", "nicht benannt"): (lambda w: new_confidential(w), drive_find),
    ("Vertrauliche Akte lesen", "als Zugriffsberechtigte(r) benannt"): (
        lambda w: new_confidential(w), drive_named_read),
    ("Notfallzugriff anfordern", "vertrauliche Akte"): (lambda w: new_confidential(w), drive_emergency),
    ("Vertrauliche Akte lesen", "Notfallzugriff angefordert"): (
        lambda w: new_confidential(w),
        lambda w, s, akte: drive_emergency(w, s, akte) and drive_read(w, s, akte)),
    ("Vertrauliche Akte lesen", "dem Archiv angeboten"): (lambda w: new_confidential(w, offered=True), drive_read),
    ("Amt einrichten (Onboarding)", "Ämterverzeichnis"): (
        lambda w: w["portal"],
        lambda w, s, portal: created(s.post("@aemter", json={"nummer": "77", "name": "Testamt", "kurzname": "TA"}))),
}


def test_every_row_of_the_table_has_a_driver_and_every_driver_a_row():
    rows = {(action, state) for action, state, _, _ in CELLS}
    assert rows - set(DRIVERS) == set(), "rows in docs/rechte.md without a test driver"
    assert set(DRIVERS) - rows == set(), "test drivers without a row in docs/rechte.md"


@pytest.mark.parametrize("action,state,role,allowed", CELLS,
                         ids=[f"{a} | {s} | {r}" for a, s, r, _ in CELLS])
def test_the_rights_table(world, request_factory, action, state, role, allowed):
    prepare, drive = DRIVERS[(action, state)]
    obj = prepare(world)
    session = request_factory(basic_auth=(user_of(role), PASSWORD))
    session.headers["Accept"] = "application/json"
    succeeded_ = drive(world, session, obj)
    assert succeeded_ is allowed, f"{action} / {state} / {role}: expected {'ja' if allowed else 'nein'}"
