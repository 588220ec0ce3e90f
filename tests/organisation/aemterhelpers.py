"""Helpers of the Ämter tests: a small Aktenplan and staff in the groups of an Amt."""

from plone import api


PASSWORD = "geheim-123-Passwort"


def add_unit(container, kennzeichen, title):
    return api.content.create(container=container, type="Aktenplaneinheit", title=title,
                              kennzeichen=kennzeichen, aufbewahrungsfrist="10", aussonderungsart="B")


def build_aktenplan(portal) -> dict:
    """09 Geoinformation / 09.01 Liegenschaftskataster and 16 Finanzwirtschaft / 16.01 Haushalt."""
    with api.env.adopt_roles(["Manager"]):
        aktenplan = portal["aktenplan"]
        geo = add_unit(aktenplan, "09", "Räumliche Planung und Geoinformation")
        kataster = add_unit(geo, "09.01", "Liegenschaftskataster")
        finanzen = add_unit(aktenplan, "16", "Allgemeine Finanzwirtschaft")
        haushalt = add_unit(finanzen, "16.01", "Haushalt")
    return {"09": geo, "09.01": kataster, "16": finanzen, "16.01": haushalt}


def add_staff(username, *groups):
    """A user who is a member of the given groups (and has no global role)."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email=f"{username}@stadt.example", username=username, password=PASSWORD)
        for group in groups:
            api.group.add_user(groupname=group, username=username)
    return username


def unit(kennzeichen):
    """The Aktenplaneinheit with this Kennzeichen (fresh from the database)."""
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(portal_type="Aktenplaneinheit", kennzeichen=kennzeichen)[0]._unrestrictedGetObject()


def forget_cached_roles(obj):
    """borg.localrole caches local-role checks on the request; a test that changes grants and
    checks again within one request must forget them (a real request starts afresh)."""
    from Acquisition import aq_get
    from zope.annotation.interfaces import IAnnotations

    annotations = IAnnotations(aq_get(obj, "REQUEST"))
    for key in [k for k in annotations if "checkLocalRolesAllowed" in str(k)]:
        del annotations[key]
