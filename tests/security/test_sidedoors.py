"""No side doors: WebDAV is switched off for the e-Akte and the through-the-web ``manage_*`` methods
of Zope are not published on records, for every user including Manager."""

from eakte import lifecycle
from eakte import protokoll
from eakte import security
from plone import api
from recordhelpers import path
from recordhelpers import pdf_file
from zope.component.hooks import setSite

import pytest
import transaction


PASSWORD = "seitentuer-123"
USERS = ["chef", "sb11", "sb62", None]  # Manager, Sachbearbeitung of Amt 11, another Amt, anonymous

PROPPATCH_TITLE = b"""<?xml version="1.0" encoding="utf-8"?>
<d:propertyupdate xmlns:d="DAV:" xmlns:z="http://www.zope.org/propsets/default">
  <d:set><d:prop><z:title>Per WebDAV umbenannt</z:title></d:prop></d:set>
</d:propertyupdate>"""

LOCK_BODY = b"""<?xml version="1.0" encoding="utf-8"?>
<d:lockinfo xmlns:d="DAV:"><d:lockscope><d:exclusive/></d:lockscope>
<d:locktype><d:write/></d:locktype>
<d:owner>angreifer</d:owner></d:lockinfo>"""


@pytest.fixture()
def akten(functional_portal):
    """Amt 11's unit 01.02 with an open Akte (a Vorgang with a draft and a final Dokument), a closed
    Akte and a confidential Personalakte. Users: chef (Manager), sb11 (Sachbearbeitung of Amt 11),
    sb62 (Sachbearbeitung of Amt 62), personal-sb (named in the Personalakte)."""
    portal = functional_portal
    setSite(portal)
    with api.env.adopt_roles(["Manager"]):
        for user in ("chef", "sb11", "sb62", "personal-sb"):
            api.user.create(email=f"{user}@stadt.example", username=user, password=PASSWORD)
        for group, user in (("amt-11-sachbearbeitung", "sb11"), ("amt-62-sachbearbeitung", "sb62")):
            if api.group.get(groupname=group) is None:
                api.group.create(groupname=group)
            api.group.add_user(groupname=group, username=user)
        api.user.grant_roles(username="chef", roles=["Manager"])
        top = api.content.create(container=portal["aktenplan"], type="Aktenplaneinheit",
                                 title="Innere Verwaltung", kennzeichen="01")
        unit = api.content.create(container=top, type="Aktenplaneinheit", title="Personal",
                                  kennzeichen="01.02")
        security.grant(unit, "amt-11-sachbearbeitung", ["Sachbearbeitung"], "amt:11")
        akte = api.content.create(container=unit, type="Akte", title="Stellenplan 2026")
        vorgang = api.content.create(container=akte, type="Vorgang", title="Ausschreibung")
        entwurf = api.content.create(container=vorgang, type="Dokument",
                                     title="Entwurf Ausschreibung", file=pdf_file("Entwurf"))
        final = api.content.create(container=vorgang, type="Dokument", title="Ausschreibung final",
                                   file=pdf_file("Final"))
        lifecycle.transition(final, lifecycle.FINALIZE)
        closed = api.content.create(container=unit, type="Akte", title="Stellenplan 2025")
        lifecycle.transition(closed, lifecycle.CLOSE)
        geheim = api.content.create(container=unit, type="Akte",
                                    title="Personalakte Erika Mustermann",
                                    vertraulichkeitsstufe="005", aktenart="Fallakte",
                                    berechtigte=["personal-sb"])
    transaction.commit()
    return {"unit": unit, "akte": akte, "vorgang": vorgang, "entwurf": entwurf, "final": final,
            "closed": closed, "geheim": geheim}


def session(request_factory, user, accept=None):
    """A WebDAV client (no Accept header) or, with accept, a browser."""
    if user:
        s = request_factory(basic_auth=(user, PASSWORD), api=False)
    else:
        s = request_factory(api=False)
    s.headers["Accept-Language"] = "de"
    s.headers["Accept"] = accept
    return s


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def assert_webdav_refused(response):
    assert response.status_code == 405, (response.status_code, response.text[:300])
    if response.headers["Content-Type"].startswith("text/html"):
        assert "WebDAV ist in der e-Akte abgeschaltet" in response.text
        return
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["type"] == "WebDAVDisabled"
    assert "WebDAV ist in der e-Akte abgeschaltet" in body["message"]


def state(akten):
    """What a side door could change: titles (object and catalog), ids, Protokoll entries, locks."""
    transaction.begin()
    catalog = api.portal.get_tool("portal_catalog")
    result = {}
    for key, obj in akten.items():
        brains = catalog.unrestrictedSearchResults(UID=obj.UID())
        result[key] = (obj.title, brains[0].Title if brains else None, len(protokoll.entries(obj)),
                       bool(obj.wl_isLocked()))
    result["ids"] = sorted(akten["vorgang"].objectIds()), sorted(akten["unit"].objectIds())
    return result


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("depth", ["0", "1", "infinity"])
def test_propfind_answers_405_and_reveals_no_title_of_a_confidential_akte(
        akten, request_factory, user, depth):
    dav = session(request_factory, user)
    for obj in (akten["unit"], akten["geheim"]):
        response = dav.request("PROPFIND", path(obj) + "/", headers={"Depth": depth})
        assert "Mustermann" not in response.text
        assert "Stellenplan" not in response.text
        assert_webdav_refused(response)


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("record", ["final", "closed", "entwurf", "akte"])
def test_proppatch_changes_no_title_of_a_final_dokument_or_a_closed_akte(
        akten, request_factory, user, record):
    before = state(akten)
    response = session(request_factory, user).request(
        "PROPPATCH", path(akten[record]), data=PROPPATCH_TITLE,
        headers={"Content-Type": "text/xml"})
    assert_webdav_refused(response)
    assert state(akten) == before


@pytest.mark.parametrize("user", ["chef", "sb11"])
@pytest.mark.parametrize("method, target, headers, body", [
    ("MKCOL", "vorgang/neuer-ordner", {}, b""),
    ("PUT", "vorgang/neu.txt", {"Content-Type": "text/plain"}, b"per WebDAV abgelegt"),
    ("PUT", "entwurf", {"Content-Type": "application/pdf"}, b"%PDF-1.4 ueberschrieben"),
    ("PUT", "entwurf", {"Content-Type": "application/pdf", "Accept": "*/*"},
     b"%PDF-1.4 ueberschrieben"),
    ("LOCK", "final", {"Content-Type": "text/xml", "Timeout": "Second-600"}, LOCK_BODY),
    ("UNLOCK", "final", {"Lock-Token": "<opaquelocktoken:nichts>"}, b""),
    ("MOVE", "entwurf", {"Destination": "{base}/verschoben", "Overwrite": "T"}, b""),
    ("COPY", "final", {"Destination": "{base}/kopie", "Overwrite": "T"}, b""),
    ("DELETE", "entwurf", {}, b""),
    ("DELETE", "closed", {}, b""),
])
def test_every_webdav_method_answers_405_and_changes_nothing(akten, request_factory, user, method,
                                                             target, headers, body):
    before = state(akten)
    obj, _, name = target.partition("/")
    url = path(akten[obj]) + (f"/{name}" if name else "")
    dav = session(request_factory, user)
    base = api.portal.get().absolute_url()
    headers = {key: value.replace("{base}", base) for key, value in headers.items()}
    response = dav.request(method, url, data=body, headers=headers)
    assert_webdav_refused(response)
    assert state(akten) == before


@pytest.mark.parametrize("name", ["PROPFIND", "manage_FTPget", "manage_DAVget"])
def test_webdav_methods_published_by_name_answer_405(akten, request_factory, name):
    before = state(akten)
    chef = session(request_factory, "chef", accept=BROWSER)
    response = chef.post(f"{path(akten['final'])}/{name}", data={"Depth": "1"})
    assert_webdav_refused(response)
    assert b"%PDF" not in response.content
    assert state(akten) == before


def test_the_site_root_answers_webdav_with_405_too(akten, request_factory):
    response = session(request_factory, "chef").request("PROPFIND", "", headers={"Depth": "1"})
    assert_webdav_refused(response)


# ZMI methods with the form data that would change the record (or show it) through the web.
ZMI_CALLS = [
    ("akte", "manage_renameObject", {"id": "ausschreibung", "new_id": "umbenannt"}),
    ("akte", "manage_renameObjects", {"ids:list": "ausschreibung", "new_ids:list": "umbenannt"}),
    ("vorgang", "manage_delObjects", {"ids:list": "entwurf-ausschreibung"}),
    ("vorgang", "manage_cutObjects", {"ids:list": "entwurf-ausschreibung"}),
    ("vorgang", "manage_copyObjects", {"ids:list": "ausschreibung-final"}),
    ("vorgang", "manage_pasteObjects", {}),
    ("vorgang", "manage_clone", {"ob": "ausschreibung-final", "id": "klon"}),
    ("akte", "manage_addFolder", {"id": "ordner"}),
    ("akte", "manage_addProduct/OFSP/manage_addFolder", {"id": "ordner"}),
    ("akte", "manage_setLocalRoles", {"userid": "sb62", "roles:list": "Sachbearbeitung"}),
    ("akte", "manage_addLocalRoles", {"userid": "sb62", "roles:list": "Sachbearbeitung"}),
    ("akte", "manage_delLocalRoles", {"userids:list": "amt-11-sachbearbeitung"}),
    ("akte", "manage_permission", {"permission_to_manage": "View", "roles:list": "Anonymous"}),
    ("akte", "manage_role", {"role_to_manage": "Anonymous", "permissions:list": "View"}),
    ("akte", "manage_acquiredPermissions", {}),
    ("akte", "manage_changePermissions", {}),
    ("akte", "manage_addProperty", {"id": "hinweis", "value": "x", "type": "string"}),
    ("final", "manage_changeProperties", {"title": "Geändert"}),
    ("final", "manage_editProperties", {"title": "Geändert"}),
    ("akte", "manage_exportObject", {"id": "ausschreibung", "download:int": "1"}),
    ("akte", "manage_main", {}),
    ("akte", "manage", {}),
    ("akte", "manage_workspace", {}),
    ("akte", "manage_access", {}),
    ("akte", "manage_listLocalRoles", {}),
    ("akte", "manage_findForm", {}),
    ("akte", "manage_getUserRolesAndPermissions", {"user_id": "sb11"}),
]


@pytest.mark.parametrize("record, name, form", ZMI_CALLS, ids=[call[1] for call in ZMI_CALLS])
def test_zmi_methods_are_not_published_on_records_not_even_for_a_manager(akten, request_factory,
                                                                          record, name, form):
    before = state(akten)
    roles_before = dict(akten["akte"].get_local_roles())
    chef = session(request_factory, "chef", accept=BROWSER)
    response = chef.post(f"{path(akten[record])}/{name}", data=form, allow_redirects=False)
    assert response.status_code == 403, (response.status_code, response.text[:300])
    assert "Diese Verwaltungsfunktion von Zope ist für e-Akte-Objekte abgeschaltet" in response.text
    response = chef.get(f"{path(akten[record])}/{name}", params=form, allow_redirects=False)
    # 404: a method published for POST only
    assert response.status_code in (403, 404), response.status_code
    assert state(akten) == before
    transaction.begin()
    assert dict(akten["akte"].get_local_roles()) == roles_before


def xmlrpc(name, *args):
    params = "".join(f"<param><value><string>{arg}</string></value></param>" for arg in args)
    return (f'<?xml version="1.0"?><methodCall><methodName>{name}</methodName>'
            f"<params>{params}</params></methodCall>").encode()


@pytest.mark.parametrize("record, call", [
    ("vorgang", xmlrpc("manage_renameObject", "entwurf-ausschreibung", "per-xmlrpc")),
    ("vorgang", xmlrpc("manage_delObjects", "entwurf-ausschreibung")),
    ("final", xmlrpc("manage_FTPget")),
    ("final", xmlrpc("getId")),
])
def test_xmlrpc_calls_no_method_of_a_record(akten, request_factory, record, call):
    """XML-RPC (POST text/xml) publishes the method it names: the same rule holds."""
    before = state(akten)
    chef = session(request_factory, "chef", accept="text/xml")
    response = chef.post(path(akten[record]), data=call, headers={"Content-Type": "text/xml"})
    assert response.status_code in (403, 405), (response.status_code, response.text[:300])
    assert b"%PDF" not in response.content
    assert b"ausschreibung-final</string>" not in response.content
    assert state(akten) == before


def test_the_zmi_of_the_site_itself_stays_for_the_manager(akten, request_factory):
    assert session(request_factory, "chef", accept=BROWSER).get("manage_main").status_code == 200


@pytest.mark.parametrize("user", ["chef", "sb11"])
def test_the_ui_and_rest_keep_working_on_the_same_records(akten, request_factory, user):
    """The doors that stay open: pages, downloads and REST (reads and writes)."""
    browser = session(request_factory, user, accept=BROWSER)
    assert browser.get(path(akten["akte"])).status_code == 200
    download = browser.get(f"{path(akten['final'])}/@@download/file")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    rest = request_factory(basic_auth=(user, PASSWORD))
    rest.headers["Accept"] = "application/json"
    assert rest.get(path(akten["akte"])).json()["title"] == "Stellenplan 2026"
    created = rest.post(path(akten["akte"]), json={"@type": "Vorgang", "title": "Per REST"})
    assert created.status_code == 201, created.text
    changed = rest.patch(path(akten["entwurf"]), json={"title": "Per REST geändert"})
    assert changed.status_code == 204
    assert rest.delete(created.json()["@id"]).status_code == 204
