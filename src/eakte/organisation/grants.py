"""Ämter: the roles their groups hold as local roles with the cause ``amt:<nummer>`` on the
Aktenplaneinheiten they lead (field ``aemter``) and on their Postfach."""

from eakte import security
from eakte.organisation.model import Amt
from eakte.organisation.model import INACTIVE_GROUPS
from eakte.organisation.model import list_aemter
from eakte.organisation.model import ROLE_GROUPS
from eakte.organisation.model import UNIT_GROUPS
from eakte.organisation.model import POSTFACH_GROUPS
from plone import api
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent


def _sync_grants(obj, amt: Amt, keys) -> bool:
    """The roles of the Amt's groups on obj, cause ``amt:<nummer>``: the groups in ``keys`` have
    their role (an inactive Amt only its Lesen group), the others have nothing for this cause."""
    why = security.cause(security.AMT, amt.nummer)
    wanted = [key for key in keys if amt.aktiv or key in INACTIVE_GROUPS]
    changed = False
    for key, role in ROLE_GROUPS:
        principal = amt.role_group_id(key)
        if key in wanted:
            changed |= security.grant(obj, principal, [role], why)
        else:
            changed |= security.revoke(obj, principal, why)
    return changed


def sync_unit(unit, portal=None) -> bool:
    """Align the ``amt:<nr>`` grants on an Aktenplaneinheit with its field ``aemter``: the Ämter
    listed there lead it (their groups get their roles), the Ämter not listed lose theirs."""
    led = set(getattr(unit, "aemter", None) or [])
    changed = False
    for amt in list_aemter(portal):
        changed |= _sync_grants(unit, amt, UNIT_GROUPS if amt.nummer in led else ())
    return changed


def unit_saved(unit, event):
    """Subscriber: whoever sets the field ``aemter`` (edit form, REST, import) changes the grants."""
    from zope.container.interfaces import IContainerModifiedEvent

    if event.object is not unit or IContainerModifiedEvent.providedBy(event):
        return
    sync_unit(unit)


def led_units(nummer: str) -> list:
    """The Aktenplaneinheiten whose field ``aemter`` names the Amt, ordered by Kennzeichen."""
    return units_by_amt().get(str(nummer), [])


def units_by_amt() -> dict:
    """{Amt number: [Aktenplaneinheiten it leads]} of the whole Aktenplan."""
    catalog = api.portal.get_tool("portal_catalog")
    result = {}
    for brain in catalog.unrestrictedSearchResults(portal_type="Aktenplaneinheit"):
        unit = brain._unrestrictedGetObject()
        for nummer in getattr(unit, "aemter", None) or []:
            result.setdefault(nummer, []).append(unit)
    for units in result.values():
        units.sort(key=lambda u: [int(p) if p.isdigit() else 0 for p in (u.kennzeichen or "").split(".")])
    return result


def _lead(unit, amt: Amt) -> bool:
    """Add the Amt to the unit's ``aemter`` (if missing) and grant its roles there."""
    changed = False
    aemter = list(getattr(unit, "aemter", None) or [])
    if amt.nummer not in aemter:
        unit.aemter = aemter + [amt.nummer]
        from eakte.aktenplan.content import IAktenplaneinheit

        notify(ObjectModifiedEvent(unit, Attributes(IAktenplaneinheit, "aemter")))
        changed = True
    changed |= sync_unit(unit)
    return changed


def _sync_postfach(amt: Amt, portal) -> bool:
    from eakte import posteingang

    postfach, changed = posteingang.ensure_postfach(portal, amt.nummer, amt.title)
    changed |= posteingang.set_aktiv(postfach, amt.aktiv)
    changed |= _sync_grants(postfach, amt, POSTFACH_GROUPS)
    return changed
