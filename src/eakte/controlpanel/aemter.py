"""@@eakte-aemter-controlpanel: the Ämter of the administration, onboarding, renaming, deactivating.

The view calls the domain services of ``eakte.organisation`` (the same as REST and the command
``scripts/onboard_amt.py``); a refused action is shown as the German message of the service and
changes nothing (the transaction is doomed by the ``EakteError``).
"""

from eakte import _
from eakte import organisation
from eakte.exceptions import EakteError
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate


class AemterControlPanel(BrowserView):
    template = ViewPageTemplateFile("aemter.pt")

    ACTIONS = ("onboard", "rename", "deactivate", "reactivate")

    def __call__(self):
        self.message = None
        self.failed_action = None
        form = self.request.form
        action = next((name for name in self.ACTIONS if form.get(f"form.{name}")), None)
        if self.request.method == "POST" and action:
            CheckAuthenticator(self.request)
            try:
                message = getattr(self, action)(form)
            except EakteError as error:  # nothing was changed: the transaction is doomed
                self.message = error.translated(self.request)
                self.failed_action = action
            else:
                IStatusMessage(self.request).add(translate(message, context=self.request), type="info")
                self.request.response.redirect(self.url())
                return ""
        return self.template()

    def url(self) -> str:
        return f"{self.context.absolute_url()}/@@eakte-aemter-controlpanel"

    # actions ----------------------------------------------------------------------------------

    def onboard(self, form):
        existed = organisation.get_amt((form.get("nummer") or "").strip()) is not None
        amt = organisation.onboard_amt(form.get("nummer"), form.get("name"), form.get("kurzname"),
                                       form.get("kennzeichen") or ())
        if existed:
            return _("msg_amt_unveraendert", default="Das Amt ${title} ist bereits angelegt; fehlende Teile wurden ergänzt.",
                     mapping={"title": amt.title})
        return _("msg_amt_angelegt", default="Das Amt ${title} wurde angelegt: Gruppen, Postfach und Rechte sind eingerichtet.",
                 mapping={"title": amt.title})

    def rename(self, form):
        amt = organisation.rename_amt(form.get("nummer"), form.get("name"), form.get("kurzname"))
        return _("msg_amt_umbenannt", default="Das Amt heißt jetzt ${title} (${kurzname}).",
                 mapping={"title": amt.title, "kurzname": amt.kurzname})

    def deactivate(self, form):
        amt = organisation.deactivate_amt(form.get("nummer"))
        return _("msg_amt_deaktiviert",
                 default="Das Amt ${title} ist deaktiviert. Seine Akten, Gruppen und sein Postfach bleiben erhalten; "
                         "nur die Gruppe Lesen behält ihre Rechte.",
                 mapping={"title": amt.title})

    def reactivate(self, form):
        amt = organisation.reactivate_amt(form.get("nummer"))
        return _("msg_amt_reaktiviert", default="Das Amt ${title} ist wieder aktiv.", mapping={"title": amt.title})

    # data -------------------------------------------------------------------------------------

    def aemter(self) -> list[dict]:
        units = organisation.units_by_amt()
        portal_url = self.context.absolute_url()
        rows = []
        for amt in organisation.list_aemter(self.context):
            data = organisation.describe(amt, portal=self.context, units=units.get(amt.nummer, []))
            for group in data["gruppen"]:
                group["url"] = f"{portal_url}/@@usergroup-groupmembership?groupname={group['id']}"
            rows.append(data)
        return rows

    def value(self, name, action):
        """Keep what was typed when the action failed."""
        return self.request.form.get(name, "") if self.failed_action == action else ""
