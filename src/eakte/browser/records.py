"""Views of the records: Aktenplan tree, Akte and Vorgang listings, Dokument with versions."""

from datetime import datetime
from eakte import _
from eakte import aktenzeichen
from eakte import lifecycle
from eakte.browser.lifecycle import transition_options
from eakte.dokument import checkout
from eakte.dokument import versions
from eakte.dokument.download import VersionDownload  # noqa: F401 (registered as @@dokument-version)
from eakte.exceptions import EakteError
from eakte.security import beteiligung
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zExceptions import NotFound
from zope.component import getUtility
from zope.i18n import translate
from zope.schema.interfaces import IVocabularyFactory


def state_title(obj, request):
    title = lifecycle.state_title(obj)
    return translate(title, context=request) if title else ""


def format_date(value):
    return value.strftime("%d.%m.%Y") if value else ""


class RecordMixin:
    def state(self):
        return state_title(self.context, self.request)

    def transitions(self):
        return transition_options(self.context, self.request)

    def format_date(self, value):
        return format_date(value)

    def term(self, vocabulary, value):
        """The translated title of a code (e.g. Vertraulichkeitsstufe 005 -> vertraulich)."""
        if not value:
            return ""
        factory = getUtility(IVocabularyFactory, name=vocabulary)
        try:
            title = factory(self.context).getTerm(value).title
        except LookupError:
            return value
        return translate(title, context=self.request)


class BeteiligungMixin:
    def beteiligungen(self):
        if self.context.portal_type != "Akte":
            return None
        items = beteiligung.beteiligungen(self.context)
        for item in items:
            item["amt_title"] = self.term("eakte.Aemter", item["amt"])
        return items

    def may_grant(self):
        from eakte.security.confidential import is_confidential

        return (self.context.portal_type == "Akte" and not is_confidential(self.context)
                and api.user.has_permission(beteiligung.PERMISSION, obj=self.context))

    def aemter(self):
        from eakte.organisation import list_aemter

        involved = {item["amt"] for item in beteiligung.beteiligungen(self.context)}
        lead = getattr(self.context, "federfuehrung_amt", None)
        return [a for a in list_aemter() if getattr(a, "aktiv", True) and a.nummer not in involved and a.nummer != lead]


class ContainerView(RecordMixin, BeteiligungMixin, BrowserView):
    """Akte or Vorgang: metadata, lifecycle buttons, and the Vorgänge and Dokumente inside."""

    def rows(self):
        rows = []
        for obj in self.context.objectValues():
            if obj.portal_type not in ("Vorgang", "Dokument"):
                continue
            if not api.user.has_permission("View", obj=obj):
                continue
            rows.append(
                {
                    "url": obj.absolute_url(),
                    "type": obj.portal_type,
                    "aktenzeichen": obj.aktenzeichen,
                    "title": obj.Title(),
                    "state": state_title(obj, self.request),
                    "created": obj.created().strftime("%d.%m.%Y"),
                    "modified": obj.modified().strftime("%d.%m.%Y %H:%M"),
                    "checked_out_by": checkout.checked_out_by(obj) if obj.portal_type == "Dokument" else "",
                }
            )
        return sorted(rows, key=lambda r: (r["type"] != "Vorgang", r["aktenzeichen"] or ""))

    def retention(self):
        if self.context.portal_type != "Akte":
            return None
        years = lifecycle.retention_years(self.context)
        return {
            "years": years,
            "aussonderungsart": lifecycle.aussonderungsart(self.context),
            "until": format_date(self.context.aufbewahrung_bis),
        }


class BeteiligungView(BrowserView):
    """POST target of the Beteiligung form on the Akte view."""

    def __call__(self):
        CheckAuthenticator(self.request)
        form = self.request.form
        messages = IStatusMessage(self.request)
        try:
            if form.get("action") == "beenden":
                beteiligung.revoke_beteiligung(self.context, form.get("amt", ""))
                message = _("msg_beteiligung_beendet", default="Die Beteiligung von Amt ${amt} ist beendet.",
                            mapping={"amt": form.get("amt", "")})
            else:
                beteiligung.grant_beteiligung(self.context, form.get("amt", ""), form.get("stufe", ""))
                message = _("msg_beteiligung", default="Amt ${amt} ist beteiligt (${stufe}).",
                            mapping={"amt": form.get("amt", ""), "stufe": form.get("stufe", "")})
            messages.add(translate(message, context=self.request), type="info")
        except EakteError as error:
            messages.add(error.translated(self.request), type="error")
        self.request.response.redirect(self.context.absolute_url())
        return ""


class DokumentView(RecordMixin, BrowserView):
    def checkout(self):
        return checkout.checkout_info(self.context)

    def may_modify(self):
        return api.user.has_permission("Modify portal content", obj=self.context)

    def may_force(self):
        return api.user.has_permission("eakte: Force checkin", obj=self.context)

    def versions(self):
        items = versions.versions(self.context)
        for item in items:
            item["date"] = datetime.fromtimestamp(item["timestamp"]).strftime("%d.%m.%Y %H:%M")
            item["url"] = f"{self.context.absolute_url()}/@@dokument-version/{item['version']}"
        return list(reversed(items))

    def size(self):
        size = self.context.file.getSize() if self.context.file else 0
        if size < 1024:
            return f"{size} Bytes"
        return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class DokumentActionView(BrowserView):
    """POST target of the Dokument buttons: checkout, checkin, cancel, force checkin, verify."""

    ACTIONS = {
        "checkout": (checkout.checkout, _("msg_checked_out", default="Das Dokument ist jetzt für Sie ausgecheckt.")),
        "checkin": (None, _("msg_checked_in", default="Das Dokument ist eingecheckt.")),
        "cancel": (checkout.cancel_checkout, _("msg_checkout_cancelled", default="Das Auschecken ist aufgehoben.")),
        "force": (checkout.force_checkin, _("msg_force_checkin", default="Das Dokument wurde zwangsweise eingecheckt.")),
    }

    def __call__(self):
        CheckAuthenticator(self.request)
        messages = IStatusMessage(self.request)
        action = self.request.form.get("action")
        try:
            if action == "verify":
                result = versions.verify(self.context)
                message = (
                    _("msg_verify_ok", default="Alle ${n} Prüfsummen stimmen.", mapping={"n": result["checked"]})
                    if result["ok"] else
                    _("msg_verify_failed", default="Prüfsummen stimmen nicht: ${versions}.",
                      mapping={"versions": ", ".join(str(m["version"]) for m in result["mismatches"])})
                )
                messages.add(translate(message, context=self.request), type="info" if result["ok"] else "error")
            elif action in self.ACTIONS:
                function, message = self.ACTIONS[action]
                if action == "force" and not api.user.has_permission("eakte: Force checkin", obj=self.context):
                    raise NotFound()
                if action == "checkin":
                    upload = self.request.form.get("file")
                    new_file = None
                    if upload and getattr(upload, "filename", None):
                        from plone.namedfile.file import NamedBlobFile

                        new_file = NamedBlobFile(data=upload.read(), filename=upload.filename)
                    checkout.checkin(self.context, file=new_file, comment=self.request.form.get("comment", ""))
                else:
                    function(self.context)
                messages.add(translate(message, context=self.request), type="info")
        except EakteError as error:
            messages.add(error.translated(self.request), type="error")
        self.request.response.redirect(self.context.absolute_url())
        return ""


class AktenplanView(RecordMixin, BrowserView):
    """The Aktenplan (or a unit) as a navigable tree, with the number of Akten per unit."""

    def tree(self):
        catalog = api.portal.get_tool("portal_catalog")
        root = "/".join(self.context.getPhysicalPath())
        units = catalog(portal_type="Aktenplaneinheit", path=root, sort_on="kennzeichen")
        akten = catalog(portal_type="Akte", path=root)
        counts, open_counts = {}, {}
        for brain in akten:
            parent = brain.getPath().rsplit("/", 1)[0]
            counts[parent] = counts.get(parent, 0) + 1
            if brain.review_state == "in_bearbeitung":
                open_counts[parent] = open_counts.get(parent, 0) + 1
        nodes = {}
        top = []
        for brain in sorted(units, key=lambda b: [int(p) for p in (b.kennzeichen or "0").split(".")]):
            path = brain.getPath()
            node = {
                "kennzeichen": brain.kennzeichen,
                "title": brain.Title,
                "url": brain.getURL(),
                "inactive": brain.review_state == "inaktiv",
                "akten": counts.get(path, 0),
                "offen": open_counts.get(path, 0),
                "children": [],
            }
            nodes[path] = node
            parent = nodes.get(path.rsplit("/", 1)[0])
            (parent["children"] if parent else top).append(node)
        self._total(top)
        return top

    def _total(self, nodes):
        for node in nodes:
            self._total(node["children"])
            node["total"] = node["akten"] + sum(child["total"] for child in node["children"])

    def akten(self):
        """The Akten of a unit (for a unit's view)."""
        rows = []
        for brain in api.content.find(context=self.context, portal_type="Akte", depth=1, sort_on="aktenzeichen"):
            title = lifecycle.STATE_TITLES.get(brain.review_state, brain.review_state)
            rows.append({"url": brain.getURL(), "aktenzeichen": brain.aktenzeichen, "title": brain.Title,
                         "state": translate(title, context=self.request)})
        return rows

    def may_add_akte(self):
        return self.context.portal_type == "Aktenplaneinheit" and api.user.has_permission(
            "eakte: Add Akte", obj=self.context
        )


class AktenzeichenSearch(BrowserView):
    """Find a record by its Aktenzeichen: an exact hit opens it, otherwise a list by prefix."""

    def query(self):
        return (self.request.form.get("q") or "").strip()

    def results(self):
        query = self.query()
        if not query:
            return []
        return [
            {"url": b.getURL(), "aktenzeichen": b.aktenzeichen, "title": b.Title, "type": b.portal_type,
             "state": b.review_state}
            for b in aktenzeichen.find(query, prefix=True)
        ]

    def __call__(self):
        query = self.query()
        if query and not self.request.form.get("list"):
            exact = aktenzeichen.find(query)
            if len(exact) == 1:
                self.request.response.redirect(exact[0].getURL())
                return ""
        return self.index()
