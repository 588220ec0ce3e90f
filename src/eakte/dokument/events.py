"""Events of a Dokument that other parts (e.g. the Protokoll) react to."""

from zope.interface import Attribute
from zope.interface import implementer
from zope.interface.interfaces import IObjectEvent
from zope.interface.interfaces import ObjectEvent


class ICheckoutEvent(IObjectEvent):
    """Checked out, checked in, checkout cancelled or forcibly released."""

    action = Attribute("checkout, checkin, cancel or force")
    holder = Attribute("the user id holding (or who held) the checkout")


@implementer(ICheckoutEvent)
class CheckoutEvent(ObjectEvent):
    def __init__(self, obj, action, holder):
        super().__init__(obj)
        self.action = action
        self.holder = holder


class INewVersionEvent(IObjectEvent):
    """A new file became a new version of the Dokument."""

    comment = Attribute("the version comment")
    sha256 = Attribute("the SHA-256 of the new file")


@implementer(INewVersionEvent)
class NewVersionEvent(ObjectEvent):
    def __init__(self, obj, comment, sha256):
        super().__init__(obj)
        self.comment = comment
        self.sha256 = sha256
