"""@@aktenplan-import (form) and @@aktenplan-export (download) on the Aktenplan."""

from eakte import _
from eakte.aktenplan.importexport import COLUMNS
from eakte.aktenplan.importexport import export_file
from eakte.aktenplan.importexport import import_file
from eakte.exceptions import EakteError
from eakte.exceptions import InvalidInput
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate


class AktenplanImportView(BrowserView):
    """Upload a CSV/XLSX file; all lines are applied or, with a list of the wrong lines, none."""

    template = ViewPageTemplateFile("import.pt")
    columns = COLUMNS

    def __call__(self):
        self.message = None
        self.errors = []
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            if self.upload():
                return self.request.response.redirect(f"{self.context.absolute_url()}/@@aktenplan-import")
        return self.template()

    def upload(self) -> bool:
        upload = self.request.form.get("datei")
        filename = getattr(upload, "filename", None)
        try:
            if not filename:
                raise InvalidInput(_("error_import_no_upload", default="Bitte eine Datei auswählen."))
            report = import_file(self.context, upload.read(), filename)
        except EakteError as error:  # nothing was changed: the transaction is doomed
            self.message = error.translated(self.request)
            self.errors = getattr(error, "errors", None) or []
            return False
        message = _(
            "aktenplan_import_done",
            default="Der Aktenplan wurde importiert: ${created} neu angelegt, ${updated} geändert, ${unchanged} unverändert.",
            mapping={key: report[key] for key in ("created", "updated", "unchanged")},
        )
        IStatusMessage(self.request).add(translate(message, context=self.request), type="info")
        return True

    def export_url(self, format: str) -> str:
        return f"{self.context.absolute_url()}/@@aktenplan-export?format={format}"


class AktenplanExportView(BrowserView):
    """The Aktenplan as CSV (default) or XLSX file (an unknown format: the German error page)."""

    def __call__(self):
        data, filename, mimetype = export_file(self.context, self.request.form.get("format", "csv"))
        response = self.request.response
        response.setHeader("Content-Type", mimetype)
        response.setHeader("Content-Length", str(len(data)))
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        return data
