"""Posteingang: the central digital inbox, with one inbox (Postfach) per Amt.

Only the containers exist so far; registering Eingänge is a later feature. The Postfach of an
Amt is created by its onboarding (``eakte.organisation.onboard_amt``), which also grants the
Amt's groups their roles there.
"""

from plone.dexterity.utils import createContentInContainer


POSTEINGANG_ID = "posteingang"


def ensure_posteingang(portal):
    """The one Posteingang of the site."""
    if POSTEINGANG_ID not in portal.objectIds():
        createContentInContainer(
            portal, "Posteingang", id=POSTEINGANG_ID, title="Posteingang", checkConstraints=False
        )
    return portal[POSTEINGANG_ID]


def postfach_id(nummer: str) -> str:
    return f"amt-{nummer}"


def get_postfach(portal, nummer: str):
    """The Postfach of an Amt, or None."""
    posteingang = portal.get(POSTEINGANG_ID) if POSTEINGANG_ID in portal.objectIds() else None
    if posteingang is None:
        return None
    return posteingang.get(postfach_id(nummer)) if postfach_id(nummer) in posteingang.objectIds() else None


def ensure_postfach(portal, nummer: str, title: str):
    """(Postfach, changed): the Postfach of the Amt, created if missing, its title kept current."""
    posteingang = ensure_posteingang(portal)
    postfach = get_postfach(portal, nummer)
    if postfach is None:
        postfach = createContentInContainer(
            posteingang, "Postfach", id=postfach_id(nummer), title=title, amt=nummer, aktiv=True,
            checkConstraints=False,
        )
        return postfach, True
    if postfach.title != title or postfach.amt != nummer:
        postfach.title = title
        postfach.amt = nummer
        postfach.reindexObject()
        return postfach, True
    return postfach, False


def set_aktiv(postfach, aktiv: bool) -> bool:
    """Mark the Postfach active or inactive; returns True if it changed."""
    if bool(getattr(postfach, "aktiv", True)) == aktiv:
        return False
    postfach.aktiv = aktiv
    postfach.reindexObject()
    return True
