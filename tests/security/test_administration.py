"""Administration without self-promotion: the role Administration manages users, the Ämter's
group memberships and onboarding, and cannot give itself or anybody else access to records,
on any channel (Python, plone.restapi, Classic UI control panels, PAS's own methods)."""

from eakte.administration import NotPermitted
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from zope.component.hooks import setSite

import pytest
import transaction


PASSWORD = "geheim-123-Passwort"
NEW_PASSWORD = "anderes-456-Passwort"
RECORD_ROLES = ["Manager", "Site Administrator", "Archiv", "Registratur", "Administration",
                "Sachbearbeitung", "Amtsleitung", "Lesen", "Poststelle"]


def _user(username, roles=(), groups=()):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email=f"{username}@stadt.example", username=username, password=PASSWORD)
        if roles:
            api.user.grant_roles(username=username, roles=list(roles))
        for group in groups:
            api.group.add_user(groupname=group, username=username)


def _staff():
    _user("verwaltung", roles=["Administration"])
    _user("kollegin", roles=["Administration"])
    _user("archiv", roles=["Archiv"])
    _user("sb-62", groups=["amt-62-sachbearbeitung"])
    _user("neu")


def roles_of(username):
    return set(api.user.get_roles(username=username)) - {"Authenticated", "Member"}


def groups_of(username):
    return {g.getId() for g in api.group.get_groups(username=username)} - {"AuthenticatedUsers"}


def password_ok(portal, username, password):
    return portal.acl_users.authenticate(username, password, portal.REQUEST) is not None


# Python channel (what every other channel calls) ---------------------------------------------


@pytest.fixture()
def verwaltung(portal):
    _staff()
    login(portal, "verwaltung")
    yield portal
    logout()


@pytest.mark.parametrize("role", [role for role in RECORD_ROLES if role != "Administration"])
def test_administration_cannot_give_itself_a_global_role(verwaltung, role):
    with pytest.raises(NotPermitted):
        api.user.grant_roles(username="verwaltung", roles=[role])
    assert roles_of("verwaltung") == {"Administration"}


@pytest.mark.parametrize("role", RECORD_ROLES)
def test_administration_cannot_give_another_account_a_global_role(verwaltung, role):
    with pytest.raises(NotPermitted):
        api.user.grant_roles(username="neu", roles=[role])
    assert roles_of("neu") == set()


def test_administration_cannot_give_a_group_a_global_role(verwaltung):
    with pytest.raises(NotPermitted):
        api.group.grant_roles(groupname="amt-62-lesen", roles=["Archiv"])


def test_administration_cannot_take_a_global_role_away(verwaltung):
    with pytest.raises(NotPermitted):
        api.user.revoke_roles(username="archiv", roles=["Archiv"])
    assert roles_of("archiv") == {"Archiv"}


@pytest.mark.parametrize("group", ["amt-62-sachbearbeitung", "amt-11-amtsleitung", "amt-20-lesen", "amt-62"])
def test_administration_cannot_make_itself_member_of_an_amt_group(verwaltung, group):
    with pytest.raises(NotPermitted):
        api.group.add_user(groupname=group, username="verwaltung")
    assert groups_of("verwaltung") == set()


@pytest.mark.parametrize("group", ["Site Administrators", "Administrators", "Reviewers"])
def test_administration_cannot_add_anybody_to_a_group_with_global_roles(verwaltung, group):
    with pytest.raises(NotPermitted):
        api.group.add_user(groupname=group, username="neu")
    with pytest.raises(NotPermitted):
        api.group.add_user(groupname=group, username="verwaltung")
    assert groups_of("neu") == set()


def test_administration_cannot_put_a_colleague_or_the_archiv_into_an_amt_group(verwaltung):
    for username in ("kollegin", "archiv"):
        with pytest.raises(NotPermitted):
            api.group.add_user(groupname="amt-62-lesen", username=username)
        assert groups_of(username) == set()


def test_administration_cannot_nest_groups_to_smuggle_rights(verwaltung):
    groups_tool = api.portal.get_tool("portal_groups")
    with pytest.raises(NotPermitted):
        groups_tool.addPrincipalToGroup("amt-11-sachbearbeitung", "amt-62-sachbearbeitung")
    with pytest.raises(NotPermitted):
        groups_tool.addPrincipalToGroup("amt-11-sachbearbeitung", "amt-62")
    with api.env.adopt_roles(["Manager"]):
        api.group.create(groupname="projekt")
    with pytest.raises(NotPermitted):
        api.group.add_user(groupname="projekt", username="neu")


def test_administration_onboards_staff_into_the_groups_of_an_amt(verwaltung):
    api.group.add_user(groupname="amt-62-sachbearbeitung", username="neu")
    api.group.add_user(groupname="amt-62-lesen", username="sb-62")
    api.group.remove_user(groupname="amt-62-sachbearbeitung", username="sb-62")
    assert groups_of("neu") >= {"amt-62-sachbearbeitung"}
    assert "amt-62-sachbearbeitung" not in groups_of("sb-62")


def test_an_account_whose_password_the_administration_set_joins_an_amt_only_after_its_own_password(verwaltung):
    api.user.create(email="neuling@stadt.example", username="neuling", password=PASSWORD)
    with pytest.raises(NotPermitted):
        api.group.add_user(groupname="amt-62-sachbearbeitung", username="neuling")
    logout()
    login(verwaltung, "neuling")
    api.portal.get_tool("acl_users").userSetPassword("neuling", NEW_PASSWORD)
    logout()
    login(verwaltung, "verwaltung")
    api.group.add_user(groupname="amt-62-sachbearbeitung", username="neuling")
    assert "amt-62-sachbearbeitung" in groups_of("neuling")


def test_administration_onboards_a_new_amt(verwaltung):
    from eakte import organisation

    amt = organisation.onboard_amt("32", "Ordnungsamt", "OA")
    members = api.portal.get_tool("portal_groups").getGroupMembers(amt.group_id)
    assert set(members) == set(amt.role_group_ids.values())


def test_administration_sets_the_password_of_a_new_account_without_rights(verwaltung):
    api.portal.get_tool("acl_users").userSetPassword("neu", NEW_PASSWORD)
    assert password_ok(verwaltung, "neu", NEW_PASSWORD)


@pytest.mark.parametrize("username", ["sb-62", "archiv", SITE_OWNER_NAME])
def test_administration_cannot_set_the_password_of_an_account_with_more_rights(verwaltung, username):
    if username == SITE_OWNER_NAME:
        _user("technik", roles=["Manager"])
        username = "technik"
    with pytest.raises(NotPermitted):
        api.portal.get_tool("acl_users").userSetPassword(username, NEW_PASSWORD)
    assert password_ok(verwaltung, username, PASSWORD)


def test_administration_cannot_change_the_email_of_an_account_with_more_rights(verwaltung):
    member = api.user.get(username="sb-62")
    with pytest.raises(NotPermitted):
        member.setMemberProperties({"email": "verwaltung@stadt.example"})
    api.user.get(username="neu").setMemberProperties({"email": "neu@neu.example"})


def test_administration_cannot_delete_an_account_with_more_rights(verwaltung):
    acl_users = api.portal.get_tool("acl_users")
    for username in ("sb-62", "archiv", "kollegin"):
        if username == "kollegin":
            acl_users.userFolderDelUsers([username])  # the same rights: allowed
            continue
        with pytest.raises(NotPermitted):
            acl_users.userFolderDelUsers([username])
        assert api.user.get(username=username) is not None
    assert api.user.get(username="kollegin") is None


def test_administration_cannot_delete_the_groups_of_an_amt_or_with_roles(verwaltung):
    for group in ("amt-62-sachbearbeitung", "Site Administrators"):
        with pytest.raises(NotPermitted):
            api.group.delete(groupname=group)
        assert api.group.get(groupname=group) is not None


def test_everybody_changes_their_own_password_and_email(portal):
    _staff()
    login(portal, "sb-62")
    try:
        api.portal.get_tool("acl_users").userSetPassword("sb-62", NEW_PASSWORD)
        api.user.get(username="sb-62").setMemberProperties({"email": "sb@stadt.example"})
    finally:
        logout()
    assert password_ok(portal, "sb-62", NEW_PASSWORD)


def test_a_manager_still_grants_roles_and_memberships(portal):
    _staff()
    login(portal, "verwaltung")
    logout()
    with api.env.adopt_roles(["Manager"]):
        api.user.grant_roles(username="neu", roles=["Registratur"])
        api.group.add_user(groupname="Site Administrators", username="neu")
    assert "Registratur" in roles_of("neu")


# plone.restapi, Classic UI and PAS over HTTP ---------------------------------------------------


@pytest.fixture()
def site(functional_portal):
    setSite(functional_portal)
    _staff()
    transaction.commit()
    return functional_portal


@pytest.fixture()
def admin_http(request_factory, site):
    client = request_factory(basic_auth=("verwaltung", PASSWORD))
    client.headers["Accept-Language"] = "de"
    client.headers["Accept"] = "application/json"
    return client


def fresh():
    transaction.begin()


@pytest.mark.parametrize("role", ["Site Administrator", "Archiv", "Registratur", "Administration", "Sachbearbeitung"])
def test_rest_users_patch_gives_no_global_role(admin_http, role):
    for username in ("verwaltung", "neu") if role != "Administration" else ("neu",):
        response = admin_http.patch(f"@users/{username}", json={"roles": {role: True}})
        assert response.status_code == 403, response.text
        assert response.json()["type"] == "NotPermitted"
    fresh()
    assert "Archiv" not in roles_of("neu") and roles_of("verwaltung") == {"Administration"}


def test_rest_users_post_creates_no_account_with_a_global_role(admin_http):
    response = admin_http.post("@users", json={"username": "maulwurf", "email": "m@stadt.example",
                                                "password": PASSWORD, "roles": ["Registratur"]})
    assert response.status_code in (401, 403), response.text
    fresh()
    assert api.user.get(username="maulwurf") is None


def test_rest_users_post_creates_a_plain_account(admin_http):
    response = admin_http.post("@users", json={"username": "neuling", "email": "n@stadt.example",
                                                "password": PASSWORD})
    assert response.status_code == 201, response.text


def test_rest_groups_patch_adds_no_self_and_no_group_with_roles(admin_http):
    response = admin_http.patch("@groups/amt-62-sachbearbeitung", json={"users": {"verwaltung": True}})
    assert response.status_code == 403, response.text
    response = admin_http.patch("@groups/Site Administrators", json={"users": {"neu": True}})
    assert response.status_code == 403, response.text
    response = admin_http.patch("@groups/amt-62-lesen", json={"roles": ["Archiv"]})
    assert response.status_code == 403, response.text
    fresh()
    assert groups_of("verwaltung") == set() and groups_of("neu") == set()


def test_rest_groups_patch_onboards_staff(admin_http):
    response = admin_http.patch("@groups/amt-62-sachbearbeitung", json={"users": {"neu": True}})
    assert response.status_code == 204, response.text
    fresh()
    assert "amt-62-sachbearbeitung" in groups_of("neu")


def test_rest_onboarding_of_a_new_person_needs_their_own_password_first(admin_http, request_factory):
    response = admin_http.post("@users", json={"username": "neuling", "email": "n@stadt.example",
                                                "password": PASSWORD})
    assert response.status_code == 201, response.text
    response = admin_http.patch("@groups/amt-62-sachbearbeitung", json={"users": {"neuling": True}})
    assert response.status_code == 403, response.text
    assert "Passwort" in response.json()["message"]

    person = request_factory(basic_auth=("neuling", PASSWORD))
    person.headers["Accept"] = "application/json"
    response = person.post("@users/neuling/reset-password", json={"old_password": PASSWORD,
                                                                   "new_password": NEW_PASSWORD})
    assert response.status_code == 200, response.text
    response = admin_http.patch("@groups/amt-62-sachbearbeitung", json={"users": {"neuling": True}})
    assert response.status_code == 204, response.text
    fresh()
    assert "amt-62-sachbearbeitung" in groups_of("neuling")


def test_rest_groups_delete_keeps_the_groups_of_an_amt(admin_http):
    assert admin_http.delete("@groups/amt-62-lesen").status_code == 403
    assert admin_http.delete("@groups/Site Administrators").status_code == 403


def test_rest_password_email_and_delete_of_staff_are_refused(admin_http, site):
    assert admin_http.patch("@users/sb-62", json={"password": NEW_PASSWORD}).status_code == 403
    assert admin_http.patch("@users/sb-62", json={"email": "x@boese.example"}).status_code == 403
    assert admin_http.delete("@users/sb-62").status_code == 403
    assert admin_http.delete("@users/archiv").status_code == 403
    fresh()
    assert password_ok(site, "sb-62", PASSWORD)
    assert api.user.get(username="sb-62").getProperty("email") == "sb-62@stadt.example"


def test_rest_password_of_a_fresh_account_is_set(admin_http, site):
    assert admin_http.patch("@users/neu", json={"password": NEW_PASSWORD}).status_code == 204
    fresh()
    assert password_ok(site, "neu", NEW_PASSWORD)


def _token(portal, username):
    from plone.protect.authenticator import createToken

    login(portal, username)
    try:
        return createToken()
    finally:
        logout()


@pytest.fixture()
def admin_ui(request_factory, site):
    client = request_factory(basic_auth=("verwaltung", PASSWORD))
    client.headers["Accept-Language"] = "de"
    client.headers["Accept"] = "text/html"
    return client


def test_ui_user_membership_adds_no_amt_group_to_itself(admin_ui, site):
    token = _token(site, "verwaltung")
    response = admin_ui.post("@@usergroup-usermembership", data={
        "userid": "verwaltung", "add:list": ["amt-62-sachbearbeitung"], "form.submitted": "1", "_authenticator": token})
    assert response.status_code == 403, response.text[:3000]
    fresh()
    assert groups_of("verwaltung") == set()


def test_ui_group_membership_adds_nobody_to_site_administrators(admin_ui, site):
    token = _token(site, "verwaltung")
    response = admin_ui.post("@@usergroup-groupmembership", data={
        "groupname": "Site Administrators", "add:list": ["verwaltung"], "form.submitted": "1", "_authenticator": token})
    assert response.status_code == 403
    fresh()
    assert groups_of("verwaltung") == set()


def test_ui_users_overview_gives_no_global_role(admin_ui, site):
    token = _token(site, "verwaltung")
    response = admin_ui.post("@@usergroup-userprefs", data={
        "users.id:records": "verwaltung", "users.roles:list:records": ["Administration", "Site Administrator"],
        "form.submitted": "1", "form.button.Modify": "Speichern", "_authenticator": token})
    assert response.status_code == 403
    fresh()
    assert roles_of("verwaltung") == {"Administration"}


def test_ui_groups_overview_gives_no_group_a_role(admin_ui, site):
    token = _token(site, "verwaltung")
    response = admin_ui.post("@@usergroup-groupprefs", data={
        "group_amt-62-lesen:list": ["Archiv"], "form.submitted": "1", "form.button.Modify": "Speichern",
        "_authenticator": token})
    assert response.status_code == 403
    fresh()
    assert "Archiv" not in api.group.get(groupname="amt-62-lesen").getRoles()


def test_ui_new_user_form_adds_no_new_account_to_site_administrators(admin_ui, site):
    token = _token(site, "verwaltung")
    response = admin_ui.post("@@new-user", data={
        "form.widgets.username": "maulwurf", "form.widgets.email": "m@stadt.example",
        "form.widgets.fullname": "Maulwurf", "form.widgets.password": PASSWORD,
        "form.widgets.password_ctl": PASSWORD, "form.widgets.groups:list": ["Site Administrators"],
        "form.widgets.groups-empty-marker": "1", "form.buttons.register": "Registrieren",
        "_authenticator": token})
    assert response.status_code == 403, response.text[:2000]
    fresh()
    assert api.user.get(username="maulwurf") is None


def test_ui_new_user_form_creates_staff_accounts(admin_ui, site):
    token = _token(site, "verwaltung")
    response = admin_ui.post("@@new-user", data={
        "form.widgets.username": "neuling", "form.widgets.email": "n@stadt.example",
        "form.widgets.fullname": "Neuling", "form.widgets.password": PASSWORD,
        "form.widgets.password_ctl": PASSWORD, "form.buttons.register": "Registrieren",
        "_authenticator": token})
    assert response.status_code == 200, response.text[:2000]
    fresh()
    assert api.user.get(username="neuling") is not None


def test_ui_user_information_changes_no_email_of_staff(admin_ui, site):
    token = _token(site, "verwaltung")
    response = admin_ui.post("@@user-information", data={
        "userid": "sb-62", "form.widgets.email": "verwaltung@boese.example",
        "form.widgets.fullname": "Sachbearbeitung", "form.buttons.save": "Speichern",
        "_authenticator": token})
    assert response.status_code == 403, response.text[:2000]
    fresh()
    assert api.user.get(username="sb-62").getProperty("email") == "sb-62@stadt.example"


def test_pas_manage_methods_add_no_membership(admin_ui, site):
    token = _token(site, "verwaltung")
    response = admin_ui.post("acl_users/source_groups/manage_addPrincipalsToGroup", data={
        "group_id": "Site Administrators", "principal_ids:list": ["verwaltung"], "_authenticator": token})
    assert response.status_code in (401, 403, 404)
    response = admin_ui.post("acl_users/portal_role_manager/manage_assignRoleToPrincipals", data={
        "role_id": "Manager", "principal_ids:list": ["verwaltung"], "_authenticator": token})
    assert response.status_code in (401, 403, 404)
    fresh()
    assert groups_of("verwaltung") == set() and roles_of("verwaltung") == {"Administration"}


def test_pas_manage_methods_obey_the_rules_for_a_site_administrator_too(request_factory, site):
    _user("technik", roles=["Site Administrator"])
    transaction.commit()
    client = request_factory(basic_auth=("technik", PASSWORD))
    client.headers["Accept"] = "text/html"
    token = _token(site, "technik")
    response = client.post("acl_users/source_groups/manage_addPrincipalsToGroup", data={
        "group_id": "amt-62-sachbearbeitung", "principal_ids:list": ["technik"], "_authenticator": token})
    assert response.status_code in (403, 404)
    response = client.post("acl_users/portal_role_manager/manage_assignRoleToPrincipals", data={
        "role_id": "Archiv", "principal_ids:list": ["technik"], "_authenticator": token})
    assert response.status_code in (403, 404)
    fresh()
    assert groups_of("technik") == set() and roles_of("technik") == {"Site Administrator"}


def test_pas_manage_methods_called_in_python_obey_the_rules(verwaltung):
    acl_users = api.portal.get_tool("acl_users")
    with pytest.raises(NotPermitted):
        acl_users.source_groups.manage_addPrincipalsToGroup("amt-62-sachbearbeitung", ["verwaltung"])
    with pytest.raises(NotPermitted):
        acl_users.portal_role_manager.manage_assignRoleToPrincipals("Archiv", ["verwaltung"], None)
    with pytest.raises(NotPermitted):
        acl_users.source_users.manage_updateUserPassword("sb-62", NEW_PASSWORD, NEW_PASSWORD)
    with pytest.raises(NotPermitted):
        acl_users.source_users.manage_removeUsers(["archiv"])
    assert groups_of("verwaltung") == set() and roles_of("verwaltung") == {"Administration"}
