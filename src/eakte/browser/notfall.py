"""The emergency access form (Notfallzugriff) of the technical superuser."""

from eakte import _
from eakte.exceptions import EakteError
from eakte.security import notfall
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate


class NotfallzugriffView(BrowserView):
    """Ask for Aktenzeichen, reason and duration; grant, then open the Akte."""

    max_hours = notfall.MAX_HOURS
    default_hours = notfall.DEFAULT_HOURS

    def running(self):
        return notfall.mine()

    def __call__(self):
        form = self.request.form
        if self.request.method == "POST" and form.get("form.submitted"):
            CheckAuthenticator(self.request)
            messages = IStatusMessage(self.request)
            try:
                akte = notfall.find_akte(form.get("aktenzeichen"))
                granted = notfall.grant(akte, form.get("grund"), form.get("stunden"))
            except EakteError as error:
                messages.add(error.translated(self.request), type="error")
                return self.index()
            messages.add(translate(_("msg_notfall_granted",
                                     default="Notfallzugriff bis ${bis} (UTC) gewährt; die Amtsleitung wurde benachrichtigt.",
                                     mapping={"bis": granted["bis"]}), context=self.request), type="warning")
            self.request.response.redirect(granted["url"])
            return ""
        return self.index()
