"""Every Akte has a Federführung: the Amt that leads it.

An Akte created without one (through REST, an import, a script) gets the Amt that leads its
Aktenplaneinheit (the nearest unit up the plan whose field ``aemter`` names one).
"""

from Acquisition import aq_chain
from Acquisition import aq_inner


def leading_amt(container) -> str | None:
    for item in aq_chain(aq_inner(container)):
        aemter = getattr(item, "aemter", None)
        if aemter and getattr(item, "portal_type", None) == "Aktenplaneinheit":
            return aemter[0]
    return None


def default_federfuehrung(akte, event):
    """Subscriber (IObjectWillBeAddedEvent): before the Akte is numbered and protocolled."""
    if event.object is akte and not getattr(akte, "federfuehrung_amt", None) and event.newParent is not None:
        akte.federfuehrung_amt = leading_amt(event.newParent)
