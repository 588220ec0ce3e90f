"""GET @aktenplan-export?format=csv|xlsx: the Aktenplan as a file to download.

An unknown format is an ``InvalidInput``: 400 ``{"type", "message"}`` by the e-Akte's error view.
"""

from eakte.aktenplan.importexport import export_file
from eakte.services import ReadService


class AktenplanExport(ReadService):
    def render(self):
        self.check_permission()
        data, filename, mimetype = export_file(self.context, self.query_param("format", "csv"))
        response = self.request.response
        response.setHeader("Content-Type", mimetype)
        response.setHeader("Content-Length", str(len(data)))
        response.setHeader("Content-Disposition", f'attachment; filename="{filename}"')
        return data
