"""An Aktenplaneinheit holds either Aktenplaneinheiten or Akten, never both."""

from eakte import _
from eakte.exceptions import PreconditionFailed
from plone.base.interfaces.constrains import ENABLED
from plone.base.interfaces.constrains import ISelectableConstrainTypes
from zope.container.interfaces import IContainerModifiedEvent
from zope.interface import implementer


UNIT, AKTE = "Aktenplaneinheit", "Akte"


def holds(unit) -> str | None:
    """UNIT or AKTE: what the unit already holds (None if empty)."""
    for child in unit.objectValues():
        if child.portal_type in (UNIT, AKTE):
            return child.portal_type
    return None


def allowed_kinds(unit) -> tuple:
    kind = holds(unit)
    return (kind,) if kind else (UNIT, AKTE)


def check_may_hold(unit, portal_type: str, exclude=None) -> None:
    for child in unit.objectValues():
        if child is exclude or child.portal_type not in (UNIT, AKTE):
            continue
        if child.portal_type != portal_type:
            if portal_type == AKTE:
                message = _("error_unit_has_units", default="Die Aktenplaneinheit ${kz} ist weiter untergliedert; Akten gehören in ihre Untereinheiten.",
                            mapping={"kz": unit.kennzeichen})
            else:
                message = _("error_unit_has_akten", default="Die Aktenplaneinheit ${kz} enthält bereits Akten und kann nicht weiter untergliedert werden.",
                            mapping={"kz": unit.kennzeichen})
            raise PreconditionFailed(message)
        return


@implementer(ISelectableConstrainTypes)
class AktenplaneinheitConstraints:
    """Plone's add menu and REST @types ask this adapter what may be added."""

    def __init__(self, context):
        self.context = context

    def getConstrainTypesMode(self):
        return ENABLED

    def _filter(self, types):
        kinds = allowed_kinds(self.context)
        return [t for t in types if t.getId() in kinds]

    def allowedContentTypes(self, context=None):
        from plone import api

        types_tool = api.portal.get_tool("portal_types")
        return self._filter(
            [fti for fti in types_tool.listTypeInfo(self.context)
             if fti.getId() in (UNIT, AKTE) and fti.isConstructionAllowed(self.context)]
        )

    def getLocallyAllowedTypes(self, context=None):
        return list(allowed_kinds(self.context))

    def getImmediatelyAddableTypes(self, context=None):
        return self.getLocallyAllowedTypes()

    def canSetConstrainTypes(self):
        return False

    def getDefaultAddableTypes(self, context=None):
        return self.allowedContentTypes()


def check_unique_kennzeichen(unit) -> None:
    """A Kennzeichen names one Aktenplaneinheit only."""
    from plone import api

    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=UNIT, kennzeichen=unit.kennzeichen):
        if brain.UID != unit.UID():
            raise PreconditionFailed(
                _("error_kennzeichen_taken", default="Das Kennzeichen ${kz} ist schon vergeben (${title}).",
                  mapping={"kz": unit.kennzeichen, "title": brain.Title})
            )


def unit_saved(obj, event):
    if event.object is obj and not IContainerModifiedEvent.providedBy(event):
        check_unique_kennzeichen(obj)


def unit_child_added(obj, event):
    """Every channel (UI, REST, import) obeys the rule, not just the add menu."""
    if event.object is not obj:
        return
    parent = event.newParent
    if getattr(parent, "portal_type", None) == UNIT:
        check_may_hold(parent, obj.portal_type, exclude=obj)
